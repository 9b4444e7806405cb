"""``--src-lang``/``--tgt-lang``: language codes are checked where they come in.

A code the user types travels into project files, TMX ``xml:lang`` and XLIFF attributes;
one with a control character or a space (``$'en\\x01'``) made a TMX that could not be read
back. argparse refuses such a value at once, in the usual one-line usage error.
"""

from __future__ import annotations

import argparse

from align.languages import is_language_tag, language_tag_error


def language_code(value: str) -> str:
    """argparse ``type=`` for language options."""
    if not is_language_tag(value):
        raise argparse.ArgumentTypeError(language_tag_error(value))
    return value
