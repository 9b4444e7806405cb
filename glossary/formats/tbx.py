"""Glossaries as TBX v3 (ISO 30042:2019), TBX-Basic dialect, DCA style: what term bases import.

Written per entry, inside ``<tbx type="TBX-Basic" style="dca" xml:lang=SRC
xmlns="urn:iso:std:iso:30042:ed-2">`` with a ``tbxHeader/fileDesc/sourceDesc``:

    conceptEntry id="cN"
      note            x-dari-kind: K; x-dari-status: S; x-dari-score: F; x-dari-count: N
      note            the entry's own note, when it has one
      langSec xml:lang=SRC › termSec › term (the source term)
      langSec xml:lang=TGT › one termSec per accepted alternative (대사관|공관 → two)
    every termSec: termNote partOfSpeech "noun", termNote termType "fullForm",
      termNote administrativeStatus (below), and each example as a descripGrp holding
      descrip type="context" (the sentence of that side) and admin type="source" ("bead 12"
      or "bead 12, pair"); the examples' target sentences sit in the first target termSec.

Only data categories TBX-Basic permits are used, at the levels it permits them (the rules
are written as tests in ``tests/glossary/formats/test_tbx_basic_rules.py``). Two things dari
knows have no TBX-Basic category, so they travel in the concept's ``note``, which TBX-Basic
allows anywhere and every tool shows: the score and count, and the name/term kind
(TBX-Basic's partOfSpeech has no ``properNoun``; its values are noun, verb, adjective,
adverb, other).

Status mapping (lossless for dari's own files, faithful for others):

=========  ==============================  ============================================
dari       administrativeStatus written    read back
=========  ==============================  ============================================
approved   preferredTerm-admn-sts          preferred → approved
candidate  admittedTerm-admn-sts           admitted → approved, unless dari's note says
                                           candidate (a term that may be used but that
                                           no one has made preferred yet)
rejected   deprecatedTerm-admn-sts         deprecated or superseded → rejected
=========  ==============================  ============================================

When someone changes a status in a term-base tool, the file's ``administrativeStatus`` no
longer matches dari's note and wins. A concept of another tool becomes one entry per source
term, whose target holds the target terms that are not deprecated (``|``-separated); a
concept whose target terms are all deprecated becomes a rejected entry. Terms without any
status are approved, as in every user glossary. TBX v2 files (``martif`` › ``termEntry`` ›
``langSet`` › ``tig``/``ntig``, as memoQ and MultiTerm export them) are read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from align.errors import InputError, UsageError
from align.formats.text_rules import clean_text, escape_attr, escape_text, pick_languages
from align.formats.xml_input import XML_NS, check_head, iter_ends, local_name
from align.model import TermEntry, TermExample, TermKind, TermStatus
from align.version import __version__
from glossary.formats.values import (
    UNKNOWN_BEAD,
    bcp47,
    format_place,
    format_score,
    head_text,
    parse_count,
    parse_kind,
    parse_place,
    parse_score,
    parse_status,
    primary_subtag,
)

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"

ADMIN_STATUS = {
    TermStatus.APPROVED: "preferredTerm-admn-sts",
    TermStatus.CANDIDATE: "admittedTerm-admn-sts",
    TermStatus.REJECTED: "deprecatedTerm-admn-sts",
}
RECORD_PREFIX = "x-dari-"
CHUNK = 1000
"""Entries per chunk the writer yields."""

_XML_LANG = f"{{{XML_NS}}}lang"
_CONCEPTS = frozenset({"conceptEntry", "termEntry"})
_LANG_SECTIONS = frozenset({"langSec", "langSet"})
_TERM_SECTIONS = frozenset({"termSec", "tig", "ntig"})
_STATUS_NOTES = frozenset({"administrativeStatus", "normativeAuthorization"})
_UNFINISHED = frozenset({"unprocessed", "provisionallyprocessed"})


def _text(text: str) -> str:
    return escape_text(clean_text(text))


def _record(entry: TermEntry) -> str:
    return (
        f"{RECORD_PREFIX}kind: {entry.kind.value}; {RECORD_PREFIX}status: {entry.status.value}; "
        f"{RECORD_PREFIX}score: {format_score(entry.score)}; {RECORD_PREFIX}count: {entry.count}"
    )


def _term_section(out: list[str], term: str, status: TermStatus, contexts: list[tuple[str, str]]) -> None:
    out.append(
        "          <termSec>\n"
        f"            <term>{_text(term)}</term>\n"
        '            <termNote type="partOfSpeech">noun</termNote>\n'
        '            <termNote type="termType">fullForm</termNote>\n'
        f'            <termNote type="administrativeStatus">{ADMIN_STATUS[status]}</termNote>\n'
    )
    for sentence, place in contexts:
        out.append(
            "            <descripGrp>\n"
            f'              <descrip type="context">{_text(sentence)}</descrip>\n'
            f'              <admin type="source">{_text(place)}</admin>\n'
            "            </descripGrp>\n"
        )
    out.append("          </termSec>\n")


def dumps_tbx(entries: Sequence[TermEntry], *, src_lang: str, tgt_lang: str) -> str:
    return "".join(write_tbx(entries, src_lang=src_lang, tgt_lang=tgt_lang))


def write_tbx(
    entries: Sequence[TermEntry], *, src_lang: str, tgt_lang: str, excel: bool = False
) -> Iterator[str]:
    """The registry's writer: the file in chunks of ``CHUNK`` entries, so a large glossary is
    streamed to disk (``excel`` concerns tables only)."""
    if not entries:
        raise UsageError("the glossary is empty; a TBX file needs at least one entry")
    return _iter_tbx(entries, src_lang, tgt_lang)


def _iter_tbx(entries: Sequence[TermEntry], src_lang: str, tgt_lang: str) -> Iterator[str]:
    src, tgt = escape_attr(bcp47(src_lang)), escape_attr(bcp47(tgt_lang))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<tbx type="TBX-Basic" style="dca" xml:lang="{src}" xmlns="{TBX_NAMESPACE}">\n',
        "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n",
        f"        <p>Bilingual glossary ({src} to {tgt}) written by dari {_text(__version__)}.</p>\n",
        "      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n",
        "  <text>\n    <body>\n",
    ]
    for number, entry in enumerate(entries, 1):
        places = [format_place(x.bead, x.pair) for x in entry.examples]
        out.append(f'      <conceptEntry id="c{number}">\n        <note>{_text(_record(entry))}</note>\n')
        if entry.note:
            out.append(f"        <note>{_text(entry.note)}</note>\n")
        out.append(f'        <langSec xml:lang="{src}">\n')
        _term_section(
            out,
            entry.source,
            entry.status,
            [(x.source, p) for x, p in zip(entry.examples, places, strict=True)],
        )
        out.append(f'        </langSec>\n        <langSec xml:lang="{tgt}">\n')
        for k, target in enumerate(entry.targets or [entry.target]):
            contexts = [(x.target, p) for x, p in zip(entry.examples, places, strict=True)] if k == 0 else []
            _term_section(out, target, entry.status, contexts)
        out.append("        </langSec>\n      </conceptEntry>\n")
        if number % CHUNK == 0:
            yield "".join(out)
            out.clear()
    out.append("    </body>\n  </text>\n</tbx>\n")
    yield "".join(out)


@dataclass(slots=True)
class _Term:
    text: str
    status: str | None
    """preferred, admitted, deprecated or None (no administrativeStatus)."""
    unfinished: bool
    proper: bool
    contexts: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Concept:
    line: int
    record: dict[str, str]
    notes: list[str]
    langs: dict[str, list[_Term]]


def _all_text(element: etree._Element) -> str:
    if len(element) == 0:  # nearly always: plain text, no inline markup
        return (element.text or "").strip()
    return "".join(t for t in element.itertext() if isinstance(t, str)).strip()


def _status_word(value: str) -> str | None:
    text = value.strip().lower()
    if not text:
        return None
    if "preferred" in text:
        return "preferred"
    if "admitted" in text:
        return "admitted"
    if any(w in text for w in ("deprecated", "superseded", "forbidden", "obsolete", "notrecommended")):
        return "deprecated"
    return None


def _read_term(section: etree._Element) -> _Term | None:
    text = ""
    status: str | None = None
    unfinished = proper = False
    contexts: list[tuple[str, str]] = []
    for element in section.iter():
        if not isinstance(element.tag, str):
            continue
        name = local_name(element)
        if name == "term" and not text:
            text = _all_text(element)
        elif name == "termNote":
            kind, value = element.get("type", ""), _all_text(element)
            if kind in _STATUS_NOTES and status is None:
                status = _status_word(value)
            elif kind == "processStatus":
                unfinished = value.lower() in _UNFINISHED
            elif kind == "partOfSpeech":
                proper = value.replace(" ", "").lower() == "propernoun"
        elif name == "descrip" and element.get("type") == "context":
            place = ""
            parent = element.getparent()
            if parent is not None and local_name(parent) == "descripGrp":
                place = next(
                    (_all_text(a) for a in parent if local_name(a) == "admin" and a.get("type") == "source"),
                    "",
                )
            contexts.append((_all_text(element), place))
    return _Term(text, status, unfinished, proper, contexts) if text else None


def _read_concept(element: etree._Element) -> _Concept:
    record: dict[str, str] = {}
    notes: list[str] = []
    langs: dict[str, list[_Term]] = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = local_name(child)
        if name == "note":
            text = _all_text(child)
            if text.startswith(RECORD_PREFIX):
                for part in text.split(";"):
                    key, _, value = part.partition(":")
                    record[key.strip().removeprefix(RECORD_PREFIX)] = value.strip()
            elif text:
                notes.append(text)
        elif name in _LANG_SECTIONS:
            lang = primary_subtag(child.get(_XML_LANG) or child.get("lang"))
            terms = langs.setdefault(lang, [])
            for section in child:
                if isinstance(section.tag, str) and local_name(section) in _TERM_SECTIONS:
                    term = _read_term(section)
                    if term is not None:
                        terms.append(term)
    return _Concept(element.sourceline or 0, record, notes, langs)


def xml_root_name(path: Path) -> str:
    """The root element's local name, from the head of the file (TBX v3 ``tbx`` or v2 ``martif``)."""
    check_head(path, "TBX")
    with path.open("rb") as handle:
        head = head_text(handle.read(65536))
    head = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", "", head, flags=re.DOTALL)
    match = re.search(r"<([\w:.-]+)", head)
    root = match.group(1).rsplit(":", 1)[-1] if match else "tbx"
    return root if root in ("tbx", "martif") else "tbx"


def _languages(
    concepts: list[_Concept], default: str, src: str | None, tgt: str | None, name: str
) -> tuple[str, str]:
    seen = list(dict.fromkeys(lang for c in concepts for lang, terms in c.langs.items() if lang and terms))
    if not seen:
        raise InputError(f"{name}: the TBX has no terms")
    fallback = primary_subtag(default) if primary_subtag(default) in seen else seen[0]
    return pick_languages(seen, src, tgt, fallback, name, "TBX", "terms")


def _entry_status(targets: list[_Term], accepted: list[_Term], record: dict[str, str]) -> TermStatus:
    if not accepted:
        derived = TermStatus.REJECTED
    elif all(t.unfinished for t in accepted):
        derived = TermStatus.CANDIDATE
    else:
        derived = TermStatus.APPROVED
    said = record.get("status", "")
    if said:
        status = parse_status(said, derived)
        written = {ADMIN_STATUS[status].split("Term")[0]}
        if {t.status for t in targets} == written:
            return status  # dari's own file, statuses untouched since
    return derived


def _examples(source: _Term, target: _Term | None) -> list[TermExample]:
    examples: list[TermExample] = []
    target_contexts = target.contexts if target is not None else []
    for k, (sentence, place) in enumerate(source.contexts):
        bead, pair = parse_place(place) or (UNKNOWN_BEAD, "")
        examples.append(
            TermExample(bead, sentence, target_contexts[k][0] if k < len(target_contexts) else "", pair)
        )
    return examples


def _entries(concept: _Concept, src: str, tgt: str, name: str) -> list[TermEntry]:
    sources, targets = concept.langs.get(src, []), concept.langs.get(tgt, [])
    if not sources or not targets:
        return []
    accepted = [t for t in targets if t.status != "deprecated"]
    chosen = accepted or targets
    record = concept.record
    try:
        status = _entry_status(targets, accepted, record)
        kind = parse_kind(record["kind"]) if "kind" in record else None
        score = parse_score(record.get("score", ""))
        count = parse_count(record.get("count", ""))
    except ValueError as exc:
        raise InputError(f"{name}:{concept.line}: {exc}") from None
    target_text = "|".join(dict.fromkeys(t.text for t in chosen))
    entries: list[TermEntry] = []
    unique: dict[str, _Term] = {}
    for term in sources:
        unique.setdefault(term.text, term)
    for source in unique.values():
        proper = source.proper or any(t.proper for t in chosen)
        entries.append(
            TermEntry(
                source=source.text,
                target=target_text,
                count=count,
                status=status,
                note="\n".join(concept.notes),
                kind=kind or (TermKind.NAME if proper else TermKind.TERM),
                score=score,
                examples=_examples(source, chosen[0]),
            )
        )
    return entries


def read_tbx(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> list[TermEntry]:
    name = str(path)
    root = xml_root_name(path)
    default = ""
    concepts: list[_Concept] = []
    with closing(iter_ends(path, "TBX", root, _CONCEPTS)) as elements:
        for element in elements:
            if not concepts:
                default = element.getroottree().getroot().get(_XML_LANG) or ""
            concepts.append(_read_concept(element))
    src, tgt = _languages(concepts, default, src_lang, tgt_lang, name)
    entries = [e for c in concepts for e in _entries(c, src, tgt, name)]
    if not entries:
        raise InputError(f"{name}: the TBX has no concept with both '{src}' and '{tgt}' terms")
    return entries
