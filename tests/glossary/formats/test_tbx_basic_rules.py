"""The TBX-Basic dialect rules (LTAC/TerminOrgs, TBX-Basic 1.1 for ISO 30042:2019, DCA
style), written out as a checker, applied to what dari writes.

No schema can be fetched at test time, so the rules of the dialect's integrated RELAX NG
core structure and of its Schematron (``TBX-Basic_DCA.sch``) are restated here: the
elements and their nesting and order, the required attributes, the permitted data
categories (``type`` values) per element and the levels each may appear at, the picklist
values, and the uniqueness of ids. The checker is itself tested against files that break
each rule, so it cannot pass by accident.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from align.model import TermEntry, TermExample, TermKind, TermStatus
from glossary.formats.tbx import dumps_tbx

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

AUX_INFO = {"descrip", "descripGrp", "admin", "adminGrp", "transacGrp", "note", "ref", "xref"}
TYPES = {
    "termNote": {
        "administrativeStatus",
        "grammaticalGender",
        "geographicalUsage",
        "partOfSpeech",
        "termLocation",
        "termType",
    },
    "admin": {"customerSubset", "projectSubset", "source"},
    "descrip": {"context", "definition", "subjectField"},
    "ref": {"crossReference"},
    "xref": {"externalCrossReference", "xGraphic"},
    "transac": {"transactionType"},
    "transacNote": {"responsibility"},
}
PICKLISTS = {
    "administrativeStatus": {
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
        "preferredTerm-admn-sts",
    },
    "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    "transactionType": {"origination", "modification"},
}
# data category -> the levels (parent, or parent of its Grp) where TBX-Basic permits it
LEVELS = {
    ("descrip", "context"): {"termSec"},
    ("descrip", "definition"): {"conceptEntry", "langSec"},
    ("descrip", "subjectField"): {"conceptEntry"},
    ("admin", "source"): {"conceptEntry", "langSec", "termSec"},
    ("admin", "customerSubset"): {"conceptEntry", "termSec"},
    ("admin", "projectSubset"): {"conceptEntry", "termSec"},
    ("ref", "crossReference"): {"conceptEntry", "termSec"},
    ("xref", "externalCrossReference"): {"conceptEntry", "termSec"},
    ("xref", "xGraphic"): {"conceptEntry", "langSec"},
}
INLINE = {"hi", "foreign", "sc", "ec", "ph"}
NCNAME = re.compile(r"[A-Za-z_][\w.\-]*")


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname


def _children(element: etree._Element) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str)]


def _level(element: etree._Element) -> str:
    parent = element.getparent()
    assert parent is not None
    if _name(parent).endswith("Grp"):
        grand = parent.getparent()
        assert grand is not None
        return _name(grand)
    return _name(parent)


def tbx_basic_violations(data: bytes) -> list[str]:
    """Every way ``data`` breaks the TBX-Basic DCA rules (empty when it follows them)."""
    problems: list[str] = []
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if _name(root) != "tbx":
        return [f"root is <{_name(root)}>, not <tbx>"]
    if root.get("type") != "TBX-Basic":
        problems.append("tbx/@type must be TBX-Basic")
    if root.get("style") != "dca":
        problems.append("tbx/@style must be dca")
    if not root.get(XML_LANG):
        problems.append("tbx/@xml:lang is required")
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).namespace != NS:
            problems.append(
                f"<{element.tag}> is outside the TBX namespace (DCT elements are not allowed in DCA)"
            )
    if [_name(c) for c in _children(root)] != ["tbxHeader", "text"]:
        problems.append("tbx must hold tbxHeader then text")
        return problems
    header, text = _children(root)
    names = [_name(c) for c in _children(header)]
    if not names or names[0] != "fileDesc" or not set(names[1:]) <= {"encodingDesc", "revisionDesc"}:
        problems.append("tbxHeader must start with fileDesc")
    else:
        file_desc = [_name(c) for c in _children(_children(header)[0])]
        if "sourceDesc" not in file_desc or not set(file_desc) <= {
            "titleStmt",
            "publicationStmt",
            "sourceDesc",
        }:
            problems.append("fileDesc needs a sourceDesc (after optional titleStmt, publicationStmt)")
        for source_desc in _children(_children(header)[0]):
            if _name(source_desc) == "sourceDesc" and (
                not _children(source_desc) or {_name(p) for p in _children(source_desc)} != {"p"}
            ):
                problems.append("sourceDesc must hold one or more p")
    parts = [_name(c) for c in _children(text)]
    if not parts or parts[0] != "body" or parts[1:] not in ([], ["back"]):
        problems.append("text must hold body (and optionally back)")
        return problems
    body = _children(text)[0]
    concepts = _children(body)
    if not concepts or {_name(c) for c in concepts} != {"conceptEntry"}:
        problems.append("body must hold one or more conceptEntry")
    ids = [e.get("id") for e in root.iter() if isinstance(e.tag, str) and e.get("id") is not None]
    if len(ids) != len(set(ids)):
        problems.append("ids must be unique")
    problems.extend(f"id {i!r} is not an XML name" for i in ids if not NCNAME.fullmatch(str(i)))
    for concept in concepts:
        problems.extend(_section(concept, "conceptEntry", "langSec"))
        for lang_sec in _children(concept):
            if _name(lang_sec) != "langSec":
                continue
            if not lang_sec.get(XML_LANG):
                problems.append("langSec/@xml:lang is required")
            problems.extend(_section(lang_sec, "langSec", "termSec"))
            for term_sec in _children(lang_sec):
                if _name(term_sec) == "termSec":
                    problems.extend(_term_section(term_sec))
    for element in root.iter():
        if isinstance(element.tag, str):
            problems.extend(_data_category(element))
    return problems


def _section(element: etree._Element, name: str, child: str) -> list[str]:
    """conceptEntry and langSec: auxiliary information first, then one or more sections."""
    problems: list[str] = []
    names = [_name(c) for c in _children(element)]
    if child not in names:
        problems.append(f"{name} needs at least one {child}")
        return problems
    first = names.index(child)
    if not set(names[:first]) <= AUX_INFO:
        problems.append(f"{name} holds {sorted(set(names[:first]) - AUX_INFO)} before its {child}s")
    if set(names[first:]) != {child}:
        problems.append(f"{name}: nothing may follow its {child}s")
    return problems


def _term_section(term_sec: etree._Element) -> list[str]:
    problems: list[str] = []
    names = [_name(c) for c in _children(term_sec)]
    if not names or names[0] != "term":
        return ["termSec must start with term"]
    if names.count("term") != 1:
        problems.append("termSec holds one term")
    rest = names[1:]
    notes = 0
    while notes < len(rest) and rest[notes] in ("termNote", "termNoteGrp"):
        notes += 1
    if not set(rest[notes:]) <= AUX_INFO:
        problems.append(
            f"termSec: {sorted(set(rest[notes:]) - AUX_INFO)} after the termNotes are not allowed"
        )
    term = _children(term_sec)[0]
    if any(_name(c) != "hi" for c in _children(term)):
        problems.append("term holds text (and hi) only")
    if not "".join(term.itertext()).strip():
        problems.append("term is empty")
    return problems


def _data_category(element: etree._Element) -> list[str]:
    problems: list[str] = []
    name = _name(element)
    kind = element.get("type")
    if name in TYPES:
        if not kind:
            problems.append(f"<{name}> needs a type")
        elif kind not in TYPES[name]:
            problems.append(f"<{name} type={kind!r}> is not a TBX-Basic data category")
        value = "".join(element.itertext()).strip()
        if kind in PICKLISTS and value not in PICKLISTS[kind]:
            problems.append(f"{kind} {value!r} is not a permitted value")
        if name == "termNote" and _level(element) != "termSec":
            problems.append("termNote is only allowed at the termSec level")
        allowed = LEVELS.get((name, kind or ""))
        if allowed is not None and _level(element) not in allowed:
            problems.append(f"{kind} is not allowed at the {_level(element)} level")
    if name == "descripGrp":
        names = [_name(c) for c in _children(element)]
        if not names or names[0] != "descrip":
            problems.append("descripGrp must start with descrip")
        elif not set(names[1:]) <= {"descripNote", "admin", "adminGrp", "transacGrp", "note", "ref", "xref"}:
            problems.append("descripGrp holds elements it may not")
    if name in ("note", "descrip", "admin", "p") and any(_name(c) not in INLINE for c in _children(element)):
        problems.append(f"<{name}> holds note text only")
    return problems


def test_golden_tbx_follows_the_dialect() -> None:
    from pathlib import Path

    golden = Path(__file__).resolve().parents[2] / "golden" / "glossary001.tbx"
    assert tbx_basic_violations(golden.read_bytes()) == []


def test_written_tbx_follows_the_dialect(glossary: list[TermEntry]) -> None:
    assert tbx_basic_violations(dumps_tbx(glossary, src_lang="en-US", tgt_lang="ko_kr").encode()) == []


_text = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.builds(
            TermEntry,
            source=_text,
            target=st.lists(_text.filter(lambda t: "|" not in t), min_size=1, max_size=3).map("|".join),
            count=st.integers(0, 10**6),
            status=st.sampled_from(list(TermStatus)),
            note=st.one_of(st.just(""), _text),
            kind=st.sampled_from(list(TermKind)),
            score=st.floats(0, 1),
            examples=st.lists(
                st.builds(TermExample, st.integers(0, 99), _text, _text, st.just("")), max_size=2
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_glossary_gives_valid_tbx_basic(entries: list[TermEntry]) -> None:
    assert tbx_basic_violations(dumps_tbx(entries, src_lang="ko", tgt_lang="en").encode()) == []


VALID = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="subjectField">Diplomacy</descrip>
      <langSec xml:lang="en">
        <termSec><term>embassy</term><termNote type="partOfSpeech">noun</termNote>
          <descripGrp><descrip type="context">The embassy said.</descrip><admin type="source">x</admin></descripGrp>
        </termSec>
      </langSec>
      <langSec xml:lang="ko"><termSec><term>대사관</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>"""

BROKEN = {
    "dialect name": ('type="TBX-Basic"', 'type="TBX-Min"'),
    "style": ('style="dca"', 'style="dct"'),
    "proper noun": (">noun<", ">properNoun<"),
    "termNote level": (
        '<langSec xml:lang="ko">',
        '<langSec xml:lang="ko"><termNote type="termType">fullForm</termNote>',
    ),
    "context level": (
        '<descrip type="subjectField">Diplomacy</descrip>',
        '<descrip type="context">x</descrip>',
    ),
    "unknown category": ('type="subjectField"', 'type="x-dari-score"'),
    "langSec lang": ('<langSec xml:lang="ko">', "<langSec>"),
    "term first": (
        "<termSec><term>대사관</term></termSec>",
        "<termSec><note>n</note><term>대사관</term></termSec>",
    ),
    "duplicate id": ('<conceptEntry id="c1">', '<conceptEntry id="c1"><note id="c1">x</note>'),
    "element after langSec": (
        "</langSec>\n    </conceptEntry>",
        "</langSec><note>late</note>\n    </conceptEntry>",
    ),
    "foreign namespace": ("<term>embassy</term>", '<term>embassy</term><x:y xmlns:x="urn:x"/>'),
    "empty body": ("<body>", "<body></body><back>"),
}


def test_the_checker_accepts_a_valid_file() -> None:
    assert tbx_basic_violations(VALID.encode()) == []


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_the_checker_catches_each_broken_rule(case: str) -> None:
    old, new = BROKEN[case]
    assert old in VALID
    broken = VALID.replace(old, new, 1)
    if case == "empty body":
        broken = broken.replace("</body></text>", "</back></text>")
    assert tbx_basic_violations(broken.encode()), case
