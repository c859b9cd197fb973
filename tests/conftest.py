"""Shared fixtures: the seed graph built once per session, paths to the shared seed texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg import paths
from kg.pipeline import BuildResult, build

REPO = Path(__file__).resolve().parents[1]
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
SEED_TEXT = SHARED_SEEDS / "000_fd7d431f9a6f9fda.txt"
# What the seed text says about Channel-2018 (its final stage, 28 May - 1 June 2018)
CHANNEL_2018_STATES = frozenset(
    {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "AFG", "IRN", "PAK", "CHN"}
)
CSTO_MEMBERS_2018 = frozenset({"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite golden files (tests/cases/*/expected.ttl) from current output.",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def shared_sources() -> list[Path]:
    """The shared seed texts folder, or [] when it is absent (evidence then has no quotes)."""
    return [SHARED_SEEDS] if SEED_TEXT.is_file() else []


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory: pytest.TempPathFactory, shared_sources: list[Path]) -> Path:
    """out/ folder of a build of the shipped seeds (with quotes when the texts are present)."""
    out = tmp_path_factory.mktemp("seed-out")
    res = build(paths.seeds_dir(), shared_sources, out)
    assert res.conforms, res.report.summary() if res.report else ""
    return out


@pytest.fixture(scope="session")
def seed_build(seed_out: Path, shared_sources: list[Path]) -> BuildResult:
    """The seed build result (in memory), matching the files in ``seed_out``."""
    return build(paths.seeds_dir(), shared_sources, None)


@pytest.fixture(scope="session")
def build_dir(seed_out: Path) -> Path:
    """The seed build's folder, as the viz/network/export tests call it; read only."""
    return seed_out


@pytest.fixture(scope="session")
def backend(seed_out: Path) -> Any:
    """The seed graph through the rdflib backend (kg.ttl), for network and viz tests."""
    from kg.query import open_backend

    return open_backend(seed_out, seed_out / "kg.ttl")


def needs_seed_text() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not SEED_TEXT.is_file(), reason=f"{SEED_TEXT} not present")
