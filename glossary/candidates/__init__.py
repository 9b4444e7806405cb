"""Term candidates of one language: the noun phrases and names a glossary could hold.

Each language's extractor turns a sentence into ``Occurrence`` records: the surface form as
written, a matching key that folds what should not split counts (Korean spacing inside
compounds, English case and plurals), and the facts the pairing needs (how many words, whether
it looks like a name, whether it stood alone or only inside a longer phrase). Extractors are
chosen by language through ``extractor_for``: Korean by morphology (kiwipiepy), every other
language by rules over words, so any language pair gets candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One candidate term found in one sentence."""

    key: str
    """What counts as the same term: compared across sentences and documents."""
    surface: str
    """As written in this sentence (particles and endings already stripped)."""
    start: int
    end: int
    words: int
    """Content words (English) or noun morphemes (Korean): the size the pairing compares."""
    name: bool
    """Written as a proper name here (capitalised inside a sentence, NNP, foreign letters)."""
    maximal: bool
    """The whole noun phrase as it stood, not a part of a longer one."""
    head: bool
    """The last word of its phrase (English) or compound (Korean): a term in its own right."""
    container: str = ""
    """Key of the maximal phrase this part came from (empty when maximal)."""


Extractor = Callable[[Sequence[str]], list[list[Occurrence]]]
"""Sentences in, one list of occurrences per sentence out (batched: morphology is faster so)."""


@dataclass(frozen=True, slots=True)
class CandidateOptions:
    """What users of term extractors expect to set."""

    max_words: int = 4
    stop_words: frozenset[str] = frozenset()
    """Extra words (keys, lower case) never to propose, nor to start or end a phrase with."""
    include_numbers: bool = False
    """Numbers, and terms made of one letter, are left out unless asked for."""


def extractor_for(lang: str, options: CandidateOptions) -> Extractor:
    """The candidate extractor for a language code (BCP-47; only the base language counts)."""
    if lang.split("-")[0].lower() == "ko":
        from glossary.candidates.korean import KoreanExtractor

        return KoreanExtractor(options)
    from glossary.candidates.latin import WordExtractor

    return WordExtractor(options, lang)


__all__ = ["CandidateOptions", "Extractor", "Occurrence", "extractor_for"]
