"""Number extraction never fails on arbitrary text, and a text always agrees with itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from align.checks.number_facts import compare_facts, extract_facts

_ALPHABET = st.sampled_from(list("0123456789.,-:%¼½ 만억천백십조년월일명째 kmthsaeMXIVfeet\n"))
TEXTS = st.text(_ALPHABET, max_size=60) | st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(["en", "ko", "de"]))
def test_extract_never_raises_and_text_matches_itself(text: str, lang: str) -> None:
    facts = extract_facts(text, lang)
    assert all(0 <= f.start < len(text) and f.values for f in facts)
    assert compare_facts(facts, extract_facts(text, lang)).empty


def test_very_long_digit_runs() -> None:
    assert extract_facts("hash " + "9" * 60 + " and 1" + "0" * 40 + "만", "ko")
