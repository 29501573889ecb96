"""``python -m antq_kg`` runs the CLI."""

from .cli import main

main()
