"""Numeric facts in English, Korean and generic Latin text, normalised so they compare across languages.

A translator writes ``2월 20일`` for *February 20*, ``1,500만`` for *15 million*, ``24주년`` for
*24th Anniversary* and ``613명`` for *613*. Comparing the raw digit strings would flag all of
these, so each number is reduced to a *fact*: the set of values it may stand for, plus whether
it looks like a year (a year dropped on one side is a weaker signal than a changed number).

Choices worth knowing:
- ``227.000`` (a dot followed by exactly three digits, as in a European thousands separator) is
  ambiguous; the fact carries *both* readings (227000 and 227) and matches either, instead of
  guessing per document.
- Month names become their number (February → 2), so ``February 23-25`` and ``2월 23-25일``
  both give {2, 23, 25}.
- Digits glued to Latin letters (``km2``, ``mp3``, ``x86``, ``UTF-8``'s ``8`` is kept) are not
  numbers; ordinal suffixes (``24th``) and decades (``1990s``) are.
- Number *words* (English ``two``/``first``, Korean native ``두``/``세`` before a counter) are
  *soft*: they can match a digit on the other side but are never reported on their own, since
  translators switch freely between words and digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_EN_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000,
    "mln": 1_000_000,
}
_KO_SCALES = {"십": 10, "백": 100, "천": 1_000, "만": 10_000, "억": 100_000_000, "조": 1_000_000_000_000}

_EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "once": 1, "twice": 2, "single": 1, "both": 2, "double": 2, "triple": 3, "half": 0.5,
    "a": 1, "an": 1, "no": 0, "zero": 0, "none": 0,
}  # fmt: skip
_KO_NATIVE = {
    "한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "석": 3, "네": 4, "넷": 4, "다섯": 5,
    "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스무": 20, "스물": 20, "서른": 30,
    "마흔": 40, "쉰": 50, "첫": 1, "첫째": 1, "둘째": 2, "셋째": 3, "반": 0.5,
    "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9, "십": 10,
    "백": 100, "천": 1000, "만": 10000, "양": 2, "단": 1, "몇": -1,
}  # fmt: skip

# A digit run with optional grouping and decimals; not glued to Latin letters or other digits.
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.,])"
    r"(?P<num>[0-9]+(?:[.,][0-9]+)*)"
    r"(?P<suffix>st|nd|rd|th|s)?"
    r"(?![A-Za-z0-9])"
)
_VERSION = re.compile(r"^[0-9]+(?:\.[0-9]+){2,}$")
_EN_SCALE_AFTER = re.compile(r"\s*-?\s*(hundred|thousand|millions?|billions?|trillion|bn|mln)\b", re.I)
_KO_SCALE_AFTER = re.compile(r"\s?([십백천만억조])")
_KO_NUM_AFTER = re.compile(r"\s?([0-9]+(?:[.,][0-9]+)*)\s?([천만억조])")
_MONTH_WORD = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?", re.I)
_EN_WORD = re.compile(r"\b(" + "|".join(sorted(_EN_WORDS, key=len, reverse=True)) + r")\b", re.I)
_KO_COUNTERS = (
    "명|개|번|가지|시간|살|마리|권|장|대|차례|해|달|주|곳|사람|배|척|종|줄|채|분|그루|쌍|벌|켤레|잔|병|송이"
)
_KO_WORD = re.compile(
    r"(?<![가-힣])("
    + "|".join(sorted((w for w in _KO_NATIVE if len(w) > 1 or w in "한두세네첫열"), key=len, reverse=True))
    + r")\s?(?:"
    + _KO_COUNTERS
    + r"|번째|째)"
)


@dataclass(frozen=True, slots=True)
class NumFact:
    """One number as written (``text`` at ``start``), with every value it may stand for."""

    text: str
    start: int
    values: frozenset[str]
    year: bool = False
    soft: bool = False

    def matches(self, other: NumFact) -> bool:
        return bool(self.values & other.values)


def _norm(value: Decimal) -> str:
    """A canonical string for a value: ``2400000.0`` and ``2.4E+6`` both give ``2400000``."""
    value = value.normalize()
    exp = value.as_tuple().exponent
    if isinstance(exp, int) and exp > 0:
        value = value.quantize(Decimal(1))
    return format(value, "f")


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def readings(raw: str) -> set[Decimal]:
    """Every value a digit string with ``,``/``.`` separators may mean.

    ``1,500`` → 1500; ``21.87`` → 21.87; ``227.000`` → 227000 or 227 (ambiguous);
    ``1,5`` → 1.5; ``1.234,5`` → 1234.5; ``1,234.5`` → 1234.5.
    """
    seps = [c for c in raw if c in ".,"]
    if not seps:
        d = _dec(raw)
        return {d} if d is not None else set()
    groups = re.split(r"[.,]", raw)
    out: set[Decimal] = set()
    if len(set(seps)) == 1:
        sep = seps[0]
        grouped = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
        if grouped:
            d = _dec("".join(groups))
            if d is not None:
                out.add(d)
        if len(seps) == 1 and (sep == "." or not grouped):
            # "21.87", "227.000" (also 227) and "1,5" (decimal comma); "1,500" stays 1500 only.
            d = _dec(raw.replace(sep, "."))
            if d is not None:
                out.add(d)
        if not out:
            d = _dec("".join(groups))
            if d is not None:
                out.add(d)
        return out
    # Both separators: the last one is the decimal point.
    last = max(raw.rfind("."), raw.rfind(","))
    int_part = re.sub(r"[.,]", "", raw[:last])
    d = _dec(f"{int_part}.{raw[last + 1 :]}")
    if d is not None:
        out.add(d)
    return out


def _is_year(raw: str, value: Decimal) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1000 <= value <= 2100


def _parse_korean_amount(text: str, m: re.Match[str]) -> tuple[set[Decimal], int]:
    """Apply Korean scale characters after a digit run: ``1,500만`` → 15000000, ``3억 5천만``."""
    base_vals = readings(m.group("num"))
    end = m.end()
    scale_m = _KO_SCALE_AFTER.match(text, end)
    if not scale_m:
        return base_vals, end
    totals = {v * _KO_SCALES[scale_m.group(1)] for v in base_vals}
    end = scale_m.end()
    # "천만", "백만": a second scale character multiplies again.
    again = re.match(r"[만억조]", text[end : end + 1])
    if again and scale_m.group(1) in "십백천":
        totals = {v * _KO_SCALES[again.group(0)] for v in totals}
        end += 1
    # Following lower groups: "3억 5,000만", "2만 5천".
    while True:
        nxt = _KO_NUM_AFTER.match(text, end)
        if not nxt:
            break
        sub = readings(nxt.group(1))
        if not sub:
            break
        mult = _KO_SCALES[nxt.group(2)]
        end2 = nxt.end()
        again = re.match(r"[만억]", text[end2 : end2 + 1])
        if again and nxt.group(2) == "천":
            mult *= _KO_SCALES[again.group(0)]
            end2 += 1
        totals = {t + s * mult for t in totals for s in sub}
        end = end2
    return totals, end


def extract_facts(text: str, lang: str) -> list[NumFact]:
    """All numeric facts in ``text`` (a sentence or paragraph written in ``lang``)."""
    facts: list[NumFact] = []
    korean = lang == "ko"
    taken: list[tuple[int, int]] = []
    for m in _NUMBER.finditer(text):
        raw = m.group("num")
        if taken and m.start() < taken[-1][1]:
            continue  # already read as part of a compound amount ("3억 5,000만")
        if _VERSION.match(raw):
            facts.append(NumFact(raw, m.start(), frozenset({raw})))
            taken.append((m.start(), m.end()))
            continue
        suffix = (m.group("suffix") or "").lower()
        if suffix == "s" and not (len(raw) == 4 or raw.endswith("0")):
            continue  # "3s" as in a unit or code, not a decade
        if korean:
            values, end = _parse_korean_amount(text, m)
        else:
            values = readings(raw)
            end = m.end()
            scale = _EN_SCALE_AFTER.match(text, end)
            if scale:
                mult = _EN_SCALES[scale.group(1).lower()]
                values = {v * mult for v in values}
                end = scale.end()
        if not values:
            continue
        year = len(values) == 1 and _is_year(raw, next(iter(values))) and end == m.end()
        if korean and year and text[m.end() : m.end() + 1] not in ("년", " ", "", ")", ",", "."):
            year = text[m.end() : m.end() + 2].startswith("년")
        shown = text[m.start() : end] if end - m.start() < 40 else m.group(0)
        facts.append(NumFact(shown, m.start(), frozenset(_norm(v) for v in values), year=year))
        taken.append((m.start(), end))
    if not korean:
        for m in _MONTH_WORD.finditer(text):
            word = m.group(1).lower()
            if word in ("may", "mar", "dec", "jan", "jun", "jul", "aug", "oct", "nov", "sep", "apr", "feb"):
                # Short forms and "may" are words too: only a month when a day or year is next to it.
                near = text[m.end() : m.end() + 6]
                before = text[max(0, m.start() - 4) : m.start()]
                if not (re.match(r"\s*[0-9]", near) or re.search(r"[0-9]\s*(?:of\s*)?$", before)):
                    continue
                if word == "may" and text[m.start()].islower():
                    continue
            facts.append(NumFact(m.group(0), m.start(), frozenset({str(MONTHS[word])})))
        for m in _EN_WORD.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            value = Decimal(str(_EN_WORDS[m.group(1).lower()]))
            facts.append(NumFact(m.group(0), m.start(), frozenset({_norm(value)}), soft=True))
    else:
        for m in _KO_WORD.finditer(text):
            value = Decimal(str(_KO_NATIVE[m.group(1)]))
            facts.append(NumFact(m.group(0), m.start(), frozenset({_norm(value)}), soft=True))
    facts.sort(key=lambda f: f.start)
    return facts


@dataclass(frozen=True, slots=True)
class NumberDiff:
    """What is left after pairing the facts of both sides: the numbers that disagree."""

    source_only: list[NumFact]
    target_only: list[NumFact]

    @property
    def empty(self) -> bool:
        return not self.source_only and not self.target_only


def _pair_off(left: list[NumFact], right: list[NumFact]) -> tuple[list[NumFact], list[NumFact]]:
    """Remove matching facts greedily: unambiguous facts first, so an ambiguous one cannot
    steal the partner of an exact one."""
    right_left = list(right)
    unmatched: list[NumFact] = []
    for fact in sorted(left, key=lambda f: len(f.values)):
        partner = next((r for r in sorted(right_left, key=lambda f: len(f.values)) if fact.matches(r)), None)
        if partner is None:
            unmatched.append(fact)
        else:
            right_left.remove(partner)
    return unmatched, right_left


def compare_facts(source: Iterable[NumFact], target: Iterable[NumFact]) -> NumberDiff:
    """Multiset comparison of two sides' facts; soft (word) facts only absorb hard ones."""
    src = list(source)
    tgt = list(target)
    src_hard = [f for f in src if not f.soft]
    tgt_hard = [f for f in tgt if not f.soft]
    src_left, tgt_left = _pair_off(src_hard, tgt_hard)
    src_left, _ = _pair_off(src_left, [f for f in tgt if f.soft])
    tgt_left, _ = _pair_off(tgt_left, [f for f in src if f.soft])
    key = lambda f: f.start  # noqa: E731
    return NumberDiff(sorted(src_left, key=key), sorted(tgt_left, key=key))
