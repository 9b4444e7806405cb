"""Review app speed: time to open a project and per-key latency on 5,000 and 50,000 beads.

Projects are built from FLORES-200 en-ko sentences (../shared/corpora), cycled to the size,
with a mix of bead types (1-1, 2-1, 1-2, 1-0, 0-1) like an aligner's output. The app runs
headless through Textual's Pilot at 120x40; a key's latency is from the key press until the
first screen update after it (``Screen._compositor_refresh``, the step that writes the new
frame to the terminal), so it includes handling the key, layout, rendering the visible lines,
and Textual's frame pacing (up to 1/60 s), but not the Pilot harness's own idle waits (~40-60
ms per press on a loaded machine, which would otherwise swamp the figures). Keys: moves (down, up, page
down, G, g), edits (merge, split at the first boundary via the editor, confirm, unpair,
shift), undo and redo. Targets (issue 11): open < 2 s and every key < 50 ms at 5,000 beads.

    python3 bench/review_latency.py [--sizes 5000 50000] [--repeat 20]

It also times ``dari review`` in a real terminal (tmux) from launch to the first screen.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.model import Bead, Bitext, Document, segments_from_lines  # noqa: E402
from align.project import save_project  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "flores200-en-ko" / "raw"


def _sentences() -> tuple[list[str], list[str]]:
    en = (CORPUS / "eng_Latn.dev").read_text(encoding="utf-8").splitlines()
    ko = (CORPUS / "kor_Hang.dev").read_text(encoding="utf-8").splitlines()
    return en, ko


def build_project(n_beads: int, path: Path) -> None:
    en, ko = _sentences()
    src: list[str] = []
    tgt: list[str] = []
    beads: list[Bead] = []
    pattern = ["1-1"] * 30 + ["2-1", "1-2", "1-0", "0-1"]
    for k in range(n_beads):
        kind = pattern[k % len(pattern)]
        a, b = int(kind[0]), int(kind[2])
        s0, t0 = len(src), len(tgt)
        for r in range(a):
            src.append(en[(s0 + r) % len(en)])
        for r in range(b):
            tgt.append(ko[(t0 + r) % len(ko)])
        score = 0.0 if not a or not b else 0.55 + 0.4 * ((k * 7919) % 100) / 100
        beads.append(Bead(tuple(range(s0, s0 + a)), tuple(range(t0, t0 + b)), score))
    en_text, en_segs = segments_from_lines(src)
    ko_text, ko_segs = segments_from_lines(tgt)
    save_project(Bitext(Document("en", en_text, en_segs), Document("ko", ko_text, ko_segs), beads), path)


KEYS = [
    "down",
    "up",
    "pagedown",
    "m",
    "ctrl+z",
    "ctrl+y",
    "c",
    "u",
    "ctrl+z",
    "right_square_bracket",
    "ctrl+z",
    "G",
    "g",
]


async def measure(path: Path, repeat: int) -> dict[str, float | list[float]]:
    from textual.screen import Screen

    from tui.app import make_app

    paints: list[float] = []
    original = Screen._compositor_refresh

    def timed(self: Screen) -> None:  # type: ignore[type-arg]
        original(self)
        paints.append(time.perf_counter())

    Screen._compositor_refresh = timed  # type: ignore[method-assign]
    t0 = time.perf_counter()
    app = make_app(path, scoring=False, checking=False)
    per_key: dict[str, list[float]] = {k: [] for k in KEYS}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        opened = (paints[0] if paints else time.perf_counter()) - t0
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        for _ in range(repeat):
            for key in KEYS:
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                after = [p for p in paints if p > start]
                per_key[key].append((after[0] if after else time.perf_counter()) - start)
        await pilot.press("ctrl+s")
        await pilot.pause()
    Screen._compositor_refresh = original  # type: ignore[method-assign]
    every = [t for ts in per_key.values() for t in ts]
    return {
        "open": opened,
        "median": statistics.median(every),
        "worst": max(every),
        "by_key": [max(per_key[k]) for k in KEYS],
        "by_key_median": [statistics.median(per_key[k]) for k in KEYS],
    }


def terminal_open(path: Path) -> float | None:
    """Seconds from starting ``dari review`` in a real terminal (tmux, 120x40) to its first
    full screen: interpreter start, imports, loading, first frame."""
    import shutil
    import subprocess

    if shutil.which("tmux") is None:
        return None
    name = f"bench-{path.stem.replace('.', '-')}"
    command = f"cd {ROOT} && PYTHONPATH={ROOT} exec {sys.executable} -m align review {path}"
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-x", "120", "-y", "40", "-s", name, command], check=True)
    try:
        while time.perf_counter() - start < 60:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if "confirmed" in screen:
                return time.perf_counter() - start
            time.sleep(0.02)
        return None
    finally:
        subprocess.run(["tmux", "send-keys", "-t", name, "q"], capture_output=True)
        time.sleep(0.5)
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    import os

    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"bench{n}.dari.json"
            build_project(n, path)
            in_terminal = terminal_open(path)
            if in_terminal is not None:
                print(f"{n:>6} beads: dari review in tmux, first screen after {in_terminal:.2f} s")
            result = asyncio.run(measure(path, args.repeat))
            print(
                f"{n:>6} beads: open {result['open']:.2f} s; per key median "
                f"{1000 * float(result['median']):.1f} ms, worst {1000 * float(result['worst']):.1f} ms"
            )
            for key, med, worst in zip(KEYS, result["by_key_median"], result["by_key"], strict=True):  # type: ignore[call-overload]
                print(f"         {key:<22} median {1000 * med:6.1f} ms  worst {1000 * worst:6.1f} ms")


if __name__ == "__main__":
    main()
