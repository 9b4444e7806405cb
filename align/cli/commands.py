"""Every ``dari`` subcommand: ``name -> align.cli.NAME_cmd:configure`` with its one-line help.

``build_parser`` adds one subparser per entry, in this order (the order ``dari --help`` lists
them), and hands it to the module's ``configure(parser)``, which adds the options and sets
``func``; the module is imported only then. Shell completion and the examples epilog read the
names from here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from align.registry import Registry

Configure = Callable[[argparse.ArgumentParser], None]

COMMANDS: Registry[Configure] = Registry("command")
COMMANDS.add(
    "align", "align.cli.align_cmd:configure", "align two versions of a text into scored sentence pairs"
)
COMMANDS.add(
    "check", "align.cli.check_cmd:configure", "report where two versions of a text drifted apart (CI gate)"
)
COMMANDS.add(
    "glossary",
    "align.cli.glossary_cmd:configure",
    "extract the bilingual terms and names of aligned texts (CSV, TSV, TMX, TBX)",
)
COMMANDS.add("split", "align.cli.split_cmd:configure", "print a file's sentences, one per line")
COMMANDS.add(
    "review",
    "align.cli.review_cmd:configure",
    "review and edit an alignment in the terminal (or a browser with --serve)",
)
COMMANDS.add(
    "export",
    "align.cli.export_cmd:configure",
    "write a project as TMX, CSV/TSV, XLIFF, an Excel review sheet or a bead file",
)
COMMANDS.add(
    "import",
    "align.cli.import_cmd:configure",
    "turn a TMX, XLIFF, CSV/TSV, reviewed xlsx or bead file into a project file",
)
COMMANDS.add(
    "eval",
    "align.cli.eval_cmd:configure",
    "score an alignment against a gold alignment (strict and lax P/R/F1)",
)
COMMANDS.add(
    "plot",
    "align.cli.plot_cmd:configure",
    "draw a project's alignment: path, similarity band, unpaired and unsure stretches",
)
COMMANDS.add(
    "doctor",
    "align.cli.doctor_cmd:configure",
    "list what is installed and usable (encoders, Korean, GPU, Ray, plot, Excel)",
)
COMMANDS.add(
    "completion",
    "align.cli.completion_cmd:configure",
    "print the shell script that completes dari's commands and options",
)
