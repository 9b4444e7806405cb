"""``split_bilingual``: one file holding both versions, cut into its two languages.

Units are paragraphs (blank-line separated); a paragraph whose lines alternate between
scripts (line-interleaved files) is cut into its same-script runs of lines when at least two
of those runs are substantial. Each unit is labelled by its dominant script, with Hangul and
Han weighted up so that English names inside a Korean paragraph (BUTA, Heydar Aliyev) do not
flip it. When both halves share a script (English-French), Latin units are labelled by
function words instead.

Short units ("Search in archive", a date, "***") are weak evidence and are placed by context:

- block layout (all of one language, then all of the other): a short unit joins the block it
  sits in or after, so page boilerplate trailing the second block stays in the second side,
  where the aligner leaves it unpaired;
- interleaved layout (EN, KO, EN, KO ...): a short unit goes to its own script's side when
  that is one of the two languages, otherwise it follows the unit before it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from align.errors import InputError
from align.languages import (
    detect_language,
    detect_latin_language,
    latin_language_scores,
    script_profile,
    weighted_profile,
)
from align.segment.paragraphs import Span, lines, paragraphs, trim

# A unit with fewer (weighted) letters than this is placed by context, not by its own script
# (unless most units of the file are that short; see ``_units``).
STRONG_LETTERS = 20.0
# Latin-language labels need this many function-word hits and a clear lead; the second
# Latin language needs this share of the first one's letters to count as a language at all.
_MIN_STOPWORDS = 4
_MIN_LATIN_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class BilingualSplit:
    """The two languages in file order and, for each, its paragraphs as spans of the text."""

    langs: tuple[str, str]
    spans: tuple[list[tuple[int, int]], list[tuple[int, int]]]


@dataclass(slots=True)
class _Unit:
    span: Span
    script: str | None  # dominant script, None when the unit has no letters
    weight: float  # weighted letter count
    label: str | None = None
    strong: bool = False  # enough letters to be classified by its own script


def _script_and_weight(text: str) -> tuple[str | None, float]:
    weighted = weighted_profile(script_profile(text))
    if not weighted:
        return None, 0.0
    script, _ = max(weighted.items(), key=lambda kv: (kv[1], kv[0]))
    return script, sum(weighted.values())


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    for ps, pe in paragraphs(text, 0, len(text)):
        runs: list[list[Span]] = []
        run_scripts: list[str | None] = []
        for span in lines(text, ps, pe):
            script, _ = _script_and_weight(text[span[0] : span[1]])
            if runs and (script is None or script == run_scripts[-1]):
                runs[-1].append(span)
            else:
                runs.append([span])
                run_scripts.append(script)
        pieces = [(run[0][0], run[-1][1]) for run in runs]
        strong = sum(1 for s, e in pieces if _script_and_weight(text[s:e])[1] >= STRONG_LETTERS)
        if len(pieces) < 2 or (strong < 2 and len(pieces) < 4):
            pieces = [(ps, pe)]
        for s, e in pieces:
            script, weight = _script_and_weight(text[s:e])
            units.append(_Unit(trim(text, s, e), script, weight))
    # A file of short lines (a phrasebook, subtitles) has no unit of STRONG_LETTERS; there the
    # bar is half the typical unit instead.
    weights = sorted(u.weight for u in units if u.weight > 0)
    bar = min(STRONG_LETTERS, 0.5 * weights[len(weights) // 2]) if weights else STRONG_LETTERS
    for u in units:
        u.strong = u.weight > 0 and u.weight >= bar
    return units


def _top_two(units: Sequence[_Unit], min_share: float = 0.0) -> list[str]:
    totals: dict[str, float] = {}
    for u in units:
        if u.label is not None and u.strong:
            totals[u.label] = totals.get(u.label, 0.0) + u.weight
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])[:2]
    return [k for k, w in ranked if w >= min_share * ranked[0][1]]


def _label_latin(text: str, units: Sequence[_Unit]) -> None:
    """Label units by Latin-script language where function words say so clearly."""
    for u in units:
        u.label = None
    for u in units:
        if u.script != "latin" or not u.strong:
            continue
        text_scores = latin_language_scores(text[u.span[0] : u.span[1]])
        ranked = sorted(text_scores.values(), reverse=True)
        if ranked[0] >= _MIN_STOPWORDS and ranked[0] >= 2 * ranked[1]:
            u.label = max(text_scores.items(), key=lambda kv: kv[1])[0]


def _assign(units: Sequence[_Unit], langs: Sequence[str]) -> list[int]:
    """Side (0 or 1) of every unit; see the module docstring for the rules."""
    strong = [i for i, u in enumerate(units) if u.label in langs and u.strong]
    runs = 1 + sum(1 for a, b in itertools.pairwise(strong) if units[a].label != units[b].label)
    interleaved = runs > 2
    strong_set = set(strong)
    sides: list[int] = []
    first_side = langs.index(str(units[strong[0]].label))
    for i, u in enumerate(units):
        if i in strong_set or (interleaved and u.label in langs):
            sides.append(langs.index(str(u.label)))
        else:
            sides.append(sides[-1] if sides else first_side)
    return sides


def split_bilingual(text: str) -> BilingualSplit:
    """Cut a bilingual text into the paragraphs of its two languages (see module docstring).

    Raises ``InputError`` when only one language is found.
    """
    units = _units(text)
    for u in units:
        u.label = u.script
    langs = _top_two(units)
    latin_level = False
    if len(langs) < 2:
        _label_latin(text, units)
        langs = _top_two(units, _MIN_LATIN_SHARE)
        latin_level = True
        if len(langs) < 2:
            raise InputError("only one language found; a bilingual file needs paragraphs in two languages")
    strong_first = next(u.label for u in units if u.label in langs and u.strong)
    if strong_first != langs[0]:
        langs.reverse()
    sides = _assign(units, langs)
    spans: tuple[list[Span], list[Span]] = ([], [])
    for u, side in zip(units, sides, strict=True):
        spans[side].append(u.span)
    codes: list[str] = []
    for side, label in enumerate(langs):
        if latin_level:
            codes.append(label)
            continue
        side_text = "\n".join(
            text[s:e]
            for (s, e), u, sd in zip([u.span for u in units], units, sides, strict=True)
            if sd == side and u.label == label
        )
        codes.append(detect_language(side_text) if label != "latin" else detect_latin_language(side_text))
    if codes[0] == codes[1]:
        raise InputError(f"both halves of the file look like the same language ('{codes[0]}')")
    return BilingualSplit((codes[0], codes[1]), spans)
