"""A bead file with its two sentence files (Vecalign/Bertalign output) into a project.

The sentence files hold one sentence per line, exactly as the aligner read them; the bead
file numbers those lines from 0. Raw texts are accepted too: when the beads do not fit the
files' lines but fit the sentences ``dari split`` makes of them, those sentences are used. The documents keep the files' own text, so offsets point
into the real files. Beads are machine output, so their status is ``auto``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from align.errors import InputError, UsageError
from align.formats.beads import read_beads
from align.formats.imported import pick_languages
from align.model import BeadError, Bitext, Document, Segment, validate_beads
from align.reading import read_text
from align.version import __version__

if TYPE_CHECKING:
    from align.formats.registry import ImportOptions


def _lines_document(path: str | Path, lang: str | None) -> Document:
    decoded = read_text(path)
    text = decoded.text
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    segments: list[Segment] = []
    offset = 0
    for i, line in enumerate(lines):
        lead = len(line) - len(line.lstrip())
        stripped = line.strip()
        segments.append(Segment(stripped, offset + lead, offset + lead + len(stripped), i))
        offset += len(line) + 1
    return Document(lang or "", text, segments, path=str(path), encoding=decoded.encoding)


def read_bead_project(
    beads_path: str | Path,
    src_path: str | Path,
    tgt_path: str | Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> Bitext:
    """Languages not given are detected from the sentence files."""
    beads = read_beads(beads_path)
    if not beads:
        raise InputError(f"{beads_path}: no beads in the file")
    source = _lines_document(src_path, src_lang)
    target = _lines_document(tgt_path, tgt_lang)
    source.lang, target.lang = pick_languages(
        src_lang, tgt_lang, source.texts, target.texts, f"{src_path} and {tgt_path}"
    )
    meta: dict[str, object] = {"imported_from": {"format": "beads", "file": str(beads_path)}}
    try:
        validate_beads(beads, len(source), len(target))
    except BeadError as exc:
        # Not one sentence per line? The files may be the raw texts the aligner's input was
        # split from: split them as ``dari split`` does, and use that when the beads fit it.
        from align.segment import split_sentences

        split_src = split_sentences(source.text, source.lang)
        split_tgt = split_sentences(target.text, target.lang)
        try:
            validate_beads(beads, len(split_src), len(split_tgt))
        except BeadError:
            raise InputError(
                f"{beads_path}: does not fit {src_path} ({len(source)} lines) and {tgt_path} "
                f"({len(target)} lines): {exc}; a bead file numbers the lines of one-sentence-per-line "
                f"files (what 'dari split FILE' prints), and split into sentences these texts give "
                f"{len(split_src)} and {len(split_tgt)}, which do not fit either"
            ) from None
        source.segments, target.segments = split_src, split_tgt
        meta["sentences"] = "split by dari (the sentence files were raw texts)"
    return Bitext(
        source=source,
        target=target,
        beads=beads,
        signature={"dari": __version__, "import": "beads", "langs": [source.lang, target.lang]},
        meta=meta,
    )


def import_beads(path: Path, options: ImportOptions) -> Bitext:
    """The registry's ``beads`` reader: the bead file and its two sentence files."""
    if not options.src_path or not options.tgt_path:
        raise UsageError("importing a bead file needs its sentence files: --src FILE --tgt FILE")
    return read_bead_project(
        path, options.src_path, options.tgt_path, src_lang=options.src_lang, tgt_lang=options.tgt_lang
    )
