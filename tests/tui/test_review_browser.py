"""``dari review --serve`` in a real headless browser (Debian's chromium, driven over the
Chrome DevTools Protocol): the page connects, the app runs in its own process, keys typed
in the browser confirm a bead and save the project, and the saved file shows it."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from align.model import BeadStatus
from align.project import load_project
from align.session import lock_path

ROOT = Path(__file__).parents[2]
SEED = ROOT / "tests" / "golden" / "seed001.dari.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port}")


class Browser:
    """Just enough of the DevTools Protocol: navigate, evaluate, type keys."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.n = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.n += 1
        await self.ws.send_str(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            msg = json.loads((await self.ws.receive()).data)
            if msg.get("id") == self.n:
                if "error" in msg:
                    raise AssertionError(f"{method}: {msg['error']}")
                return dict(msg.get("result", {}))

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def key(self, char: str, ctrl: bool = False) -> None:
        code = ord(char.upper())
        base = {
            "key": char,
            "code": f"Key{char.upper()}",
            "windowsVirtualKeyCode": code,
            "modifiers": 2 if ctrl else 0,
        }
        await self.call("Input.dispatchKeyEvent", type="keyDown", **base, **({} if ctrl else {"text": char}))
        await self.call("Input.dispatchKeyEvent", type="keyUp", **base)
        await asyncio.sleep(0.3)


async def _drive(url: str, debug_port: int, project: Path, shots: Path) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as http:
        end = time.monotonic() + 30
        targets: list[dict[str, Any]] = []
        while time.monotonic() < end and not targets:
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"http://127.0.0.1:{debug_port}/json/list") as r:
                    targets = [t for t in await r.json() if t.get("type") == "page"]
            await asyncio.sleep(0.3)
        assert targets, "chromium exposed no page"
        async with http.ws_connect(targets[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            b = Browser(ws)
            await b.call("Page.enable")
            await b.call("Page.navigate", url=url)
            end = time.monotonic() + 40
            while time.monotonic() < end:
                if lock_path(project).exists() and await b.evaluate(
                    "document.body.classList.contains('-first-byte')"
                ):
                    break
                await asyncio.sleep(0.3)
            else:
                raise AssertionError("the served app never started")
            await asyncio.sleep(2.0)  # the first frames
            await b.evaluate("document.querySelector('.xterm-helper-textarea')?.focus()")
            await b.key("j")
            await b.key("j")  # bead 3 (not confirmed in the seed project)
            await b.key("c")
            await b.key("s", ctrl=True)
            end = time.monotonic() + 20
            while time.monotonic() < end:
                if load_project(project).beads[2].status is BeadStatus.CONFIRMED:
                    break
                await asyncio.sleep(0.3)
            shot = await b.call("Page.captureScreenshot", format="png")
            import base64

            (shots / "served.png").write_bytes(base64.b64decode(shot["data"]))


def test_review_serves_to_a_real_browser(tmp_path: Path) -> None:
    project = tmp_path / "seed001.dari.json"
    shutil.copy(SEED, project)
    assert load_project(project).beads[2].status is not BeadStatus.CONFIRMED
    port, debug_port = _free_port(), _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "align", "review", str(project), "--serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    browser = None
    try:
        _wait_port(port)
        assert CHROMIUM is not None
        browser = subprocess.Popen(
            [
                CHROMIUM,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={tmp_path / 'profile'}",
                f"--remote-debugging-port={debug_port}",
                "--window-size=1280,800",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        asyncio.run(_drive(f"http://localhost:{port}", debug_port, project, tmp_path))
    finally:
        for proc in (browser, server):
            if proc is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, 15)
                proc.wait(timeout=10)
    saved = load_project(project)
    assert saved.beads[2].status is BeadStatus.CONFIRMED, "the key typed in the browser did not reach the app"
    assert saved.meta.get("reviewed", {}).get("by") == "dari review"
