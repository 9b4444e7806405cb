"""Where a glossary term occurs, and which entries the ``term`` check enforces."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from align.checks import CheckContext, run_checks
from align.checks.term_match import TermIndex, singular, term_key, term_occurs
from align.model import Bitext, TermEntry, TermStatus

MakeBitext = Callable[..., Bitext]


@pytest.mark.parametrize(
    ("term", "text", "lang", "found"),
    [
        ("대사관", "주한대사관의 직원", "ko", True),  # inside a compound
        ("대사관", "대사관에서 열렸다", "ko", True),  # particle glued on
        ("대사관", "주한 대사관은", "ko", True),
        ("국회의원", "국회 의원들이", "ko", True),  # spacing inside a compound ignored
        ("국회 의원", "국회의원과", "ko", True),
        ("주한 대사관", "주한대사관", "ko", True),
        ("관", "대사관", "ko", False),  # one syllable: only at a word start
        ("관", "관 앞에서", "ko", True),
        ("대사관", "대사님이", "ko", False),
        ("Heydar Aliyev펀드", "Heydar Aliyev 펀드의 지원", "ko", True),
        ("embassy", "two Embassies", "en", True),
        ("Embassy", "the embassy's staff", "en", True),
        ("brochures", "one brochure", "en", True),
        ("brochure", "informative brochures", "en", True),
        ("press-releases", "press releases prepared", "en", True),
        ("mass media companies", "a mass media company", "en", True),
        ("press", "the presses", "en", True),
        ("Korea", "Korean society", "en", False),  # whole words only
        ("bus", "the buses", "en", True),
        ("BUTA", "“BUTA” members", "en", True),
        ("北京", "我在北京工作", "zh", True),
        ("–", "2016 – 2017", "en", True),  # a term of dashes only
    ],
)
def test_term_occurs(term: str, text: str, lang: str, found: bool) -> None:
    assert term_occurs(term, text, lang) is found


def test_term_keys_fold_case_spacing_hyphens_and_plurals() -> None:
    assert term_key("국회 의원") == term_key("국회의원")
    assert term_key("Embassies") == term_key("embassy")
    assert term_key("press-releases") == term_key("Press releases")
    assert term_key("Korea") != term_key("Korean")
    assert [singular(w) for w in ("companies", "brochures", "presses", "bus", "analysis", "glass")] == [
        "company",
        "brochure",
        "press",
        "bus",
        "analysis",
        "glass",
    ]


@settings(deadline=None)
@given(st.text(st.characters(whitelist_categories=("Lo", "Ll", "Lu")), min_size=2, max_size=8))
@example("AAXS")  # found by hypothesis: the plural pattern of "aax" did not cover "-s"
def test_a_term_occurs_in_itself_and_with_a_particle(term: str) -> None:
    assert term_occurs(term, term)
    assert term_occurs(term, f"{term}의 예", "ko") or not term.isalpha()


def _checks(bitext: Bitext, ctx: CheckContext) -> list[str]:
    return [f.data["term"] for f in run_checks(bitext, ctx, {"term"})]


def test_only_approved_entries_are_enforced(bitext_of: MakeBitext) -> None:
    bitext = bitext_of([("The Embassy said so.", "공관이 그렇게 말했다.")])
    for status, expected in (
        (TermStatus.APPROVED, ["Embassy"]),
        (TermStatus.CANDIDATE, []),
        (TermStatus.REJECTED, []),
    ):
        ctx = CheckContext(glossary=[TermEntry("Embassy", "대사관", status=status)])
        assert _checks(bitext, ctx) == expected
    bitext.glossary = [TermEntry("Embassy", "대사관", status=TermStatus.APPROVED)]
    assert _checks(bitext, CheckContext()) == ["Embassy"]
    bitext.glossary[0].status = TermStatus.CANDIDATE
    assert _checks(bitext, CheckContext()) == []


def test_approved_alternatives_and_compounds_pass(bitext_of: MakeBitext) -> None:
    bitext = bitext_of([
        ("Members of the Embassy took part.", "대사관내 공무원들이 참가했다."),
        ("The Embassy said so.", "공관이 그렇게 말했다."),
        ("Embassies of Korea.", "한국 외교 공관들."),
        ("The Embassy published it.", "정부가 발표했다."),
    ])  # fmt: skip
    two_rows = [
        TermEntry("Embassy", "대사관", status=TermStatus.APPROVED),
        TermEntry("embassies", "공관", status=TermStatus.APPROVED),  # same term, another approved target
    ]
    found = run_checks(bitext, CheckContext(glossary=two_rows), {"term"})
    assert [(f.src, f.data["expected"]) for f in found] == [((3,), ["대사관", "공관"])]
    one_row = [TermEntry("Embassy", "대사관|공관", status=TermStatus.APPROVED)]
    assert [f.src for f in run_checks(bitext, CheckContext(glossary=one_row), {"term"})] == [(3,)]


def test_a_longer_term_covers_the_shorter_one_inside_it(bitext_of: MakeBitext) -> None:
    bitext = bitext_of([
        ("The Heydar Aliyev Foundation helped.", "Heydar Aliyev펀드가 도왔다."),
        ("Heydar Aliyev spoke.", "헤이다르 알리예프가 말했다."),
    ])  # fmt: skip
    glossary = [
        TermEntry("Heydar Aliyev Foundation", "Heydar Aliyev펀드", status=TermStatus.APPROVED),
        TermEntry("Heydar Aliyev", "헤이다르 알리예프", status=TermStatus.APPROVED),
    ]
    assert _checks(bitext, CheckContext(glossary=glossary)) == []


def test_korean_source_terms_inside_compounds(bitext_of: MakeBitext) -> None:
    bitext = bitext_of(
        [("주한대사관이 발표했다.", "The government announced it.")], src_lang="ko", tgt_lang="en"
    )
    glossary = [TermEntry("대사관", "Embassy", status=TermStatus.APPROVED)]
    assert _checks(bitext, CheckContext(glossary=glossary)) == ["대사관"]


def test_the_user_glossary_is_read_for_the_bitexts_languages(bitext_of: MakeBitext) -> None:
    bitext = bitext_of([("대사관이 발표했다.", "The government announced it.")], src_lang="ko", tgt_lang="en")
    asked: list[tuple[str, str]] = []

    def reader(src: str, tgt: str) -> list[TermEntry]:
        asked.append((src, tgt))
        return [TermEntry("대사관", "Embassy", status=TermStatus.APPROVED)]

    assert _checks(bitext, CheckContext(glossary_reader=reader)) == ["대사관"]
    assert asked == [("ko", "en")]


def test_latin_names_glued_to_hangul() -> None:
    assert term_occurs("BUTA", "BUTA의 회원", "ko")
    assert term_occurs("Remzi Teymurov", "아제르바이잔Remzi Teymurov대사님의", "ko")
    assert not term_occurs("Remzi", "Remzia", "ko")


@settings(deadline=None)
@given(st.text(max_size=12), st.text(max_size=40), st.sampled_from(["en", "ko", "zh", "de", None]))
def test_any_term_and_text_are_handled(term: str, text: str, lang: str | None) -> None:
    found = term_occurs(term, text, lang)
    assert isinstance(found, bool) and isinstance(term_key(term, lang), str)
    if found:  # the index only narrows: it never loses a term that occurs
        assert TermIndex(["zzz", term], lang).candidates(text) in ([1], [0, 1])


@settings(deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=10), min_size=1, max_size=5),
    st.text(max_size=60),
    st.sampled_from(["en", "ko"]),
)
def test_the_index_finds_every_term_that_occurs(terms: list[str], text: str, lang: str) -> None:
    occurring = [k for k, t in enumerate(terms) if term_occurs(t, text, lang)]
    assert set(occurring) <= set(TermIndex(terms, lang).candidates(text))


@settings(deadline=None)
@given(
    st.sampled_from(
        ["embassy", "Embassies", "bus", "brochure", "Press-releases", "대사관", "관", "Heydar Aliyev펀드"]
    )
)
def test_the_index_on_inflected_forms(term: str) -> None:
    text = "The embassies, buses, brochures and press releases of 주한대사관 관 Heydar Aliyev 펀드."
    assert term_occurs(term, text, "en" if term.isascii() else "ko")
    assert TermIndex([term], "en" if term.isascii() else "ko").candidates(text) == [0]
