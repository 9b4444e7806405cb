"""Merging a user's glossary with the extracted one: the user's entries win."""

from __future__ import annotations

from align.model import TermEntry, TermExample, TermKind, TermStatus
from glossary.merge import merge_glossaries

A, C, R = TermStatus.APPROVED, TermStatus.CANDIDATE, TermStatus.REJECTED


def _found(source: str, target: str, count: int, score: float = 0.8) -> TermEntry:
    example = TermExample(count, f"... {source} ...", f"... {target} ...")
    return TermEntry(source, target, count, C, "", TermKind.TERM, score, [example])


def test_user_entries_win_and_gain_the_texts_evidence() -> None:
    user = [
        TermEntry("embassy", "대사관|공관", status=A, examples=[TermExample(1, "old", "옛")]),
        TermEntry("Khojaly", "호잘리", status=C, kind=TermKind.NAME),
    ]
    extracted = [
        _found("Embassies", "대사관", 5, 0.9),
        _found("Khojaly", "호잘리", 9, 0.97),
        _found("Seoul", "서울", 2),
    ]
    result = merge_glossaries(user, extracted)
    assert [(e.source, e.target, e.status, e.count) for e in result.entries] == [
        ("embassy", "대사관|공관", A, 5),
        ("Khojaly", "호잘리", C, 9),  # the user's status and kind are kept
        ("Seoul", "서울", C, 2),  # the user has no entry for it: added
    ]
    assert result.entries[1].kind is TermKind.NAME and result.entries[1].score == 0.97
    assert [x.source for x in result.entries[0].examples] == ["... Embassies ...", "old"]
    assert (result.added, result.enriched, result.conflicts) == (1, 2, [])
    assert user[0].count == 0 and len(user[0].examples) == 1  # inputs untouched


def test_a_different_target_is_a_conflict_not_an_addition() -> None:
    user = [TermEntry("Embassy", "공관", status=A)]
    result = merge_glossaries(user, [_found("Embassy", "대사관", 7)])
    assert [(e.source, e.target) for e in result.entries] == [("Embassy", "공관")]
    (conflict,) = result.conflicts
    assert (conflict.source, conflict.user_target, conflict.extracted_target, conflict.extracted_count) == (
        "Embassy",
        "공관",
        "대사관",
        7,
    )
    assert conflict.reason == "different target"
    assert conflict.message == "'Embassy': the glossary says '공관', the text uses '대사관' (7x)"


def test_matching_folds_case_korean_spacing_and_plurals() -> None:
    user = [TermEntry("국회 의원", "member of the National Assembly", status=A)]
    result = merge_glossaries(user, [_found("국회의원", "members of the national assembly", 3)])
    assert len(result.entries) == 1 and result.entries[0].count == 3 and not result.conflicts


def test_rejected_pairs() -> None:
    user = [TermEntry("Korea Herald", "Korea Heald", status=R)]
    used = merge_glossaries(user, [_found("Korea Herald", "Korea Heald", 1)])
    assert [c.reason for c in used.conflicts] == ["rejected target used"] and len(used.entries) == 1
    assert "which the glossary rejects" in used.conflicts[0].message
    other = merge_glossaries(user, [_found("Korea Herald", "코리아 헤럴드", 2)])
    assert [(e.target, e.status) for e in other.entries] == [("Korea Heald", R), ("코리아 헤럴드", C)]
    assert not other.conflicts


def test_both_alternatives_found_add_up() -> None:
    user = [TermEntry("Embassy", "대사관|공관", status=A)]
    result = merge_glossaries(user, [_found("Embassy", "대사관", 5, 0.9), _found("Embassy", "공관", 2, 0.6)])
    assert (result.entries[0].count, result.entries[0].score, len(result.entries)) == (7, 0.9, 1)
