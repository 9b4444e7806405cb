"""Extraction on real aligned text: seed 001 (small: counts of 1-8) and a slice of the Python
docs (a corpus), determinism, options, and the seed targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.model import Bead, Bitext, TermKind, TermStatus
from align.pipeline import InputOptions, read_documents
from glossary.corpus import AlignedPair, pairs_of_bitext
from glossary.evaluation import fold, read_term_list, score_against
from glossary.extraction import GlossaryOptions, extract_glossary, looks_like_code, mask_code

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "seed001"
PYDOCS = REPO.parent / "shared" / "corpora" / "python-docs-ko"


@pytest.fixture(scope="module")
def seed_pairs(encoder) -> list[AlignedPair]:
    from align.pipeline import load_bitext

    bitext = load_bitext([str(SEED / "bilingual.txt")], InputOptions(), encoder=encoder)
    return pairs_of_bitext(bitext, "seed001")


@pytest.fixture(scope="module")
def encoder():
    from align.encoders import get_encoder

    return get_encoder("use")


@pytest.fixture(scope="module")
def seed_glossary(seed_pairs, encoder):
    return extract_glossary(seed_pairs, "en", "ko", encoder=encoder)


def _has(entries, source: str, target: str) -> bool:
    return any(e.source == source and e.target == target for e in entries)


def test_seed_targets(seed_glossary) -> None:
    """The issue's targets on the hand-written list: >= 13 of it in the top 20 and >= 18 of
    the top 20 correct (gold plus the acceptable list)."""
    gold = read_term_list(SEED / "glossary.gold.tsv")
    acceptable = read_term_list(SEED / "glossary.acceptable.tsv")
    score = score_against(seed_glossary, gold, acceptable, top=20)
    assert score.gold_in_top >= 13, score.misses
    assert score.correct_in_top >= 18, score.wrong


def test_names_across_scripts_and_particles_stripped(seed_glossary) -> None:
    top = seed_glossary[:15]
    assert _has(top, "Khojaly", "호잘리")
    assert _has(top, "Azerbaijan", "아제르바이잔")
    assert _has(top, "Embassy", "대사관")
    khojaly = next(e for e in seed_glossary if e.source == "Khojaly")
    assert khojaly.kind is TermKind.NAME and khojaly.status is TermStatus.CANDIDATE
    assert khojaly.count >= 7 and 0.9 <= khojaly.score <= 1.0
    # the evidence is real pairs holding both terms
    assert khojaly.examples and all("Khojaly" in x.source and "호잘리" in x.target for x in khojaly.examples)
    # no particle left on a Korean term (정의, "justice", is a word that ends in 의)
    assert not any(e.target.endswith(("를", "의", "에서")) and e.target != "정의" for e in seed_glossary)


def test_entries_are_sorted_best_first_and_scores_bounded(seed_glossary) -> None:
    scores = [e.score for e in seed_glossary]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_deterministic(seed_pairs, encoder, seed_glossary) -> None:
    again = extract_glossary(list(reversed(seed_pairs))[::-1], "en", "ko", encoder=encoder)
    assert [(e.source, e.target, e.score, e.count) for e in again] == [
        (e.source, e.target, e.score, e.count) for e in seed_glossary
    ]


def test_without_encoder_names_still_pair(seed_pairs) -> None:
    entries = extract_glossary(seed_pairs, "en", "ko")
    assert _has(entries[:10], "Khojaly", "호잘리")


def test_options_filter(seed_pairs, encoder) -> None:
    names = extract_glossary(seed_pairs, "en", "ko", GlossaryOptions(kind=TermKind.NAME), encoder=encoder)
    assert names and all(e.kind is TermKind.NAME for e in names)
    frequent = extract_glossary(seed_pairs, "en", "ko", GlossaryOptions(min_count=3), encoder=encoder)
    assert frequent and all(e.count >= 3 for e in frequent)
    top = extract_glossary(seed_pairs, "en", "ko", GlossaryOptions(top=5), encoder=encoder)
    assert len(top) == 5
    short = extract_glossary(seed_pairs, "en", "ko", GlossaryOptions(max_words=1), encoder=encoder)
    assert all(len(e.source.split()) == 1 for e in short)
    stopped = extract_glossary(
        seed_pairs, "en", "ko", GlossaryOptions(stop_words=frozenset({"khojaly", "호잘리"})), encoder=encoder
    )
    assert not any(e.source == "Khojaly" or e.target == "호잘리" for e in stopped)


def test_no_pairs_no_entries() -> None:
    assert extract_glossary([], "en", "ko") == []


def test_code_is_not_terminology() -> None:
    assert mask_code("Use :func:`len` here") == "Use " + " " * len(":func:`len`") + " here"
    assert looks_like_code("re.match") and looks_like_code("basicConfig")
    assert not looks_like_code("Heydar Aliyev") and not looks_like_code("Azerbaijan-Korea")


@pytest.mark.skipif(not PYDOCS.is_dir(), reason="../shared/corpora is not beside this checkout")
def test_python_docs_tutorial_vocabulary() -> None:
    """A corpus: the tutorial's 1-1 paragraph pairs; the words a reader meets on every page
    are paired as the translators chose (their loanwords where they used them)."""
    bitexts = []
    for en in sorted((PYDOCS / "tutorial").glob("*.en")):
        if ".sent." in en.name:
            continue
        src, tgt = read_documents([str(en), str(en.with_suffix(".ko"))], InputOptions("en", "ko", True))
        bitexts.append((en.stem, Bitext(src, tgt, [Bead((i,), (i,), 1.0) for i in range(len(src.segments))])))
    pairs = [p for name, b in bitexts for p in pairs_of_bitext(b, name)]
    entries = extract_glossary(pairs, "en", "ko")
    top = {(fold(e.source), e.target) for e in entries[:300]}
    for pair in [("function", "함수"), ("module", "모듈"), ("list", "리스트"), ("dictionary", "딕셔너리"),
                 ("string", "문자열"), ("exception", "예외"), ("argument", "인자"), ("class", "클래스")]:  # fmt: skip
        assert pair in top, pair
    assert not any(e.source == e.target and e.source.islower() for e in entries)  # func ↔ func
