"""``AlignParams`` round trips through signatures, old flat ones included, and refuses what it
cannot reproduce."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.aligner import AlignParams

GOLDEN = Path(__file__).parents[2] / "golden"


def _old_flat_signature() -> dict[str, object]:
    """The 38 flat fields an earlier dari wrote (its defaults), from a project it wrote."""
    project = json.loads((GOLDEN / "seed001.flat-params.dari.json").read_text(encoding="utf-8"))
    aligner: dict[str, object] = project["signature"]["aligner"]
    return aligner


def test_nested_dict_round_trips_a_changed_value() -> None:
    params = AlignParams().with_values(null_gain=-0.3, **{"search.full_limit": 99, "conf_bias": 4.0})
    assert params.scoring.null_gain == -0.3
    assert params.search.full_limit == 99
    assert params.confidence.bias == 4.0
    data = json.loads(json.dumps(params.to_dict()))
    assert set(data) == {"scoring", "search", "redecisions", "concatenation", "confidence"}
    assert AlignParams.from_dict(data) == params
    assert AlignParams.from_dict({}) == AlignParams()


def test_an_old_flat_signature_reads_as_the_defaults_it_was_made_with() -> None:
    old = _old_flat_signature()
    assert len(old) == 38 and old["margin"] == 0.0 and old["concat_budget"] == 0.0
    # detach_rise was .05 then; the passes added later (issues 13 and 14) read as off
    then = AlignParams().with_values(
        detach_rise=0.05,
        detach_rounds=1,
        null_gap=0.0,
        split_gap_matched=0.0,
        dissolve_gap=0.0,
        **{"concatenation.settled_sim": 0.0},
    )
    assert AlignParams.from_dict(old) == then
    nested_before_settled = AlignParams().to_dict()
    del nested_before_settled["concatenation"]["settled_sim"]
    assert AlignParams.from_dict(nested_before_settled).concatenation.settled_sim == 0.0
    changed = {**old, "null_gain": -0.2, "concat_sum_mix": 0.3, "null_conf_offset": 0.5, "full_limit": 10}
    params = AlignParams.from_dict(changed)
    assert params.scoring.null_gain == -0.2
    assert params.concatenation.sum_mix == 0.3
    assert params.confidence.null_offset == 0.5
    assert params.search.full_limit == 10 and isinstance(params.search.full_limit, int)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"margin": 1.5}, "'margin' = 1.5 is no longer supported"),
        ({"weight_merge": 1.2}, "'weight_merge' = 1.2 is no longer supported"),
        ({"concat_budget": 0.2}, "'concat_budget' = 0.2 is no longer supported"),
        ({"conf_rival": 1.0}, "unknown aligner parameter 'conf_rival'"),
        ({"scoring": {"nul_gain": 1.0}}, "unknown aligner parameter 'scoring.nul_gain'"),
        ({"scoring": {"null_gain": "low"}}, "must be a finite number"),
        ({"scoring": {"null_gain": float("nan")}}, "must be a finite number"),
        ({"search": {"full_limit": 1.5}}, "must be a whole number"),
        ({"search": 3}, "'search' must be an object"),
        ([1, 2], "must be an object"),
    ],
)
def test_what_cannot_be_reproduced_is_refused_in_one_line(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        AlignParams.from_dict(data)  # type: ignore[arg-type]
    assert "\n" not in str(info.value)


def test_retired_fields_at_their_no_op_values_are_accepted() -> None:
    retired = {"margin": 0, "bias_1_2": 0.0, "weight_1_1": 1, "length_weight": 0.0, "length_smoothing": 5.0}
    assert AlignParams.from_dict({**retired, "conf_slope": 0.0, "concat_min_conf": 0.5}) == AlignParams()
