"""Click commands for extract, ingest, evaluate (wired into kg.cli by register()).

Exit codes (as for every kg command): 0 success (an empty text gives an empty result);
1 the rebuilt graph does not conform (ingest); 2 usage error; 3 bad input (missing, binary or
non-UTF-8 file, unreadable gold), printed as one ``[ERROR] file:line: problem`` line.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from kg.cli_options import out_dir_option, seeds_option, sources_option


def _published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"expected YYYY-MM-DD, got {value!r}", param_hint="--published"
        ) from None


def register(cli: click.Group) -> None:
    """Add this stage's commands to the ``kg`` group."""

    @cli.command("extract")
    @click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
    @click.option(
        "--published",
        default=None,
        metavar="YYYY-MM-DD",
        help="Date that anchors relative dates of items without a dd.mm.yyyy line.",
    )
    @click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(["yaml", "json"]),
        default="yaml",
        show_default=True,
        help="yaml: curated-facts format (offsets + SHA-256); json: records with quotes.",
    )
    def extract_cmd(file: Path, published: str | None, fmt: str) -> None:
        """Extract events, actors, dates, places and seizures from a news text (to stdout).

        \b
        Example:
          kg extract news.txt --published 2025-05-27 > facts.yaml
          kg extract feed.txt --format json
        """
        from kg.extract import extract_text, read_text_file

        text = read_text_file(str(file))
        ex = extract_text(text, published=_published(published), source_name=file.stem)
        if fmt == "json":
            click.echo(json.dumps(ex.to_json(), indent=1, ensure_ascii=False))
        else:
            from kg.ingest import facts_yaml

            click.echo(facts_yaml(ex, file.name), nl=False)
        if not ex.events:
            click.echo(f"[WARN] {file}: no events found", err=True)

    @cli.command("ingest")
    @click.argument(
        "files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False)
    )
    @seeds_option()
    @sources_option("Folder with the curated seeds' source texts. Repeatable.")
    @out_dir_option("Output folder (facts go to OUT/ingested/).")
    def ingest_cmd(
        files: tuple[Path, ...], seeds_dir: Path | None, sources: tuple[Path, ...], out_dir: Path
    ) -> None:
        """Extract news texts and merge their facts into the graph (rebuilds OUT/kg.ttl).

        Each text's facts are stored under OUT/ingested/<sha256-prefix>.yaml; re-ingesting the
        same text changes nothing. The same event from two texts becomes one event with both
        sources.

        \b
        Example:
          kg ingest news/*.txt --sources ../shared/seeds
        """
        from kg.cli import EXIT_NONCONFORMING, _warn, default_seeds
        from kg.ingest import ingest

        seeds = seeds_dir or default_seeds()
        show = len(files) > 1
        with (
            click.progressbar(length=len(files), label="Extracting", file=sys.stderr, show_pos=True)
            if show
            else _Null() as bar
        ):
            res = ingest(
                files,
                seeds,
                out_dir,
                sources=sources,
                progress=lambda _f: bar.update(1),
                warn=_warn,
            )
        b = res.build
        click.echo(
            f"Ingested {len(res.added)} new, {len(res.unchanged)} unchanged; graph: "
            f"{len(b.facts.events)} events, {len(b.facts.documents)} documents, "
            f"{b.triples} triples -> {', '.join(str(p) for p in b.written)}",
            err=True,
        )
        if not b.conforms:
            click.echo(b.report.summary(), err=True)
            sys.exit(EXIT_NONCONFORMING)

    @cli.command("evaluate")
    @click.argument("gold_dir", type=click.Path(path_type=Path, file_okay=False))
    @click.argument("text_dir", type=click.Path(path_type=Path, file_okay=False))
    @click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(["table", "json"]),
        default="table",
        show_default=True,
        help="Output format.",
    )
    def evaluate_cmd(gold_dir: Path, text_dir: Path, fmt: str) -> None:
        """Score the extractor on gold facts: P/R/F1 (events, states, organisations,
        seizures) and accuracy (roles, types, dates, places, qualifiers).

        GOLD_DIR holds NNN.json gold files; TEXT_DIR the matching NNN.txt texts.

        \b
        Example:
          kg evaluate tests/devset/dev tests/devset/dev
          kg evaluate tests/devset/seed ../shared/seeds --format json
        """
        from kg.evaluate import evaluate, format_scores

        sc = evaluate(gold_dir, text_dir)
        for e in sc.errors:
            click.echo(f"[WARN] {e}", err=True)
        click.echo(format_scores(sc, fmt), nl=False)


class _Null:
    def __enter__(self) -> _Null:
        return self

    def __exit__(self, *a: object) -> None:
        return None

    def update(self, n: int) -> None:
        return None
