"""The versioned JSON project file (``*.dari.json``) that the CLI writes and the TUI edits.

One file holds both texts, their sentences with offsets, the beads with score and status,
findings, glossary and the signature of what produced them, so a result can be reopened,
reviewed, re-exported and reproduced. ``FORMAT_VERSION`` is bumped on any incompatible
change and ``load_project`` refuses versions it does not know rather than guessing.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align.atomic import write_chunks_atomic
from align.errors import InputError
from align.languages import is_language_tag, language_tag_error
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

if TYPE_CHECKING:
    from align.aligner.params import AlignParams

FORMAT_NAME = "dari-project"
FORMAT_VERSION = 1


def _doc_to_json(doc: Document, bulk: bool = True) -> dict[str, Any]:
    return {
        "lang": doc.lang,
        # a file name that is not UTF-8 holds surrogates JSON files cannot carry: escape them
        "path": doc.path.encode("utf-8", "backslashreplace").decode("utf-8") if doc.path else doc.path,
        "encoding": doc.encoding,
        "text": doc.text if bulk else "",
        "segments": [[s.start, s.end, s.para] for s in doc.segments] if bulk else [],
        # sentences edited in review: their new text (the offsets keep pointing at the original)
        **({"edited": edited} if (edited := _edited_texts(doc)) else {}),
        **{k: v for k, v in doc.extra.items() if k not in _DOCUMENT_FIELDS},
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
    if f.extra:
        out.update((k, v) for k, v in f.extra.items() if k not in _FINDING_FIELDS)
    return out


def _bead_to_json(b: Bead) -> dict[str, Any]:
    out = {"src": list(b.src), "tgt": list(b.tgt), "score": round(b.score, 4), "status": b.status.value}
    if b.extra:
        out.update((k, v) for k, v in b.extra.items() if k not in _BEAD_FIELDS)
    return out


def bitext_to_json(bitext: Bitext, *, bulk: bool = True) -> dict[str, Any]:
    """The project file's JSON object (also what ``--format json`` prints); without ``bulk``,
    texts, segments and beads are left empty (``project_chunks`` streams them)."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "signature": bitext.signature,
        "meta": bitext.meta,
        "source": _doc_to_json(bitext.source, bulk),
        "target": _doc_to_json(bitext.target, bulk),
        "beads": [_bead_to_json(b) for b in bitext.beads] if bulk else [],
        "findings": [_finding_to_json(f) for f in bitext.findings],
        "glossary": [term_to_json(t) for t in bitext.glossary],
        **{k: v for k, v in bitext.extra.items() if k not in _PROJECT_FIELDS},
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
        **{k: v for k, v in (t.extra or {}).items() if k not in _TERM_FIELDS},
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
        extra={k: v for k, v in item.items() if k not in _TERM_FIELDS} or None,
    )


def dumps_project(bitext: Bitext) -> str:
    return json.dumps(bitext_to_json(bitext), ensure_ascii=False, indent=1) + "\n"


_CHUNK_CHARS = 1 << 20


def project_chunks(bitext: Bitext) -> Iterator[bytes]:
    """``dumps_project`` as UTF-8 pieces of about a megabyte: a project holding a 200 MB
    translation memory is written without its JSON text (and its bytes) sitting in memory.

    The bulk of a project (the two texts, their segments, the beads) is encoded a slice at a
    time: the JSON encoder sees a placeholder for each (a string no project holds: it names a
    fresh uuid) and the slices go out where its encoding comes by. JSON escapes character by
    character and ``indent`` only adds white space after line breaks, so the bytes are
    exactly ``dumps_project``'s (a test holds them to it)."""
    obj = bitext_to_json(bitext, bulk=False)
    token = uuid.uuid4().hex
    bulk: dict[str, Callable[[], Iterator[str]]] = {}

    def hold(name: str, chunks: Callable[[], Iterator[str]]) -> str:
        placeholder = f"dari-{name}-{token}"
        bulk[json.dumps(placeholder)] = chunks
        return placeholder

    for side, doc in (("source", bitext.source), ("target", bitext.target)):
        obj[side]["text"] = hold(f"{side}-text", functools.partial(_text_chunks, doc.text))
        rows = functools.partial(_segment_rows, doc.segments)
        obj[side]["segments"] = hold(f"{side}-segments", functools.partial(_list_chunks, rows, 2))
    beads = functools.partial(_bead_rows, bitext.beads)
    obj["beads"] = hold("beads", functools.partial(_list_chunks, beads, 1))
    pending: list[str] = []
    size = 0
    encoder = json.JSONEncoder(ensure_ascii=False, indent=1)
    for piece in encoder.iterencode(obj):
        chunks = bulk.get(piece)
        if chunks is not None:
            yield "".join(pending).encode("utf-8", "backslashreplace")
            pending.clear()
            size = 0
            for chunk in chunks():
                yield chunk.encode("utf-8", "backslashreplace")
            continue
        pending.append(piece)
        size += len(piece)
        if size >= _CHUNK_CHARS:
            yield "".join(pending).encode("utf-8", "backslashreplace")
            pending.clear()
            size = 0
    pending.append("\n")
    yield "".join(pending).encode("utf-8", "backslashreplace")


def _text_chunks(text: str) -> Iterator[str]:
    yield '"'
    for start in range(0, len(text), _CHUNK_CHARS):
        yield json.dumps(text[start : start + _CHUNK_CHARS], ensure_ascii=False)[1:-1]
    yield '"'


_ROWS_PER_CHUNK = 10_000


def _segment_rows(segments: list[Segment]) -> Iterator[list[Any]]:
    for start in range(0, len(segments), _ROWS_PER_CHUNK):
        yield [[s.start, s.end, s.para] for s in segments[start : start + _ROWS_PER_CHUNK]]


def _bead_rows(beads: list[Bead]) -> Iterator[list[Any]]:
    for start in range(0, len(beads), _ROWS_PER_CHUNK):
        yield [_bead_to_json(b) for b in beads[start : start + _ROWS_PER_CHUNK]]


def _list_chunks(batches: Callable[[], Iterator[list[Any]]], depth: int) -> Iterator[str]:
    """A JSON list at nesting ``depth`` (``indent=1``), encoded a batch of items at a time."""
    first = True
    pad = "\n" + " " * depth
    for batch in batches():
        if not batch:
            continue
        dumped = json.dumps(batch, ensure_ascii=False, indent=1)  # "[\n item,\n item\n]"
        inner = dumped[1:-2].replace("\n", pad)
        yield ("[" if first else ",") + inner
        first = False
    yield "[]" if first else pad + "]"


def save_project(bitext: Bitext, path: str | Path) -> None:
    """Write the project atomically: the previous file stays intact until the new one is complete."""
    write_chunks_atomic(path, project_chunks(bitext))


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
        if not is_language_tag(lang):
            raise self.fail(f"{side}.lang {language_tag_error(lang)}")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # JSON's "\ud800" escapes decode to text no file can hold
            raise self.fail(f"{side}.text has an unpaired surrogate at offset {exc.start}") from None
        raw = self.get(obj, "segments", list, f"{side}.")
        segments: list[Segment] = []
        n = len(text)
        last_end = 0
        last_para = 0
        max_para = text.count("\n")  # a paragraph takes a line at least
        for k, item in enumerate(raw):
            # type() checks rather than isinstance: bools are ints, and this loop runs per sentence
            if type(item) is not list or len(item) != 3:
                raise self.fail(f"{side}.segments[{k}] is not [start, end, para]")
            start, end, para = item
            if type(start) is not int or type(end) is not int or type(para) is not int:
                raise self.fail(f"{side}.segments[{k}] is not [start, end, para]")
            if not 0 <= start <= end <= n:
                raise self.fail(f"{side}.segments[{k}] offsets {start}..{end} lie outside the text")
            # empty segments are legitimate: --presplit keeps a blank line as one, so that
            # sentence numbers stay line numbers
            if start < last_end:
                raise self.fail(
                    f"{side}.segments[{k}] ({start}..{end}) overlaps or comes before the segment before it"
                )
            if not last_para <= para <= max_para:
                raise self.fail(
                    f"{side}.segments[{k}] paragraph {para} is out of order or beyond the text's "
                    f"{max_para + 1} lines"
                )
            last_end, last_para = end, para
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
            extra=_unknown(obj, _DOCUMENT_FIELDS),
        )


def bitext_from_json(obj: Any, name: str = "project") -> Bitext:
    r = _Reader(name)
    if not isinstance(obj, dict) or obj.get("format") != FORMAT_NAME:
        raise r.fail("no 'format': 'dari-project' marker")
    if "version" not in obj:
        raise r.fail("missing version")
    version = obj["version"]
    if type(version) is not int:
        raise r.fail(f"version {json.dumps(version)[:40]} is not an integer")
    if version < 1:
        raise r.fail(f"version {version} is not valid (versions start at 1)")
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
        raw_status = item.get("status", "auto")
        status = statuses.get(raw_status) if type(raw_status) is str else None
        if status is None:
            raise r.fail(f"beads[{k}].status {item.get('status')!r} is unknown")
        beads.append(Bead(tuple(src), tuple(tgt), float(score), status, _unknown(item, _BEAD_FIELDS) or None))
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
                    extra=_unknown(item, _FINDING_FIELDS) or None,
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
        extra=_unknown(obj, _PROJECT_FIELDS),
    )


_PROJECT_FIELDS = frozenset(
    {"format", "version", "signature", "meta", "source", "target", "beads", "findings", "glossary"}
)
_DOCUMENT_FIELDS = frozenset({"lang", "path", "encoding", "text", "segments", "edited"})
_BEAD_FIELDS = frozenset({"src", "tgt", "score", "status"})
_FINDING_FIELDS = frozenset({"check", "severity", "message", "src", "tgt", "suggestion", "data"})
_TERM_FIELDS = frozenset({"source", "target", "kind", "score", "count", "status", "note", "examples"})


def _unknown(obj: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """Fields a newer dari (or another tool) wrote that this one does not know: kept, and
    written back on save, so that opening and saving a project never loses what it held."""
    return {k: v for k, v in obj.items() if k not in known}


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


def signature_params(bitext: Bitext, where: str | Path) -> AlignParams:
    """The aligner parameters a project's signature names, so that it can be re-aligned
    exactly (``dari align --params-from``); a one-line ``InputError`` when there are none."""
    from align.aligner.params import AlignParams

    raw = bitext.signature.get("aligner")
    if not isinstance(raw, dict):
        raise InputError(
            f"{where}: its signature names no aligner parameters (imported, not aligned by dari?)"
        )
    try:
        return AlignParams.from_dict(raw)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
