"""SecCoop KG: security-cooperation events as a validated RDF knowledge graph.

The library API a notebook imports; the ``kg`` command is a thin layer over it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("seccoop-kg")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0.0.0"

__all__ = ["__version__"]
