"""Korean sentence boundaries: clear cases by rule, glued ones by kiwipiepy.

Korean sentences end with a final ending and a period ("...했다. 그러나"); when a space
follows, that is unambiguous and the rules decide (the fast path: no morphological analysis,
and kiwipiepy is not even loaded for such text). Kiwi is asked only about blocks where
terminal punctuation is glued to the next word ("했다.그러나", common in web text), where only
morphology tells a sentence end from "U.S.A" or a domain name.

Kiwi's own output is filtered, because it also splits where a person would not: it ends
sentences after a final ending without punctuation ("텍스트네 이걸") and after quoted clauses;
those breaks are dropped, so headings without a period and glued tokens ("중2월", "및BUTA")
never cause a split, and a quote stays with its sentence. Periods after Latin letters or digits
("U.S. 정부", "Dr. Kim") go through the same abbreviation rules as English.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from align.errors import MissingDependencyError
from align.segment.paragraphs import CLOSERS, TERMINALS, Span
from align.segment.rules import _token_after, _token_before, period_ends_sentence, rule_cuts

# Terminal punctuation glued to a following letter (a kiwi question), decimals excluded.
_GLUED = re.compile(r"[.!?…](?=[^\W\d_])")
_LATIN_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# A Hangul word, terminal punctuation, closers, whitespace: a sentence end whatever follows
# (even a lower-case Latin word: "...선보였습니다. chhappan bhog 바잔도").
_HANGUL_END = re.compile(r"[\uac00-\ud7a3][.!?…]+[" + re.escape(CLOSERS) + r"]*(?=\s)")


@functools.lru_cache(maxsize=1)
def kiwi() -> Any:
    """The full Kiwi of the process, for morphology (the glossary): its multi-word dictionary
    keeps names such as "페르난도 알론소" as one noun. Loading and the first analysis take
    about 2.5 s."""
    return _kiwi_class()()


@functools.lru_cache(maxsize=1)
def sentence_kiwi() -> Any:
    """A Kiwi without the multi-word and typo dictionaries, for sentence ends: ~1 s to load
    and warm instead of ~2.5 s (a batch worker pays it once per process), and the same cuts
    as the full one on all 9,763 Korean blocks tried (FLORES dev and devtest joined with and
    without spaces, python-docs-ko, the seeds; every block sent to kiwi)."""
    return _kiwi_class()(load_multi_dict=False, load_typo_dict=False)


def _kiwi_class() -> Any:
    try:
        from kiwipiepy import Kiwi
    except ImportError as exc:  # pragma: no cover - kiwipiepy is a core dependency
        raise MissingDependencyError(
            "Korean sentence splitting needs kiwipiepy: pip install kiwipiepy"
        ) from exc
    return Kiwi


def needs_kiwi(text: str, start: int, end: int) -> bool:
    """Whether the block has terminal punctuation glued to a following word.

    Periods inside a Latin token ("e.g.", "U.S.A", "naver.com") do not count: kiwi's cut
    there is always refused (``_keep_cut``), so asking kiwi would mostly just load it, about a
    second per process (FLORES devtest: 1 of 281 documents, for "e.g."). Of the 1,110 such
    blocks in FLORES, python-docs-ko and the seeds, one has other cuts without kiwi: a
    python-docs code line whose Korean side now splits as its English side does."""
    return any(
        not (
            text[m.start()] == "."
            and m.start() > start
            and text[m.start() - 1] in _LATIN_ALNUM
            and text[m.end()] in _LATIN_ALNUM
        )
        for m in _GLUED.finditer(text, start, end)
    )


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u3130" <= ch <= "\u318f"


def _punct_before(text: str, pos: int, start: int) -> int:
    """Offset of the terminal punctuation that a sentence ending at ``pos`` ends with, or -1."""
    i = pos
    while i > start and text[i - 1] in CLOSERS:
        i -= 1
    if i > start and text[i - 1] in TERMINALS:
        return i - 1
    return -1


def _keep_cut(text: str, cut: int, start: int, end: int) -> bool:
    """Filter one boundary proposed by kiwi (``cut`` = end of the sentence before it)."""
    p = _punct_before(text, cut, start)
    if p < 0:
        return False  # no punctuation: a heading, a quoted clause, or kiwi guessing
    if cut < end and not text[cut].isspace() and (p != cut - 1 or not text[cut].isalpha()):
        return False  # '.""라고' (a quotation and its particle), '.)' then '.': one sentence
    if not text[start:p].strip() or not text[cut:end].strip(CLOSERS + " \n\t"):
        return False
    if text[p] == "." and p > start and not _is_hangul(text[p - 1]) and text[p - 1] not in CLOSERS:
        # A period after a Latin word or a number: English abbreviation rules decide.
        word, word_start = _token_before(text, p, start)
        following = _token_after(text, cut, end)
        if cut < end and not text[cut].isspace() and not _is_hangul(text[cut]):
            return False  # "U.S.A", "naver.com", "3.5"
        return period_ends_sentence(word, following, at_block_start=word_start == start)
    return True


def _kiwi_cuts(text: str, start: int, end: int, sentences: Sequence[Any]) -> list[int]:
    cuts = []
    for sent in sentences[:-1]:
        cut = start + int(sent.end)
        stop = cut
        while stop < end and text[stop] in CLOSERS:
            stop += 1
        if stop == end or text[stop].isspace():
            cut = stop  # closing quotes after the period belong to the sentence they close
        if start < cut < end and _keep_cut(text, cut, start, end):
            cuts.append(cut)
    return cuts


def _rule_cuts(text: str, start: int, end: int) -> list[int]:
    cuts = set(rule_cuts(text, start, end))
    cuts.update(m.end() for m in _HANGUL_END.finditer(text, start, end) if m.end() < end)
    return sorted(cuts)


def korean_block_cuts(text: str, blocks: Sequence[Span], *, use_kiwi: str = "auto") -> list[list[int]]:
    """Sentence ends inside each block (block ends excluded), in order.

    ``use_kiwi``: "auto" (kiwi only for blocks with glued punctuation), "always" or "never".
    All blocks that need kiwi go to it in one call, which spreads them over its threads.
    """
    result = [_rule_cuts(text, s, e) for s, e in blocks]
    if use_kiwi == "never":
        return result
    todo = [i for i, (s, e) in enumerate(blocks) if use_kiwi == "always" or needs_kiwi(text, s, e)]
    if not todo:
        return result
    analysed = sentence_kiwi().split_into_sents(
        [text[blocks[i][0] : blocks[i][1]] for i in todo], return_sub_sents=False
    )
    for i, sentences in zip(todo, analysed, strict=True):
        s, e = blocks[i]
        merged = set(result[i]) | set(_kiwi_cuts(text, s, e, sentences))
        result[i] = sorted(merged)
    return result
