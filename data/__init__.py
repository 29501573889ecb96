"""The data antq-kg ships with: ``gazetteer/`` (administrative units) and ``links/`` (links to Wikidata).

This folder is the data sub-package ``antq_kg.data`` (``pyproject.toml`` maps it; ``articles/`` stays
in the repository); find the files with :func:`antq_kg.resources.gazetteer_dir` and
:func:`antq_kg.resources.links_dir`.
"""
