"""Korean candidates from kiwipiepy's morphology: noun runs with particles and endings gone.

A candidate is a run of nouns (common, proper, foreign letters, hanja), across spaces
(호잘리 학살, 주한 아제르바이잔 대사관) and inside one word (정의캠페인, 이태원로). What
follows a noun decides whether it belongs: a particle or ending (대사관의, 호잘리를) is dropped;
a verbal suffix (진행되었다, 관련하여) makes the noun a verb, so it is left out; the plural 들
ends the run; 적 (지속적) makes an adjective of the noun before it.

Matching keys ignore spaces (국회의원 = 국회 의원) and Latin case. Parts of a compound are
offered too (대사관 in 주한 아제르바이잔 대사관), except where kiwi cut an unknown loanword
into syllables (데코/레이/터, 클로/저): pieces of one word shorter than two syllables never
stand alone. Kiwi sometimes reads a loanword glued to a particle as a verb (타니를 → 타/VV
니를); ``repair_glued_loanwords`` keeps such a stem as a noun when the same stem appears
before different particles elsewhere in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from glossary.candidates import CandidateOptions, Occurrence
from glossary.candidates.latin import ENGLISH_STOP

NOUN_TAGS = frozenset({"NNG", "NNP", "SL", "SH"})
_VERBAL = frozenset({"XSV", "XSA", "XSA-I", "XSV-I", "XSA-R", "XSV-R"})
_ADJECTIVAL_SUFFIXES = frozenset({"적", "성"})  # 지속적, 다양성: the noun is a modifier stem here
_JOINERS = frozenset({"-", "·", "/"})
# Particles a glued loanword may carry (longest first).
_PARTICLES = sorted(
    [
        "을",
        "를",
        "이",
        "가",
        "은",
        "는",
        "의",
        "에",
        "에서",
        "에게",
        "로",
        "으로",
        "와",
        "과",
        "도",
        "만",
        "까지",
        "부터",
        "처럼",
        "보다",
        "이나",
        "나",
        "랑",
        "이랑",
    ],
    key=len,
    reverse=True,
)
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
# Stop nouns: grammatical or too general to be a glossary term on their own.
_KOREAN_STOP_WORDS = """것 수 등 때 중 바 및 더 내 외 뒤 앞 위 간 곳 점 측 분 명 개 번 일 월 년 이 그 저 전 후 경우 정도 관련 이상 이하 이후 이전 대한 통해 위해 가지
    하나 사용 다음 때문 모든 여러 자신 우리 이것 그것 저것 여기 거기 무엇 부분 방법 사실 정말 또한 기간 이번"""
KOREAN_STOP = frozenset(_KOREAN_STOP_WORDS.split())


@dataclass(slots=True)
class _Piece:
    form: str
    start: int
    end: int
    name: bool
    syllables: int


def _syllables(text: str) -> int:
    return sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3") or len(text)


def _runs(tokens: Sequence[Any], text: str) -> list[list[list[_Piece]]]:
    """Noun runs as lists of words (each word a list of pieces written together)."""
    runs: list[list[list[_Piece]]] = []
    run: list[list[_Piece]] = []
    prev_end = -1

    def close() -> None:
        nonlocal run
        if run:
            runs.append(run)
        run = []

    n = len(tokens)
    for i, tok in enumerate(tokens):
        tag = tok.tag
        nxt = tokens[i + 1] if i + 1 < n else None
        glued_next = nxt is not None and nxt.start == tok.start + tok.len
        if tag in NOUN_TAGS and not (tag == "SL" and tok.form.lower() in ENGLISH_STOP):
            if (
                glued_next
                and nxt is not None
                and (nxt.tag in _VERBAL or (nxt.tag == "XSN" and nxt.form in _ADJECTIVAL_SUFFIXES))
            ):
                close()  # 진행되다, 관련하여, 지속적: not a term
                prev_end = -1
                continue
            start, end = tok.start, tok.start + tok.len
            while end > start + 1 and not text[end - 1].isalnum():
                end -= 1  # kiwi keeps the period of "Ltd." inside the foreign word
            piece = _Piece(text[start:end], start, end, tag in ("NNP", "SL"), _syllables(text[start:end]))
            if run and prev_end == start:
                run[-1].append(piece)
            elif run and prev_end >= 0 and text[prev_end:start].strip() == "":
                run.append([piece])
            elif run and prev_end >= 0 and text[prev_end:start] in _JOINERS:
                # 아제르바이잔-한국: the joiner stays inside the word
                last = run[-1][-1]
                run[-1][-1] = _Piece(
                    text[last.start : end],
                    last.start,
                    end,
                    last.name or piece.name,
                    last.syllables + piece.syllables,
                )
            else:
                close()
                run = [[piece]]
            prev_end = end
            continue
        if tag == "SO" and tok.form in _JOINERS and run and prev_end == tok.start and glued_next:
            continue  # decided when the next noun arrives
        close()
        prev_end = -1
    close()
    return runs


def _units(word: list[_Piece]) -> list[_Piece]:
    """Pieces of one written word merged where kiwi cut a loanword into short bits."""
    units: list[_Piece] = []
    for piece in word:
        if (
            units
            and (piece.syllables < 2 or units[-1].syllables < 2)
            and piece.form.isascii() == units[-1].form.isascii()
        ):
            last = units[-1]
            units[-1] = _Piece(
                last.form + piece.form,
                last.start,
                piece.end,
                last.name or piece.name,
                last.syllables + piece.syllables,
            )
        else:
            units.append(piece)
    return units


class KoreanExtractor:
    """Noun-phrase candidates of Korean sentences (kiwipiepy, loaded on first use)."""

    def __init__(self, options: CandidateOptions) -> None:
        self.options = options

    def __call__(self, sentences: Sequence[str]) -> list[list[Occurrence]]:
        from align.segment.korean import kiwi

        analyser = kiwi()
        tokens = list(analyser.tokenize(list(sentences))) if sentences else []
        glued = repair_glued_loanwords(sentences, tokens)
        return [self._sentence(text, toks, glued) for text, toks in zip(sentences, tokens, strict=True)]

    def _sentence(self, text: str, tokens: Sequence[Any], glued: frozenset[str]) -> list[Occurrence]:
        if glued:
            tokens = _with_repairs(text, tokens, glued)
        out: list[Occurrence] = []
        for run in _runs(tokens, text):
            units = [u for word in run for u in _units(word)]
            words_of = [k for k, word in enumerate(run) for _ in _units(word)]
            out.extend(self._phrases(text, units, words_of))
        return out

    def _phrases(self, text: str, units: list[_Piece], words_of: list[int]) -> list[Occurrence]:
        n = len(units)
        max_words = self.options.max_words
        whole_key = _key(text[units[0].start : units[-1].end])
        out: list[Occurrence] = []
        for i in range(n):
            for j in range(i + 1, min(n, i + max_words) + 1):
                first, last = units[i], units[j - 1]
                surface = text[first.start : last.end]
                if not self._acceptable(units[i:j]):
                    continue
                key = _key(surface)
                maximal = i == 0 and j == n
                out.append(
                    Occurrence(
                        key=key,
                        surface=surface,
                        start=first.start,
                        end=last.end,
                        words=j - i,
                        name=any(u.name or u.form.isascii() for u in units[i:j]),
                        maximal=maximal,
                        head=j == n,
                        container="" if maximal else whole_key,
                    )
                )
        return out

    def _acceptable(self, units: list[_Piece]) -> bool:
        first, last = units[0].form, units[-1].form
        stop = KOREAN_STOP | self.options.stop_words
        if _key(first) in stop or _key(last) in stop:
            return False
        surface = "".join(u.form for u in units)
        if not self.options.include_numbers and (
            surface.isdigit() or (len(surface) == 1 and surface.isascii())
        ):
            return False
        return not (len(units) == 1 and len(surface) == 1 and surface.isascii())


def _key(surface: str) -> str:
    return "".join(surface.split()).lower()


def repair_glued_loanwords(sentences: Sequence[str], tokens: Sequence[Sequence[Any]]) -> frozenset[str]:
    """Hangul stems that kiwi did not read as nouns although the text uses them like one.

    A word whose analysis starts with something other than a noun, and which ends in a
    particle, is a suspect; its stem is kept when the same stem is seen with at least two
    different particles (타니를, 타니가, 타니의) and kiwi never read it as a noun.
    """
    seen: dict[str, set[str]] = {}
    nouns: set[str] = set()
    for text, toks in zip(sentences, tokens, strict=True):
        for tok in toks:
            if tok.tag in NOUN_TAGS:
                nouns.add(tok.form)
        for match in _HANGUL_WORD.finditer(text):
            word = match.group()
            for particle in _PARTICLES:
                if len(word) > len(particle) + 1 and word.endswith(particle):
                    seen.setdefault(word[: -len(particle)], set()).add(particle)
                    break
    suspects = {stem for stem, particles in seen.items() if len(particles) >= 2 and stem not in nouns}
    if not suspects:
        return frozenset()
    # Only stems kiwi really misread: the analysis of "stem+particle" does not start with a noun.
    misread: set[str] = set()
    for text, toks in zip(sentences, tokens, strict=True):
        for tok in toks:
            if tok.tag in NOUN_TAGS or (tok.start > 0 and not text[tok.start - 1].isspace()):
                continue
            found = _HANGUL_WORD.match(text, tok.start)
            if found is None:
                continue
            word = found.group()
            for particle in _PARTICLES:
                if word.endswith(particle) and word[: -len(particle)] in suspects:
                    misread.add(word[: -len(particle)])
                    break
    return frozenset(misread)


@dataclass(frozen=True, slots=True)
class _Token:
    form: str
    tag: str
    start: int
    len: int


def _with_repairs(text: str, tokens: Sequence[Any], stems: frozenset[str]) -> list[Any]:
    """Tokens with each repaired stem as one NNP token (the rest of its word as JX)."""
    out: list[Any] = []
    skip_until = -1
    for tok in tokens:
        if tok.start < skip_until:
            continue
        stem = None
        if tok.tag not in NOUN_TAGS and (tok.start == 0 or text[tok.start - 1].isspace()):
            match = _HANGUL_WORD.match(text, tok.start)
            word = match.group() if match else ""
            stem = next(
                (word[: -len(p)] for p in _PARTICLES if word.endswith(p) and word[: -len(p)] in stems), None
            )
        if stem is None:
            out.append(tok)
            continue
        end = tok.start + len(stem)
        out.append(_Token(stem, "NNP", tok.start, len(stem)))
        word_end = end
        while word_end < len(text) and not text[word_end].isspace():
            word_end += 1
        if word_end > end:
            out.append(_Token(text[end:word_end], "JX", end, word_end - end))
        skip_until = word_end
    return out
