"""Where a glossary term occurs in a sentence, and when two spellings are the same term.

The rules are the ones a translator applies by eye, written once so that the ``term`` check
and the glossary's merge (``glossary.merge``) agree on what "the same term" means:

* Korean writes compounds with or without spaces (국회의원 = 국회 의원) and glues particles
  and endings to nouns (대사관의, 대사관에서), and a term often sits inside a longer compound
  (주한대사관 contains 대사관). A Hangul term of two syllables or more therefore matches
  anywhere, spaces between its syllables optional; a one-syllable term (관, 국) only at the
  start of a word, where it cannot be the tail of an unrelated word.
* Chinese and Japanese have no spaces between words: a term matches anywhere.
* Other languages match whole words, ignoring case and hyphen/space differences, with the
  last word's plural folded (embassy = embassies, brochure = brochures, press = presses).

Lives in the core (``align.checks``) because the ``term`` check needs it; ``glossary``
imports it from here, never the other way round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from align.languages import script_of

_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_SPACES = re.compile(r"\s+")
_CJK_NO_SPACE = frozenset({"zh", "ja", "yue", "wuu", "lzh"})
_HYPHENS = "-\u2010\u2011\u2012\u2013"
# A letter that continues a word of the term's script: any word character but Hangul, kana and
# Han, which may be glued to a Latin name in Korean or Japanese text (BUTA의, 아제르바이잔Remzi).
_SAME_WORD = "[^\\W\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\u3040-\u30ff\u3400-\u9fff]"


def _primary(lang: str | None) -> str:
    return re.split(r"[-_]", lang.strip(), maxsplit=1)[0].lower() if lang else ""


def _script_kind(term: str, lang: str | None) -> str:
    """``hangul``, ``spaceless`` (zh/ja) or ``words``: which matching rule a term follows.

    The script of the term decides first (a Latin name in a Korean text, BUTA, is matched as
    a word), the language only when the term is in the language's own script."""
    if _HANGUL.search(term):
        return "hangul"
    scripts = {script_of(ch) for ch in term if ch.isalpha()}
    if scripts & {"han", "kana"} or (_primary(lang) in _CJK_NO_SPACE and not scripts <= {"latin"}):
        return "spaceless"
    return "words"


_INVARIANT = frozenset({"news", "series", "species", "means", "headquarters", "lens", "canvas", "gas"})


def singular(word: str) -> str:
    """The English singular of a lower-case word, by the regular rules only (companies →
    company, brochures → brochure, presses → press); words that only look plural (bus,
    analysis, glass, news, physics) are kept."""
    if word in _INVARIANT or word.endswith("ics"):
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word


def term_key(term: str, lang: str | None = None) -> str:
    """A term folded for comparing spellings: case, Korean spacing, hyphens against
    spaces, and plurals (of every word: members of the National Assembly = member of the
    national assembly). Two entries with equal keys are one term."""
    text = term.strip().casefold()
    kind = _script_kind(text, lang)
    if kind in ("hangul", "spaceless"):
        return _SPACES.sub("", text)
    for hyphen in _HYPHENS:
        text = text.replace(hyphen, " ")
    words = text.split()
    if not words:
        return ""
    return " ".join(singular(w) for w in words)


def _plural_tail(word: str) -> str:
    """A regex for the last word, matching its singular and regular plural forms (the
    pattern ignores case; the word's own letters are kept, since case folding can change
    a word's length: İ)."""
    low = word.lower()
    if len(low) != len(word):
        return re.escape(word)
    stem = singular(low)
    if low.endswith("ies") and stem == low[:-3] + "y":
        return re.escape(word[:-3]) + "(?:y|ies)"
    root = word[: len(stem)]
    if len(stem) > 2 and stem.endswith("y") and stem[-2] not in "aeiou":
        return re.escape(root[:-1]) + "(?:y|ies)"
    if stem.endswith(("s", "sh", "ch", "x", "z")):
        # "-s" too: the term as written must match itself (an acronym "AAXS" -> stem "aax")
        return re.escape(root) + "(?:es|s)?"
    return re.escape(root) + "s?"


_CJK_CHAR = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\u3040-\u30ff\u3400-\u9fff]")


def _continues_word(ch: str) -> bool:
    """Whether ``ch`` next to a match makes it part of a longer word (``_SAME_WORD``);
    tested in Python because that character class, in every term's pattern, made compiling
    a glossary's patterns cost milliseconds per term."""
    return (ch.isalnum() or ch == "_") and _CJK_CHAR.match(ch) is None


@dataclass(frozen=True, slots=True)
class TermPattern:
    """A term's compiled pattern; for whole-word terms the word boundaries are checked on
    each match (a rejected match moves the search on by one character, so an overlapping
    match that does stand alone is still found)."""

    regex: re.Pattern[str]
    whole_words: bool

    def spans(self, text: str) -> list[tuple[int, int]]:
        if not self.whole_words:
            return [m.span() for m in self.regex.finditer(text)]
        out: list[tuple[int, int]] = []
        pos = 0
        while (m := self.regex.search(text, pos)) is not None:
            start, end = m.span()
            if (start == 0 or not _continues_word(text[start - 1])) and (
                end == len(text) or not _continues_word(text[end])
            ):
                out.append((start, end))
                pos = max(end, start + 1)
            else:
                pos = start + 1
        return out


@lru_cache(maxsize=8192)
def term_pattern(term: str, lang: str | None = None) -> TermPattern | None:
    """The compiled pattern of ``term`` in a ``lang`` sentence; None for an empty term."""
    text = term.strip()
    if not text:
        return None
    kind = _script_kind(text, lang)
    if kind == "hangul":
        chars = [c for c in text if not c.isspace()]
        body = r"\s*".join(re.escape(c) for c in chars)
        syllables = sum(1 for c in chars if "\uac00" <= c <= "\ud7a3")
        # one syllable: only at a word start (관 must not match inside 대사관)
        prefix = r"(?<![\w])" if syllables < 2 else ""
        return TermPattern(re.compile(prefix + body, re.IGNORECASE), False)
    if kind == "spaceless":
        return TermPattern(re.compile(r"\s*".join(re.escape(c) for c in text if not c.isspace())), False)
    for hyphen in _HYPHENS:
        text = text.replace(hyphen, " ")
    words = text.split()
    if not words:  # a term of dashes only
        return TermPattern(re.compile(re.escape(term.strip())), False)
    gap = r"[\s" + re.escape(_HYPHENS) + r"]+"
    parts = [re.escape(w) for w in words[:-1]]
    last = words[-1]
    tail = _plural_tail(last) if last[-1:].isalpha() else re.escape(last)
    body = gap.join([*parts, tail])
    return TermPattern(re.compile(body + "(?:'s|’s)?", re.IGNORECASE), True)


_TOKEN = re.compile(f"{_SAME_WORD}+")
_NO_SPACE = re.compile(r"\s+")


class TermIndex:
    """Which of many terms may occur in a sentence, without trying every term's pattern.

    Words-kind terms are indexed by their first word (its plural-folded form too), looked up
    from every word of the sentence and its possible singulars; Hangul and spaceless terms by
    their first two characters (spaces removed), looked up from every character pair of the
    sentence. The index only narrows: the caller confirms a candidate with ``term_spans``.
    Cost per sentence is linear in its length plus the candidates, whatever the glossary size.
    """

    def __init__(self, terms: list[str], lang: str | None = None) -> None:
        self._words: dict[str, list[int]] = {}
        self._chars: dict[str, list[int]] = {}
        self._always: list[int] = []
        for number, term in enumerate(terms):
            text = term.strip().casefold()
            if _script_kind(text, lang) != "words":
                chars = _NO_SPACE.sub("", text)
                if not chars:
                    self._always.append(number)
                else:
                    self._chars.setdefault(chars[:2], []).append(number)
                continue
            tokens = _TOKEN.findall(text)
            if not tokens or text != term.strip().lower():
                self._always.append(number)  # punctuation only, or letters with special case rules
                continue
            for key in {tokens[0], singular(tokens[0])}:
                self._words.setdefault(key, []).append(number)

    def candidates(self, text: str) -> list[int]:
        """Numbers of the terms that may occur in ``text``, in the order they were given."""
        low = text.casefold()
        found: set[int] = set(self._always)
        if self._words:
            for token in set(_TOKEN.findall(low)):
                for key in {token, token[:-1], token[:-2], token[:-3] + "y", singular(token)}:
                    hits = self._words.get(key)
                    if hits:
                        found.update(hits)
        if self._chars:
            chars = _NO_SPACE.sub("", low)
            for k in range(len(chars)):
                for key in (chars[k], chars[k : k + 2]):
                    hits = self._chars.get(key)
                    if hits:
                        found.update(hits)
        return sorted(found)


def term_spans(term: str, text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Every place ``term`` occurs in ``text`` as ``(start, end)`` character offsets."""
    pattern = term_pattern(term, lang)
    return pattern.spans(text) if pattern is not None else []


def term_occurs(term: str, text: str, lang: str | None = None) -> bool:
    """Whether ``term`` is in ``text`` by the rules above."""
    return bool(term_spans(term, text, lang))
