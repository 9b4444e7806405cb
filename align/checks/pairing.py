"""Which files are translations of each other, for ``dari check DIR`` and ``--manifest``.

Documentation trees name translations by a language directory (``docs/en/x.md`` ↔
``docs/ko/x.md``) or a language suffix (``x.en`` ↔ ``x.ko``, ``x.en.md`` ↔ ``x.ko.md``). A file
whose counterpart does not exist is reported (a whole untranslated document is drift too).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError, UsageError
from align.reading import read_text

LANG_CODES = frozenset(
    [
        "en",
        "ko",
        "ja",
        "zh",
        "de",
        "fr",
        "es",
        "it",
        "pt",
        "ru",
        "nl",
        "sv",
        "pl",
        "tr",
        "ar",
        "vi",
        "th",
        "id",
        "uk",
        "cs",
        "el",
        "he",
        "hi",
        "fa",
        "da",
        "fi",
        "no",
        "nb",
        "hu",
        "ro",
        "ms",
        "bg",
        "hr",
        "sk",
        "sl",
        "et",
        "lv",
        "lt",
        "sr",
        "ca",
        "eu",
        "gl",
    ]
)
_SUFFIXED = re.compile(r"^(?P<stem>.+?)\.(?P<lang>[a-z]{2})(?P<ext>\.[A-Za-z0-9]+)?$")


@dataclass(frozen=True, slots=True)
class FilePair:
    """Two files to compare (``target`` None when the counterpart is missing)."""

    name: str
    source: Path
    target: Path | None
    src_lang: str | None = None
    tgt_lang: str | None = None


def _key_and_lang(rel: Path) -> tuple[str, str] | None:
    parts = rel.parts
    for i, part in enumerate(parts[:-1]):
        if part in LANG_CODES:
            return "/".join((*parts[:i], "{lang}", *parts[i + 1 :])), part
    m = _SUFFIXED.match(parts[-1])
    if m and m.group("lang") in LANG_CODES:
        name = f"{m.group('stem')}.{{lang}}{m.group('ext') or ''}"
        return "/".join((*parts[:-1], name)), m.group("lang")
    return None


def _choose_langs(found: set[str], src_lang: str | None, tgt_lang: str | None) -> tuple[str, str]:
    if src_lang and tgt_lang:
        return src_lang, tgt_lang
    if src_lang:
        others = sorted(found - {src_lang})
        if len(others) != 1:
            raise UsageError(f"cannot tell the target language among {sorted(found)}; give --tgt-lang")
        return src_lang, others[0]
    if tgt_lang:
        others = sorted(found - {tgt_lang})
        if len(others) != 1:
            raise UsageError(f"cannot tell the source language among {sorted(found)}; give --src-lang")
        return others[0], tgt_lang
    if len(found) != 2:
        raise UsageError(
            f"found files in {len(found)} languages ({', '.join(sorted(found)) or 'none'}); "
            "give --src-lang and --tgt-lang"
        )
    a, b = sorted(found)
    return (b, a) if b == "en" else (a, b)


def pair_directory(
    root: str | Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> list[FilePair]:
    """Pair the files under ``root`` by language directory or language suffix."""
    base = Path(root)
    if not base.is_dir():
        raise InputError(f"{root}: not a directory")
    groups: dict[str, dict[str, Path]] = {}
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base)
        if not path.is_file() or any(p.startswith(".") for p in rel.parts):
            continue
        found = _key_and_lang(rel)
        if found:
            groups.setdefault(found[0], {})[found[1]] = path
    langs = {lang for files in groups.values() for lang in files}
    if not langs:
        raise InputError(f"{root}: no files named by language (docs/en/x.md, x.en, x.en.txt) found")
    src, tgt = _choose_langs(langs, src_lang, tgt_lang)
    pairs = []
    for key, files in sorted(groups.items()):
        if src in files:
            pairs.append(FilePair(key.replace("{lang}", src), files[src], files.get(tgt), src, tgt))
    if not pairs:
        raise InputError(f"{root}: no '{src}' files found")
    return pairs


def pairs_from_manifest(
    path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None
) -> list[FilePair]:
    """A CSV (or TSV) with columns ``src,tgt``; relative paths are relative to the manifest."""
    text = read_text(path).text
    base = Path(path).parent
    delimiter = "\t" if "\t" in text.split("\n", 1)[0] else ","
    pairs = []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and [c.lower() for c in cells[:2]] in (["src", "tgt"], ["source", "target"]):
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise InputError(f"{path}:{number}: expected two columns src,tgt")
        src, tgt = (Path(c) if Path(c).is_absolute() else base / c for c in cells[:2])
        pairs.append(FilePair(cells[0], src, tgt, src_lang, tgt_lang))
    if not pairs:
        raise InputError(f"{path}: the manifest lists no pairs")
    return pairs


def pair_trees(source_root: str | Path, target_root: str | Path) -> list[FilePair]:
    """``dari check docs/en docs/ko``: files with the same relative path in both trees."""
    a, b = Path(source_root), Path(target_root)
    pairs = []
    for path in sorted(a.rglob("*")):
        rel = path.relative_to(a)
        if not path.is_file() or any(p.startswith(".") for p in rel.parts):
            continue
        other = b / rel
        pairs.append(FilePair(rel.as_posix(), path, other if other.is_file() else None))
    if not pairs:
        raise InputError(f"{source_root}: no files found")
    return pairs
