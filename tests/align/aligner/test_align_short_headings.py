"""Short headings and fragments ("Wrapping it Up" / "마무리", "Footnotes" / "각주") stay paired.

Their vectors are noisy, so the post-search re-decisions must neither split such a pair nor
leave one stranded beside a merged bead (python-docs-ko produced 39 false missing/extra
errors before this was handled)."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.pipeline import InputOptions, align_documents, read_documents


@pytest.mark.parametrize("doc", ["howto/urllib2", "howto/unicode", "tutorial/appetite", "howto/regex"])
def test_documentation_headings_are_paired_line_by_line(corpora: Path, doc: str) -> None:
    docs = corpora / "python-docs-ko"
    src, tgt = read_documents(
        [docs / f"{doc}.en", docs / f"{doc}.ko"], InputOptions("en", "ko", presplit=True)
    )
    beads = align_documents(src, tgt).beads
    nulls = [(b.src, b.tgt) for b in beads if b.is_null]
    headings = [
        k
        for k, seg in enumerate(src.segments)
        if 0 < len(seg.text) < 30 and not seg.text.rstrip().endswith(("::", "."))
    ]
    stranded = [k for k in headings if ((k,), ()) in nulls]
    assert stranded == [], [src.segments[k].text for k in stranded]
