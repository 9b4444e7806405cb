"""Term candidates on real sentences of seed 001 and on the cases the issue names."""

from __future__ import annotations

import pytest

from glossary.candidates import CandidateOptions, Occurrence, extractor_for


def _korean(*sentences: str) -> list[list[Occurrence]]:
    return extractor_for("ko", CandidateOptions())(list(sentences))


def _english(*sentences: str, **options: object) -> list[list[Occurrence]]:
    return extractor_for("en", CandidateOptions(**options))(list(sentences))  # type: ignore[arg-type]


def _surfaces(occurrences: list[Occurrence]) -> set[str]:
    return {o.surface for o in occurrences}


def _keys(occurrences: list[Occurrence]) -> set[str]:
    return {o.key for o in occurrences}


def test_korean_particles_and_endings_are_stripped(seed_dir) -> None:
    text = (seed_dir / "ko.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    found = set().union(*(_surfaces(occ) for occ in _korean(*lines)))
    for term in (
        "호잘리",
        "대사관",
        "주한 아제르바이잔 대사관",
        "여의도",
        "자전거 행진",
        "책자",
        "현수막",
        "이태원로",
    ):
        assert term in found, term
    assert not any(t.endswith(("를", "의", "에서", "들")) and t not in ("정의",) for t in found), sorted(
        found
    )


@pytest.mark.parametrize("word", ["대사관의", "대사관에서", "대사관이", "대사관과"])
def test_one_term_whatever_particle_follows(word: str) -> None:
    (occ,) = _korean(f"그는 {word} 직원을 만났다.")
    assert "대사관" in _surfaces(occ)


def test_verbal_nouns_are_not_terms() -> None:
    (occ,) = _korean("자전거 행진이 진행되었다. 행사와 관련하여 지속적으로 발표했다.")
    surfaces = _surfaces(occ)
    assert "자전거 행진" in surfaces
    assert not surfaces & {"진행", "관련", "지속", "발표"}


def test_spacing_inside_compounds_does_not_split_counts() -> None:
    a, b = _korean("국회의원이 왔다.", "국회 의원이 왔다.")
    assert "국회의원" in _keys(a) & _keys(b)


def test_nested_terms_are_offered_with_their_container() -> None:
    (occ,) = _korean("주한 아제르바이잔 대사관이 발행했다.")
    by_surface = {o.surface: o for o in occ}
    assert by_surface["주한 아제르바이잔 대사관"].maximal
    assert by_surface["대사관"].head and by_surface["대사관"].container == "주한아제르바이잔대사관"


def test_loanword_pieces_stay_one_word() -> None:
    (occ,) = _korean("데코레이터를 사용한다.")
    assert _surfaces(occ) == {"데코레이터"}


def test_glued_loanword_is_repaired_from_its_other_uses() -> None:
    (occ,) = _korean("타니를 만났다. 타니가 왔다. 타니의 집이다.")
    assert sum(o.surface == "타니" for o in occ) == 3


def test_foreign_words_inside_korean_keep_english_rules() -> None:
    (occ,) = _korean("Search in archive")
    assert "in archive" not in _surfaces(occ)


def test_english_plurals_fold_but_surface_is_kept() -> None:
    a, b = _english("The brochures were distributed.", "A brochure was printed.")
    key_a = {o.key: o.surface for o in a}
    key_b = {o.key: o.surface for o in b}
    assert key_a["brochure"] == "brochures" and key_b["brochure"] == "brochure"
    (c,) = _english("Two embassies opened.")
    assert "embassy" in _keys(c)


def test_english_names_keep_their_joining_words(seed_dir) -> None:
    text = (seed_dir / "en.txt").read_text(encoding="utf-8")
    found = set().union(
        *(_surfaces(o) for o in _english(*[line for line in text.splitlines() if line.strip()]))
    )
    for term in (
        "Embassy of the Republic of Azerbaijan",
        "Justice for Khojaly Campaign",
        "Heydar Aliyev Foundation",
        "Azerbaijan-Korea Student Association",
        "Khojaly Genocide",
        "bicycle marathon",
        "brochures",
    ):
        assert term in found, term
    # "of" joins only inside capitalised names; stop words never start or end a term
    assert not any(t.split()[0].lower() in ("the", "of", "and", "with") for t in found)
    assert "distribution of informative brochures" not in found


def test_hyphenated_words_and_their_parts() -> None:
    (occ,) = _english("Members of the Azerbaijan-Korea Student Association came.")
    surfaces = _surfaces(occ)
    assert {"Azerbaijan-Korea", "Azerbaijan", "Korea"} <= surfaces


def test_numbers_and_single_letters_are_left_out_unless_asked() -> None:
    (occ,) = _english("Area 51 covers 21.87 km2 in zone B.")
    assert not {"51", "21.87", "km2", "B"} & _surfaces(occ)
    (occ,) = _english("Area 51 covers 21.87 km2 in zone B.", include_numbers=True)
    assert "km2" in _surfaces(occ)


def test_sentence_initial_capital_is_not_a_name() -> None:
    (occ,) = _english("Members came. They met Members of Parliament.")
    members = [o for o in occ if o.surface == "Members"]
    assert [o.name for o in members] == [False, True]


def test_max_words_and_stop_words() -> None:
    (occ,) = _english("The Heydar Aliyev Foundation video clip aired.", max_words=2)
    assert all(o.words <= 2 for o in occ)
    (occ,) = _english("The bicycle marathon ended.", stop_words=frozenset({"marathon"}))
    assert "bicycle marathon" not in _surfaces(occ)
