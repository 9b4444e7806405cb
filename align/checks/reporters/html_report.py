"""``--format html``: one self-contained page for reviewers: nothing is fetched, ever.

A summary on top; with several pairs, a table of contents; then each finding with its two
sentences side by side and the differing name, number or term marked inside both (``<mark>``),
and (folded away, opened with a click) both whole versions side by side, bead by bead, the
beads with findings tinted.
Check and severity filters are a few lines of inline script (also driven by the URL:
``report.html?severity=error&check=name``); a print style sheet drops the controls and keeps
findings whole on the page. A Content-Security-Policy of ``default-src 'none'`` (inline style
and script, ``data:`` images only) makes the browser itself refuse any network access.
"""

from __future__ import annotations

import base64
from html import escape

from align.checks.report import LocatedFinding, Location, PairResult, summarise
from align.checks.reporters.marks import Span, finding_marks, finding_tokens, spans_of
from align.model import Bitext, Severity

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
SEVERITIES = [s.value for s in sorted(Severity, key=lambda s: -s.rank)]

_STYLE = """
:root { --error: #b3261e; --warning: #9a6700; --info: #1f6feb; --mark: #ffd54f; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans KR", "Malgun Gothic",
       sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem; color: #1f2328; }
h1 { margin: 0 0 .3rem; font-size: 1.5rem; } h2 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
.summary { border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; }
.verdict { font-weight: 700; } .verdict.failed { color: var(--error); } .verdict.passed { color: #1a7f37; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .45em; font-size: .8rem; font-weight: 600;
         color: #fff; text-transform: uppercase; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
.filters { margin: .8rem 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; align-items: center; }
.filters fieldset { border: 1px solid var(--line); border-radius: 6px; padding: .2rem .6rem; margin: 0; }
.filters label { margin-right: .6rem; white-space: nowrap; }
.toc ol { columns: 2; } .toc li { break-inside: avoid; }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--line); border-radius: 6px;
           margin: .6rem 0; padding: .5rem .8rem; break-inside: avoid; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); }
.finding.info { border-left-color: var(--info); }
.head { display: flex; gap: .6rem; align-items: baseline; flex-wrap: wrap; }
.check { font-weight: 700; } .where { color: #57606a; font-size: .85rem; }
.suggestion { color: #57606a; font-style: italic; margin-top: .2rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; margin-top: .4rem; }
.side { background: #f6f8fa; border-radius: 4px; padding: .4rem .6rem; overflow-wrap: anywhere; }
.side .lang { font-size: .75rem; color: #57606a; display: block; }
.side.absent { color: #8c959f; font-style: italic; }
mark { background: var(--mark); border-bottom: 2px solid #e65100; padding: 0 .1em; border-radius: 2px; }
.unreadable { color: var(--error); font-weight: 600; }
.plot img { max-width: 100%; height: auto; border: 1px solid var(--line); }
.count { color: #57606a; font-size: .9rem; font-weight: 400; }
details.texts { margin: .8rem 0; } details.texts summary { cursor: pointer; font-weight: 600; }
table.both { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.both td, table.both th { border-top: 1px solid var(--line); padding: .25rem .4rem; vertical-align: top;
                               width: 47%; overflow-wrap: anywhere; }
table.both td.n, table.both th.n { width: 6%; color: #57606a; text-align: right; white-space: nowrap; }
table.both tr.flagged td { background: #fff8e1; } table.both tr.unpaired td { background: #fdecea; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .filters, .noprint { display: none !important; }
  .finding, .side, mark, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .toc ol { columns: 1; }
  a { color: inherit; text-decoration: none; }
  section.pair { break-before: auto; }
  details.texts:not([open]) { display: none; }
}
"""

_SCRIPT = """
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.filters input[type=checkbox]'));
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  function chosen(kind) {
    return boxes.filter(function (b) { return b.dataset.kind === kind && b.checked; })
                .map(function (b) { return b.value; });
  }
  function apply() {
    var sev = chosen('severity'), chk = chosen('check'), shown = 0;
    findings.forEach(function (f) {
      var ok = sev.indexOf(f.dataset.severity) >= 0 && chk.indexOf(f.dataset.check) >= 0;
      f.hidden = !ok; if (ok) shown++;
    });
    document.querySelectorAll('section.pair').forEach(function (s) {
      var n = s.querySelectorAll('.finding:not([hidden])').length;
      var c = s.querySelector('.shown'); if (c) c.textContent = n;
    });
    var total = document.getElementById('shown'); if (total) total.textContent = shown;
    document.body.dataset.filtered = sev.join(',') + '|' + chk.join(',');
  }
  var params = new URLSearchParams(window.location.search);
  ['severity', 'check'].forEach(function (kind) {
    if (!params.has(kind)) return;
    var wanted = params.get(kind).split(',');
    boxes.forEach(function (b) { if (b.dataset.kind === kind) b.checked = wanted.indexOf(b.value) >= 0; });
  });
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  apply();
})();
"""


def _marked(text: str, spans: list[Span]) -> str:
    out: list[str] = []
    pos = 0
    for a, b in spans:
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def _side(loc: Location | None, spans: list[Span], label: str) -> str:
    if loc is None:
        return f'<div class="side absent"><span class="lang">{escape(label)}</span>(no counterpart)</div>'
    where = f"{escape(loc.file or '')}:{loc.line}:{loc.column}"
    return (
        f'<div class="side"><span class="lang">{escape(label)} · {where}</span>'
        f"{_marked(loc.text, spans)}</div>"
    )


def _finding(f: LocatedFinding) -> str:
    sev = f.severity.value
    src_spans, tgt_spans = finding_marks(f)
    suggestion = (
        f'<div class="suggestion">→ {escape(f.finding.suggestion)}</div>' if f.finding.suggestion else ""
    )
    return (
        f'<article class="finding {sev}" data-severity="{sev}" data-check="{escape(f.check)}">'
        f'<div class="head"><span class="badge {sev}">{sev}</span><span class="check">{escape(f.check)}</span>'
        f"<span>{escape(f.finding.message)}</span></div>{suggestion}"
        f'<div class="sides">{_side(f.source, src_spans, "source")}{_side(f.target, tgt_spans, "target")}</div>'
        "</article>"
    )


def _both_texts(pair: PairResult, bitext: Bitext) -> str:
    """Both versions side by side, bead by bead; beads with findings tinted, their words marked."""
    flagged: dict[int, tuple[list[str], list[str]]] = {}
    src_bead = {i: k for k, bead in enumerate(bitext.beads) for i in bead.src}
    tgt_bead = {j: k for k, bead in enumerate(bitext.beads) for j in bead.tgt}
    for f in pair.findings:
        owners = {src_bead[i] for i in f.finding.src if i in src_bead}
        owners |= {tgt_bead[j] for j in f.finding.tgt if j in tgt_bead}
        src_tokens, tgt_tokens = finding_tokens(f)
        for k in owners:
            have = flagged.setdefault(k, ([], []))
            have[0].extend(src_tokens)
            have[1].extend(tgt_tokens)
    rows = []
    for k, bead in enumerate(bitext.beads):
        src_text, tgt_text = (" ".join(t) for t in bitext.bead_texts(bead))
        src_tokens, tgt_tokens = flagged.get(k, ([], []))
        css = "unpaired" if bead.is_null else ("flagged" if k in flagged else "")
        rows.append(
            f'<tr class="{css}"><td class="n">{k + 1}</td><td>{_marked(src_text, spans_of(src_text, src_tokens))}</td>'
            f"<td>{_marked(tgt_text, spans_of(tgt_text, tgt_tokens))}</td></tr>"
        )
    return (
        f'<details class="texts"><summary>both versions side by side ({len(bitext.beads)} pairs; '
        f"{len(flagged)} with findings tinted)</summary>"
        f'<table class="both"><thead><tr><th class="n">#</th><th>{escape(bitext.source.lang)}</th>'
        f"<th>{escape(bitext.target.lang)}</th></tr></thead><tbody>{''.join(rows)}</tbody></table></details>"
    )


def _pair(k: int, pair: PairResult) -> str:
    parts = [f'<section class="pair" id="pair-{k}">']
    files = ""
    if pair.source_file and pair.target_file and pair.source_file != pair.target_file:
        files = f' <span class="count">({escape(pair.source_file)} ↔ {escape(pair.target_file)})</span>'
    parts.append(
        f'<h2>{escape(pair.name)}{files} <span class="count"><span class="shown">{len(pair.findings)}</span>'
        f" of {len(pair.findings)} finding(s) shown</span></h2>"
    )
    if pair.error:
        parts.append(f'<p class="unreadable">could not check: {escape(pair.error)}</p>')
    elif not pair.findings:
        parts.append("<p>no findings</p>")
    if pair.suppressed:
        parts.append(f'<p class="count">{pair.suppressed} known finding(s) hidden by the baseline</p>')
    if pair.plot_png:
        data = base64.b64encode(pair.plot_png).decode("ascii")
        parts.append(f'<figure class="plot"><img alt="alignment plot of {escape(pair.name)}" '
                     f'src="data:image/png;base64,{data}"></figure>')  # fmt: skip
    parts.extend(_finding(f) for f in pair.findings)
    if pair.bitext is not None:
        parts.append(_both_texts(pair, pair.bitext))
    parts.append("</section>")
    return "\n".join(parts)


def _summary(pairs: list[PairResult], fail_on: str) -> str:
    s = summarise(pairs, fail_on)
    verdict = "passed" if s["passed"] else "failed"
    by_sev = " ".join(f'<span class="badge {sev}">{s["by_severity"][sev]} {sev}</span>' for sev in SEVERITIES)
    by_check = ", ".join(f"{escape(c)} {n}" for c, n in s["by_check"].items()) or "none"
    extra = ""
    if s["suppressed_by_baseline"]:
        extra += f"; {s['suppressed_by_baseline']} known finding(s) hidden by the baseline"
    if s["unreadable_pairs"]:
        extra += f'; <span class="unreadable">{s["unreadable_pairs"]} pair(s) could not be checked</span>'
    return (
        '<div class="summary">'
        f'<p><span class="verdict {verdict}">{verdict}</span> (fail on {escape(fail_on)}): '
        f"{s['findings']} finding(s) in {s['pairs_with_findings']} of {s['pairs']} pair(s){extra}</p>"
        f"<p>{by_sev}</p><p>by check: {by_check}</p></div>"
    )


def _filters(pairs: list[PairResult]) -> str:
    checks = sorted({f.check for p in pairs for f in p.findings})
    if not checks:
        return ""
    total = sum(len(p.findings) for p in pairs)

    def box(kind: str, value: str) -> str:
        return (f'<label><input type="checkbox" data-kind="{kind}" value="{escape(value)}" checked> '
                f"{escape(value)}</label>")  # fmt: skip

    return (
        '<form class="filters" onsubmit="return false">'
        f"<fieldset><legend>severity</legend>{''.join(box('severity', s) for s in SEVERITIES)}</fieldset>"
        f"<fieldset><legend>check</legend>{''.join(box('check', c) for c in checks)}</fieldset>"
        f'<span><span id="shown">{total}</span> of {total} finding(s) shown</span></form>'
    )


def _toc(pairs: list[PairResult]) -> str:
    if len(pairs) < 2:
        return ""
    items = []
    for k, pair in enumerate(pairs):
        counts = ", ".join(f"{pair.count(sev)} {sev.value}" for sev in Severity if pair.count(sev))
        status = "could not be checked" if pair.error else (counts or "clean")
        items.append(
            f'<li><a href="#pair-{k}">{escape(pair.name)}</a> <span class="count">{status}</span></li>'
        )
    return f'<nav class="toc"><h2>Contents</h2><ol>{"".join(items)}</ol></nav>'


def render(pairs: list[PairResult], fail_on: str) -> str:
    body = "\n".join(_pair(k, p) for k, p in enumerate(pairs))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>dari check report</title>\n"
        f"<style>{_STYLE}</style></head>\n<body>\n"
        "<h1>dari check: translation drift</h1>\n"
        f"{_summary(pairs, fail_on)}\n{_filters(pairs)}\n{_toc(pairs)}\n{body}\n"
        f"<script>{_SCRIPT}</script>\n</body></html>\n"
    )
