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
