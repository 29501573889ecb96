"""Packaging: the metadata and the folder mapping are in pyproject.toml; this file only lists the packages.

setuptools' ``packages.find`` cannot combine the packages found under ``src/`` with the top-level
data folders that ``[tool.setuptools.package-dir]`` maps to data sub-packages, so both are listed
here. Folders that hold only data (``lexicons/``, ``web/templates/``, ``data/gazetteer/``…) are
listed as namespace packages, as setuptools expects of every folder that ships files.
"""

from setuptools import find_namespace_packages, setup

#: The repository's top-level data folders, shipped as package data (see src/antq_kg/resources.py).
DATA_PACKAGES = ["antq_kg.ontology", "antq_kg.data", "antq_kg.data.gazetteer", "antq_kg.data.links", "antq_kg.queries"]

setup(packages=[*find_namespace_packages("src"), *DATA_PACKAGES])
