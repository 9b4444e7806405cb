"""Examples shown at the end of each command's ``--help``: one table, so they stay in one place
(and ``tests/cli/test_help.py`` runs every one of them through the parser)."""

from __future__ import annotations

EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "align": [
        ("dari align en.txt ko.txt", "a table of scored pairs"),
        ("dari align bilingual.txt -o press.dari.json", "one file holding both versions → project"),
        ("dari align en.txt ko.txt --format beads", "[0]:[0] lines (Vecalign/Bertalign format)"),
        ("dari align en.txt ko.txt --plot align.png", "also draw the alignment (dari[plot])"),
        ("dari align a.de a.fr --presplit --gold a.gold", "one sentence per line; score against gold"),
        ("dari align en.txt ko.txt --params-from old.dari.json", "the parameters that made old.dari.json"),
    ],
    "check": [
        ("dari check en.md ko.md", "drift between two files"),
        ("dari check docs/", "docs/en/x ↔ docs/ko/x; exit 1 on findings"),
        ("dari check docs/ --format html -o report.html", "one self-contained HTML report"),
        ("dari check docs/ --format xlsx -o findings.xlsx", "one spreadsheet row per finding"),
        ("dari check en.md ko.md --format html --plot -o r.html", "report with the alignment plot"),
        ("dari check docs/ --baseline .dari-baseline.json --format github", "CI: new findings only"),
    ],
    "glossary": [
        ("dari glossary bilingual.txt", "terms and names, best first, with an example each"),
        ("dari glossary en.txt ko.txt -o terms.tbx", "TBX-Basic for a termbase (also .csv .tsv .tmx)"),
        ("dari glossary docs/ --glossary approved.csv -o merged.csv", "your entries win; conflicts listed"),
        ("dari glossary press.dari.json --kind name --top 50", "a reviewed project's beads as they are"),
        ("dari glossary a.dari.json b.dari.json -o corpus.tsv", "one glossary of many projects"),
    ],
    "split": [("dari split en.txt", "the sentences dari sees, one per line")],
    "review": [("dari review press.dari.json", "review and fix beads in the terminal")],
    "export": [
        ("dari export press.dari.json -o press.tmx", "TMX 1.4b for CAT tools"),
        ("dari export press.dari.json -o review.xlsx", "a review spreadsheet (dari[excel])"),
        ("dari export press.dari.json -o - --to csv --min-score 0.5", "CSV on stdout"),
    ],
    "import": [
        ("dari import review.xlsx -o press.dari.json", "a reviewed spreadsheet back into a project"),
        ("dari import memory.tmx -o memory.dari.json --src-lang en --tgt-lang ko", "a TMX"),
        ("dari import pairs.tsv -o p.dari.json --columns en,ko --src-lang en --tgt-lang ko", "a table"),
    ],
    "eval": [("dari eval gold.beads pred.beads", "strict and lax P/R/F1")],
    "plot": [
        ("dari plot press.dari.json -o press.png", "PNG (also .svg, .pdf)"),
        ("dari plot press.dari.json -o press.svg --no-band", "beads only, no encoder"),
    ],
    "doctor": [("dari doctor", "what is installed, and how to install what is missing")],
    "completion": [
        ('eval "$(dari completion bash)"', "bash: add to ~/.bashrc"),
        ('eval "$(dari completion zsh)"', "zsh: add to ~/.zshrc"),
        ("dari completion fish | source", "fish"),
    ],
}


TOP_EXAMPLES: list[tuple[str, str]] = [
    ("dari align en.txt ko.txt -o press.dari.json", "align; write a project"),
    ("dari check docs/ --format html -o report.html", "drift report for reviewers"),
    ("dari review press.dari.json", "fix the alignment in the terminal"),
    ("dari export press.dari.json -o press.tmx", "translation memory out"),
    ("dari doctor", "what is installed"),
    ("dari COMMAND --help", "each command's options and examples"),
]


def examples_text(command: str | None) -> str | None:
    """The ``examples:`` epilog of ``command`` (None: the top level), or None when it has none."""
    rows = TOP_EXAMPLES if command is None else EXAMPLES.get(command)
    if not rows:
        return None
    width = max(len(cmd) for cmd, _ in rows)
    lines = [f"  {cmd.ljust(width)}   # {why}" for cmd, why in rows]
    return "examples:\n" + "\n".join(lines)
