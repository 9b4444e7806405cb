"""Which writing system a character belongs to, and which language a text is in.

dari needs only a coarse answer: enough to pick a sentence splitter, to tell the two halves of
a bilingual file apart and to refuse text that cannot be the language a user named. Scripts
decide almost everything (Hangul is Korean, kana is Japanese); only Latin-script text needs a
second look, done by counting frequent function words, which is reliable on a paragraph or
more and needs no model.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter

from align.errors import InputError

# (first, last, script) code point ranges, sorted by first; letters outside them fall back to
# the first word of their Unicode name ("BENGALI LETTER A" -> "bengali").
_RANGES: list[tuple[int, int, str]] = sorted(
    [
        (0x0041, 0x005A, "latin"),
        (0x0061, 0x007A, "latin"),
        (0x00AA, 0x00AA, "latin"),
        (0x00BA, 0x00BA, "latin"),
        (0x00C0, 0x024F, "latin"),
        (0x0250, 0x02AF, "latin"),
        (0x0370, 0x03FF, "greek"),
        (0x0400, 0x052F, "cyrillic"),
        (0x0530, 0x058F, "armenian"),
        (0x0590, 0x05FF, "hebrew"),
        (0x0600, 0x06FF, "arabic"),
        (0x0750, 0x077F, "arabic"),
        (0x0900, 0x097F, "devanagari"),
        (0x0E00, 0x0E7F, "thai"),
        (0x10A0, 0x10FF, "georgian"),
        (0x1100, 0x11FF, "hangul"),
        (0x1E00, 0x1EFF, "latin"),
        (0x1F00, 0x1FFF, "greek"),
        (0x3040, 0x309F, "kana"),
        (0x30A0, 0x30FF, "kana"),
        (0x3130, 0x318F, "hangul"),
        (0x31F0, 0x31FF, "kana"),
        (0x3400, 0x4DBF, "han"),
        (0x4E00, 0x9FFF, "han"),
        (0xA960, 0xA97F, "hangul"),
        (0xAC00, 0xD7A3, "hangul"),
        (0xD7B0, 0xD7FF, "hangul"),
        (0xF900, 0xFAFF, "han"),
        (0xFB1D, 0xFB4F, "hebrew"),
        (0xFB50, 0xFDFF, "arabic"),
        (0xFE70, 0xFEFF, "arabic"),
        (0xFF21, 0xFF3A, "latin"),
        (0xFF41, 0xFF5A, "latin"),
        (0xFF66, 0xFF9F, "kana"),
        (0xFFA0, 0xFFDC, "hangul"),
        (0x20000, 0x3134F, "han"),
    ]
)
_STARTS = [r[0] for r in _RANGES]

# Scripts whose one character carries about as much as two or three Latin letters; weighting
# them keeps a Korean paragraph full of English names classified as Korean.
_DENSE_SCRIPTS = {"hangul": 2.5, "han": 2.5, "kana": 2.0}

_SCRIPT_LANG = {
    "hangul": "ko",
    "han": "zh",
    "kana": "ja",
    "cyrillic": "ru",
    "arabic": "ar",
    "greek": "el",
    "hebrew": "he",
    "thai": "th",
    "devanagari": "hi",
    "armenian": "hy",
    "georgian": "ka",
    "bengali": "bn",
    "tamil": "ta",
    "telugu": "te",
    "gujarati": "gu",
    "kannada": "kn",
    "malayalam": "ml",
    "gurmukhi": "pa",
    "khmer": "km",
    "lao": "lo",
    "myanmar": "my",
    "sinhala": "si",
    "ethiopic": "am",
    "tibetan": "bo",
}

# Frequent function words per Latin-script language. Words shared by several languages are
# fine: the distinctive ones decide.
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that it was for on are with as his they be at this have from by not but "
        "what which were been has their will would an or its than there who into after also",
        "de": "der die und den von zu das mit sich des auf für ist im dem nicht ein eine als auch es "
        "werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen zum war "
        "haben nur oder aber vor zur bis durch",
        "fr": "le la les de des du et est un une que qui dans pour pas au sur ne se ce il elle sont avec "
        "par plus ont été aux cette mais ou nous vous leur était être",
        "es": "el la los las de que y en un una es por con para del se no al lo como más pero sus le ha "
        "este esta son fue entre también cuando muy sin sobre",
        "it": "il di che e la per un una in non sono del della con si da al le gli dei è anche come ma "
        "più questo questa nel nella alla ha essere degli delle era",
        "pt": "o a os as de que e do da em um uma para com não por mais dos das no na se ao como mas foi "
        "ele ela são também pelo pela seu sua isso",
        "nl": "de het een en van in is dat op te zijn met voor niet aan er maar om ook als bij door dan "
        "nog wordt werd naar heeft hij zij worden deze dit wel geen uit",
    }.items()
}
_WORD = re.compile(r"[^\W\d_]+")

_script_cache: dict[str, str] = {}


def script_of(ch: str) -> str:
    """The writing system of one character: 'hangul', 'latin', 'han', 'kana', 'cyrillic', ...

    Anything that is not a letter (digits, punctuation, spaces, symbols) is 'other'.
    """
    cached = _script_cache.get(ch)
    if cached is not None:
        return cached
    script = "other"
    if ch.isalpha():
        cp = ord(ch)
        i = bisect.bisect_right(_STARTS, cp) - 1
        if i >= 0 and _RANGES[i][0] <= cp <= _RANGES[i][1]:
            script = _RANGES[i][2]
        else:
            name = unicodedata.name(ch, "")
            script = name.split(" ", 1)[0].lower() if name else "other"
            if script == "cjk":
                script = "han"
    if len(_script_cache) < 65536:
        _script_cache[ch] = script
    return script


def script_profile(text: str) -> dict[str, int]:
    """Letter counts per script (non-letters are not counted)."""
    counts: Counter[str] = Counter()
    for ch, n in Counter(text).items():
        script = script_of(ch)
        if script != "other":
            counts[script] += n
    return dict(counts)


def weighted_profile(profile: dict[str, int]) -> dict[str, float]:
    """Letter counts with dense scripts (Hangul, Han, kana) weighted up, for comparing scripts."""
    return {s: n * _DENSE_SCRIPTS.get(s, 1.0) for s, n in profile.items()}


def dominant_script(text: str) -> str | None:
    """The script with the most (weighted) letters, or None when the text has no letters."""
    weighted = weighted_profile(script_profile(text))
    if not weighted:
        return None
    return max(weighted.items(), key=lambda kv: (kv[1], kv[0]))[0]


def latin_language_scores(text: str) -> dict[str, int]:
    """Function-word hits per Latin-script language (higher is likelier)."""
    counts = Counter(w.lower() for w in _WORD.findall(text))
    return {lang: sum(counts[w] for w in words) for lang, words in _STOPWORDS.items()}


def detect_latin_language(text: str, default: str = "en") -> str:
    """Best Latin-script language by function words; ``default`` when none is found."""
    scores = latin_language_scores(text)
    best = max(scores.items(), key=lambda kv: (kv[1], kv[0] == default))
    return best[0] if best[1] > 0 else default


_LANGUAGE_TAG = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"  # language (and extended language subtags)
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"  # private use
    r"|x(?:-[a-z0-9]{1,8})+|i-[a-z]{2,8}",  # private use only; grandfathered i-klingon
    re.IGNORECASE | re.ASCII,
)


def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` has the shape of a BCP-47 language tag (RFC 5646 syntax; subtags are not
    looked up in the registry). ``_`` counts as ``-``: TMX files in the wild write ``ko_KR``.

    Why shape only: a code dari was given ends up in TMX ``xml:lang`` and XLIFF attributes; a
    control character or a space there makes a file no tool (dari included) reads back."""
    return len(tag) <= 64 and _LANGUAGE_TAG.fullmatch(tag.replace("_", "-")) is not None


def language_tag_error(tag: str) -> str:
    """The one-line complaint about a code that is not a language tag."""
    return f"{tag!r} is not a BCP-47 language tag such as 'en', 'ko' or 'ko-KR'"


def detect_language(text: str) -> str:
    """A BCP-47-ish language code for ``text``: 'ko', 'ja', 'zh', 'ru', 'en', 'de', ...

    Raises ``InputError`` when the text has no letters at all.
    """
    profile = script_profile(text)
    if not profile:
        raise InputError("text contains no letters; cannot tell its language")
    weighted = weighted_profile(profile)
    script = max(weighted.items(), key=lambda kv: (kv[1], kv[0]))[0]
    if script in ("han", "kana"):
        # Japanese mixes Han and kana; a few percent of kana is enough to tell it from Chinese.
        kana = profile.get("kana", 0)
        if kana and kana >= 0.05 * (kana + profile.get("han", 0)):
            return "ja"
        if profile.get("hangul", 0) >= 0.05 * profile.get("han", 0):
            return "ko"
        return "zh"
    if script == "latin":
        return detect_latin_language(text)
    if script == "cyrillic" and any(ch in text for ch in "іїєґІЇЄҐ"):
        return "uk"
    if script == "arabic" and any(ch in text for ch in "پچژگ"):
        return "fa"
    return _SCRIPT_LANG.get(script, script[:2])
