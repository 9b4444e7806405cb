"""The versioned JSON project file (``*.dari.json``) that the CLI writes and the TUI edits.

One file holds both texts, their sentences with offsets, the beads with score and status,
findings, glossary and the signature of what produced them, so a result can be reopened,
reviewed, re-exported and reproduced. ``FORMAT_VERSION`` is bumped on any incompatible
change and ``load_project`` refuses versions it does not know rather than guessing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from align.atomic import write_text_atomic
from align.errors import InputError
from align.model import (
    Bead,
    BeadError,
    BeadStatus,
    Bitext,
    Document,
    Finding,
    Segment,
    Severity,
    TermEntry,
    TermExample,
    TermKind,
    TermStatus,
    validate_beads,
)
from align.reading import input_errors

FORMAT_NAME = "dari-project"
FORMAT_VERSION = 1


def _doc_to_json(doc: Document) -> dict[str, Any]:
    return {
        "lang": doc.lang,
        # a file name that is not UTF-8 holds surrogates JSON files cannot carry: escape them
        "path": doc.path.encode("utf-8", "backslashreplace").decode("utf-8") if doc.path else doc.path,
        "encoding": doc.encoding,
        "text": doc.text,
        "segments": [[s.start, s.end, s.para] for s in doc.segments],
        # sentences edited in review: their new text (the offsets keep pointing at the original)
        **({"edited": edited} if (edited := _edited_texts(doc)) else {}),
    }


def _edited_texts(doc: Document) -> dict[str, str]:
    text = doc.text
    return {str(k): s.text for k, s in enumerate(doc.segments) if s.text != text[s.start : s.end]}


def _finding_to_json(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "check": f.check,
        "severity": f.severity.value,
        "message": f.message,
        "src": list(f.src),
        "tgt": list(f.tgt),
    }
    if f.suggestion is not None:
        out["suggestion"] = f.suggestion
    if f.data:
        out["data"] = f.data
    return out


def bitext_to_json(bitext: Bitext) -> dict[str, Any]:
    """The project file's JSON object (also what ``--format json`` prints)."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "signature": bitext.signature,
        "meta": bitext.meta,
        "source": _doc_to_json(bitext.source),
        "target": _doc_to_json(bitext.target),
        "beads": [
            {"src": list(b.src), "tgt": list(b.tgt), "score": round(b.score, 4), "status": b.status.value}
            for b in bitext.beads
        ],
        "findings": [_finding_to_json(f) for f in bitext.findings],
        "glossary": [term_to_json(t) for t in bitext.glossary],
    }


def term_to_json(t: TermEntry) -> dict[str, Any]:
    """A glossary entry as the project file stores it (also the glossary's JSON form)."""
    return {
        "source": t.source,
        "target": t.target,
        "kind": t.kind.value,
        "score": round(t.score, 4),
        "count": t.count,
        "status": t.status.value,
        "note": t.note,
        "examples": [
            {"bead": x.bead, "source": x.source, "target": x.target, **({"pair": x.pair} if x.pair else {})}
            for x in t.examples
        ],
    }


def term_from_json(item: Any) -> TermEntry:
    """The inverse of ``term_to_json``; older projects' ``auto``/``confirmed`` statuses map to
    candidate/approved. Raises KeyError, TypeError or ValueError on a malformed item."""
    if not isinstance(item, dict):
        raise TypeError("not an object")
    score = float(item.get("score", 0.0))
    if not 0.0 <= score <= 1.0:
        raise ValueError("score outside [0, 1]")
    count = int(item.get("count", 0))
    if count < 0:
        raise ValueError("negative count")
    source, target = str(item["source"]), str(item["target"])
    if not source.strip() or not target.strip():
        raise ValueError("empty term")
    examples = [
        TermExample(int(x["bead"]), str(x["source"]), str(x["target"]), str(x.get("pair", "")))
        for x in item.get("examples", []) or []
    ]
    return TermEntry(
        source=source,
        target=target,
        count=count,
        status=TermStatus.parse(item.get("status"), TermStatus.CANDIDATE),
        note=str(item.get("note", "")),
        kind=TermKind(item.get("kind", "term")),
        score=score,
        examples=examples,
    )


def dumps_project(bitext: Bitext) -> str:
    return json.dumps(bitext_to_json(bitext), ensure_ascii=False, indent=1) + "\n"


def save_project(bitext: Bitext, path: str | Path) -> None:
    """Write the project atomically: the previous file stays intact until the new one is complete."""
    write_text_atomic(path, dumps_project(bitext))


class _Reader:
    """Field access that turns every shape error into one ``InputError`` naming the field."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, what: str) -> InputError:
        return InputError(f"{self.name}: not a valid dari project file ({what})")

    def get(self, obj: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
        if not isinstance(obj, dict) or key not in obj:
            raise self.fail(f"missing {where}{key}")
        value = obj[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"{where}{key} has the wrong type")
        return value

    def document(self, obj: Any, side: str) -> Document:
        text = self.get(obj, "text", str, f"{side}.")
        lang = self.get(obj, "lang", str, f"{side}.")
        if not lang.strip():
            raise self.fail(f"{side}.lang is empty")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # JSON's "\ud800" escapes decode to text no file can hold
            raise self.fail(f"{side}.text has an unpaired surrogate at offset {exc.start}") from None
        raw = self.get(obj, "segments", list, f"{side}.")
        segments: list[Segment] = []
        n = len(text)
        for k, item in enumerate(raw):
            # type() checks rather than isinstance: bools are ints, and this loop runs per sentence
            if type(item) is not list or len(item) != 3:
                raise self.fail(f"{side}.segments[{k}] is not [start, end, para]")
            start, end, para = item
            if type(start) is not int or type(end) is not int or type(para) is not int:
                raise self.fail(f"{side}.segments[{k}] is not [start, end, para]")
            if not 0 <= start <= end <= n:
                raise self.fail(f"{side}.segments[{k}] offsets {start}..{end} lie outside the text")
            segments.append(Segment(text[start:end], start, end, para))
        edited = obj.get("edited", {})
        if not isinstance(edited, dict):
            raise self.fail(f"{side}.edited is not an object")
        for key, value in edited.items():
            if not (isinstance(key, str) and key.isdigit() and int(key) < len(segments)) or not isinstance(
                value, str
            ):
                raise self.fail(f"{side}.edited[{key!r}] does not name a sentence and its text")
            old = segments[int(key)]
            segments[int(key)] = Segment(value, old.start, old.end, old.para)
        path = obj.get("path")
        encoding = obj.get("encoding")
        return Document(
            lang=lang,
            text=text,
            segments=segments,
            path=path if isinstance(path, str) else None,
            encoding=encoding if isinstance(encoding, str) else None,
        )


def bitext_from_json(obj: Any, name: str = "project") -> Bitext:
    r = _Reader(name)
    if not isinstance(obj, dict) or obj.get("format") != FORMAT_NAME:
        raise r.fail("no 'format': 'dari-project' marker")
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise r.fail("missing version")
    if version > FORMAT_VERSION:
        raise InputError(
            f"{name}: project file version {version} is newer than this dari understands "
            f"({FORMAT_VERSION}); upgrade dari"
        )
    source = r.document(r.get(obj, "source", dict, ""), "source")
    target = r.document(r.get(obj, "target", dict, ""), "target")
    beads: list[Bead] = []
    statuses = {status.value: status for status in BeadStatus}
    for k, item in enumerate(r.get(obj, "beads", list, "")):
        src = item.get("src") if type(item) is dict else None
        tgt = item.get("tgt") if type(item) is dict else None
        if type(src) is not list or type(tgt) is not list:
            raise r.fail(f"beads[{k}] needs src and tgt lists")
        if any(type(v) is not int for v in src) or any(type(v) is not int for v in tgt):
            raise r.fail(f"beads[{k}] ids must be integers")
        score = item.get("score", 0.0)
        if type(score) is not float and type(score) is not int:
            raise r.fail(f"beads[{k}].score is not a number")
        status = statuses.get(item.get("status", "auto"))
        if status is None:
            raise r.fail(f"beads[{k}].status {item.get('status')!r} is unknown")
        beads.append(Bead(tuple(src), tuple(tgt), float(score), status))
    try:
        validate_beads(beads, len(source.segments), len(target.segments))
    except BeadError as exc:
        raise r.fail(str(exc)) from None
    findings: list[Finding] = []
    raw_findings = obj.get("findings", []) or []
    if not isinstance(raw_findings, list):
        raise r.fail("findings is not a list")
    for k, item in enumerate(raw_findings):
        try:
            findings.append(
                Finding(
                    check=str(item["check"]),
                    severity=Severity(item["severity"]),
                    message=str(item["message"]),
                    src=tuple(int(v) for v in item.get("src", [])),
                    tgt=tuple(int(v) for v in item.get("tgt", [])),
                    suggestion=item.get("suggestion"),
                    data=dict(item.get("data", {})),
                )
            )
        except (KeyError, TypeError, ValueError):
            raise r.fail(f"findings[{k}] is malformed") from None
    glossary: list[TermEntry] = []
    raw_glossary = obj.get("glossary", []) or []
    if not isinstance(raw_glossary, list):
        raise r.fail("glossary is not a list")
    for k, item in enumerate(raw_glossary):
        try:
            glossary.append(term_from_json(item))
        except (KeyError, TypeError, ValueError):
            raise r.fail(f"glossary[{k}] is malformed") from None
    signature = obj.get("signature", {})
    meta = obj.get("meta", {})
    return Bitext(
        source=source,
        target=target,
        beads=beads,
        signature=signature if isinstance(signature, dict) else {},
        findings=findings,
        glossary=glossary,
        meta=meta if isinstance(meta, dict) else {},
    )


def load_project(path: str | Path) -> Bitext:
    """Read a project file; any problem becomes one ``InputError`` line, never a traceback."""
    p = Path(path)
    with input_errors(p, "project"), p.open("rb") as handle:
        raw = handle.read(65536)
        if b"\x00" in raw:  # binary (or /dev/zero): refuse before reading it all
            raise InputError(f"{p}: not a dari project file (binary data)")
        raw += handle.read()
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{p}: not a dari project file (not UTF-8 JSON)") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{p}: not a valid dari project file (JSON error at line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except (ValueError, RecursionError) as exc:  # a 5000-digit number, arrays nested 100,000 deep
        raise InputError(f"{p}: not a valid dari project file ({type(exc).__name__})") from None
    return bitext_from_json(obj, str(p))
