"""``untranslated``: text left in the source language, and stray words of a foreign script.

Three cases: the target sentence is the source sentence verbatim; the target is written in the
source's script (an English sentence in the Korean file); a word in a script foreign to its
document (a Korean word inside the English text, often a paste error). Code, URLs and
identifiers are correctly left as they are, so only text that reads as prose is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from align.checks.registry import CheckContext
from align.checks.scripts import expected_script, looks_like_prose, script_counts
from align.model import Bitext, Document, Finding, Severity

_FOREIGN_RUN = re.compile(
    r"[\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff]+(?:\s+[\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff]+)*"
)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _citation(text: str) -> bool:
    """Titles, references and author lists (mostly capitalised words) stay in their language."""
    words = re.findall(r"[A-Za-z]+", text)
    return sum(1 for w in words if w[0].isupper()) >= 0.4 * max(1, len(words))


def _stray(doc: Document, side: str) -> Iterator[Finding]:
    """Hangul/kana/han runs inside a document written in Latin script."""
    if expected_script(doc.lang) != "latin":
        return
    for i, seg in enumerate(doc.segments):
        runs = _FOREIGN_RUN.findall(seg.text)
        if not runs:
            continue
        shown = ", ".join(dict.fromkeys(runs))
        yield Finding(
            check="untranslated",
            severity=Severity.WARNING,
            message=f"foreign-script text {shown!r} inside the {doc.lang} text",
            src=(i,) if side == "src" else (),
            tgt=(i,) if side == "tgt" else (),
            suggestion="translate or remove it",
            data={"kind": "stray-script", "key": "stray:" + shown},
        )


def check_untranslated(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    src_script = expected_script(bitext.source.lang)
    tgt_script = expected_script(bitext.target.lang)
    for bead in bitext.beads:
        if bead.is_null:
            continue
        src_texts, tgt_texts = bitext.bead_texts(bead)
        src_text, tgt_text = _squash(" ".join(src_texts)), _squash(" ".join(tgt_texts))
        if not looks_like_prose(tgt_text):
            continue
        if src_text == tgt_text:
            message = "the target is identical to the source (not translated?)"
            kind = "identical"
        elif (
            src_script != tgt_script
            and script_counts(tgt_text).get(tgt_script, 0) == 0
            and not _citation(tgt_text)
        ):
            message = f"the target is in {src_script} script, not {tgt_script}: left in the source language?"
            kind = "source-script"
        else:
            continue
        yield Finding(
            check="untranslated",
            severity=Severity.WARNING,
            message=message,
            src=bead.src,
            tgt=bead.tgt,
            suggestion=f"translate it into {bitext.target.lang}",
            data={"kind": kind, "key": kind},
        )
    yield from _stray(bitext.source, "src")
    yield from _stray(bitext.target, "tgt")
