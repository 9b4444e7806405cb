"""``name``: Latin-script names written in both versions but spelt differently.

Korean translations keep foreign names in Latin letters (``Remzi Teymurov``, ``Korea
Heald``), and a misspelt name is the drift a reader notices first. A capitalised word of the
source that the target lacks is compared with the target's Latin words that the source lacks;
a close pair (Jaro-Winkler) is reported. A case-only difference (``BUTA`` ↔ ``Buta``) is info.
Inflections (``Exception`` ↔ ``Exceptions``) are not names spelt differently, and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from align.checks.registry import CheckContext
from align.model import Bead, Bitext, Finding, Severity

_TOKEN = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z]+)*(?![A-Za-z0-9_])")


def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity in [0, 1] (1 = identical), prefix bonus up to four letters."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    window = max(0, max(la, lb) // 2 - 1)
    a_hit = [False] * la
    b_hit = [False] * lb
    matches = 0
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(lb, i + window + 1)):
            if not b_hit[j] and b[j] == ch:
                a_hit[i] = b_hit[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    a_seq = [ch for ch, hit in zip(a, a_hit, strict=True) if hit]
    b_seq = [ch for ch, hit in zip(b, b_hit, strict=True) if hit]
    transpositions = sum(x != y for x, y in zip(a_seq, b_seq, strict=True)) / 2
    jaro = (matches / la + matches / lb + (matches - transpositions) / matches) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def latin_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_name(token: str) -> bool:
    return token[0].isupper()


def _letters(name: str) -> str:
    """``Wi-Fi`` and ``WiFi``, ``O'Neil`` and ``ONeil``: the same letters."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _inflection(a: str, b: str) -> bool:
    """``Exception``/``Exceptions``, ``Korea``/``Korean``, ``Python``/``Python's``: one word."""
    a, b = a.lower(), b.lower()
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and len(long) - len(short) <= 3:
        return True
    # "Lisp-style" ↔ "Lisp", "ASCII-only" ↔ "ASCII": the translation kept the name part.
    return short in re.split(r"[-'’]", long)


def _name_finding(
    bead: Bead,
    severity: Severity,
    source: str,
    target: str,
    message: str,
    suggestion: str,
    key: str,
    **extra: float,
) -> Finding:
    """One name finding; ``key`` tells baselines which difference this is."""
    return Finding(
        check="name",
        severity=severity,
        message=message,
        src=bead.src,
        tgt=bead.tgt,
        suggestion=suggestion,
        data={"source_name": source, "target_name": target, **extra, "key": key},
    )


def check_names(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    threshold = ctx.config.threshold("name-similarity")
    min_len = int(ctx.config.threshold("name-min-length"))
    for bead in bitext.beads:
        if bead.is_null:
            continue
        src_texts, tgt_texts = bitext.bead_texts(bead)
        src_tokens = latin_tokens(" ".join(src_texts))
        tgt_tokens = latin_tokens(" ".join(tgt_texts))
        if not src_tokens or not tgt_tokens:
            continue
        src_set, tgt_set = set(src_tokens), set(tgt_tokens)
        src_lower = {t.lower() for t in src_set}
        reported: set[str] = set()
        # Case-only: the same letters, different capitals (BUTA ↔ Buta).
        for t in sorted(tgt_set - src_set):
            if len(t) < 2 or t.lower() not in src_lower:
                continue
            s = next(x for x in sorted(src_set) if x.lower() == t.lower())
            if not (_is_name(s) and _is_name(t)) or s.lower() in {x.lower() for x in src_set & tgt_set}:
                continue
            reported.add(t)
            yield _name_finding(
                bead, Severity.INFO, s, t, f"name written {s} in the source but {t} in the target (capitals only)",
                f"write {s}", f"case:{s}|{t}",
            )  # fmt: skip
        tgt_only = [t for t in sorted(tgt_set - src_set) if t.lower() not in src_lower and len(t) >= min_len]
        src_only = [
            s
            for s in sorted(src_set - tgt_set)
            if _is_name(s) and len(s) >= min_len and s.lower() not in {t.lower() for t in tgt_set}
        ]
        for t in tgt_only:
            if not _is_name(t):
                continue
            best = max(src_only, key=lambda s: jaro_winkler(s.lower(), t.lower()), default=None)
            if best is None or _inflection(best, t):
                continue
            if _letters(best) == _letters(t):
                src_only.remove(best)
                yield _name_finding(
                    bead, Severity.INFO, best, t,
                    f"name written {best} in the source but {t} in the target (spelling variant)",
                    f"write {best}", f"variant:{best}|{t}",
                )  # fmt: skip
                continue
            score = jaro_winkler(best.lower(), t.lower())
            if score < threshold:
                continue
            src_only.remove(best)
            yield _name_finding(
                bead, Severity.ERROR, best, t, f"name spelt {best} in the source but {t} in the target",
                f"write {best} (or correct the source if {t} is right)", f"{best}|{t}",
                similarity=round(score, 3),
            )  # fmt: skip
