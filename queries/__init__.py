"""The competency queries (``*.rq``), each opening with its question in Vietnamese and English.

This folder is the data sub-package ``antq_kg.queries`` (``pyproject.toml`` maps it), so the query page
of an installed antq-kg lists them; find them with :func:`antq_kg.resources.queries_dir`.
"""
