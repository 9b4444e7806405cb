"""``extra``: target sentences or paragraphs with no counterpart in the source.

The mirror image of ``missing`` (same runs, same wording), seen from the target side.
"""

from __future__ import annotations

from collections.abc import Iterator

from align.checks.missing import unpaired_findings
from align.checks.registry import CheckContext
from align.model import Bitext, Finding


def check_extra(bitext: Bitext, ctx: CheckContext) -> Iterator[Finding]:
    return unpaired_findings(bitext, ctx, "tgt")
