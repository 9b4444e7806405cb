"""How likely one term is the other written in another script: 호잘리 ↔ Khojaly.

Names and loanwords cross scripts by sound, not by spelling rules, so both sides are turned
into one small phonetic alphabet and compared by a weighted edit distance whose costs encode
how Korean renders English sounds:

* consonant classes that Korean merges cost little (k/g, t/d, p/b/f/v, l/r, s/z/sh/th, j/ch/z);
* kh is ㅎ (Khojaly → 호잘리), v is ㅂ or ㅍ (Aliyev → 알리예프), th is ㅅ/ㅆ (Python → 파이썬);
* an r after a vowel may be kept or dropped (Heydar → 헤이다르, interpreter → 인터프리터);
* vowels are cheap to change and to drop, Korean's epenthetic ㅡ (스, 르, 트) is no vowel at
  all, and an English final silent e is dropped (module → 모듈);
* a final ㄹ with an initial ㄹ is one l (알리, 호잘리), doubled letters are one sound.

Plain romanisation plus edit distance finds about two thirds of such pairs; this finds nearly
all on ``tests/glossary/transliteration_pairs.tsv`` while keeping unrelated pairs low.
"""

from __future__ import annotations

import functools
import re

_INITIAL = ["G", "K", "N", "D", "T", "R", "M", "B", "P", "S", "S", "", "J", "J", "C", "K", "T", "P", "H"]
_MEDIAL = [
    "a",
    "e",
    "ya",
    "ye",
    "o",
    "e",
    "yo",
    "ye",
    "o",
    "wa",
    "we",
    "we",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "",
    "i",
    "i",
]
_FINAL = ["", "K", "K", "K", "N", "N", "N", "T", "L", "K", "M", "L", "L", "L", "P", "L", "M", "P", "P", "T", "T",
          "NG", "T", "T", "K", "T", "P", ""]  # fmt: skip
_VOWELS = frozenset("aeiou")
_GLIDES = frozenset("YW")

# Substitution costs between consonant symbols (symmetric); anything else costs 1.
_NEAR: dict[frozenset[str], float] = {}
for group, cost in (
    ("KG", 0.1), ("TD", 0.1), ("PB", 0.1), ("PF", 0.1), ("BV", 0.1), ("PV", 0.15), ("BF", 0.2), ("FV", 0.1),
    ("LR", 0.05), ("Rr", 0.0), ("Lr", 0.05), ("SZ", 0.15), ("SX", 0.15), ("SQ", 0.2), ("ZJ", 0.2), ("ZX", 0.3),
    ("JC", 0.1), ("JG", 0.3), ("CX", 0.3), ("JX", 0.3), ("SJ", 0.4), ("QT", 0.2), ("QD", 0.3), ("HK", 0.5),
    ("NM", 0.6), ("SC", 0.4), ("TC", 0.5), ("YW", 0.5),
):  # fmt: skip
    _NEAR[frozenset(group)] = cost


def _weight(sym: str) -> float:
    if sym in _VOWELS:
        return 0.3
    if sym in _GLIDES:
        return 0.3
    if sym == "r":
        return 0.15
    return 1.0


def _indel(sym: str) -> float:
    if sym in _VOWELS or sym in _GLIDES:
        return 0.3
    if sym == "r":
        return 0.15
    if sym == "H":
        return 0.4
    return 1.0


def _sub(a: str, b: str) -> float:
    if a == b:
        return 0.0
    av, bv = a in _VOWELS, b in _VOWELS
    if av and bv:
        return 0.25
    if av or bv:
        other = b if av else a
        vowel = a if av else b
        if other in _GLIDES and ((other == "Y" and vowel in "ie") or (other == "W" and vowel in "uo")):
            return 0.15
        return 1.0
    return _NEAR.get(frozenset((a, b)), 1.0)


def _collapse(symbols: list[str]) -> str:
    out: list[str] = []
    for s in symbols:
        for ch in s:
            if out and out[-1] == ch:
                continue
            if out and out[-1] == "L" and ch == "R":  # 알리: final ㄹ + initial ㄹ is one l
                continue
            out.append(ch)
    return "".join(out)


def _hangul(ch: str) -> list[str]:
    code = ord(ch) - 0xAC00
    initial, rest = divmod(code, 588)
    medial, final = divmod(rest, 28)
    init = _INITIAL[initial]
    vowel = _MEDIAL[medial]
    if init == "S" and vowel.startswith("y"):  # 셔, 쇼, 슈: sh
        init, vowel = "X", vowel[1:]
    elif init == "S" and vowel == "i":
        init = "X" if False else "S"
    elif init in ("J", "C") and vowel.startswith("y"):  # 쥬, 챠: the glide is part of the consonant
        vowel = vowel[1:]
    return [init, vowel.replace("y", "Y").replace("w", "W"), _FINAL[final]]


@functools.lru_cache(maxsize=200_000)
def korean_phonemes(text: str) -> str:
    """Phonetic symbols of a Korean term (Latin letters inside it read as English)."""
    symbols: list[str] = []
    latin: list[str] = []
    for ch in text:
        if "\uac00" <= ch <= "\ud7a3":
            if latin:
                symbols.append(english_phonemes("".join(latin)))
                latin = []
            symbols.extend(_hangul(ch))
        elif ch.isascii() and ch.isalpha():
            latin.append(ch)
        elif latin:
            symbols.append(english_phonemes("".join(latin)))
            latin = []
    if latin:
        symbols.append(english_phonemes("".join(latin)))
    return _collapse(symbols)


_DIGRAPHS = [
    ("tch", "C"), ("sch", "X"), ("tion", "Xon"), ("sion", "Xon"), ("ch", "C"), ("sh", "X"), ("th", "Q"),
    ("ph", "F"), ("kh", "H"), ("gh", ""), ("ck", "K"), ("qu", "KW"), ("x", "KS"), ("dj", "J"), ("zh", "J"),
]  # fmt: skip
_LATIN_WORD = re.compile(r"[a-z]+")


@functools.lru_cache(maxsize=200_000)
def english_phonemes(text: str) -> str:
    """Phonetic symbols of a Latin-script term, read the way Korean loanwords read English."""
    out: list[str] = []
    for word in _LATIN_WORD.findall(text.lower()):
        out.append(_english_word(word))
    return _collapse(out)


def _english_word(w: str) -> str:
    if len(w) > 3 and w.endswith("e") and w[-2] not in "aeiouy" and w[-2] != "l":
        w = w[:-1]  # silent final e: module → modul (but "table" keeps its l-e)
    out: list[str] = []
    i = 0
    n = len(w)
    while i < n:
        for graph, sym in _DIGRAPHS:
            if w.startswith(graph, i):
                out.append(sym)
                i += len(graph)
                break
        else:
            ch = w[i]
            nxt = w[i + 1] if i + 1 < n else ""
            prev_vowel = bool(out) and out[-1][-1:] in _VOWELS
            if ch in "aeiou":
                out.append(ch)
            elif ch == "y":
                out.append("Y" if nxt in ("a", "e", "o", "u") else "i")
            elif ch == "w":
                out.append("W" if nxt in ("a", "e", "i", "o", "y") else "u")
            elif ch == "c":
                out.append("S" if nxt in ("e", "i", "y") else "K")
            elif ch == "g":
                out.append("J" if nxt in ("e", "i", "y") and i > 0 else "G")
            elif ch == "h":
                if not prev_vowel and nxt in "aeiouy" and nxt:
                    out.append("H")
            elif ch == "r":
                out.append("R" if (nxt and nxt in "aeiouy") or not prev_vowel else "r")
            else:
                out.append({"k": "K", "q": "K", "t": "T", "d": "D", "p": "P", "b": "B", "f": "F", "v": "V",
                            "s": "S", "z": "Z", "j": "J", "l": "L", "m": "M", "n": "N"}.get(ch, ""))  # fmt: skip
            i += 1
    return "".join(out)


def phonetic_similarity(a: str, b: str) -> float:
    """1 for the same sound sequence, falling to 0 as the weighted edit distance grows."""
    if not a or not b:
        return 0.0
    n, m = len(a), len(b)
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + _indel(b[j - 1])
    for i in range(1, n + 1):
        ai = a[i - 1]
        cur = [prev[0] + _indel(ai)] + [0.0] * m
        del_a = _indel(ai)
        for j in range(1, m + 1):
            bj = b[j - 1]
            cur[j] = min(prev[j - 1] + _sub(ai, bj), prev[j] + del_a, cur[j - 1] + _indel(bj))
        prev = cur
    norm = max(sum(_weight(s) for s in a), sum(_weight(s) for s in b))
    return max(0.0, 1.0 - prev[m] / norm) if norm else 0.0


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


_CLASS = {"K": "K", "G": "K", "T": "T", "D": "T", "Q": "T", "P": "P", "B": "P", "F": "P", "V": "P",
          "S": "S", "Z": "S", "X": "S", "J": "S", "C": "S", "H": "H", "R": "R", "L": "R", "r": "",
          "M": "M", "N": "N", "Y": "", "W": ""}  # fmt: skip


# kh ↔ ㅎ (Khojaly), k/ch (Christ → 크리), th ↔ ㅅ (thread → 스레드), ts ↔ ㅊ
_FIRST_CLASS_SWAPS = frozenset({frozenset("HK"), frozenset("KS"), frozenset("HS"), frozenset("TS")})


def _skeleton(symbols: str) -> str:
    return "".join(_CLASS.get(ch, "") for ch in symbols)


def _plausible(a: str, b: str) -> bool:
    """A cheap test that rules out most unrelated pairs before the edit distance: the
    consonant skeletons differ in length by at most half and share their first class (or
    both start with a vowel)."""
    sa, sb = _skeleton(a), _skeleton(b)
    if not sa or not sb:
        return False
    if max(len(sa), len(sb)) > 2 * min(len(sa), len(sb)) + 1:
        return False
    vowel_a, vowel_b = a[0] in _VOWELS or a[0] in _GLIDES, b[0] in _VOWELS or b[0] in _GLIDES
    if vowel_a or vowel_b:
        return vowel_a == vowel_b or sa[0] == sb[0]
    return sa[0] == sb[0] or frozenset((sa[0], sb[0])) in _FIRST_CLASS_SWAPS


def transliteration_score(source: str, target: str) -> float:
    """How well two terms match by sound (either may be Korean; Latin on both sides is read
    as English on both). Identical spellings score 1; pairs that fail a cheap plausibility
    test score 0 without the edit distance."""
    if source.casefold().replace(" ", "") == target.casefold().replace(" ", ""):
        return 1.0
    a = korean_phonemes(source) if _has_hangul(source) else english_phonemes(source)
    b = korean_phonemes(target) if _has_hangul(target) else english_phonemes(target)
    if not _plausible(a, b):
        return 0.0
    return phonetic_similarity(a, b)
