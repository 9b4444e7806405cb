"""Every check threshold tested from both sides: an input just inside the limit is reported,
one just outside is not (margins of a few per cent), so moving a threshold fails a test.

The documents are built so that the limit under test is the one that binds: a regular
document (all pairs alike) leaves the robust scale at its floor, where the absolute bounds
bind (``length-factor``, ``confidence-max-score``); a document whose pairs spread widely
makes the z-score limits bind (``length-z``, ``confidence-z``). The flip points below are
worked out by hand from the documented defaults, not from the code under test.
"""

from __future__ import annotations

from collections.abc import Callable

from align.checks import CheckContext, run_checks
from align.config import DariConfig
from align.model import Bitext, Severity

MakeBitext = Callable[..., Bitext]


def _length_flagged(bitext_of: MakeBitext, regular: list[tuple[int, int]], s: int, t: int) -> bool:
    pairs: list[tuple[str | None, str | None]] = [("a" * a, "b" * b) for a, b in regular]
    pairs.append(("c" * s, "d" * t))
    found = run_checks(bitext_of(pairs), only={"length"})
    return any(f.src == (len(regular),) for f in found)


def test_length_factor_binds_on_a_regular_document(bitext_of: MakeBitext) -> None:
    """41 pairs of equal length: median log ratio 0, MAD 0 -> the 0.2 floor, so the z limit
    (4.5 x 0.2 = 0.90) sits below ln 2.5 = 0.916: a pair is reported from (t+5)/(s+5) = 2.5."""
    regular = [(95, 95)] * 41
    assert _length_flagged(bitext_of, regular, 95, 100 * 258 // 100 - 5)  # 2.58x: reported
    assert not _length_flagged(bitext_of, regular, 95, 100 * 243 // 100 - 5)  # 2.43x: not
    # the same from the other side: the source far longer
    assert _length_flagged(bitext_of, regular, 258 - 5, 95)
    assert not _length_flagged(bitext_of, regular, 243 - 5, 95)


def test_length_z_binds_on_a_spread_document(bitext_of: MakeBitext) -> None:
    """15 pairs at ratio 1.31, 15 at 0.76, 2 at 1 (ratios of length + 5): median 0, MAD =
    ln 1.31 = 0.2700 (x 1.4826 = 0.4003), so the z limit 4.5 needs a log ratio of 1.801
    (6.06x), far above the factor's 2.5x."""
    regular = [(95, 126)] * 15 + [(95, 71)] * 15 + [(95, 95)] * 2
    assert _length_flagged(bitext_of, regular, 95, 640)  # 6.45x: z 4.66
    assert not _length_flagged(bitext_of, regular, 95, 575)  # 5.80x: z 4.39
    assert not _length_flagged(bitext_of, regular, 95, 300)  # 3.0x: beyond the factor, not the z


def _with(**thresholds: float) -> CheckContext:
    config = DariConfig()
    config.thresholds.update({k.replace("_", "-"): v for k, v in thresholds.items()})
    return CheckContext(config=config)


def _flagged_with(bitext_of: MakeBitext, ctx: CheckContext, s: int, t: int, check: str = "length") -> bool:
    pairs: list[tuple[str | None, str | None]] = [("a" * 95, "b" * 95)] * 41
    pairs.append(("c" * s, "d" * t))
    return any(f.src == (41,) for f in run_checks(bitext_of(pairs), ctx, only={check}))


def test_length_factor_alone(bitext_of: MakeBitext) -> None:
    """With the z limit lowered (3 x 0.2 = 0.6), the factor 2.5 alone decides."""
    ctx = _with(length_z=3.0)
    assert _flagged_with(bitext_of, ctx, 95, 258 - 5)  # 2.58x
    assert not _flagged_with(bitext_of, ctx, 95, 243 - 5)  # 2.43x


def test_length_z_at_the_scale_floor(bitext_of: MakeBitext) -> None:
    """With the factor lowered (1.5), a regular document's z limit decides: 4.5 x the 0.2
    floor = 0.90, a ratio of 2.46."""
    ctx = _with(length_factor=1.5)
    assert _flagged_with(bitext_of, ctx, 95, 252 - 5)  # 2.52x
    assert not _flagged_with(bitext_of, ctx, 95, 240 - 5)  # 2.40x


def test_length_ignores_pairs_shorter_than_the_minimum(bitext_of: MakeBitext) -> None:
    """``length-min-chars`` 25: a pair whose longer side has 24 characters is left out."""
    regular = [(95, 95)] * 41
    assert _length_flagged(bitext_of, regular, 5, 25)  # 3x, longer side 25
    assert not _length_flagged(bitext_of, regular, 5, 24)


def _confidence_flagged(bitext_of: MakeBitext, scores: list[float], score: float) -> bool:
    pairs: list[tuple[str | None, str | None]] = [
        (f"source sentence {k}", f"target sentence {k}") for k in range(len(scores) + 1)
    ]
    found = run_checks(bitext_of(pairs, scores=[*scores, score]), only={"confidence"})
    return any(f.src == (len(scores),) for f in found)


def test_confidence_ceiling_binds_on_a_regular_document(bitext_of: MakeBitext) -> None:
    """Scores all 0.9: MAD floor 0.05, z limit 4 at 0.70; the ceiling 0.35 binds."""
    regular = [0.9] * 21
    assert _confidence_flagged(bitext_of, regular, 0.34)
    assert not _confidence_flagged(bitext_of, regular, 0.36)


def test_confidence_z_binds_on_a_spread_document(bitext_of: MakeBitext) -> None:
    """Scores 0.8 and 1.0 (median 0.9, MAD 0.1 -> scale 0.148): the z limit 4 sits at 0.307."""
    regular = [0.8] * 10 + [1.0] * 10 + [0.9] * 2
    assert _confidence_flagged(bitext_of, regular, 0.29)  # z -4.11
    assert not _confidence_flagged(bitext_of, regular, 0.32)  # z -3.91 (below the ceiling)


def test_confidence_z_at_the_scale_floor(bitext_of: MakeBitext) -> None:
    """With the ceiling out of the way, scores all 0.9 put the z limit at 0.9 - 4 x 0.05 floor."""
    config = DariConfig()
    config.thresholds["confidence-max-score"] = 0.99
    pairs: list[tuple[str | None, str | None]] = [(f"source {k}", f"target {k}") for k in range(22)]
    for score, expected in ((0.69, True), (0.71, False)):
        found = run_checks(
            bitext_of(pairs, scores=[0.9] * 21 + [score]), CheckContext(config=config), only={"confidence"}
        )
        assert any(f.src == (21,) for f in found) is expected, score


def _name_findings(bitext_of: MakeBitext, source: str, target: str) -> list[str]:
    pairs = [
        (f"Minister {source} met the press on Monday.", f"{target} 장관은 월요일에 기자들을 만났다."),
    ]
    found = run_checks(bitext_of(pairs), only={"name"})
    return [f.severity.value for f in found]


def test_name_similarity_from_both_sides(bitext_of: MakeBitext) -> None:
    """Jaro-Winkler 0.85: Lewandowski/Levandovsky 0.8545 is a misspelling, Edwards/Edvarts
    0.8476 two different names."""
    assert _name_findings(bitext_of, "Lewandowski", "Levandovsky") == [Severity.ERROR.value]
    assert _name_findings(bitext_of, "Edwards", "Edvarts") == []


def test_name_minimum_length(bitext_of: MakeBitext) -> None:
    """``name-min-length`` 4: four-letter names are compared, three-letter ones are not (Ian/Ina
    would pass the similarity, 0.90)."""
    assert _name_findings(bitext_of, "Ivan", "Iwan") == [Severity.ERROR.value]
    assert _name_findings(bitext_of, "Ian", "Ina") == []


def test_converted_units_match_within_six_per_cent(bitext_of: MakeBitext) -> None:
    """500 feet = 152.4 m; a translator's rounding within 6 % (143.3-161.5 m) is the same
    number, beyond it a different one."""

    def flagged(metres: int) -> bool:
        pairs = [("The tower is 500 feet tall.", f"탑의 높이는 {metres}미터이다.")]
        return bool(run_checks(bitext_of(pairs), only={"number"}))

    assert not flagged(144) and not flagged(161)
    assert flagged(143) and flagged(162)


def test_thresholds_from_the_config_move_the_limits(bitext_of: MakeBitext) -> None:
    """The same limits, read from ``[tool.dari.thresholds]``: a team's tuning is honoured."""
    regular = [(95, 95)] * 41
    pairs: list[tuple[str | None, str | None]] = [("a" * a, "b" * b) for a, b in regular]
    pairs.append(("c" * 95, "d" * 253))  # 2.58x
    config = DariConfig()
    config.thresholds["length-factor"] = 2.7
    assert run_checks(bitext_of(pairs), CheckContext(config=config), only={"length"}) == []
