"""Typed errors the core raises and the CLI turns into one-line messages and exit codes.

Library code never prints; it raises one of these. The CLI maps every ``DariError`` to
``dari: error: <message>`` and its ``exit_code`` (2 for usage and input problems).
"""

from __future__ import annotations


class DariError(Exception):
    """Base of every error dari reports to a person rather than as a traceback."""

    exit_code = 2


class InputError(DariError):
    """An input file is missing, empty, binary, undecodable, malformed or of the wrong kind."""


class UsageError(DariError):
    """Options that contradict each other or name things that do not exist."""


class OutputError(DariError):
    """An output path cannot be written (permissions, missing directory, would overwrite input)."""


class MissingDependencyError(DariError):
    """An optional backend is not installed; the message names the install command."""


class CancelledError(DariError):
    """A long operation was cancelled through its cancel callback."""

    exit_code = 130
