"""XLIFF 2.x in: units in order, the ``srcLang``/``trgLang`` pair, state or dari metadata.

A unit with several segments is one bead whose sentences are its segments (that is how
XLIFF 2 records sentence segmentation). Without dari metadata the status comes from the
first segment's state: ``final`` -> confirmed, ``reviewed`` -> edited, else auto; the
score is then 1.0 for confirmed units and 0.0 otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from align.errors import InputError
from align.formats.imported import ImportedUnit, bitext_from_units, parse_score, parse_status
from align.formats.text_rules import primary_subtag, split_segment
from align.formats.xliff_writer import MDA_NS, META_CATEGORY, XLIFF_NS
from align.formats.xml_input import flat_text, local_name, parse_xml, read_bytes
from align.languages import is_language_tag, language_tag_error
from align.model import BeadStatus, Bitext

if TYPE_CHECKING:
    from align.formats.registry import ImportOptions

_STATUS_OF_STATE = {"final": BeadStatus.CONFIRMED, "reviewed": BeadStatus.EDITED}
_CODE_ELEMENTS = frozenset({"ph", "sc", "ec", "cp", "smk", "emk"})


def _q(name: str) -> str:
    return f"{{{XLIFF_NS}}}{name}"


def _text(element: etree._Element | None) -> str:
    """Text of a source/target, keeping ``pc``/``mrk`` content and dropping inline codes."""
    return "" if element is None else flat_text(element, _CODE_ELEMENTS)


def _meta(unit: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for group in unit.iter(f"{{{MDA_NS}}}metaGroup"):
        if group.get("category") == META_CATEGORY:
            for meta in group.iter(f"{{{MDA_NS}}}meta"):
                found.setdefault(meta.get("type", ""), meta.text or "")
    return found


def _sentences(segments: list[str], split: str | None, lang: str) -> list[str]:
    if len(segments) == 1 and split is not None:
        try:
            lengths = [int(v) for v in split.split()]
        except ValueError:
            lengths = []
        parts = split_segment(segments[0], lengths, lang)
        if parts is not None:
            return parts
    return segments


def read_xliff(path: str | Path) -> Bitext:
    name = str(path)
    warnings: list[str] = []
    root = parse_xml(read_bytes(path, "XLIFF"), name, "XLIFF", warnings)
    if root.tag != _q("xliff"):
        if local_name(root) == "xliff":
            raise InputError(
                f"{name}: XLIFF {root.get('version', '1.x')} is not supported; expected XLIFF 2.x"
            )
        raise InputError(f"{name}: not an XLIFF file (root element is <{local_name(root)}>)")
    src_tag, tgt_tag = root.get("srcLang"), root.get("trgLang")
    if not src_tag or not tgt_tag:
        raise InputError(f"{name}: XLIFF needs both srcLang and trgLang to be imported")
    for tag in (src_tag, tgt_tag):
        if not is_language_tag(tag):
            raise InputError(f"{name}: language {language_tag_error(tag)}")
    src, tgt = primary_subtag(src_tag), primary_subtag(tgt_tag)
    units: list[ImportedUnit] = []
    file_notes: list[str] = []
    for file in root.iter(_q("file")):
        notes = file.find(_q("notes"))
        if notes is not None:
            file_notes.extend(n.text or "" for n in notes.iter(_q("note")))
        for unit in file.iter(_q("unit")):
            where = f"{name}:{unit.sourceline}"
            segments = unit.findall(_q("segment"))
            if not segments:
                continue
            meta = _meta(unit)
            sources = [_text(s.find(_q("source"))) for s in segments]
            targets = [_text(s.find(_q("target"))) for s in segments if s.find(_q("target")) is not None]
            state_status = _STATUS_OF_STATE.get(segments[0].get("state", ""), BeadStatus.AUTO)
            status = parse_status(meta.get("status"), state_status, where)
            default_score = 1.0 if status is BeadStatus.CONFIRMED else 0.0
            bead_type = meta.get("bead-type", "")
            source = _sentences(sources, meta.get("source-split"), src)
            target = _sentences(targets, meta.get("target-split"), tgt)
            if bead_type.startswith("0-") or (not bead_type and not any(sources)):
                source = []
            unit_notes = unit.find(_q("notes"))
            units.append(
                ImportedUnit(
                    source=source,
                    target=target,
                    score=parse_score(meta.get("score"), default_score, where),
                    status=status,
                    notes=[n.text or "" for n in unit_notes.iter(_q("note"))]
                    if unit_notes is not None
                    else [],
                )
            )
    return bitext_from_units(
        units,
        source_lang=src,
        target_lang=tgt,
        name=name,
        fmt="xliff",
        lang_tags=(src_tag, tgt_tag),
        document_notes=file_notes,
        warnings=warnings,
    )


def import_xliff(path: Path, options: ImportOptions) -> Bitext:
    """The registry's ``xliff`` reader (the file names its languages)."""
    return read_xliff(path)
