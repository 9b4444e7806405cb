"""TMX in: any TMX 1.1-1.4 file, two of its languages, units in file order.

Languages are matched by primary subtag (``ko-KR`` and ``ko_kr`` both match ``ko``), from
``xml:lang`` or the deprecated ``lang`` attribute. Inline codes (``bpt``, ``ept``, ``ph``,
``it``, ``ut``) hold native markup, not text, and are dropped; ``hi`` and ``sub`` keep
their text. Props dari wrote itself (score, status, sentence split) are read back so a
round trip loses nothing; other tools' props are ignored.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from align.errors import InputError, UsageError
from align.formats.imported import ImportedUnit, bitext_from_units, parse_score, parse_status
from align.formats.text_rules import primary_subtag, split_segment
from align.formats.tmx_writer import PROP_SCORE, PROP_SOURCE_SPLIT, PROP_STATUS, PROP_TARGET_SPLIT
from align.formats.xml_input import XML_NS, local_name, parse_xml, read_bytes
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


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str) and local_name(c) == name]


def _pick_languages(
    root: etree._Element, body: etree._Element, src: str | None, tgt: str | None, name: str
) -> tuple[str, str]:
    seen: list[str] = []
    for tu in _children(body, "tu"):
        for tuv in _children(tu, "tuv"):
            lang = _lang(tuv)
            if lang and primary_subtag(lang) not in seen:
                seen.append(primary_subtag(lang))
        if len(seen) > 8:
            break
    if not seen:
        raise InputError(f"{name}: the TMX has no translation units with a language")
    header = _children(root, "header")
    srclang = header[0].get("srclang", "") if header else ""
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
    name = str(path)
    root = parse_xml(read_bytes(path, "TMX"), name, "TMX")
    if local_name(root) != "tmx":
        raise InputError(f"{name}: not a TMX file (root element is <{local_name(root)}>)")
    bodies = _children(root, "body")
    if not bodies:
        raise InputError(f"{name}: TMX has no <body>")
    src, tgt = _pick_languages(root, bodies[0], src_lang, tgt_lang, name)
    tags: dict[str, str] = {}
    units: list[ImportedUnit] = []
    for tu in _children(bodies[0], "tu"):
        props = {p.get("type", ""): p.text or "" for p in _children(tu, "prop")}
        where = f"{name}:{tu.sourceline}"
        sides: dict[str, str] = {}
        for tuv in _children(tu, "tuv"):
            tag = _lang(tuv) or ""
            lang = primary_subtag(tag)
            if lang in (src, tgt) and lang not in sides:
                segs = _children(tuv, "seg")
                sides[lang] = _text(segs[0]) if segs else ""
                tags.setdefault(lang, tag)
        if not sides:
            continue
        units.append(
            ImportedUnit(
                source=_sentences(sides[src], _lengths(props.get(PROP_SOURCE_SPLIT)), src)
                if src in sides
                else [],
                target=_sentences(sides[tgt], _lengths(props.get(PROP_TARGET_SPLIT)), tgt)
                if tgt in sides
                else [],
                score=parse_score(props.get(PROP_SCORE), 1.0, where),
                status=parse_status(props.get(PROP_STATUS), BeadStatus.CONFIRMED, where),
                notes=[n.text or "" for n in _children(tu, "note")],
            )
        )
    header = _children(root, "header")
    header_notes = [n.text or "" for n in _children(header[0], "note")] if header else []
    return bitext_from_units(
        units,
        source_lang=src,
        target_lang=tgt,
        name=name,
        fmt="tmx",
        lang_tags=(tags.get(src, src), tags.get(tgt, tgt)),
        document_notes=header_notes,
    )
