"""The antq ontology (``antq.ttl``) and its SHACL shapes (``shapes.ttl``).

This folder is the data sub-package ``antq_kg.ontology`` (``pyproject.toml`` maps it), so the files
ship in the wheel; find them with :func:`antq_kg.resources.ontology_dir`.
"""
