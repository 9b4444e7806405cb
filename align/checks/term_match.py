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
        return re.escape(root) + "(?:es)?"
    return re.escape(root) + "s?"


@lru_cache(maxsize=8192)
def term_pattern(term: str, lang: str | None = None) -> re.Pattern[str] | None:
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
        return re.compile(prefix + body, re.IGNORECASE)
    if kind == "spaceless":
        return re.compile(r"\s*".join(re.escape(c) for c in text if not c.isspace()))
    for hyphen in _HYPHENS:
        text = text.replace(hyphen, " ")
    words = text.split()
    gap = r"[\s" + re.escape(_HYPHENS) + r"]+"
    parts = [re.escape(w) for w in words[:-1]]
    last = words[-1]
    tail = _plural_tail(last) if last[-1:].isalpha() else re.escape(last)
    body = gap.join([*parts, tail])
    return re.compile(f"(?<!{_SAME_WORD})" + body + f"(?:'s|’s)?(?!{_SAME_WORD})", re.IGNORECASE)


def term_probe(term: str, lang: str | None = None) -> str:
    """A short case-folded piece of ``term`` that every match contains: a cheap substring
    test on the case-folded sentence skips the regex for nearly every term of a glossary."""
    text = term.strip().casefold()
    if _script_kind(text, lang) != "words":
        return next((c for c in text if not c.isspace()), "")
    for hyphen in _HYPHENS:
        text = text.replace(hyphen, " ")
    first = text.split()[0] if text.split() else ""
    return first[:4]


def term_spans(term: str, text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Every place ``term`` occurs in ``text`` as ``(start, end)`` character offsets."""
    pattern = term_pattern(term, lang)
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text)]


def term_occurs(term: str, text: str, lang: str | None = None) -> bool:
    """Whether ``term`` is in ``text`` by the rules above."""
    pattern = term_pattern(term, lang)
    return pattern is not None and pattern.search(text) is not None
