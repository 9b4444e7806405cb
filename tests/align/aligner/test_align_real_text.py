"""The aligner with the real default encoder: FLORES documents with a dropped, a merged and an
inserted sentence, and the seed text (Yongsan sentences unpaired). One encoder per session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from align.aligner import align_segments
from align.model import Segment, segments_from_lines, validate_beads

FLORES = Path("/work/shared/corpora/flores200-en-ko/docs/devtest")


@pytest.fixture(scope="session")
def use_encoder() -> Any:
    from align.encoders import get_encoder

    return get_encoder("use")


def _segments(lines: list[str]) -> list[Segment]:
    return segments_from_lines(lines)[1]


@pytest.mark.skipif(not FLORES.is_dir(), reason="evaluation corpora not available")
def test_flores_documents_with_edits(use_encoder: Any) -> None:
    en: list[str] = []
    ko: list[str] = []
    for k in range(1, 9):
        en += (FLORES / f"{k:03d}.en").read_text(encoding="utf-8").splitlines()
        ko += (FLORES / f"{k:03d}.ko").read_text(encoding="utf-8").splitlines()
    n = len(en)
    foreign_en = (FLORES / "200.en").read_text(encoding="utf-8").splitlines()[0]
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


@pytest.mark.skipif(not FLORES.is_dir(), reason="evaluation corpora not available")
@pytest.mark.parametrize("doc", ["052", "078"])
def test_short_flores_documents_pair_one_to_one(use_encoder: Any, doc: str) -> None:
    """Regressions seen by the checks: 078 came out ``[]:[0]``, ``[0]:[]`` (a plain pair left
    unpaired on both sides) and 052 ``[1, 2]:[1]``, ``[]:[2]``."""
    en = (FLORES / f"{doc}.en").read_text(encoding="utf-8").splitlines()
    ko = (FLORES / f"{doc}.ko").read_text(encoding="utf-8").splitlines()
    beads = align_segments(_segments(en), _segments(ko), use_encoder)
    assert [(b.src, b.tgt) for b in beads] == [((k,), (k,)) for k in range(len(en))]
    assert min(b.score for b in beads) > 0.5
