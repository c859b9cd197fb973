"""Click commands for push, synth (wired into kg.cli by register())."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli_options import build_dir_option, store_option


def _gsp_urls(endpoint: str, gsp: str | None, query_url: str | None) -> tuple[str, str]:
    base = endpoint.rstrip("/")
    return gsp or f"{base}/store", query_url or f"{base}/query"


def register(cli: click.Group) -> None:
    """Add this stage's commands to the ``kg`` group."""

    @cli.command()
    @click.option(
        "--endpoint",
        required=True,
        metavar="URL",
        help="Server base URL (Oxigraph: http://127.0.0.1:7878); see --gsp/--query-url.",
    )
    @click.option(
        "--gsp",
        default=None,
        metavar="URL",
        help="Graph Store Protocol URL (default: ENDPOINT/store, Oxigraph's).",
    )
    @click.option(
        "--query-url",
        default=None,
        metavar="URL",
        help="SPARQL query URL for the count check (default: ENDPOINT/query).",
    )
    @click.option(
        "--graph-per-source",
        is_flag=True,
        help="One named graph per source document (plus the gazetteer graph) instead of "
        "the union in the default graph.",
    )
    @store_option("Store to push (default: BUILD_DIR/store).")
    @build_dir_option(out_alias=True)
    def push(
        endpoint: str,
        gsp: str | None,
        query_url: str | None,
        graph_per_source: bool,
        store_dir: Path | None,
        build_dir: Path,
    ) -> None:
        """Push the store to a SPARQL server (Graph Store Protocol PUT: idempotent), then check
        the triple counts through its query endpoint.

        \b
        Example:
          kg push --endpoint http://127.0.0.1:7878 --graph-per-source
          kg push --endpoint http://localhost:3030/kg --gsp http://localhost:3030/kg/data \\
                  --query-url http://localhost:3030/kg/sparql
        """
        from kg import store
        from kg.endpoint import push as run_push

        gsp_url, q_url = _gsp_urls(endpoint, gsp, query_url)
        res = run_push(
            store.load(store_dir or build_dir / "store"),
            gsp_url,
            q_url,
            graph_per_source=graph_per_source,
        )
        for w in res.warnings:
            click.echo(f"[WARN] {w}", err=True)
        where = f"{len(res.graphs)} graph(s)" if graph_per_source else "the default graph"
        click.echo(
            f"Pushed {res.triples} triples to {where} at {gsp_url}; counts checked via {q_url}",
            err=True,
        )

    @cli.command()
    @click.option("--events", type=click.IntRange(min=1), required=True, help="Events to make.")
    @click.option("--seed", type=int, default=1, show_default=True, help="Random seed.")
    @click.option(
        "--out",
        "out_dir",
        type=click.Path(path_type=Path),
        required=True,
        help="Folder to write (gazetteer/, facts/, sources/).",
    )
    @click.option(
        "--max-file-events",
        type=click.IntRange(min=1),
        default=2000,
        show_default=True,
        help="Events per facts file.",
    )
    def synth(events: int, seed: int, out_dir: Path, max_file_events: int) -> None:
        """Write a synthetic corpus in the seed format (deterministic for a seed).

        \b
        Example:
          kg synth --events 10000 --seed 1 --out synth/
          kg build --seeds synth --sources synth/sources --out synth-out
        """
        from kg.synth import synthesise

        stats = synthesise(out_dir, events=events, seed=seed, per_file=max_file_events)
        click.echo(
            f"Wrote {stats.events} events, {stats.documents} documents in {stats.files} "
            f"facts file(s) -> {out_dir}",
            err=True,
        )
