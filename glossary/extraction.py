"""The glossary of aligned text: candidates → co-occurrence → evidence → links → entries.

``extract_glossary`` is the one entry point (the CLI, the review UI and batch runs call it).
It is deterministic: the same pairs, options and encoder give the same entries in the same
order, whatever the platform (every sort has a total tie-break).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from align.model import TermEntry, TermExample, TermKind, TermStatus
from align.progress import CancelCallback, ProgressCallback, check_cancel, report
from glossary.candidates import CandidateOptions, Occurrence, extractor_for
from glossary.corpus import AlignedPair
from glossary.pairing import PairingWeights, association, combine, competitive_links, frequency_prior
from glossary.similarity import MAX_TERMS, rescale, term_similarities
from glossary.transliteration import transliteration_score
from glossary.vocabulary import Vocabulary

_CODE = re.compile(r"(?::[\w.:+-]+:)?``.+?``|(?::[\w.:+-]+:)?`[^`]+`_{0,2}")


def mask_code(text: str) -> str:
    """Inline code and markup roles (``len()``, :func:`len`, `link`_) blanked out, offsets
    kept: documentation pairs carry identifiers that both versions copy verbatim, and a
    glossary of ``func ↔ func`` helps nobody."""
    if "`" not in text:
        return text
    return _CODE.sub(lambda m: " " * len(m.group()), text)


_CODE_TOKEN = re.compile(r"[A-Za-z0-9][._/\\:=<>()\[\]{}][A-Za-z0-9(]|^[a-z]+[A-Z]|[_{}<>=]")


def looks_like_code(term: str) -> bool:
    """Identifiers, dotted names and markup (re.match, basicConfig, f.write): code
    punctuation inside a word, or a camelCase start."""
    return bool(_CODE_TOKEN.search(term))


def _fold(term: str) -> str:
    return "".join(term.casefold().split())


_BATCH = 256  # sentences per morphology call between progress reports
_ALL_PAIRS_LIMIT = 150_000
"""Up to this many co-occurring (e, k) pairs every one gets full evidence; beyond, each term's
strongest associates only (a corpus has the counts to rank them)."""
_PER_TERM = 6
_NEAR = 3


@dataclass(frozen=True, slots=True)
class GlossaryOptions:
    """What the user can set (``dari glossary`` options)."""

    max_words: int = 4
    min_count: int = 1
    top: int | None = None
    kind: TermKind | None = None
    stop_words: frozenset[str] = frozenset()
    include_numbers: bool = False
    examples: int = 3
    weights: PairingWeights = field(default_factory=PairingWeights)


def _candidates(
    texts: Sequence[str], lang: str, options: GlossaryOptions, stage: str,
    progress: ProgressCallback | None, cancel: CancelCallback | None,
) -> list[list[Occurrence]]:  # fmt: skip
    extract = extractor_for(
        lang,
        CandidateOptions(
            max_words=options.max_words,
            stop_words=options.stop_words,
            include_numbers=options.include_numbers,
        ),
    )
    out: list[list[Occurrence]] = []
    for start in range(0, len(texts), _BATCH):
        check_cancel(cancel)
        out.extend(extract([mask_code(t) for t in texts[start : start + _BATCH]]))
        report(progress, stage, min(start + _BATCH, len(texts)), len(texts))
    return out


def _strongest(counts: Any) -> Any:
    """Each term's best associates by co-occurrence (both directions) when the corpus is
    large, with ``near`` marking each term's closest few (the only rows whose sound is
    compared: a corpus has the counts to put a loanword's partner among them)."""
    import polars as pl

    counts = counts.sort(["e", "k"])
    if counts.height <= _ALL_PAIRS_LIMIT:
        return counts.with_columns(pl.lit(True).alias("near"))
    ranked = counts.with_columns(
        (2.0 * pl.col("c") / (pl.col("ce") + pl.col("ck"))).alias("dice")
    ).with_columns(
        pl.col("dice").rank("ordinal", descending=True).over("e").alias("re"),
        pl.col("dice").rank("ordinal", descending=True).over("k").alias("rk"),
    )
    kept = ranked.filter((pl.col("re") <= _PER_TERM) | (pl.col("rk") <= _PER_TERM))
    near = (pl.col("re") <= _NEAR) | (pl.col("rk") <= _NEAR)
    return kept.with_columns(near.alias("near")).drop("dice", "re", "rk")


def _similarity_pairs(prelim: np.ndarray, e: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Rows whose terms get encoded: all when few, else each term's best few by the
    evidence so far, up to ``MAX_TERMS`` distinct terms a side."""
    if len(set(e.tolist())) <= MAX_TERMS and len(set(k.tolist())) <= MAX_TERMS:
        return np.arange(len(e))
    order = np.lexsort((k, e, -prelim))
    chosen: list[int] = []
    per_e: dict[int, int] = {}
    per_k: dict[int, int] = {}
    for r in order.tolist():
        if len(per_e) >= MAX_TERMS or len(per_k) >= MAX_TERMS:
            break
        ei, ki = int(e[r]), int(k[r])
        if per_e.get(ei, 0) >= 3 and per_k.get(ki, 0) >= 3:
            continue
        per_e[ei] = per_e.get(ei, 0) + 1
        per_k[ki] = per_k.get(ki, 0) + 1
        chosen.append(r)
    return np.asarray(sorted(chosen), dtype=np.int64)


def extract_glossary(
    pairs: Sequence[AlignedPair],
    src_lang: str,
    tgt_lang: str,
    options: GlossaryOptions = GlossaryOptions(),
    *,
    encoder: Any = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> list[TermEntry]:
    """Bilingual term candidates of the aligned pairs, best first.

    ``encoder`` (any ``align.encoders.Encoder``) adds similarity evidence; without it the
    pairing rests on co-occurrence and transliteration.
    """

    weights = options.weights
    # Both sides at once: kiwipiepy's analysis runs outside the GIL, so the Korean side's
    # morphology overlaps the other side's rules on a second core.
    with ThreadPoolExecutor(max_workers=2) as pool:
        tgt_job = pool.submit(
            _candidates, [p.target for p in pairs], tgt_lang, options, "terms (target)", progress, cancel
        )
        src_occ = _candidates(
            [p.source for p in pairs], src_lang, options, "terms (source)", progress, cancel
        )
        tgt_occ = tgt_job.result()
    src_vocab, tgt_vocab = Vocabulary(), Vocabulary()
    src_ids = [src_vocab.add_pair(occ) for occ in src_occ]
    tgt_ids = [tgt_vocab.add_pair(occ) for occ in tgt_occ]
    src_keep = [src_vocab.ids[key] for key in src_vocab.keys if src_vocab.informative(key)]
    tgt_keep = [tgt_vocab.ids[key] for key in tgt_vocab.keys if tgt_vocab.informative(key)]
    if not src_keep or not tgt_keep:
        return []
    check_cancel(cancel)
    report(progress, "pairing terms", 0, 0)
    from glossary.cooccurrence import cooccurrences

    joined, counts = cooccurrences(src_ids, tgt_ids, src_keep, tgt_keep)
    counts = _strongest(counts).with_row_index("row")
    near = counts["near"].to_numpy()
    e = counts["e"].to_numpy().astype(np.int64)
    k = counts["k"].to_numpy().astype(np.int64)
    c = counts["c"].to_numpy().astype(np.float64)
    ce = counts["ce"].to_numpy().astype(np.float64)
    ck = counts["ck"].to_numpy().astype(np.float64)
    src_surface = [src_vocab.stats[src_vocab.keys[i]].surface for i in range(len(src_vocab.keys))]
    tgt_surface = [tgt_vocab.stats[tgt_vocab.keys[i]].surface for i in range(len(tgt_vocab.keys))]
    src_words = np.asarray([src_vocab.stats[key].words for key in src_vocab.keys], dtype=np.float64)
    tgt_words = np.asarray([tgt_vocab.stats[key].words for key in tgt_vocab.keys], dtype=np.float64)
    size_gap = np.abs(src_words[e] - tgt_words[k])

    check_cancel(cancel)
    sound = np.asarray(
        [
            transliteration_score(src_surface[a], tgt_surface[b]) if close else 0.0
            for a, b, close in zip(e.tolist(), k.tolist(), near.tolist(), strict=True)
        ],
        dtype=np.float64,
    )
    sim = np.zeros(len(e), dtype=np.float64)
    if encoder is not None and len(e):
        prelim = combine(association(c, ce, ck), sound, sim, size_gap, weights)
        rows = _similarity_pairs(prelim, e, k)
        src_index = {t: n for n, t in enumerate(sorted(set(e[rows].tolist())))}
        tgt_index = {t: n for n, t in enumerate(sorted(set(k[rows].tolist())))}
        report(progress, "term similarity", 0, 0)
        raw = term_similarities(
            encoder,
            [src_surface[t] for t in src_index],
            [tgt_surface[t] for t in tgt_index],
            [(src_index[int(e[r])], tgt_index[int(k[r])]) for r in rows.tolist()],
        )
        sim[rows] = rescale(raw)
    check_cancel(cancel)

    prelim = combine(association(c, ce, ck), sound, sim, size_gap, weights)
    links = joined.join(counts.select("e", "k", "row"), on=["e", "k"], how="inner")
    link_rows = links["row"].to_numpy().astype(np.int64)
    used_e = sorted(set(e.tolist()))
    used_k = sorted(set(k.tolist()))
    won = competitive_links(
        links["pair"].to_numpy().astype(np.int64),
        links["e"].to_numpy().astype(np.int64),
        links["k"].to_numpy().astype(np.int64),
        prelim[link_rows],
        np.arange(len(link_rows), dtype=np.int64),
        _parts(src_vocab, used_e, spaced=True),
        _parts(tgt_vocab, used_k, spaced=False),
    )
    won_rows = link_rows[won]
    link_count = np.bincount(won_rows, minlength=len(e)).astype(np.float64)
    final = combine(association(link_count, ce, ck), sound, sim, size_gap, weights)
    parts = composition(final, link_count, e, k, src_vocab, tgt_vocab)
    final = 1.0 - (1.0 - final) * (1.0 - weights.composition * parts)
    final *= frequency_prior(link_count)
    final[link_count == 0] = 0.0
    copied = np.asarray(
        [_fold(src_surface[a]) == _fold(tgt_surface[b]) for a, b in zip(e.tolist(), k.tolist(), strict=True)],
        dtype=bool,
    )
    final[copied] *= weights.copy_discount
    # copied lower-case words are identifiers and commands (func, import os), not names
    final[
        copied & np.asarray([not any(ch.isupper() for ch in src_surface[a]) for a in e.tolist()], dtype=bool)
    ] = 0.0
    code = np.asarray(
        [
            looks_like_code(src_surface[a]) or looks_like_code(tgt_surface[b])
            for a, b in zip(e.tolist(), k.tolist(), strict=True)
        ],
        dtype=bool,
    )
    final[code] = 0.0

    examples: dict[int, list[int]] = {}
    won_pairs = links["pair"].to_numpy()[won]
    for r, p in sorted(zip(won_rows.tolist(), won_pairs.tolist(), strict=True)):
        bucket = examples.setdefault(r, [])
        if len(bucket) < options.examples:
            bucket.append(p)
    report(progress, "pairing terms", 1, 1)
    return _entries(
        final,
        link_count,
        sound,
        e,
        k,
        src_vocab,
        tgt_vocab,
        src_surface,
        tgt_surface,
        examples,
        pairs,
        options,
    )


def _entries(
    final: np.ndarray, link_count: np.ndarray, sound: np.ndarray, e: np.ndarray, k: np.ndarray,
    src_vocab: Vocabulary, tgt_vocab: Vocabulary, src_surface: list[str], tgt_surface: list[str],
    examples: dict[int, list[int]], pairs: Sequence[AlignedPair], options: GlossaryOptions,
) -> list[TermEntry]:  # fmt: skip
    """Keep each link that is its source term's or its target term's best, above the floor."""
    weights = options.weights
    best_e: dict[int, float] = {}
    best_k: dict[int, float] = {}
    for r in np.flatnonzero(final > 0).tolist():
        ei, ki, s = int(e[r]), int(k[r]), float(final[r])
        best_e[ei] = max(best_e.get(ei, 0.0), s)
        best_k[ki] = max(best_k.get(ki, 0.0), s)
    chosen = [
        r
        for r in np.flatnonzero(final >= weights.min_score).tolist()
        if link_count[r] >= options.min_count
        and (final[r] >= best_e[int(e[r])] or final[r] >= best_k[int(k[r])])
    ]
    chosen = _without_fragments(chosen, e, k, link_count, src_vocab, tgt_vocab)
    chosen.sort(
        key=lambda r: (
            -round(float(final[r]), 6),
            -link_count[r],
            src_surface[int(e[r])],
            tgt_surface[int(k[r])],
        )
    )
    entries: list[TermEntry] = []
    for r in chosen:
        ei, ki = int(e[r]), int(k[r])
        s_stats, t_stats = src_vocab.stats[src_vocab.keys[ei]], tgt_vocab.stats[tgt_vocab.keys[ki]]
        # a name on the source side that the target writes as a name or by its sound
        named = s_stats.is_name and (t_stats.is_name or sound[r] >= 0.75)
        kind = TermKind.NAME if named else TermKind.TERM
        if options.kind is not None and kind is not options.kind:
            continue
        entries.append(
            TermEntry(
                source=src_surface[ei],
                target=tgt_surface[ki],
                count=int(link_count[r]),
                status=TermStatus.CANDIDATE,
                kind=kind,
                score=round(float(final[r]), 4),
                examples=[
                    TermExample(pairs[p].bead, pairs[p].source, pairs[p].target, pairs[p].doc)
                    for p in examples.get(r, [])
                ],
            )
        )
        if options.top is not None and len(entries) >= options.top:
            break
    return entries


def composition(
    score: np.ndarray,
    links: np.ndarray,
    e: np.ndarray,
    k: np.ndarray,
    src_vocab: Vocabulary,
    tgt_vocab: Vocabulary,
) -> np.ndarray:
    """How far a phrase pair is explained by its words' own pairs: the share of the source
    words whose best partner (or whose sound) is found inside the target term. "Azerbaijan-
    Korea Student Association ↔ 아제르바이잔-한국 학생 연맹" is mostly seen once, but each of its
    words is well paired elsewhere; a long phrase seen once earns its place this way."""
    best: dict[int, tuple[float, int]] = {}
    for r in np.flatnonzero(links > 0).tolist():
        ei = int(e[r])
        if score[r] > best.get(ei, (0.0, -1))[0]:
            best[ei] = (float(score[r]), int(k[r]))
    out = np.zeros(len(e), dtype=np.float64)
    for r in np.flatnonzero(links > 0).tolist():
        words = src_vocab.keys[int(e[r])].replace("-", " ").split()
        content = [w for w in words if w not in ("of", "the", "for", "and", "de")]
        if len(content) < 2:
            continue
        target = tgt_vocab.keys[int(k[r])]
        pieces = _sound_pieces(tgt_vocab.stats[tgt_vocab.keys[int(k[r])]].surface)
        covered = 0.0
        for word in content:
            partner = best.get(src_vocab.ids.get(word, -1))
            if partner is not None and tgt_vocab.keys[partner[1]] in target:
                covered += partner[0]
            elif any(transliteration_score(word, piece) >= 0.85 for piece in pieces):
                covered += 0.8  # Yongsan in 용산구, Itaewon in 이태원로
        out[r] = covered / len(content)
    return out


def _sound_pieces(surface: str) -> list[str]:
    """The words of a target term and their prefixes of two syllables or more: where a
    transliterated name sits inside a compound (용산 in 용산구)."""
    out: list[str] = []
    for word in surface.split():
        out.extend(word[:n] for n in range(2, len(word) + 1))
    return out


def _parts(vocab: Vocabulary, ids: list[int], spaced: bool) -> dict[int, set[int]]:
    """For each term, the other terms of the vocabulary written inside it (word sequences of a
    spaced language, substrings of a Korean key)."""
    out: dict[int, set[int]] = {}
    for i in ids:
        key = vocab.keys[i]
        if spaced:
            pieces = _sub_phrases(key)
        else:
            pieces = [key[a:b] for a in range(len(key)) for b in range(a + 1, min(len(key), a + 12) + 1)]
        found = {vocab.ids[p] for p in pieces if p != key and p in vocab.ids}
        if found:
            out[i] = found
    return out


def _sub_phrases(key: str) -> list[str]:
    words = key.split()
    return [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]


def _without_fragments(
    rows: list[int],
    e: np.ndarray,
    k: np.ndarray,
    link_count: np.ndarray,
    src_vocab: Vocabulary,
    tgt_vocab: Vocabulary,
) -> list[int]:
    """Drop an entry whose two terms are parts of another entry's terms and which was never
    linked outside it (Heydar ↔ Heydar inside Heydar Aliyev Foundation ↔ Heydar Aliyev펀드):
    it would repeat the longer entry. Parts that also live on their own (Khojaly, linked 8
    times against Khojaly Genocide's 7) stay. Longer entries are indexed by every word
    sequence of their source side, so each entry is compared with its few containers only."""
    by_size = sorted(
        rows, key=lambda r: (-len(src_vocab.keys[int(e[r])]) - len(tgt_vocab.keys[int(k[r])]), r)
    )
    containers: dict[str, list[int]] = {}
    kept: list[int] = []
    for r in by_size:
        se, tk = src_vocab.keys[int(e[r])], tgt_vocab.keys[int(k[r])]
        fragment = any(
            link_count[o] >= link_count[r] and tk in tgt_vocab.keys[int(k[o])] for o in containers.get(se, ())
        )
        if fragment:
            continue
        kept.append(r)
        for part in _sub_phrases(se):
            containers.setdefault(part, []).append(r)
    return kept
