"""Glossaries as TMX 1.4b: one ``tu`` per entry, for CAT tools that take terms as a TM.

Written per entry: a ``tuv`` for the source term and one for each accepted target
alternative (``대사관|공관`` gives two ``tuv``s of the target language, which TMX allows),
``xml:lang`` in BCP-47; props ``x-dari-kind``, ``x-dari-score``, ``x-dari-count``,
``x-dari-term-status`` and, when the entry has one, ``x-dari-note``; each example as two ``note``s
carrying the ``xml:lang`` of their side and the example's place (``bead 12: sentence`` or
``bead 12, pair: sentence``). The layout is fixed, so the same glossary gives the same bytes.

Read: any TMX whose units each hold one term (a term base exported as TMX, or dari's own).
Languages come from the arguments, else the header's ``srclang`` and the first other
language; a unit without both is skipped. Units without dari's props are approved terms
(a list a person made is the list they agreed to). The file is streamed through the
hardened parser of ``align.formats.xml_input`` (no entities, no DTD, no network).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import closing
from pathlib import Path

from lxml import etree

from align.errors import InputError
from align.formats.text_rules import clean_text, escape_attr, escape_text, pick_languages
from align.formats.xml_input import XML_NS, iter_ends, local_name
from align.model import TermEntry, TermExample, TermStatus
from align.version import __version__
from glossary.formats.values import (
    UNKNOWN_BEAD,
    bcp47,
    format_place,
    format_score,
    parse_count,
    parse_kind,
    parse_place,
    parse_score,
    parse_status,
    primary_subtag,
)

PROP_KIND = "x-dari-kind"
PROP_SCORE = "x-dari-score"
PROP_COUNT = "x-dari-count"
PROP_STATUS = "x-dari-term-status"
"""Not ``x-dari-status``, the bead status of dari's bitext TMX, so neither reader mistakes
the other's file for its own."""
PROP_NOTE = "x-dari-note"
CHUNK = 1000
"""Entries per chunk the writer yields."""

_XML_LANG = f"{{{XML_NS}}}lang"
_EXAMPLE = re.compile(r"(bead -?\d+(?:, .*?)?): (.*)", re.DOTALL)
_CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut"})


def _text(text: str) -> str:
    return escape_text(clean_text(text))


def dumps_tmx(entries: Sequence[TermEntry], *, src_lang: str, tgt_lang: str) -> str:
    return "".join(write_tmx(entries, src_lang=src_lang, tgt_lang=tgt_lang))


def write_tmx(
    entries: Sequence[TermEntry], *, src_lang: str, tgt_lang: str, excel: bool = False
) -> Iterator[str]:
    """The registry's writer: the file in chunks of ``CHUNK`` entries (``excel`` concerns
    tables only)."""
    src, tgt = escape_attr(bcp47(src_lang)), escape_attr(bcp47(tgt_lang))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<tmx version="1.4">\n',
        f'  <header creationtool="dari" creationtoolversion="{escape_attr(__version__)}"'
        f' segtype="phrase" o-tmf="dari" adminlang="en" srclang="{src}" datatype="plaintext"/>\n',
        "  <body>\n",
    ]
    for tuid, entry in enumerate(entries, 1):
        out.append(f'    <tu tuid="{tuid}">\n')
        for example in entry.examples:
            place = format_place(example.bead, example.pair)
            out.append(f'      <note xml:lang="{src}">{_text(f"{place}: {example.source}")}</note>\n')
            out.append(f'      <note xml:lang="{tgt}">{_text(f"{place}: {example.target}")}</note>\n')
        out.append(
            f'      <prop type="{PROP_KIND}">{entry.kind.value}</prop>\n'
            f'      <prop type="{PROP_SCORE}">{format_score(entry.score)}</prop>\n'
            f'      <prop type="{PROP_COUNT}">{entry.count}</prop>\n'
            f'      <prop type="{PROP_STATUS}">{entry.status.value}</prop>\n'
        )
        if entry.note:
            out.append(f'      <prop type="{PROP_NOTE}">{_text(entry.note)}</prop>\n')
        out.append(f'      <tuv xml:lang="{src}">\n        <seg>{_text(entry.source)}</seg>\n      </tuv>\n')
        for target in entry.targets or [entry.target]:
            out.append(f'      <tuv xml:lang="{tgt}">\n        <seg>{_text(target)}</seg>\n      </tuv>\n')
        out.append("    </tu>\n")
        if tuid % CHUNK == 0:
            yield "".join(out)
            out.clear()
    out.append("  </body>\n</tmx>\n")
    yield "".join(out)


def _seg_text(element: etree._Element) -> str:
    """Text of a seg, keeping ``hi``/``sub`` content and dropping inline native codes."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and local_name(child) not in _CODE_ELEMENTS:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


class _Unit:
    __slots__ = ("line", "notes", "props", "terms")

    def __init__(self, tu: etree._Element) -> None:
        self.terms: dict[str, list[str]] = {}
        self.props: dict[str, str] = {}
        self.notes: list[tuple[str, str]] = []
        self.line = tu.sourceline or 0
        for child in tu:
            name = local_name(child)
            if name == "tuv":
                lang = primary_subtag(child.get(_XML_LANG) or child.get("lang"))
                seg = next((c for c in child if local_name(c) == "seg"), None)
                text = _seg_text(seg).strip() if seg is not None else ""
                if lang and text:
                    self.terms.setdefault(lang, []).append(text)
            elif name == "prop":
                self.props.setdefault(child.get("type", ""), child.text or "")
            elif name == "note":
                self.notes.append((primary_subtag(child.get(_XML_LANG)), child.text or ""))


def _languages(seen: list[str], srclang: str, src: str | None, tgt: str | None, name: str) -> tuple[str, str]:
    if not seen:
        raise InputError(f"{name}: the TMX has no terms with a language")
    fallback = primary_subtag(srclang) if srclang and srclang != "*all*" else seen[0]
    return pick_languages(seen, src, tgt, fallback, name, "TMX", "terms")


def _examples(notes: list[tuple[str, str]], src: str, tgt: str) -> list[TermExample]:
    """Examples from the notes dari wrote: a source note and a target note per place."""
    sources: list[tuple[str, str]] = []
    targets: list[tuple[str, str]] = []
    for lang, text in notes:
        match = _EXAMPLE.fullmatch(text)
        if match is None or lang not in (src, tgt):
            continue
        (sources if lang == src else targets).append((match.group(1), match.group(2)))
    examples: list[TermExample] = []
    for k, (place, source) in enumerate(sources):
        parsed = parse_place(place) or (UNKNOWN_BEAD, "")
        target = targets[k][1] if k < len(targets) else ""
        examples.append(TermExample(parsed[0], source, target, parsed[1]))
    return examples


def read_tmx(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> list[TermEntry]:
    name = str(path)
    srclang = ""
    units: list[_Unit] = []
    seen: dict[str, None] = {}
    with closing(iter_ends(path, "TMX", "tmx", frozenset({"tu", "header"}))) as elements:
        for element in elements:
            if local_name(element) == "header":
                srclang = element.get("srclang", "")
                continue
            unit = _Unit(element)
            units.append(unit)
            for lang in unit.terms:
                seen.setdefault(lang)
    src, tgt = _languages(list(seen), srclang, src_lang, tgt_lang, name)
    entries: list[TermEntry] = []
    for unit in units:
        if src not in unit.terms or tgt not in unit.terms:
            continue
        props = unit.props
        try:
            entry = TermEntry(
                source=unit.terms[src][0],
                target="|".join(dict.fromkeys(unit.terms[tgt])),
                count=parse_count(props.get(PROP_COUNT, "")),
                status=parse_status(
                    props.get(PROP_STATUS) or props.get("x-dari-status", ""), TermStatus.APPROVED
                ),
                note=props.get(PROP_NOTE, ""),
                kind=parse_kind(props.get(PROP_KIND, "")),
                score=parse_score(props.get(PROP_SCORE, "")),
                examples=_examples(unit.notes, src, tgt),
            )
        except ValueError as exc:
            raise InputError(f"{name}:{unit.line}: {exc}") from None
        entries.append(entry)
    if not entries:
        raise InputError(f"{name}: the TMX has no unit with both a '{src}' and a '{tgt}' term")
    return entries
