"""Click commands for viz, network, export (wired into kg.cli by register()).

Each command parses options, calls one library function (kg.network, kg.viz,
kg.viz_timeline, kg.export) and prints a one-line summary on stderr. Domain errors
(unknown organisation, empty selection) are KGError subclasses, which kg.cli turns into
``[ERROR] message`` and exit 3; an unknown output extension or format is a usage error
(exit 2) naming the valid choices.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.cli_options import build_dir_option, in_file_option

_VIEW_CHOICES = ("bipartite", "coparticipation")
_NETWORK_EXTS = (".html", ".png", ".svg", ".gexf", ".graphml", ".dot")
_TIMELINE_EXTS = (".html", ".png", ".svg")
_EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "csv")


def _progress(msg: str) -> None:
    click.echo(f"[kg] {msg}…", err=True)


def _filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The selection options shared by viz network, viz timeline and network stats."""
    opts = [
        click.option(
            "--org",
            "org",
            default=None,
            metavar="CODE",
            help="Only events of this organisation (CSTO, SCO, CIS ...: it or one of its bodies "
            "takes part, or in an event they are part of); also the member flags' organisation.",
        ),
        click.option(
            "--type",
            "types",
            multiple=True,
            metavar="TYPE",
            help="Only events of this type: Exercise, Operation (stages included), "
            "OperationStage, Training, Meeting, Agreement, Other. Repeatable.",
        ),
        click.option(
            "--from", "year_from", type=int, default=None, help="Only events begun in or after."
        ),
        click.option(
            "--to", "year_to", type=int, default=None, help="Only events begun in or before."
        ),
        click.option(
            "--role",
            "roles",
            multiple=True,
            metavar="ROLE",
            help="Only participations in this role (participant, observer, organiser, "
            "coordinator, host, lead, supporter). Repeatable.",
        ),
        click.option(
            "--min-shared",
            type=click.IntRange(min=1),
            default=1,
            show_default=True,
            help="Co-participation: keep pairs that shared at least N events; bipartite: keep "
            "actors in at least N events.",
        ),
        in_file_option(),
        build_dir_option(help="Folder of the last build (its store or kg.ttl is read)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _make_filter(kw: dict[str, Any]) -> Any:
    from kg.network import NetworkFilter

    return NetworkFilter(
        organisation=kw["org"],
        event_types=tuple(kw["types"]),
        year_from=kw["year_from"],
        year_to=kw["year_to"],
        roles=tuple(kw["roles"]),
        min_shared=kw["min_shared"],
    )


def _backend(kw: dict[str, Any]) -> Any:
    from kg.query import open_backend

    return open_backend(kw["build_dir"], kw["in_file"])


def _check_ext(out: Path, allowed: tuple[str, ...]) -> None:
    ext = out.suffix.lower()
    if ext not in allowed:
        raise click.BadParameter(
            f"unknown output format {ext or '(no extension)'!r} for {out} "
            f"(choose from {', '.join(allowed)})",
            param_hint="--out",
        )


def register(cli: click.Group) -> None:
    """Add this stage's commands to the ``kg`` group."""

    @cli.group()
    def viz() -> None:
        """Draw the participant network or the timeline (HTML offline, PNG, SVG, GEXF ...)."""

    @viz.command("network")
    @click.option(
        "--out",
        "out",
        type=click.Path(path_type=Path, dir_okay=False),
        required=True,
        help="Output file; its extension picks the format: " + ", ".join(_NETWORK_EXTS) + ".",
    )
    @click.option(
        "--view",
        type=click.Choice(_VIEW_CHOICES),
        default="bipartite",
        show_default=True,
        help="bipartite: events and actors, edges by role; coparticipation: actors joined by "
        "the number of events they shared.",
    )
    @click.option("--title", default="", help="Title of the drawing (default: view and filters).")
    @click.option("--seed", type=int, default=42, show_default=True, help="Layout seed.")
    @_filter_options
    def viz_network(out: Path, view: str, title: str, seed: int, **kw: Any) -> None:
        """Draw the participant network, built from SPARQL over the graph.

        \b
        Example:
          kg viz network --out participants.html
          kg viz network --org CSTO --type Exercise --from 2018 --to 2024 --out csto.png
          kg viz network --view coparticipation --out net.gexf
        """
        from kg.network import build_network
        from kg.viz import write_network

        _check_ext(out, _NETWORK_EXTS)
        _progress("querying the graph")
        g = build_network(_backend(kw), view, _make_filter(kw))
        write_network(g, out, title=title, seed=seed, progress=_progress)
        click.echo(
            f"Wrote {out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges ({view})",
            err=True,
        )

    @viz.command("timeline")
    @click.option(
        "--out",
        "out",
        type=click.Path(path_type=Path, dir_okay=False),
        required=True,
        help="Output file: .html (interactive, offline), .png or .svg.",
    )
    @click.option("--title", default="", help="Title (default: filters and event count).")
    @_filter_options
    def viz_timeline(out: Path, title: str, **kw: Any) -> None:
        """Draw events on a time axis, one row per series, coloured by type.

        \b
        Example:
          kg viz timeline --out timeline.html
          kg viz timeline --org CSTO --from 2018 --out csto-timeline.png
        """
        from kg.viz_timeline import write_timeline

        _check_ext(out, _TIMELINE_EXTS)
        tl = write_timeline(_backend(kw), out, _make_filter(kw), title=title, progress=_progress)
        click.echo(
            f"Wrote {out}: {tl['count']} events in {len(tl['rows'])} rows"
            + (f" ({len(tl['undated'])} undated not shown)" if tl["undated"] else ""),
            err=True,
        )

    @cli.group()
    def network() -> None:
        """Statistics of the participant network."""

    @network.command("stats")
    @click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(["table", "csv", "json"]),
        default="table",
        show_default=True,
        help="Output format.",
    )
    @_filter_options
    def network_stats(fmt: str, **kw: Any) -> None:
        """Degree, weighted degree, betweenness and community of each actor (co-participation
        network of the selection), best connected first.

        \b
        Example:
          kg network stats
          kg network stats --org CSTO --format csv > centrality.csv
        """
        from kg.network import actor_statistics, build_network, format_statistics

        g = build_network(_backend(kw), "coparticipation", _make_filter(kw))
        click.echo(format_statistics(actor_statistics(g), fmt), nl=False)

    @cli.command("export")
    @click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(_EXPORT_FORMATS),
        required=True,
        help="turtle, ntriples, nquads, trig (one named graph per source document), jsonld "
        "(context from ontology/context.jsonld, embedded) or csv (tidy tables).",
    )
    @click.option(
        "--out",
        "out",
        type=click.Path(path_type=Path),
        default=None,
        help="Output file (default: stdout); for csv a folder, one file per table.",
    )
    @in_file_option("Export this RDF file instead of the last build.")
    @build_dir_option(help="Folder of the last build (kg.trig, else kg.ttl).")
    def export_cmd(fmt: str, out: Path | None, in_file: Path | None, build_dir: Path) -> None:
        """Export the graph in a standard format, deterministically and atomically.

        \b
        Example:
          kg export --format trig --out kg.trig
          kg export --format jsonld > kg.jsonld
          kg export --format csv --out tables/
        """
        from kg.export import write_export

        if fmt == "csv" and out is None:
            raise click.UsageError("csv writes one file per table: give --out FOLDER")
        made = write_export(fmt, out, out_dir=build_dir, in_file=in_file)
        if out is None:
            click.echo(made[fmt], nl=False)
            return
        size = sum(len(b) for b in made.values())
        what = ", ".join(sorted(made)) if fmt == "csv" else fmt
        click.echo(f"Wrote {out}: {what} ({size} bytes)", err=True)
