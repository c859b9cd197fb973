"""The HTML pages in a real browser: Debian's headless Chromium driven over the DevTools
protocol (websocket-client). Each page is opened from disk (file://); the test records every
request the page makes (Network.requestWillBeSent) and fails on any that is not file: or
data:, waits for the page's own marker (window.__kg), compares the nodes drawn with the
graph's nodes, hovers a node to check the tooltip, and takes a screenshot that must be a
non-blank PNG. Skips, with the reason, only when no Chromium binary can be found."""

from __future__ import annotations

import base64
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from kg import paths
from kg.network import build_network
from kg.pipeline import build
from kg.query import open_backend
from kg.viz import write_network
from kg.viz_timeline import write_timeline

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
    "--window-size=1400,900",
]


def find_chromium() -> str | None:
    for name in (
        os.environ.get("KG_CHROMIUM", ""),
        "/usr/bin/chromium",
        "chromium",
        "chromium-browser",
        "google-chrome",
    ):
        if name and (path := shutil.which(name)):
            return path
    return None


class Browser:
    """A headless Chromium and one page, driven over the DevTools protocol (flat sessions)."""

    def __init__(self, binary: str, timeout: float = 30.0):
        import websocket  # websocket-client (dev dependency)

        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="kg-chromium-")
        self.proc = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        url = None
        deadline = time.monotonic() + timeout
        assert self.proc.stderr is not None
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                break
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                url = m.group(1)
                break
        if url is None:
            self.close()
            raise RuntimeError("Chromium did not print its DevTools address")
        # keep reading Chromium's log so a full pipe can never block it
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()
        self.ws = websocket.create_connection(url, timeout=timeout, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Network", "Runtime"):
            self.send(f"{domain}.enable", session=True)

    def send(self, method: str, params: dict | None = None, *, session: bool = False) -> dict:
        msg_id = next(self.ids)
        msg: dict[str, Any] = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)
        raise TimeoutError(method)

    def evaluate(self, expr: str) -> Any:
        res = self.send(
            "Runtime.evaluate", {"expression": expr, "returnByValue": True}, session=True
        )
        return res.get("result", {}).get("value")

    def open(self, path: Path) -> dict[str, Any]:
        """Navigate to ``path`` and wait for window.__kg; returns it with the load time."""
        self.events.clear()
        t0 = time.monotonic()
        self.send("Page.navigate", {"url": path.resolve().as_uri()}, session=True)
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            kg = self.evaluate(
                "window.__kg ? JSON.stringify(Object.assign({}, window.__kg, {locate: null})) "
                ": null"
            )
            if kg:
                out = json.loads(kg)
                out["wallMs"] = (time.monotonic() - t0) * 1000
                return out
            time.sleep(0.05)
        raise TimeoutError(f"{path}: the page never set window.__kg")

    def requests(self) -> list[str]:
        """URLs of every request the page made since the last open()."""
        self.send("Runtime.evaluate", {"expression": "1"}, session=True)  # flush events
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e.get("method") == "Network.requestWillBeSent"
        ]

    def screenshot(self) -> bytes:
        return base64.b64decode(
            self.send("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        )

    def hover(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y}, session=True)

    def close(self) -> None:
        try:
            if getattr(self, "ws", None) is not None:
                self.ws.close()
        finally:
            if self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            shutil.rmtree(self.profile, ignore_errors=True)


def assert_png_not_blank(data: bytes, tmp: Path, name: str) -> None:
    import matplotlib.image as mpimg

    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    (tmp / name).write_bytes(data)
    img = mpimg.imread(io.BytesIO(data), format="png")
    assert img.shape[0] > 200 and img.shape[1] > 200
    rgb = img[..., :3].reshape(-1, 3)
    non_white = (rgb.min(axis=1) < 0.9).mean()
    assert non_white > 0.005, f"screenshot looks blank ({non_white:.4f} non-white)"
    assert len({tuple(p) for p in (rgb[:: max(1, len(rgb) // 5000)] * 255).astype(int)}) > 8


def assert_offline(urls: list[str]) -> None:
    assert urls, "no request recorded at all (is Network.enable working?)"
    remote = [u for u in urls if not u.startswith(("file:", "data:", "about:"))]
    assert remote == [], f"the page made network requests: {remote}"


@pytest.fixture(scope="module")
def browser() -> Any:
    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium not found (apt-get install chromium; .ci/run installs it)")
    pytest.importorskip("websocket", reason="websocket-client is not installed (dev extra)")
    b = Browser(binary)
    yield b
    b.close()


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("browser-build")
    sources = [SHARED_SEEDS] if SHARED_SEEDS.is_dir() else []
    assert build(paths.seeds_dir(), sources, out).conforms
    return open_backend(out, out / "kg.ttl")


@pytest.mark.parametrize("view", ["bipartite", "coparticipation"])
def test_network_page_renders_offline(
    browser: Browser, backend: Any, view: str, tmp_path: Path
) -> None:
    g = build_network(backend, view)
    page = write_network(g, tmp_path / f"{view}.html")
    kg = browser.open(page)
    assert kg["nodes"] == g.number_of_nodes()
    assert kg["nodesDrawn"] == g.number_of_nodes()
    assert kg["edgesDrawn"] == g.number_of_edges()
    assert browser.evaluate("document.getElementById('net').dataset.nodeCount") == str(len(g))
    assert browser.evaluate("document.getElementById('net').dataset.nodesDrawn") == str(len(g))
    assert_png_not_blank(browser.screenshot(), tmp_path, f"{view}.png")
    assert_offline(browser.requests())


def test_network_hover_shows_event_and_evidence(
    browser: Browser, backend: Any, tmp_path: Path
) -> None:
    g = build_network(backend, "bipartite")
    page = write_network(g, tmp_path / "net.html")
    browser.open(page)
    event = "https://w3id.org/seccoop/id/event/channel-2018-final-stage"
    assert event in g
    pos = browser.evaluate(f"JSON.stringify(window.__kg.locate({json.dumps(event)}))")
    pos = json.loads(pos)
    browser.hover(pos["x"], pos["y"])
    time.sleep(0.2)
    tip = browser.evaluate("document.getElementById('tip').textContent")
    assert "Channel-2018 final stage" in tip
    assert "2018-05-28" in tip  # dates
    assert "UNODC — observer" in tip
    if any("quote" in d for _, d in g.nodes(data=True)):
        assert "Evidence" in tip
    assert_offline(browser.requests())


def test_timeline_page_renders_offline(browser: Browser, backend: Any, tmp_path: Path) -> None:
    page = tmp_path / "timeline.html"
    tl = write_timeline(backend, page)
    kg = browser.open(page)
    assert kg["eventsDrawn"] == tl["count"] > 0
    assert kg["rows"] == len(tl["rows"])
    assert browser.evaluate("document.querySelectorAll('#tl g.ev').length") == tl["count"]
    assert_png_not_blank(browser.screenshot(), tmp_path, "timeline.png")
    assert_offline(browser.requests())


def test_request_recorder_sees_a_request(browser: Browser, tmp_path: Path) -> None:
    """The offline check can fail: a page that loads an image from a (loopback, closed) port
    is caught. Only 127.0.0.1 is used, so nothing leaves the machine."""
    page = tmp_path / "leaky.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png">'
        "<script>window.__kg = {nodesDrawn: 0}</script></body></html>",
        encoding="utf-8",
    )
    browser.open(page)
    time.sleep(0.3)
    with pytest.raises(AssertionError, match="network requests"):
        assert_offline(browser.requests())


def test_timeline_hover_shows_participants(browser: Browser, backend: Any, tmp_path: Path) -> None:
    page = tmp_path / "timeline.html"
    write_timeline(backend, page)
    browser.open(page)
    event = "https://w3id.org/seccoop/id/event/channel-2018-final-stage"
    box = browser.evaluate(
        "JSON.stringify(document.querySelector('g.ev[data-id=\"" + event + "\"] rect')"
        ".getBoundingClientRect())"
    )
    box = json.loads(box)
    browser.hover(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    time.sleep(0.2)
    tip = browser.evaluate("document.getElementById('tip').textContent")
    assert "Channel-2018 final stage" in tip
    assert "RUS" in tip and "UNODC" in tip and "Observer" in tip
    assert_offline(browser.requests())
