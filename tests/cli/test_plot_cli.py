"""``dari plot`` and ``dari align --plot``: real pictures of the seed, checked by their pixels;
a missing matplotlib is one line naming the install command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from align.cli import main

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
SEED = REPO / "data" / "seed001"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    path = tmp_path / "seed.dari.json"
    shutil.copy(GOLDEN / "seed001.dari.json", path)
    return path


def _pixels(path: Path) -> np.ndarray:
    from matplotlib.image import imread

    return np.asarray(imread(str(path)))[..., :3]


def _count(rgb: np.ndarray, colour: str, tol: float = 0.06) -> int:
    want = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return int((np.abs(rgb - want).max(axis=-1) < tol).sum())


@pytest.mark.slow
def test_plot_of_the_seed_shows_the_unpaired_sentences(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.png"
    assert main(["plot", str(project), "-o", str(out), "-q"]) == 0
    rgb = _pixels(out)
    assert rgb.shape[0] > 800 and rgb.shape[1] > 1000
    assert _count(rgb, "#d62828") > 100  # the red crosses (and labels) of the two Yongsan sentences
    assert _count(rgb, "#7b2cbf") > 50  # the purple cross of the Korean-only line
    # the band is drawn: plenty of blue similarity cells
    blue = (rgb[..., 2] > rgb[..., 0] + 0.15).sum()
    assert blue > 50_000


def test_plot_without_band_needs_no_encoder_and_writes_svg(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.svg"
    assert main(["plot", str(project), "-o", str(out), "--no-band", "-q"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "Yongsan" in text  # the unpaired sentences are labelled


def test_plot_refuses_unknown_suffix_and_overwriting_the_project(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plot", str(project), "-o", str(tmp_path / "x.gif")]) == 2
    assert "use .png, .svg or .pdf" in capsys.readouterr().err
    renamed = tmp_path / "p.png"
    shutil.copy(project, renamed)
    assert main(["plot", str(renamed), "-o", str(renamed), "--no-band"]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err


@pytest.mark.slow
def test_align_with_plot_writes_project_and_picture(tmp_path: Path) -> None:
    picture, proj = tmp_path / "a.png", tmp_path / "a.dari.json"
    code = main(["align", str(SEED / "bilingual.txt"), "-o", str(proj), "--plot", str(picture), "-q"])
    assert code == 0
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and proj.is_file()
    assert _count(_pixels(picture), "#d62828") > 100


def test_missing_matplotlib_is_one_line_with_the_install_command(project: Path, tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "from align.cli import main\n"
        f"sys.exit(main(['plot', {str(project)!r}, '-o', {str(tmp_path / 'x.png')!r}, '--no-band']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'dari[plot]'" in lines[0], done.stderr
    assert not (tmp_path / "x.png").exists()


@pytest.mark.slow
def test_a_20000_sentence_plot_still_shows_a_short_unpaired_stretch(tmp_path: Path) -> None:
    """20,000 sentences, 30 of them unpaired in one run: the red crosses and the shaded run
    must stand out in the picture, and drawing stays quick (no n x m matrix)."""
    from align.model import Bead, Bitext, Document, segments_from_lines
    from align.plotting.figure import render_plot

    n, gap = 20_000, range(12_000, 12_030)
    src_text, src_segs = segments_from_lines([f"Sentence {i}." for i in range(n)])
    kept = [i for i in range(n) if i not in gap]
    tgt_text, tgt_segs = segments_from_lines([f"문장 {i}." for i in kept])
    beads, j = [], 0
    for i in range(n):
        if i in gap:
            beads.append(Bead((i,), (), 0.9))
        else:
            beads.append(Bead((i,), (j,), 0.95))
            j += 1
    bitext = Bitext(
        Document("en", src_text, src_segs, "long.en"), Document("ko", tgt_text, tgt_segs, "long.ko"), beads
    )
    rng = np.random.default_rng(0)
    src_vecs = rng.normal(size=(n, 16)).astype(np.float32)
    src_vecs /= np.linalg.norm(src_vecs, axis=1, keepdims=True)
    tgt_vecs = src_vecs[kept] * 0.9 + 0.1 * rng.normal(size=(len(kept), 16)).astype(np.float32)
    out = tmp_path / "long.png"
    out.write_bytes(render_plot(bitext, (src_vecs, tgt_vecs)))
    rgb = _pixels(out)
    assert _count(rgb, "#d62828", tol=0.1) > 40  # the crosses of the unpaired run
    # the shaded run (30 % orange over white), widened to stay visible: a band several pixels wide
    assert _count(rgb, "#ffe2bb", tol=0.04) > 500


def test_check_html_plot_without_matplotlib_fails_once_before_checking(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "from align.cli import main\n"
        f"sys.exit(main(['check', {str(SEED / 'bilingual.txt')!r}, '--format', 'html', '--plot', "
        f"'-o', {str(tmp_path / 'r.html')!r}]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'dari[plot]'" in lines[0], done.stderr
    assert not (tmp_path / "r.html").exists()
