"""The remote path against a real ``oxigraph serve`` on 127.0.0.1: queries over the SPARQL
Protocol, pushes over the Graph Store Protocol, and the errors a user meets (unreachable,
refused, truncated results from a tiny local server)."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import store as kgstore
from kg.cli import cli
from kg.endpoint import EndpointBackend, EndpointError, push
from kg.query import find_query, open_backend, run_named

REPO = Path(__file__).resolve().parents[1]
OXIGRAPH = REPO / ".venv" / "bin" / "oxigraph"
HEADLINE = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "AFG", "IRN", "PAK", "CHN"}

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _oxigraph_bin() -> str | None:
    if OXIGRAPH.is_file():
        return str(OXIGRAPH)
    return shutil.which("oxigraph")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a fresh ``oxigraph serve`` bound to loopback; killed at teardown."""
    exe = _oxigraph_bin()
    if exe is None:
        pytest.skip("the oxigraph server (PyPI package 'oxigraph') is not installed")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                err = proc.stderr.read().decode() if proc.stderr else ""
                pytest.fail(f"oxigraph serve did not start: {err[:500]}")
            time.sleep(0.1)
    try:
        yield base
    finally:
        proc.kill()
        proc.wait(timeout=10)


def _states(res) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(r["actor"]) for r in res.rows if str(r["kind"]) == "state"}


def _clear(base: str) -> None:
    req = urllib.request.Request(
        f"{base}/update",
        data=b"CLEAR ALL",
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    urllib.request.urlopen(req, timeout=10).close()


def test_push_then_query_equals_the_local_answer(oxigraph: str, seed_out: Path) -> None:
    _clear(oxigraph)
    st = kgstore.load(seed_out / "store")
    res = push(st, f"{oxigraph}/store", f"{oxigraph}/query")
    assert res.graphs == {"": res.triples} and res.counted[""] == res.triples
    q = find_query("participants")
    remote = run_named(EndpointBackend(f"{oxigraph}/query"), q, {"event": "Channel-2018"})
    local = run_named(open_backend(seed_out), q, {"event": "Channel-2018"})
    assert _states(remote) == HEADLINE
    assert remote.vars == local.vars
    assert sorted(map(str, (r["actor"] for r in remote.rows))) == sorted(
        map(str, (r["actor"] for r in local.rows))
    )


def test_cli_query_endpoint(oxigraph: str, seed_out: Path) -> None:
    _clear(oxigraph)
    push(kgstore.load(seed_out / "store"), f"{oxigraph}/store", f"{oxigraph}/query")
    args = ["query", "participants", "-p", "event=Channel-2018", "-f", "csv"]
    remote = CliRunner().invoke(cli, [*args, "--endpoint", f"{oxigraph}/query"])
    local = CliRunner().invoke(cli, [*args, "--out", str(seed_out)])
    assert remote.exit_code == 0, remote.output
    assert {
        ln.split(",")[1] for ln in remote.output.splitlines()[1:] if ln.startswith("state")
    } == (HEADLINE)
    assert len(remote.output.splitlines()) == len(local.output.splitlines())


def test_push_is_idempotent(oxigraph: str, seed_out: Path) -> None:
    _clear(oxigraph)
    st = kgstore.load(seed_out / "store")
    first = push(st, f"{oxigraph}/store", f"{oxigraph}/query")
    second = push(st, f"{oxigraph}/store", f"{oxigraph}/query")
    assert first.counted == second.counted == {"": first.triples}


def test_push_graph_per_source(oxigraph: str, seed_out: Path) -> None:
    _clear(oxigraph)
    st = kgstore.load(seed_out / "store")
    r = CliRunner().invoke(
        cli,
        ["push", "--endpoint", oxigraph, "--graph-per-source", "--out", str(seed_out)],
    )
    assert r.exit_code == 0, r.output
    res = push(st, f"{oxigraph}/store", f"{oxigraph}/query", graph_per_source=True)
    assert len(res.graphs) == len(list(st.named_graphs())) >= 7
    assert any(g.endswith("/graph/unodc-2018-06-02-channel") for g in res.graphs)
    assert res.counted == res.graphs  # twice pushed, each graph holds what was sent once
    assert sum(res.graphs.values()) == len(st)
    # the server's union default graph answers the headline query too
    q = find_query("participants")
    union = EndpointBackend(f"{oxigraph}/query?union-default-graph")
    assert _states(run_named(union, q, {"event": "Channel-2018"})) == HEADLINE


def test_blank_nodes_are_skolemised(oxigraph: str) -> None:
    import pyoxigraph as ox

    _clear(oxigraph)
    st = ox.Store()
    st.add(
        ox.Quad(ox.BlankNode("b1"), ox.NamedNode("urn:p"), ox.Literal("x"), ox.NamedNode("urn:g"))
    )
    push(st, f"{oxigraph}/store", f"{oxigraph}/query", graph_per_source=True)
    rows = EndpointBackend(f"{oxigraph}/query").select(
        "SELECT ?s WHERE { GRAPH <urn:g> { ?s <urn:p> ?o } }"
    )
    assert [str(r["s"]) for r in rows] == ["https://w3id.org/seccoop/.well-known/genid/b1"]


def test_unreachable_server_is_a_clear_error(seed_out: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/query"  # nothing listens there
    with pytest.raises(EndpointError, match="cannot reach the server"):
        EndpointBackend(url).select("SELECT * WHERE { ?s ?p ?o }")
    r = CliRunner().invoke(cli, ["query", "participants", "-p", "event=x", "--endpoint", url])
    assert r.exit_code == 3 and "cannot reach the server" in r.output
    r = CliRunner().invoke(
        cli, ["push", "--endpoint", url.rsplit("/", 1)[0], "--out", str(seed_out)]
    )
    assert r.exit_code == 3 and "cannot reach the server" in r.output


def test_refusal_is_a_clear_error(oxigraph: str) -> None:
    with pytest.raises(EndpointError, match="HTTP 4"):
        EndpointBackend(f"{oxigraph}/query").select("SELECT * WHERE { ?s ?p }")
    with pytest.raises(EndpointError, match="HTTP 404"):
        EndpointBackend(f"{oxigraph}/nowhere").select("SELECT * WHERE { ?s ?p ?o }")


class _Truncating(http.server.BaseHTTPRequestHandler):
    """Answers 200 with SPARQL JSON cut off mid-way, as servers do at their query timeout."""

    body = (
        b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"urn:a"}},{"s":'
    )

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def truncating_server() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Truncating)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}/query"
    finally:
        srv.shutdown()
        srv.server_close()


def test_truncated_json_is_detected(truncating_server: str) -> None:
    with pytest.raises(EndpointError, match="truncated or invalid JSON"):
        EndpointBackend(truncating_server).select("SELECT ?s WHERE { ?s ?p ?o }")
    r = CliRunner().invoke(
        cli,
        ["query", "participants", "-p", "event=Channel-2018", "--endpoint", truncating_server],
    )
    assert r.exit_code == 3 and "truncated" in r.output
