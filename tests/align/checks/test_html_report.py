"""``--format html`` without a browser: the seed's differing names and numbers are marked
inside both sentences, the page is one file with no external reference, many pairs get a
table of contents. (``tests/browser`` opens the same page in chromium.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from align.checks.report import LocatedFinding, Location, PairResult
from align.checks.reporters.html_report import CSP, render
from align.cli import main
from align.model import Finding, Severity

GOLDEN = Path(__file__).resolve().parents[2] / "golden"


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("html")
    project = tmp / "seed.dari.json"
    shutil.copy(GOLDEN / "seed001.dari.json", project)
    out = tmp / "report.html"
    assert main(["check", str(project), "--format", "html", "-o", str(out), "-q"]) == 1
    return out.read_text(encoding="utf-8")


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _marks(article: lxml.html.HtmlElement) -> tuple[list[str], list[str]]:
    sides = article.xpath(f".//div[{_cls('side')}]")
    return ([m.text_content() for m in sides[0].xpath(".//mark")],
            [m.text_content() for m in sides[1].xpath(".//mark")])  # fmt: skip


def test_seed_report_marks_ramzi_remzi_and_herald_heald_in_both_sentences(seed_report: str) -> None:
    page = lxml.html.fromstring(seed_report)
    names = page.xpath('//article[@data-check="name"]')
    marked = {_marks(a)[0][0]: _marks(a)[1] for a in names if _marks(a)[0]}
    assert marked["Ramzi"] == ["Remzi"]
    assert marked["Herald"] == ["Heald"]
    numbers = [_marks(a) for a in page.xpath('//article[@data-check="number"]')]
    # two unrelated drifts of one pair are two findings, each marked on its own side
    assert (["24th"], []) in numbers and ([], ["15"]) in numbers


def test_page_is_self_contained(seed_report: str) -> None:
    assert f'content="{CSP}"' in seed_report
    assert "default-src 'none'" in CSP
    for attr in re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', seed_report):
        assert attr.startswith(("#", "data:")), attr
    assert "url(" not in seed_report and "@import" not in seed_report
    assert not re.search(r"https?://", seed_report)


def test_summary_filters_and_print_css(seed_report: str) -> None:
    page = lxml.html.fromstring(seed_report)
    assert "failed" in page.xpath(f"//div[{_cls('summary')}]//span[{_cls('verdict')}]")[0].text_content()
    boxes = {(b.get("data-kind"), b.get("value")) for b in page.xpath(f"//form[{_cls('filters')}]//input")}
    assert {("severity", "error"), ("severity", "warning"), ("severity", "info")} <= boxes
    assert {("check", "name"), ("check", "number"), ("check", "missing")} <= boxes
    assert "@media print" in seed_report
    assert not page.xpath(f"//nav[{_cls('toc')}]")  # one pair: no contents


def test_many_pairs_give_one_report_with_contents() -> None:
    def pair(name: str, src: str, tgt: str) -> PairResult:
        finding = Finding("number", Severity.ERROR, "numbers differ: 3 in the source, 4 in the target",
                          data={"source_only": ["3"], "target_only": ["4"]})  # fmt: skip
        located = LocatedFinding(finding, Location(name, 1, 1, src), Location(name, 1, 1, tgt), "fp")
        return PairResult(name=name, findings=[located])

    pairs = [pair(f"docs/{k}.md", "I have 3 cats <b>.", "고양이 4마리") for k in range(3)]
    pairs.append(PairResult(name="docs/broken.md", error="cannot read <it>"))
    page = lxml.html.fromstring(render(pairs, "error"))
    links = [a.get("href") for a in page.xpath(f"//nav[{_cls('toc')}]//a")]
    assert links == ["#pair-0", "#pair-1", "#pair-2", "#pair-3"]
    assert len(page.xpath(f"//section[{_cls('pair')}]")) == 4
    assert page.xpath(f"//div[{_cls('side')}]//mark")[0].text_content() == "3"
    html = render(pairs, "error")
    assert "<b>." not in html and "&lt;b&gt;." in html  # sentence text is escaped
    assert "cannot read &lt;it&gt;" in html


@pytest.mark.slow
def test_a_docs_tree_gives_one_report_with_a_contents_entry_per_pair(tmp_path: Path) -> None:
    seed = GOLDEN.parents[1] / "data" / "seed001"
    en = [line for line in (seed / "en.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    ko = [line for line in (seed / "ko.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    for lang, lines in (("en", en), ("ko", ko)):
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "full.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        (tmp_path / "docs" / lang / "start.txt").write_text("\n\n".join(lines[:3]) + "\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["check", str(tmp_path / "docs"), "--format", "html", "-o", str(out), "-q"]) == 1
    page = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    entries = [a.text_content() for a in page.xpath(f"//nav[{_cls('toc')}]//a")]
    assert len(entries) == 2 and any("full" in e for e in entries) and any("start" in e for e in entries)
    sections = page.xpath(f"//section[{_cls('pair')}]")
    assert len(sections) == 2
    assert any(m.text_content() == "Remzi" for m in page.xpath("//mark"))


def test_both_versions_side_by_side_with_flagged_beads_marked(seed_report: str) -> None:
    page = lxml.html.fromstring(seed_report)
    (table,) = page.xpath("//details//table")
    rows = table.xpath("./tbody/tr")
    assert len(rows) == 12  # every bead of the seed project
    unpaired = [r for r in rows if r.get("class") == "unpaired"]
    assert len(unpaired) == 3 and "Yongsan" in unpaired[0].text_content()
    (ramzi,) = [r for r in rows if "Ramzi" in r.text_content()]
    assert ramzi.get("class") == "flagged"
    cells = ramzi.xpath("./td")
    assert sorted(m.text_content() for m in cells[1].xpath(".//mark")) == ["Herald", "Ramzi"]
    assert sorted(m.text_content() for m in cells[2].xpath(".//mark")) == ["Heald", "Remzi"]
