"""`pip install .` works outside the checkout: ontology/, queries/ and seeds/ travel in the wheel
and kg.paths finds them there."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        pytest.fail(f"pip wheel failed: {r.stderr[-2000:]}")
    (whl,) = dist.glob("*.whl")
    return whl


@pytest.mark.slow
def test_wheel_carries_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "kg/_data/ontology/sc.ttl",
        "kg/_data/ontology/shapes.ttl",
        "kg/_data/ontology/vocab.ttl",
        "kg/_data/queries/participants.rq",
        "kg/_data/queries/checks/subevent-cycle-violation.rq",
        "kg/_data/seeds/gazetteer/organisations.yaml",
        "kg/_data/seeds/facts/seed-000.yaml",
        "kg/cli.py",
        "kg/paths.py",
    ):
        assert required in names, required
    assert not any(n.startswith(("tests/", "kg/_data/tests")) for n in names)


@pytest.mark.slow
def test_installed_package_runs_outside_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    code = (
        "import kg, kg.paths as p, sys;"
        "assert kg.__file__.startswith(sys.argv[1]), kg.__file__;"
        "print(p.ontology_dir()); from kg.cli import main; sys.argv=['kg','build','--out','o'];"
        "main()"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(site)], cwd=work, env=env, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(str(site / "kg" / "_data" / "ontology"))
    assert (work / "o" / "kg.ttl").is_file()
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "query",
            "participants",
            "-p",
            "event=Channel-2018",
            "--out",
            "o",
            "-f",
            "csv",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert len([ln for ln in r.stdout.splitlines() if ln.startswith("state,")]) == 10
