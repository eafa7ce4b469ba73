"""edition: raw texts of scholarly articles to TEI P5 digital editions.

The stages (ingest, annotate, validate, render) are plain functions over lxml
trees; :mod:`edition.pipeline` runs them in order and :mod:`edition.cli` is a
thin Click layer over them.
"""

__version__ = "0.1.0"
