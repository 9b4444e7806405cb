"""From evidence to entries: combine, compete inside each pair, choose.

Every (source term, target term) that shares an aligned pair gets up to three pieces of
evidence, each in [0, 1]:

* association: how consistently the two occur together (Dice over pairs), discounted when
  there are few pairs to judge from;
* transliteration: whether one sounds like the other (names, loanwords; see
  ``transliteration``);
* similarity: whether the sentence encoder puts the two terms closer than usual.

They are combined by noisy-OR (any strong piece of evidence is enough; several weak ones add
up), and a size term prefers pairs of similar length in words. Then, inside each aligned pair,
candidates compete one-to-one (Melamed's competitive linking): the best-scored link claims
both terms in that pair, so a frequent word that co-occurs with everything cannot also take
the link that belongs to a rarer term there. Links are counted across pairs; association is
recomputed from links, not raw co-occurrence, and the final score combines it again with the
other evidence. Competition is per pair, so one wrong link in one sentence costs that
sentence only, and nested terms (Khojaly in Khojaly Genocide) compete separately from the
phrases they sit in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class PairingWeights:
    """How much each kind of evidence can contribute on its own (chosen on the dev texts;
    see bench/README.md, glossary section)."""

    association: float = 0.9
    transliteration: float = 0.85
    similarity: float = 0.6
    size_penalty: float = 0.12
    """Per word of difference between the two terms' sizes."""
    transliteration_floor: float = 0.62
    """Sound similarity of unrelated pairs reaches about this; only what is above counts."""
    min_score: float = 0.3
    composition: float = 0.5
    """How much a phrase pair gains when its words are paired inside it (see ``composition``)."""
    copy_discount: float = 0.85
    """A term the translation copies letter for letter (BUTA ↔ BUTA) is rightly paired but
    teaches less than a translated one; it ranks below translations of equal evidence."""


def association(links: np.ndarray, ce: np.ndarray, ck: np.ndarray) -> np.ndarray:
    """Dice over pairs, weighed by how many pairs it rests on: one pair is half the evidence,
    and a link repeated across hundreds of pairs is near-certain even when each term also
    occurs without the other (string ↔ 문자열: 238 links, Dice .79 → .90). The root keeps
    the order of Dice values, so a term still prefers its most consistent partner."""
    dice = np.clip(2.0 * links / np.maximum(ce + ck, 1), 0.0, 1.0)
    support = 1.0 + 0.5 * np.log10(np.maximum(links, 1.0))
    return dice ** (1.0 / support) * links / (links + 1.0)


def frequency_prior(links: np.ndarray) -> np.ndarray:
    """Among entries of equal evidence, the one a reader meets more often comes first: a
    factor from .8 (one pair) to 1 (eight pairs or more)."""
    return 0.8 + 0.2 * np.clip(np.log2(1.0 + links) / np.log2(9.0), 0.0, 1.0)


def transliteration_evidence(sound: np.ndarray, weights: PairingWeights) -> np.ndarray:
    floor = weights.transliteration_floor
    return np.clip((sound - floor) / (1.0 - floor), 0.0, 1.0)


def combine(
    assoc: np.ndarray, sound: np.ndarray, sim: np.ndarray, size_gap: np.ndarray, weights: PairingWeights
) -> np.ndarray:
    """Noisy-OR of the evidence, times the size penalty."""
    miss = (
        (1.0 - weights.association * assoc)
        * (1.0 - weights.transliteration * transliteration_evidence(sound, weights))
        * (1.0 - weights.similarity * sim)
    )
    return (1.0 - miss) * np.clip(1.0 - weights.size_penalty * size_gap, 0.0, 1.0)


def competitive_links(
    pair: np.ndarray,
    e: np.ndarray,
    k: np.ndarray,
    score: np.ndarray,
    row: np.ndarray,
    src_parts: dict[int, set[int]] | None = None,
    tgt_parts: dict[int, set[int]] | None = None,
) -> np.ndarray:
    """Indices (into the candidate rows) of links won inside each aligned pair.

    Rows are (aligned pair, source term, target term, score, candidate row id); inside each
    pair the best remaining score links its two terms and removes both from that pair.
    Links must nest consistently, as phrase pairs do in phrase-based translation: once
    "Korean society" is linked with "한국 시민", "Korean" may link inside "한국 시민" (한국) but
    not with a term outside it, and a term outside "Korean society" may not take "시민".
    ``src_parts``/``tgt_parts`` give each term the terms it contains. Ties break on term
    ids, so the result does not depend on input order.
    """
    src_parts = src_parts or {}
    tgt_parts = tgt_parts or {}
    empty: set[int] = set()

    def nested(a: int, b: int, parts: dict[int, set[int]]) -> bool:
        return b in parts.get(a, empty) or a in parts.get(b, empty)

    order = np.lexsort((k, e, -score, pair))
    won: list[int] = []
    current = -1
    used_e: set[int] = set()
    used_k: set[int] = set()
    linked: list[tuple[int, int]] = []
    pair_s, e_s, k_s, row_s, score_s = pair[order], e[order], k[order], row[order], score[order]
    for p, ei, ki, r, s in zip(
        pair_s.tolist(), e_s.tolist(), k_s.tolist(), row_s.tolist(), score_s.tolist(), strict=True
    ):
        if p != current:
            current = p
            used_e.clear()
            used_k.clear()
            linked.clear()
        if s <= 0.0 or ei in used_e or ki in used_k:
            continue
        if any(nested(ei, le, src_parts) != nested(ki, lk, tgt_parts) for le, lk in linked):
            continue
        used_e.add(ei)
        used_k.add(ki)
        linked.append((ei, ki))
        won.append(r)
    return np.asarray(won, dtype=np.int64)
