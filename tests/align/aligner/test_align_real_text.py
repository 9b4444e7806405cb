"""The aligner with the real default encoder: FLORES documents with a dropped, a merged and an
inserted sentence, and the seed text (Yongsan sentences unpaired). One encoder per session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from align.aligner import align_segments
from align.model import Segment, segments_from_lines, validate_beads


def _segments(lines: list[str]) -> list[Segment]:
    return segments_from_lines(lines)[1]


def test_flores_documents_with_edits(use_encoder: Any, corpora: Path) -> None:
    flores = corpora / "flores200-en-ko" / "docs" / "devtest"
    en: list[str] = []
    ko: list[str] = []
    for k in range(1, 9):
        en += (flores / f"{k:03d}.en").read_text(encoding="utf-8").splitlines()
        ko += (flores / f"{k:03d}.ko").read_text(encoding="utf-8").splitlines()
    n = len(en)
    foreign_en = (flores / "200.en").read_text(encoding="utf-8").splitlines()[0]
    # drop Korean 5 (English 5 unpaired), merge Korean 10+11 (2-1), insert a foreign English line after 15
    ko2 = ko[:5] + ko[6:10] + [ko[10] + " " + ko[11]] + ko[12:]
    en2 = [*en[:16], foreign_en, *en[16:]]
    beads = align_segments(_segments(en2), _segments(ko2), use_encoder)
    validate_beads(beads, len(en2), len(ko2))
    pairs = {(b.src, b.tgt) for b in beads}
    assert ((5,), ()) in pairs
    assert ((10, 11), (9,)) in pairs
    assert ((16,), ()) in pairs
    ones = sum(1 for b in beads if len(b.src) == 1 and len(b.tgt) == 1)
    assert ones >= n - 6
    paired_scores = [b.score for b in beads if len(b.src) == 1 and len(b.tgt) == 1]
    assert min(paired_scores) > 0.5


def test_seed_yongsan_sentences_unpaired(use_encoder: Any, seed_dir: Path) -> None:
    from align.pipeline import read_documents

    src, tgt = read_documents([seed_dir / "bilingual.txt"])
    beads = align_segments(src.segments, tgt.segments, use_encoder)
    validate_beads(beads, len(src.segments), len(tgt.segments))
    texts = src.texts
    yongsan = [i for i, t in enumerate(texts) if t.startswith("Yongsan")]
    assert len(yongsan) == 2
    for bead in beads:
        if set(bead.src) & set(yongsan):
            assert not bead.tgt, f"Yongsan sentence paired: {bead}"
    # every other English sentence (title and body) has exactly one Korean partner
    for bead in beads:
        if bead.src and not set(bead.src) & set(yongsan) and "Search" not in texts[bead.src[0]]:
            assert len(bead.src) == 1 and len(bead.tgt) == 1, (bead, [texts[i] for i in bead.src])


@pytest.mark.parametrize("doc", ["052", "078"])
def test_short_flores_documents_pair_one_to_one(use_encoder: Any, corpora: Path, doc: str) -> None:
    """Regressions seen by the checks: 078 came out ``[]:[0]``, ``[0]:[]`` (a plain pair left
    unpaired on both sides) and 052 ``[1, 2]:[1]``, ``[]:[2]``."""
    flores = corpora / "flores200-en-ko" / "docs" / "devtest"
    en = (flores / f"{doc}.en").read_text(encoding="utf-8").splitlines()
    ko = (flores / f"{doc}.ko").read_text(encoding="utf-8").splitlines()
    beads = align_segments(_segments(en), _segments(ko), use_encoder)
    assert [(b.src, b.tgt) for b in beads] == [((k,), (k,)) for k in range(len(en))]
    assert min(b.score for b in beads) > 0.5


def test_seed_pairs_survive_one_changed_word(use_encoder: Any, seed_dir: Path, tmp_path: Path) -> None:
    """Replacing 대사관 (embassy) by 공관 (mission) in one Korean sentence changes nothing:
    once it unpaired a loose but true pair (sentence 4, just over ``split_gap`` below the
    document's median pair), now kept by ``split_guard`` because its lengths agree."""
    from align.pipeline import read_documents

    ko = (seed_dir / "ko.txt").read_text(encoding="utf-8")

    def pairs(ko_text: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        path = tmp_path / "ko.txt"
        path.write_text(ko_text, encoding="utf-8")
        src, tgt = read_documents([seed_dir / "en.txt", path])
        return [(b.src, b.tgt) for b in align_segments(src.segments, tgt.segments, use_encoder)]

    base = pairs(ko)
    assert [b for b in base if not b[0] or not b[1]] == [((6,), ()), ((7,), ()), ((), (9,))]
    starts = [k for k in range(len(ko)) if ko.startswith("대사관", k)]
    assert len(starts) == 6
    for k in starts:
        assert pairs(ko[:k] + "공관" + ko[k + 3 :]) == base, k
