"""TMX in: any TMX 1.1-1.4 file, two of its languages, units in file order.

Languages are matched by primary subtag (``ko-KR`` and ``ko_kr`` both match ``ko``), from
``xml:lang`` or the deprecated ``lang`` attribute. Inline codes (``bpt``, ``ept``, ``ph``,
``it``, ``ut``) hold native markup, not text, and are dropped; ``hi`` and ``sub`` keep
their text. Props dari wrote itself (score, status, sentence split) are read back so a
round trip loses nothing; other tools' props are ignored. The file is parsed as a stream
(``iterparse``), so a TM of hundreds of thousands of units never sits in memory as a tree.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from align.errors import InputError, UsageError
from align.formats.imported import ImportedUnit, bitext_from_units, parse_score, parse_status
from align.formats.text_rules import primary_subtag, split_segment
from align.formats.tmx_writer import PROP_SCORE, PROP_SOURCE_SPLIT, PROP_STATUS, PROP_TARGET_SPLIT
from align.formats.xml_input import XML_NS, iter_ends, local_name
from align.model import BeadStatus, Bitext

_CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut"})
_XML_LANG = f"{{{XML_NS}}}lang"


def _text(element: etree._Element) -> str:
    """Text of a seg, keeping ``hi``/``sub`` content and dropping inline native codes."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and local_name(child) not in _CODE_ELEMENTS:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lang(tuv: etree._Element) -> str | None:
    return tuv.get(_XML_LANG) or tuv.get("lang")


def _lengths(value: str | None) -> list[int] | None:
    if value is None:
        return None
    try:
        return [int(v) for v in value.split()]
    except ValueError:
        return None


def _sentences(text: str, split: list[int] | None, lang: str) -> list[str]:
    if split is not None:
        parts = split_segment(text, split, lang)
        if parts is not None:
            return parts
    return [text]


@dataclass(slots=True)
class _RawUnit:
    """A ``tu`` as read, before the two languages are known: text per primary subtag."""

    sides: dict[str, tuple[str, str]]
    """primary subtag -> (tag as written, seg text); the first tuv of a language wins."""
    props: dict[str, str]
    notes: list[str]
    line: int


def _read_unit(tu: etree._Element, ns: str) -> _RawUnit:
    sides: dict[str, tuple[str, str]] = {}
    props: dict[str, str] = {}
    notes: list[str] = []
    tuv_tag, prop_tag, note_tag, seg_tag = f"{ns}tuv", f"{ns}prop", f"{ns}note", f"{ns}seg"
    for child in tu:
        tag = child.tag
        if tag == tuv_tag:
            lang = _lang(child) or ""
            key = primary_subtag(lang)
            if key not in sides:
                seg = child.find(seg_tag)
                sides[key] = (lang, _text(seg) if seg is not None else "")
        elif tag == prop_tag:
            props.setdefault(child.get("type", ""), child.text or "")
        elif tag == note_tag:
            notes.append(child.text or "")
    return _RawUnit(sides, props, notes, tu.sourceline or 0)


def _pick_languages(
    seen: list[str], srclang: str, src: str | None, tgt: str | None, name: str
) -> tuple[str, str]:
    """The languages asked for, else the header's srclang and the first other language."""
    if not seen:
        raise InputError(f"{name}: the TMX has no translation units with a language")
    if src is None:
        src = primary_subtag(srclang) if srclang and srclang != "*all*" else seen[0]
    if tgt is None:
        others = [lang for lang in seen if lang != primary_subtag(src)]
        if not others:
            raise InputError(f"{name}: the TMX holds only '{src}'; there is no second language")
        tgt = others[0]
    src, tgt = primary_subtag(src), primary_subtag(tgt)
    if src == tgt:
        raise UsageError(f"source and target language are both '{src}'")
    for lang in (src, tgt):
        if lang not in seen:
            raise InputError(f"{name}: the TMX has no '{lang}' text (languages: {', '.join(seen)})")
    return src, tgt


def read_tmx(path: str | Path, *, src_lang: str | None = None, tgt_lang: str | None = None) -> Bitext:
    """Stream the file once, keeping each unit's text per language, then pick the pair."""
    name = str(path)
    srclang = ""
    header_notes: list[str] = []
    raw: list[_RawUnit] = []
    seen: dict[str, None] = {}
    ns = ""
    with closing(iter_ends(path, "TMX", "tmx", frozenset({"tu", "header"}))) as elements:
        for element in elements:
            tag = element.tag
            if tag.startswith("{") and not ns:
                ns = tag[: tag.index("}") + 1]
            if tag == f"{ns}tu":
                unit = _read_unit(element, ns)
                raw.append(unit)
                for lang in unit.sides:
                    seen.setdefault(lang)
            else:
                srclang = element.get("srclang", "")
                header_notes = [n.text or "" for n in element.iterchildren(f"{ns}note")]
    seen.pop("", None)
    src, tgt = _pick_languages(list(seen), srclang, src_lang, tgt_lang, name)
    tags: dict[str, str] = {}
    units: list[ImportedUnit] = []
    for unit in raw:
        sides = unit.sides
        if src not in sides and tgt not in sides:
            continue
        where = f"{name}:{unit.line}"
        for lang in (src, tgt):
            if lang in sides:
                tags.setdefault(lang, sides[lang][0])
        props = unit.props
        units.append(
            ImportedUnit(
                source=_sentences(sides[src][1], _lengths(props.get(PROP_SOURCE_SPLIT)), src)
                if src in sides
                else [],
                target=_sentences(sides[tgt][1], _lengths(props.get(PROP_TARGET_SPLIT)), tgt)
                if tgt in sides
                else [],
                score=parse_score(props.get(PROP_SCORE), 1.0, where),
                status=parse_status(props.get(PROP_STATUS), BeadStatus.CONFIRMED, where),
                notes=unit.notes,
            )
        )
    return bitext_from_units(
        units,
        source_lang=src,
        target_lang=tgt,
        name=name,
        fmt="tmx",
        lang_tags=(tags.get(src, src), tags.get(tgt, tgt)),
        document_notes=header_notes,
    )
