"""Every resource path of the package, resolved in one place.

In a checkout, ``ontology/``, ``queries/`` and ``seeds/`` sit at the top of the repository.
In an installed wheel they travel inside the package as ``kg/_data/<name>`` (pyproject's
hatch ``force-include``). Both layouts are found here; nothing else builds such paths.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent


def _resource(name: str) -> Path:
    for candidate in (PACKAGE_DIR / "_data" / name, _CHECKOUT / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"resource folder {name!r} not found in {PACKAGE_DIR / '_data'} or {_CHECKOUT}; "
        "reinstall the package"
    )


def ontology_dir() -> Path:
    return _resource("ontology")


def queries_dir() -> Path:
    return _resource("queries")


def seeds_dir() -> Path:
    return _resource("seeds")


def ontology_file() -> Path:
    return ontology_dir() / "sc.ttl"


def vocab_file() -> Path:
    return ontology_dir() / "vocab.ttl"


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def jsonld_context_file() -> Path:
    return ontology_dir() / "context.jsonld"


DEFAULT_OUT = Path("out")
