"""Click options shared by several ``kg`` commands, defined once (as sqlite-utils'
``output_options``): where the last build is, which store, or which RDF file to read instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def build_dir_option(
    *, out_alias: bool = False, help: str = "Folder of the last build."
) -> Decorator:
    """``--build-dir DIR`` (default ``out``). Commands whose ``--out`` is not an output file
    (``kg query``, ``kg push``) also accept ``--out`` for it, as ``kg build --out`` names it."""
    names = ("--build-dir", "--out") if out_alias else ("--build-dir",)
    return click.option(
        *names,
        "build_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("out"),
        show_default=True,
        help=help,
    )


def out_dir_option(help: str) -> Decorator:
    """``--out DIR`` (default ``out``): where ``kg build`` and ``kg ingest`` write the graph."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(path_type=Path),
        default=Path("out"),
        show_default=True,
        help=help,
    )


def in_file_option(help: str = "Read this RDF file instead of the last build.") -> Decorator:
    return click.option(
        "--in",
        "in_file",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help=help,
    )


def store_option(help: str) -> Decorator:
    return click.option(
        "--store", "store_dir", type=click.Path(path_type=Path), default=None, help=help
    )


def seeds_option() -> Decorator:
    return click.option(
        "--seeds",
        "seeds_dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Folder with gazetteer/ and facts/ (default: ./seeds, else the packaged seeds).",
    )


def sources_option(help: str) -> Decorator:
    return click.option("--sources", multiple=True, type=click.Path(path_type=Path), help=help)
