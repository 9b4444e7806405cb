"""Pairing files by language directory, language suffix, two trees, or a manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.checks.pairing import pair_directory, pair_trees, pairs_from_manifest
from align.errors import InputError, UsageError


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")


def test_language_directories(tmp_path: Path) -> None:
    _touch(tmp_path, "docs/en/a.md", "docs/ko/a.md", "docs/en/sub/b.md", "docs/ko/sub/b.md", "docs/en/c.md")
    pairs = pair_directory(tmp_path)
    assert [(p.name, p.target is not None, p.src_lang, p.tgt_lang) for p in pairs] == [
        ("docs/en/a.md", True, "en", "ko"),
        ("docs/en/c.md", False, "en", "ko"),
        ("docs/en/sub/b.md", True, "en", "ko"),
    ]


def test_language_suffixes(tmp_path: Path) -> None:
    _touch(tmp_path, "x.en", "x.ko", "y.en.txt", "y.ko.txt", ".hidden/z.en", "README.md")
    pairs = pair_directory(tmp_path)
    assert [(p.source.name, p.target.name if p.target else None) for p in pairs] == [
        ("x.en", "x.ko"),
        ("y.en.txt", "y.ko.txt"),
    ]


def test_languages_must_be_clear(tmp_path: Path) -> None:
    _touch(tmp_path, "x.en", "x.ko", "x.ja")
    with pytest.raises(UsageError):
        pair_directory(tmp_path)
    assert [p.target.name for p in pair_directory(tmp_path, "en", "ja") if p.target] == ["x.ja"]
    with pytest.raises(InputError):
        pair_directory(tmp_path / "x.en")


def test_two_trees_and_manifest(tmp_path: Path) -> None:
    _touch(tmp_path, "a/p.txt", "b/p.txt", "a/q.txt")
    assert [(p.name, p.target is not None) for p in pair_trees(tmp_path / "a", tmp_path / "b")] == [
        ("p.txt", True),
        ("q.txt", False),
    ]
    manifest = tmp_path / "m.csv"
    manifest.write_text("src,tgt\na/p.txt,b/p.txt\n# comment\n", encoding="utf-8")
    assert [p.target for p in pairs_from_manifest(manifest)] == [tmp_path / "b" / "p.txt"]
    manifest.write_text("src,tgt\n", encoding="utf-8")
    with pytest.raises(InputError):
        pairs_from_manifest(manifest)
