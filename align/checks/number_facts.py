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

_UNITS_EN = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9}  # fmt: skip
_EN_WORDS = {
    **_ONES, **_UNITS_EN,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "hundred": 100, "thousand": 1000,
    "dozen": 12, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100, "thousandth": 1000,
    "once": 1, "twice": 2, "thrice": 3, "single": 1, "both": 2, "double": 2, "triple": 3, "half": 0.5,
    "quarter": 0.25, "a": 1, "an": 1, "no": 0, "zero": 0, "none": 0, "pair": 2, "couple": 2,
    "nonzero": 0, "non-zero": 0, "empty": 0,
    # number bases: "hexadecimal" is 16진수 in Korean, "binary" 2진수, "decimal" 10진수
    "hexadecimal": 16, "hex": 16, "octal": 8, "decimal": 10, "binary": 2, "bits": 2, "bit": 2,
}  # fmt: skip
_KO_NATIVE = {
    "한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "석": 3, "네": 4, "넷": 4, "다섯": 5,
    "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스무": 20, "스물": 20, "서른": 30,
    "마흔": 40, "쉰": 50, "첫": 1, "첫째": 1, "둘째": 2, "셋째": 3,
}  # fmt: skip
# Korean words that carry a number without a counter: number bases, "하나" (one).
_KO_FREE_WORDS = {"하나": 1, "이진": 2, "팔진": 8, "십진": 10, "십육진": 16, "영": 0, "빈": 0, "비었": 0}
_KO_FREE = re.compile(r"(?<![가-힣])(" + "|".join(sorted(_KO_FREE_WORDS, key=len, reverse=True)) + ")")
_SINO = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}

# A digit run, read atomically so "4,892m" is never re-read as "4".
_NUMBER = re.compile(r"(?<![0-9])(?>[0-9]+(?:[.,][0-9]+)*)")
_VERSION = re.compile(r"^[0-9]+(?:\.[0-9]+){2,}$")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th|s)(?![A-Za-z])")
_FRACTION = {"¼": Decimal("0.25"), "½": Decimal("0.5"), "¾": Decimal("0.75")}
# Units that may be glued to a number ("20km", "35mm", "3.50m") or follow it; the imperial
# ones are remembered so a converted value on the other side ("500 feet" ↔ "150미터") matches.
_UNIT = re.compile(
    r"\s?(?P<unit>km2|km/h|km|cm|mm|nm|m2|m|kg|mg|g|ml|l|kb|mb|gb|tb|ghz|mhz|khz|hz|kwh|kw|mw|w|v|"
    r"mph|kph|px|pt|ms|min|h|hrs?|am|pm|a\.m\.|p\.m\.|°c|°f|℃|℉|"
    r"feet|foot|ft|inch(?:es)?|miles?|mi|yards?|yd|pounds?|lbs?|oz|ounces?|gallons?|gal|acres?|"
    r"degrees? fahrenheit|fahrenheit|f)(?![A-Za-z])",
    re.IGNORECASE,
)
_IMPERIAL = {
    "feet": ("ft",), "foot": ("ft",), "ft": ("ft",), "inch": ("in",), "inches": ("in",), "mile": ("mi",),
    "miles": ("mi",), "mi": ("mi",), "yard": ("yd",), "yards": ("yd",), "yd": ("yd",), "pound": ("lb",),
    "pounds": ("lb",), "lb": ("lb",), "lbs": ("lb",), "oz": ("oz",), "ounce": ("oz",), "ounces": ("oz",),
    "gallon": ("gal",), "gallons": ("gal",), "gal": ("gal",), "acre": ("acre",), "acres": ("acre",),
    "°f": ("F",), "℉": ("F",), "f": ("F",), "fahrenheit": ("F",), "degrees fahrenheit": ("F",),
    "degree fahrenheit": ("F",), "mph": ("mph",),
}  # fmt: skip
_CONVERSIONS = {
    "ft": (Decimal("0.3048"), Decimal("30.48")), "in": (Decimal("2.54"), Decimal("25.4")),
    "mi": (Decimal("1.609344"),), "yd": (Decimal("0.9144"),), "lb": (Decimal("0.45359237"),),
    "oz": (Decimal("28.349523"),), "gal": (Decimal("3.785411784"),), "acre": (Decimal("0.4046856"), Decimal("4046.856")),
    "mph": (Decimal("1.609344"),),
}  # fmt: skip
_TIME_ZONE = re.compile(r"\s?(?:GMT|UTC|hours|hrs|h)\b")
_PAGE_PREFIX = re.compile(r"\b(?:pp?|No|no|nr|Nr)\.?(?=[0-9])")
_EN_SCALE_AFTER = re.compile(r"\s*-?\s*(hundred|thousand|millions?|billions?|trillion|bn|mln)\b", re.I)
_RANGE_SCALE = re.compile(
    r"\s?[-–~]\s?[0-9][0-9.,]*\s*(hundred|thousand|millions?|billions?|trillion)\b", re.I
)
_KO_GROUP = re.compile(r"\s?(?P<num>[0-9]+(?:[.,][0-9]+)*)?(?P<small>[십백천])?(?P<big>[만억조])?")
_MONTH_WORD = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?", re.I)
_EN_WORD = re.compile(
    r"\b(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?P<ones>"
    + "|".join(_ONES)
    + r")|(?P<word>"
    + "|".join(sorted(_EN_WORDS, key=len, reverse=True))
    + r"))(?:s|es)?(?P<scale>\s+(?:hundred|thousand|million|billion|trillion))?\b",
    re.I,
)
_ROMAN = re.compile(r"\b(?P<ww>WW)?(?P<r>M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\b")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
_HALF_HOUR = re.compile(r"\bhalf an hour\b", re.I)
_KO_COUNTERS = (
    "명|개|번|가지|시간|살|마리|권|장|대|차례|해|달|주|곳|사람|배|척|종|줄|채|분|그루|쌍|벌|켤레|잔|병|송이"
)
_KO_WORD = re.compile(
    r"(?<![가-힣])("
    + "|".join(sorted(_KO_NATIVE, key=len, reverse=True))
    + r")\s?(?:"
    + _KO_COUNTERS
    + r"|번째|째)"
)
# Idioms whose digits are not a quantity: "1년 내내" is "year round", "24시간" "around the clock".
_KO_IDIOM = re.compile(r"(?:1|일)년 내내|(?:1|일)년 365일|24시간 내내|하루 24시간|365일")
_KO_SINO_WORD = re.compile(
    r"(?<![가-힣])([일이삼사오육칠팔구십백천만억]{2,})(?=\s?(?:년|명|개|원|달러|마리|배|살|세|위|차|번|회|층|퍼센트|미터|킬로))"
)


@dataclass(frozen=True, slots=True)
class NumFact:
    """One number as written (``text`` at ``start``), with every value it may stand for."""

    text: str
    start: int
    values: frozenset[str]
    year: bool = False
    soft: bool = False
    approx: frozenset[Decimal] = frozenset()

    def matches(self, other: NumFact) -> bool:
        if self.values & other.values:
            return True
        # A converted unit ("500 feet" ↔ "150 m"): within 6 %, as translators round.
        for mine, theirs in ((self, other), (other, self)):
            for a in mine.approx:
                for v in theirs.values:
                    d = _dec(v)
                    if d is not None and a and abs(d - a) <= abs(a) * Decimal("0.06"):
                        return True
        return False


def _norm(value: Decimal) -> str:
    """A canonical string for a value: ``2400000.0`` and ``2.4E+6`` both give ``2400000``."""
    try:
        value = value.normalize()
        exp = value.as_tuple().exponent
        if isinstance(exp, int) and exp > 0:
            value = value.quantize(Decimal(1))
        return format(value, "f")
    except InvalidOperation:  # beyond the context's precision (a 40-digit hash): keep it as written
        return str(value)


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


def _roman(text: str) -> int:
    total = 0
    for a, b in zip(text, [*text[1:], ""], strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b and _ROMAN_VALUES[b] > v else v
    return total


def _korean_amount(text: str, start: int) -> tuple[set[Decimal], int]:
    """Read a Korean amount from ``start``: ``1,500만``, ``3억 5,000만``, ``3백 7십만``, ``2만 5천``.

    Digits may carry a small unit (십, 백, 천) and a large one (만, 억, 조); groups follow each
    other with at most one space. Returns every value the amount may mean and where it ends.
    """
    totals: set[Decimal] = {Decimal(0)}
    small: set[Decimal] = {Decimal(0)}
    pos = start
    first = True
    last_big = None
    while True:
        m = _KO_GROUP.match(text, pos)
        if not m or not m.group("num") or (first and m.start("num") != start):
            break
        if not first and not (m.group("small") or m.group("big")):
            break
        nums = readings(m.group("num"))
        if not nums:
            break
        if m.group("small"):
            nums = {n * _KO_SCALES[m.group("small")] for n in nums}
        small = {a + n for a in small for n in nums}
        end = m.end()
        if m.group("big"):
            big = _KO_SCALES[m.group("big")]
            if last_big is not None and big >= last_big:
                break
            totals = {t + s * big for t in totals for s in small}
            small = {Decimal(0)}
            last_big = big
        elif not m.group("small"):
            # A plain number closes the amount ("2만 5천" has units; "2016년" ends here).
            pos = end
            first = False
            break
        pos = end
        first = False
        if not (m.group("small") or m.group("big")):
            break
    return {t + s for t in totals for s in small}, pos


def _sino(word: str) -> Decimal | None:
    """``일만`` → 10000, ``삼백`` → 300, ``이천십`` → 2010 (Sino-Korean numerals in Hangul)."""
    total = Decimal(0)
    small = Decimal(0)
    digit: Decimal | None = None
    for ch in word:
        if ch in _SINO:
            if digit is not None:
                return None
            digit = Decimal(_SINO[ch])
        elif ch in "십백천":
            small += (digit if digit is not None else Decimal(1)) * _KO_SCALES[ch]
            digit = None
        elif ch in "만억":
            total += (small + (digit or 0) or Decimal(1)) * _KO_SCALES[ch]
            small, digit = Decimal(0), None
    return total + small + (digit or 0)


def _digit_facts(text: str, korean: bool) -> list[NumFact]:
    facts: list[NumFact] = []
    idioms = [(m.start(), m.end()) for m in _KO_IDIOM.finditer(text)] if korean else []
    skip_until = 0
    for m in _NUMBER.finditer(text):
        if m.start() < skip_until:
            continue
        raw = m.group(0)
        start, end = m.start(), m.end()
        before = text[max(0, start - 2) : start]
        glued = bool(re.search(r"[A-Za-z]-?$", before))  # "M16", "COVID-19", "mp3": part of a name
        glued = glued or any(a <= start < b for a, b in idioms)
        if _VERSION.match(raw):
            facts.append(NumFact(raw, start, frozenset({raw}), soft=glued))
            continue
        # Minutes and seconds after a colon: ":00" is often left out, "41.30" is 41 s 30.
        if before.endswith(":") and start >= 2 and text[start - 2].isdigit():
            parts = [p for p in re.split(r"[.,]", raw) if p]
            for p in parts:
                if int(p):
                    facts.append(NumFact(p, start, frozenset({_norm(Decimal(p))})))
            continue
        values = readings(raw)
        if not values:
            continue
        frac = text[end : end + 1]
        if frac in _FRACTION:
            values = {v + _FRACTION[frac] for v in values}
            end += 1
        year = False
        unit = None
        suffix = _ORDINAL_SUFFIX.match(text, end)
        if suffix and not korean:
            if suffix.group(0) == "s" and not (len(raw) == 4 or raw.endswith("0")):
                glued = True  # "3s": a unit or code, not a decade
            end = suffix.end()
        elif korean:
            values, end = _korean_amount(text, start)
            if text[end : end + 1].isalpha() and text[end].isascii():
                u = _UNIT.match(text, end)
                if u:
                    unit = u.group("unit").lower()
                else:
                    glued = True
        else:
            tz = _TIME_ZONE.match(text, end)
            scale = _EN_SCALE_AFTER.match(text, end)
            ranged = _RANGE_SCALE.match(text, end)
            u = _UNIT.match(text, end)
            if tz and len(raw) == 4 and raw.isdigit():
                values = {values.pop(), Decimal(int(raw[:2]))}
            elif scale:
                values = {v * _EN_SCALES[scale.group(1).lower()] for v in values}
                end = scale.end()
            elif ranged:
                values = {v * _EN_SCALES[ranged.group(1).lower()] for v in values}
            elif u:
                unit = u.group("unit").lower()
            elif text[end : end + 1].isalpha() and text[end].isascii():
                glued = True  # "3D", "4K": part of a name
        if len(values) == 1 and not glued:
            only = next(iter(values))
            year = _is_year(raw, only) and not (
                korean and text[m.end() : m.end() + 1] in tuple("만억조천백십")
            )
        shown = text[start:end] if end - start < 40 else raw
        if unit in _IMPERIAL:
            kind = _IMPERIAL[unit][0]
            converted = set(values)
            for v in values:
                if kind == "F":
                    converted.add((v - 32) * 5 / 9)
                else:
                    converted.update(v * factor for factor in _CONVERSIONS[kind])
            facts.append(NumFact(shown, start, frozenset(_norm(v) for v in values), soft=glued,
                                 approx=frozenset(converted)))  # fmt: skip
            continue
        facts.append(NumFact(shown, start, frozenset(_norm(v) for v in values), year=year, soft=glued))
        skip_until = end
    return facts


def extract_facts(text: str, lang: str) -> list[NumFact]:
    """All numeric facts in ``text`` (a sentence or paragraph written in ``lang``)."""
    korean = lang == "ko"
    text = _PAGE_PREFIX.sub(lambda m: " " * len(m.group(0)), text) if not korean else text
    facts = _digit_facts(text, korean)
    # Month names count on both sides: a Korean text may quote English (code, titles).
    for m in _MONTH_WORD.finditer(text):
        word = m.group(1).lower()
        if word in (
            "may",
            "mar",
            "dec",
            "jan",
            "jun",
            "jul",
            "aug",
            "oct",
            "nov",
            "sep",
            "apr",
            "feb",
            "sept",
        ):
            # Short forms and "may" are words too: only a month when a day or year is next to it.
            near = text[m.end() : m.end() + 6]
            before = text[max(0, m.start() - 4) : m.start()]
            if not (re.match(r"\s*[0-9]", near) or re.search(r"[0-9]\s*(?:of\s*)?$", before)):
                continue
            if word == "may" and text[m.start()].islower():
                continue
        facts.append(NumFact(m.group(0), m.start(), frozenset({str(MONTHS[word])})))
    if not korean:
        for m in _EN_WORD.finditer(text):
            if m.group("tens"):
                value = Decimal(_UNITS_EN[m.group("tens").lower()] + _ONES[m.group("ones").lower()])
            else:
                value = Decimal(str(_EN_WORDS[m.group("word").lower()]))
            if m.group("scale"):
                value *= _EN_SCALES[m.group("scale").strip().lower()]
            facts.append(NumFact(m.group(0), m.start(), frozenset({_norm(value)}), soft=True))
        for m in _HALF_HOUR.finditer(text):
            facts.append(NumFact(m.group(0), m.start(), frozenset({"30"}), soft=True))
        for m in _ROMAN.finditer(text):
            r = m.group("r")
            if r and (len(r) >= 2 or m.group("ww")):
                facts.append(NumFact(m.group(0), m.start(), frozenset({str(_roman(r))}), soft=True))
    else:
        for m in _KO_WORD.finditer(text):
            value = Decimal(str(_KO_NATIVE[m.group(1)]))
            facts.append(NumFact(m.group(0), m.start(), frozenset({_norm(value)}), soft=True))
        for m in _KO_FREE.finditer(text):
            value = Decimal(_KO_FREE_WORDS[m.group(1)])
            facts.append(NumFact(m.group(0), m.start(), frozenset({_norm(value)}), soft=True))
        for m in _KO_SINO_WORD.finditer(text):
            sino = _sino(m.group(1))
            if sino:
                facts.append(NumFact(m.group(0), m.start(), frozenset({_norm(sino)}), soft=True))
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
    # "50 kilometers (31 miles)" ↔ "50km": a conversion restating a number on its own side.
    src_left = [f for f in src_left if not (f.approx and any(f.matches(g) for g in src if g is not f))]
    tgt_left = [f for f in tgt_left if not (f.approx and any(f.matches(g) for g in tgt if g is not f))]
    key = lambda f: f.start  # noqa: E731
    return NumberDiff(sorted(src_left, key=key), sorted(tgt_left, key=key))
