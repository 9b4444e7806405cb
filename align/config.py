"""``[tool.dari]`` in pyproject.toml, or a ``dari.toml``: project settings for ``dari check``.

A CI gate is only useful when a team can tune it once and commit the tuning: which checks
run, how severe each is, the thresholds, sentence patterns to ignore and a glossary. The file
is found from the working directory upwards (like ruff or mypy), or named with ``--config``.
Unknown keys are refused, so a typo does not silently switch a check back on.

Example::

    [tool.dari]
    fail-on = "error"
    glossary = "glossary.csv"   # or .tsv, .tbx (TBX-Basic), .tmx: approved entries are enforced
    ignore = ["^>>> ", "https?://"]
    year-severity = "info"

    [tool.dari.checks]          # true/false, or a severity that replaces the default
    confidence = false
    name = "warning"

    [tool.dari.thresholds]
    length-z = 5.0
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from align.errors import InputError, UsageError
from align.model import Severity

CONFIG_NAMES = ("dari.toml", "pyproject.toml")

DEFAULT_THRESHOLDS: dict[str, float] = {
    # robust z-score (median/MAD) beyond which a pair's log length ratio is an outlier
    "length-z": 4.5,
    # ... and the pair must also be this many times longer/shorter than the document's median ratio
    "length-factor": 2.5,
    # pairs whose both sides are shorter than this (characters) are not length-checked
    "length-min-chars": 25,
    # robust z-score below which a pair's alignment score is an outlier
    "confidence-z": 4.0,
    # ... and the score must also be below this absolute value
    "confidence-max-score": 0.35,
    # Jaro-Winkler similarity at which two different Latin names count as one name misspelt
    "name-similarity": 0.85,
    # names shorter than this are not compared (initials, "E", "P")
    "name-min-length": 4,
}


@dataclass(slots=True)
class DariConfig:
    """Settings for the checks; the defaults are what a project without a config gets."""

    enabled: dict[str, bool] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    ignore: list[re.Pattern[str]] = field(default_factory=list)
    year_severity: Severity = Severity.WARNING
    fail_on: str = "error"
    glossary: Path | None = None
    path: Path | None = None

    def is_enabled(self, check: str) -> bool:
        return self.enabled.get(check, True)

    def threshold(self, name: str) -> float:
        return self.thresholds.get(name, DEFAULT_THRESHOLDS[name])


FAIL_ON_CHOICES = ("error", "warning", "info", "never")


def _key(name: str) -> str:
    return name.replace("_", "-").lower()


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise UsageError(f"{where}: severity must be error, warning or info, not {value!r}") from None


def config_from_table(table: dict[str, Any], where: str, known_checks: set[str] | None = None) -> DariConfig:
    """Build a ``DariConfig`` from the ``[tool.dari]`` table (or a whole ``dari.toml``)."""
    config = DariConfig()
    base = Path(where).parent if where else Path(".")
    for raw_key, value in table.items():
        key = _key(raw_key)
        if key == "checks":
            if not isinstance(value, dict):
                raise UsageError(f"{where}: [checks] must be a table")
            for name, setting in value.items():
                name = _key(name)
                if known_checks is not None and name not in known_checks:
                    raise UsageError(
                        f"{where}: unknown check {name!r} (known: {', '.join(sorted(known_checks))})"
                    )
                if isinstance(setting, bool):
                    config.enabled[name] = setting
                elif str(setting).lower() == "off":
                    config.enabled[name] = False
                else:
                    config.severity[name] = _severity(setting, f"{where}: checks.{name}")
        elif key == "thresholds":
            if not isinstance(value, dict):
                raise UsageError(f"{where}: [thresholds] must be a table")
            for name, number in value.items():
                name = _key(name)
                if name not in DEFAULT_THRESHOLDS:
                    raise UsageError(
                        f"{where}: unknown threshold {name!r} (known: {', '.join(DEFAULT_THRESHOLDS)})"
                    )
                if isinstance(number, bool) or not isinstance(number, int | float):
                    raise UsageError(f"{where}: threshold {name} must be a number")
                config.thresholds[name] = float(number)
        elif key == "ignore":
            patterns = [value] if isinstance(value, str) else value
            if not isinstance(patterns, list):
                raise UsageError(f"{where}: ignore must be a list of regular expressions")
            for pattern in patterns:
                try:
                    config.ignore.append(re.compile(str(pattern)))
                except re.error as exc:
                    raise UsageError(f"{where}: bad ignore pattern {pattern!r}: {exc}") from None
        elif key == "year-severity":
            config.year_severity = _severity(value, f"{where}: year-severity")
        elif key == "fail-on":
            if str(value) not in FAIL_ON_CHOICES:
                raise UsageError(f"{where}: fail-on must be one of {', '.join(FAIL_ON_CHOICES)}")
            config.fail_on = str(value)
        elif key == "glossary":
            config.glossary = (base / str(value)) if not Path(str(value)).is_absolute() else Path(str(value))
        else:
            raise UsageError(f"{where}: unknown setting {raw_key!r}")
    return config


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``dari.toml``, or ``pyproject.toml`` with a ``[tool.dari]`` table, upwards."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        dari = directory / "dari.toml"
        if dari.is_file():
            return dari
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if isinstance(data.get("tool"), dict) and "dari" in data["tool"]:
                return pyproject
    return None


def load_config(
    path: str | Path | None = None, *, start: Path | None = None, known_checks: set[str] | None = None
) -> DariConfig:
    """Read the given config file, or the one found from ``start`` upwards, or the defaults."""
    found = Path(path) if path is not None else find_config(start)
    if found is None:
        return DariConfig()
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{found}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{found}: cannot read config: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{found}: not valid TOML: {exc}") from None
    except RecursionError:
        raise InputError(f"{found}: not valid TOML (arrays or tables nested too deep)") from None
    table: Any = data
    if found.name == "pyproject.toml" or "tool" in data:
        table = data.get("tool", {}).get("dari", {})
    if not isinstance(table, dict):
        raise UsageError(f"{found}: [tool.dari] must be a table")
    config = config_from_table(table, str(found), known_checks)
    config.path = found
    return config
