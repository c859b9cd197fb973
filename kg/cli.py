"""The ``kg`` command: a thin click layer over the library (one call per command).

Exit codes: 0 success; 1 the graph does not conform (build, validate); 2 usage error (bad
option, unknown format); 3 bad input (unreadable or malformed YAML, RDF, text or query, unknown
query, parameter or event). Machine output goes to stdout; diagnostics to stderr as
``[ERROR] message`` / ``[WARN] message``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click

from kg import __version__
from kg.cli_options import (
    build_dir_option,
    in_file_option,
    out_dir_option,
    seeds_option,
    sources_option,
    store_option,
)
from kg.errors import KGError

EXIT_NONCONFORMING = 1
EXIT_BAD_INPUT = 3


class InputError(click.ClickException):
    """Bad input named by file/line: exit 3, one line on stderr, no traceback."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"[ERROR] {self.format_message()}", err=True)


def _warn(msg: str) -> None:
    click.echo(f"[WARN] {msg}", err=True)


class _Group(click.Group):
    """Turns the library's domain errors into InputError for every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as e:
            raise InputError(str(e)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """SecCoop KG: security-cooperation events as a validated RDF knowledge graph.

    \b
    Typical session:
      kg build --sources ../shared/seeds
      kg query participants --param event=Channel-2018
      kg validate out/kg.ttl
    """


def _stage_commands():  # type: ignore[no-untyped-def]
    from kg import cli_extract, cli_store, cli_viz

    return (cli_extract.register, cli_viz.register, cli_store.register)


def default_seeds() -> Path:
    from kg import paths

    local = Path("seeds")
    return local if (local / "facts").is_dir() else paths.seeds_dir()


@cli.command()
@seeds_option()
@sources_option(
    "Folder with the source texts; verifies hashes and adds evidence quotes. Repeatable."
)
@out_dir_option("Output folder.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (not recommended).")
@click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Store folder to replace (default: OUT/store); `kg query` answers from it.",
)
def build(
    seeds_dir: Path | None,
    sources: tuple[Path, ...],
    out_dir: Path,
    no_validate: bool,
    store_dir: Path | None,
) -> None:
    """Build the graph from the seeds, validate it, write out/kg.ttl and out/kg.trig and
    replace the store out/store (atomically; a second concurrent build fails at once).

    \b
    Example:
      kg build --sources ../shared/seeds --out out
    """
    from kg.pipeline import build as run_build

    res = run_build(
        seeds_dir or default_seeds(),
        sources,
        out_dir,
        validate=not no_validate,
        warn=_warn,
        store=store_dir,
    )
    fb = res.facts
    click.echo(
        f"Built {res.triples} triples: {len(fb.events)} events, "
        f"{len(fb.documents)} source documents, {len(fb.persons)} persons "
        f"-> {', '.join(str(p) for p in res.written)}",
        err=True,
    )
    if not res.conforms:
        assert res.report is not None
        click.echo(res.report.summary(), err=True)
        sys.exit(EXIT_NONCONFORMING)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the SHACL report graph (Turtle) here.",
)
@click.option(
    "--engine",
    type=click.Choice(["sparql", "pyshacl"]),
    default="sparql",
    show_default=True,
    help="sparql: shapes compiled to SPARQL on Oxigraph; pyshacl: the reference engine.",
)
def validate(file: Path, report_path: Path | None, engine: str) -> None:
    """Validate an RDF file against ontology/shapes.ttl and the SPARQL checks.

    Prints "No violations" and exits 0 when the data conforms; otherwise lists each violation
    as [shape-id] focus path: message and exits 1. The default engine runs the shapes compiled
    to SPARQL on an Oxigraph copy of the file (seconds at a million triples); `--engine
    pyshacl` runs pySHACL, the reference (same violations, tested; minutes at that size).
    """
    from kg.export import read_rdf
    from kg.validate import validate_graph, write_report

    if engine == "pyshacl":
        report = validate_graph(read_rdf(file))
    else:
        from kg.export import read_rdf_store
        from kg.pipeline import validate_on_store

        report = validate_on_store(read_rdf_store(file), lambda: read_rdf(file))
    if report_path is not None:
        write_report(report, report_path)
    click.echo(report.summary())
    if not report.conforms:
        sys.exit(EXIT_NONCONFORMING)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            raise click.BadParameter(f"expected NAME=VALUE, got {v!r}", param_hint="--param")
        k, _, val = v.partition("=")
        out[k.strip()] = val
    return out


@cli.command()
@click.argument("name")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter (see `kg queries`). Repeatable.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="Output format (csv/tsv/json: W3C SPARQL results).",
)
@in_file_option("Query this RDF file instead of the last build's store.")
@click.option(
    "--endpoint",
    default=None,
    metavar="URL",
    help="Query a SPARQL 1.1 endpoint instead (e.g. http://127.0.0.1:7878/query).",
)
@store_option("Store folder to answer from (default: BUILD_DIR/store, else BUILD_DIR/kg.ttl).")
@build_dir_option(out_alias=True)
def query(
    name: str,
    params: tuple[str, ...],
    fmt: str,
    in_file: Path | None,
    endpoint: str | None,
    store_dir: Path | None,
    build_dir: Path,
) -> None:
    """Run a named query (or a .rq file) with parameters bound, never spliced into the text.

    \b
    Example:
      kg query participants --param event=Channel-2018
      kg query member-states-at -p organisation=CSTO -p date=2018-05-28 -f csv
      kg query participants -p event=Channel-2018 --endpoint http://127.0.0.1:7878/query
    """
    from kg.query import find_query, open_backend, run_named
    from kg.results import format_results

    q = find_query(name)
    backend = open_backend(build_dir, in_file, endpoint=endpoint, store=store_dir)
    res = run_named(backend, q, _parse_params(params))
    click.echo(format_results(res, fmt), nl=False)


@cli.command("queries")
def list_queries_cmd() -> None:
    """List the named queries with their parameters."""
    from kg.query import list_queries

    for q in list_queries():
        click.echo(f"{q.name}: {q.summary}")
        for p in q.params.values():
            req = "required" if p.required else "optional"
            click.echo(f"    --param {p.name}=...  ({p.kind}, {req}) {p.doc}")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--doc", "doc_id", required=True, help="Document id the span belongs to.")
@click.option("--find", "phrase", default=None, help="Phrase whose span to cite.")
@click.option("--until", default=None, help="Extend the span to the end of this phrase.")
@click.option(
    "--occurrence",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Which occurrence of the phrase.",
)
@click.option(
    "--start", type=click.IntRange(min=0), default=None, help="Start offset instead of --find."
)
@click.option(
    "--end", type=click.IntRange(min=1), default=None, help="End offset instead of --find."
)
def cite(
    file: Path,
    doc_id: str,
    phrase: str | None,
    until: str | None,
    occurrence: int,
    start: int | None,
    end: int | None,
) -> None:
    """Print the evidence record (offsets + SHA-256) for a span of a source text, as YAML.

    \b
    Example:
      kg cite ../shared/seeds/000_fd7d431f9a6f9fda.txt --doc unodc-2018-06-02-channel \\
         --find "416 kg of hashish"
    """
    import yaml

    from kg.cite import CiteError, locate, read_source, span_record

    text = read_source(file)
    if phrase is not None:
        start, end = locate(text, phrase, until=until, occurrence=occurrence)
    elif start is None or end is None:
        raise CiteError("give --find PHRASE, or both --start and --end")
    rec = span_record(text, doc_id, start, end)
    click.echo(yaml.safe_dump(rec, sort_keys=False, default_flow_style=True).strip())


# Commands of other stages live beside their library modules' click layer and are wired in
# here (linkml's add_command pattern), so this file stays the one entry point.
for _register in _stage_commands():
    _register(cli)


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
