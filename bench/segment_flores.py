"""Sentence-boundary accuracy on FLORES-200 (en and ko), a proxy with known boundaries.

FLORES lines are single sentences in English (mostly; the Korean translation sometimes uses
two). Each document's lines are joined with a space into one paragraph and split again:
recall = line joins found as boundaries; "extra" = boundaries inside a line (over-splitting
for English, often legitimate for Korean).

    python bench/segment_flores.py
"""

from __future__ import annotations

from pathlib import Path

from align.segment import split_sentences

DOCS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "flores200-en-ko" / "docs"


def main() -> None:
    for lang in ("en", "ko"):
        joins = found = extra = lines_total = 0
        examples: list[str] = []
        for split in ("dev", "devtest"):
            for path in sorted((DOCS / split).glob(f"*.{lang}")):
                lines = [
                    line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
                ]
                text = " ".join(lines)
                ends = set()
                pos = 0
                for line in lines[:-1]:
                    pos += len(line)
                    ends.add(pos)
                    pos += 1
                cuts = {s.end for s in split_sentences(text, lang)} - {len(text)}
                joins += len(ends)
                found += len(ends & cuts)
                extra += len(cuts - ends)
                lines_total += len(lines)
                for c in sorted(cuts - ends)[:1]:
                    if len(examples) < 8:
                        examples.append(text[max(0, c - 50) : c] + " | " + text[c : c + 30])
                for c in sorted(ends - cuts)[:1]:
                    if len(examples) < 16:
                        examples.append("MISSED: " + text[max(0, c - 50) : c] + " | " + text[c : c + 30])
        print(
            f"{lang}: {lines_total} lines, line joins found {found}/{joins} = {found / joins:.4f}, extra {extra}"
        )
        for e in examples:
            print("   ", e)


if __name__ == "__main__":
    main()
