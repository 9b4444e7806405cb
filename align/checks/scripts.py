"""Which writing system a piece of text is in, and whether it reads as prose or as code.

The untranslated and name checks need both: an English sentence left in the Korean file is
drift, but a code sample, a URL or an identifier left as is is a correct translation.
"""

from __future__ import annotations

import re
import unicodedata

HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+")
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)?")
URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_CODE_CHARS = set("()[]{}=<>_/\\|;:`$#@*+^~\"'")
# Scripts whose letters mark a language; "latin" covers English and most European languages.
LANG_SCRIPT = {"ko": "hangul", "ja": "kana", "zh": "han", "ru": "cyrillic", "uk": "cyrillic", "el": "greek"}


def script_of(ch: str) -> str | None:
    """The script of one letter (None for digits, punctuation, spaces)."""
    if not ch.isalpha():
        return None
    code = ord(ch)
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x3040 <= code <= 0x30FF:
        return "kana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "han"
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "THAI", "DEVANAGARI"):
        if name.startswith(script):
            return script.lower()
    return "other"


def script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        script = script_of(ch)
        if script:
            counts[script] = counts.get(script, 0) + 1
    return counts


def expected_script(lang: str) -> str:
    return LANG_SCRIPT.get(lang.split("-")[0].lower(), "latin")


def looks_like_code(text: str) -> bool:
    """Code, markup, URLs, paths, identifiers: text that is correctly left untranslated."""
    stripped = URL.sub(" ", text).strip()
    if not stripped:
        return True
    if text.lstrip().startswith((">>>", "...", "$ ", "#", "//", "import ", "from ", "def ", "class ")):
        return True
    code = sum(1 for ch in stripped if ch in _CODE_CHARS)
    letters = sum(1 for ch in stripped if ch.isalpha())
    if letters == 0 or code / max(1, len(stripped)) > 0.06:
        return True
    words = stripped.split()
    identifiers = sum(1 for w in words if re.search(r"[a-z][A-Z]|_|\.\w|\(\)", w))
    return identifiers / max(1, len(words)) > 0.3


def prose_words(text: str) -> list[str]:
    """Plain dictionary-looking words (lowercase letters, maybe a capital), outside URLs."""
    return [w for w in LATIN_WORD.findall(URL.sub(" ", text)) if w[1:].islower() or len(w) == 1]


_WORDY = re.compile(r"[(“\"']?[A-Za-z][a-z]*(?:['’][a-z]+)?[.,;:!?)”\"']*")


def looks_like_prose(text: str, min_words: int = 5) -> bool:
    """A sentence a person would translate: mostly plain words, ending like a sentence, not code.

    Console output, command lines, author lists and identifiers fail one of these tests.
    """
    if looks_like_code(text) or not text.rstrip().endswith((".", "!", "?", ":", "。")):
        return False
    tokens = URL.sub(" ", text).split()
    wordy = sum(1 for t in tokens if _WORDY.fullmatch(t))
    return wordy >= min_words and wordy >= 0.7 * len(tokens)
