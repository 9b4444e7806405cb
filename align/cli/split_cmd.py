"""``dari split``: print a file's sentences, one per line, to check segmentation by eye or feed
other tools. A bilingual file prints both sides, one after the other, with a blank line between.

A sentence that spans a wrapped line is printed on one line (its inner line breaks become
spaces); offsets in the project file still point at the original text.
"""

from __future__ import annotations

import argparse
import re
import sys

from align.errors import InputError, UsageError
from align.model import Segment
from align.reading import read_text

_LINE_BREAKS = re.compile(r"[^\S\n]*\n\s*")


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Split a text into sentences and print one per line (UTF-8). A file holding two "
        "languages is split into both, printed one after the other with a blank line between."
    )
    p.add_argument("input", metavar="FILE", help="text file (any of UTF-8, UTF-16, CP949)")
    p.add_argument("--lang", help="language code of the whole file (default: detected; implies one language)")
    p.add_argument(
        "--presplit",
        action="store_true",
        help="the file is one sentence per line: print its lines as they are",
    )
    p.add_argument(
        "--side",
        choices=("1", "2", "both"),
        default="both",
        help="for a bilingual file: the first language, the second, or both (default)",
    )
    p.set_defaults(func=run)


def _one_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text)


def _sides(text: str, lang: str | None, presplit: bool) -> list[tuple[str, list[Segment]]]:
    """(language, sentences) for each language in the file, in file order."""
    from align.languages import detect_language
    from align.segment import split_bilingual, split_lines, split_sentences

    if presplit:
        return [(lang or "", split_lines(text))]
    if lang:
        return [(lang, split_sentences(text, lang))]
    try:
        split = split_bilingual(text)
    except InputError:
        detected = detect_language(text)
        return [(detected, split_sentences(text, detected))]
    return [
        (code, split_sentences(text, code, spans))
        for code, spans in zip(split.langs, split.spans, strict=True)
    ]


def run(args: argparse.Namespace) -> int:
    decoded = read_text(args.input)
    try:
        sides = _sides(decoded.text, args.lang, args.presplit)
    except InputError as exc:
        raise InputError(f"{args.input}: {exc}") from None
    if args.side != "both":
        index = int(args.side) - 1
        if index >= len(sides):
            raise UsageError(f"{args.input}: --side {args.side}, but the file holds only one language")
        sides = [sides[index]]
    blocks = ["".join(_one_line(s.text) + "\n" for s in segments) for _, segments in sides]
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None and (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        reconfigure(encoding="utf-8")  # sentences are printed as UTF-8 whatever the locale
    sys.stdout.write("\n".join(blocks))
    sys.stdout.flush()
    return 0
