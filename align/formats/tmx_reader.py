"""TMX in: any TMX 1.1-1.4 file, two of its languages, units in file order.

Languages are matched by primary subtag (``ko-KR`` and ``ko_kr`` both match ``ko``), from
``xml:lang`` or the deprecated ``lang`` attribute. Inline codes (``bpt``, ``ept``, ``ph``,
``it``, ``ut``) hold native markup, not text, and are dropped; ``hi`` and ``sub`` keep
their text. Props dari wrote itself (score, status, sentence split) are read back so a
round trip loses nothing; other tools' props are ignored. The file is parsed as a stream
(``iterparse``), so a TM of hundreds of thousands of units never sits in memory as a tree.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from align.errors import InputError
from align.formats.imported import ImportedUnit, bitext_from_units, parse_score, parse_status
from align.formats.text_rules import pick_languages, primary_subtag, split_segment
from align.formats.tmx_writer import PROP_SCORE, PROP_SOURCE_SPLIT, PROP_STATUS, PROP_TARGET_SPLIT
from align.formats.xml_input import XML_NS, flat_text, iter_ends
from align.languages import is_language_tag, language_tag_error
from align.model import BeadStatus, Bitext

if TYPE_CHECKING:
    from align.formats.registry import ImportOptions

_CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut"})
_XML_LANG = f"{{{XML_NS}}}lang"


def _text(element: etree._Element) -> str:
    """Text of a seg, keeping ``hi``/``sub`` content and dropping inline native codes."""
    return flat_text(element, _CODE_ELEMENTS)


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


_DARI_PROPS = frozenset({PROP_SCORE, PROP_STATUS, PROP_SOURCE_SPLIT, PROP_TARGET_SPLIT})


class _Column:
    """One language's segs, in file order: the unit each came from and its text."""

    __slots__ = ("tag", "texts", "units")

    def __init__(self, tag: str) -> None:
        self.tag = tag
        """The tag as first written (``ko-KR``), kept for the export."""
        self.units = array("l")
        self.texts: list[str] = []


class _Units:
    """Every unit of the file, stored by language instead of one object per unit.

    Why: which two languages are wanted is known only at the end (the first other language
    seen), and a TM of a million short units held as a dict and tuples per unit took eleven
    times the file's size. Columns cost the texts plus a few bytes per unit.
    """

    def __init__(self) -> None:
        self.count = 0
        self.lines = array("l")
        self.columns: dict[str, _Column] = {}
        self.props: dict[int, dict[str, str]] = {}
        self.notes: dict[int, list[str]] = {}
        self._keys: dict[str, str] = {}

    def add(self, tu: etree._Element, ns: str) -> None:
        unit = self.count
        self.count += 1
        self.lines.append(tu.sourceline or 0)
        tuv_tag, prop_tag, note_tag, seg_tag = f"{ns}tuv", f"{ns}prop", f"{ns}note", f"{ns}seg"
        seen: set[str] = set()
        for child in tu:
            tag = child.tag
            if tag == tuv_tag:
                lang = _lang(child) or ""
                key = self._keys.get(lang)
                if key is None:
                    key = self._keys.setdefault(lang, primary_subtag(lang))
                if key in seen:
                    continue  # the first tuv of a language wins
                seen.add(key)
                column = self.columns.get(key)
                if column is None:
                    column = self.columns[key] = _Column(lang)
                seg = child.find(seg_tag)
                column.units.append(unit)
                column.texts.append(_text(seg) if seg is not None else "")
            elif tag == prop_tag:
                kind = child.get("type", "")
                if kind in _DARI_PROPS:
                    self.props.setdefault(unit, {}).setdefault(kind, child.text or "")
            elif tag == note_tag:
                self.notes.setdefault(unit, []).append(child.text or "")

    def languages(self) -> list[str]:
        """Languages in the order they were first seen (units with an unnamed one left out)."""
        return [lang for lang in self.columns if lang]


def _pick_languages(
    seen: list[str], srclang: str, src: str | None, tgt: str | None, name: str
) -> tuple[str, str]:
    """The languages asked for, else the header's srclang and the first other language."""
    if not seen:
        raise InputError(f"{name}: the TMX has no translation units with a language")
    fallback = primary_subtag(srclang) if srclang and srclang != "*all*" else seen[0]
    return pick_languages(seen, src, tgt, fallback, name, "TMX", "text")


def read_tmx(path: str | Path, *, src_lang: str | None = None, tgt_lang: str | None = None) -> Bitext:
    """Stream the file once, keeping each unit's text per language, then pick the pair."""
    name = str(path)
    srclang = ""
    header_notes: list[str] = []
    collected = _Units()
    ns = ""
    warnings: list[str] = []
    with closing(iter_ends(path, "TMX", "tmx", frozenset({"tu", "header"}), warnings)) as elements:
        for element in elements:
            tag = element.tag
            if tag.startswith("{") and not ns:
                ns = tag[: tag.index("}") + 1]
            if tag == f"{ns}tu":
                collected.add(element, ns)
            else:
                srclang = element.get("srclang", "")
                header_notes = [n.text or "" for n in element.iterchildren(f"{ns}note")]
    src, tgt = _pick_languages(collected.languages(), srclang, src_lang, tgt_lang, name)
    source, target = collected.columns[src], collected.columns[tgt]
    for column in (source, target):
        if not is_language_tag(column.tag):
            raise InputError(f"{name}: xml:lang {language_tag_error(column.tag)}")
    for lang in list(collected.columns):
        if lang not in (src, tgt):
            del collected.columns[lang]  # their texts are not needed: free them before building
    return bitext_from_units(
        _imported_units(collected, source, target, src, tgt, name),
        source_lang=src,
        target_lang=tgt,
        name=name,
        fmt="tmx",
        lang_tags=(source.tag, target.tag),
        document_notes=header_notes,
        warnings=warnings,
    )


def _imported_units(
    collected: _Units, source: _Column, target: _Column, src: str, tgt: str, name: str
) -> Iterator[ImportedUnit]:
    """Units holding either language, in file order, built one at a time."""
    i = j = 0
    n_src, n_tgt = len(source.units), len(target.units)
    while i < n_src or j < n_tgt:
        unit = min(
            source.units[i] if i < n_src else collected.count,
            target.units[j] if j < n_tgt else collected.count,
        )
        src_text = tgt_text = None
        if i < n_src and source.units[i] == unit:
            src_text = source.texts[i]
            source.texts[i] = ""  # the column lets go of it as the document takes it
            i += 1
        if j < n_tgt and target.units[j] == unit:
            tgt_text = target.texts[j]
            target.texts[j] = ""
            j += 1
        props = collected.props.get(unit, {})
        where = f"{name}:{collected.lines[unit]}"
        yield ImportedUnit(
            source=_sentences(src_text, _lengths(props.get(PROP_SOURCE_SPLIT)), src)
            if src_text is not None
            else [],
            target=_sentences(tgt_text, _lengths(props.get(PROP_TARGET_SPLIT)), tgt)
            if tgt_text is not None
            else [],
            score=parse_score(props.get(PROP_SCORE), 1.0, where),
            status=parse_status(props.get(PROP_STATUS), BeadStatus.CONFIRMED, where),
            notes=collected.notes.get(unit, []),
        )


def import_tmx(path: Path, options: ImportOptions) -> Bitext:
    """The registry's ``tmx`` reader."""
    return read_tmx(path, src_lang=options.src_lang, tgt_lang=options.tgt_lang)
