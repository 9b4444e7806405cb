"""Reading user text files whatever their encoding: UTF-8 (BOM or not), UTF-16, CP949/EUC-KR,
ISO-2022-KR/JP.

Korean text still circulates in CP949 and UTF-16 (Windows exports); a person should not
have to convert it first. Binary or empty files are refused with a one-line error.
Line endings are normalised to ``\\n`` so offsets, lines and columns agree everywhere.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    crlf: bool


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: one of every two bytes is NUL for Latin text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:65536] if ch < " " and ch not in "\t\n\r\f\v\x1b")
    return "\x00" in text or controls > max(8, len(text[:65536]) // 100)


def _binary_head(head: bytes) -> bool:
    """NUL bytes in a file's first block that no UTF-16/32 text explains."""
    if b"\x00" not in head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    return _guess_utf16(head[: len(head) - len(head) % 2]) is None


_ISO2022 = ((b"\x1b$)C", "iso2022_kr"), (b"\x1b$B", "iso2022_jp"), (b"\x1b$@", "iso2022_jp"))


def _iso2022(data: bytes) -> str | None:
    """ISO-2022-KR (old Korean mail and web pages) and -JP: 7-bit text whose shift codes
    would look like binary control characters; their escape sequences name them."""
    if max(data[:65536], default=0) >= 0x80:
        return None
    head = data[:65536]
    for escape, encoding in _ISO2022:
        if escape in head:
            return encoding
    return None


def decode_bytes(data: bytes, name: str = "input", *, normalize_newlines: bool = True) -> DecodedText:
    """Decode file contents, detecting the encoding; raise ``InputError`` when it is not text.

    ``normalize_newlines=False`` keeps ``\r`` as it is, for formats whose fields may hold
    one (a quoted CSV cell) and must come back byte for byte."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    encoding: str | None = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            data = data[len(bom) :] if enc != "utf-8-sig" else data
            break
    if encoding is None:
        encoding = _guess_utf16(data) or _iso2022(data)
    candidates = [encoding] if encoding else ["utf-8", "cp949"]
    text: str | None = None
    for enc in candidates:
        try:
            text = data.decode(enc)
            encoding = enc
            break
        except UnicodeDecodeError:
            continue
    if text is None or encoding is None:
        if b"\x00" in data:
            raise InputError(f"{name}: looks like a binary file, not text")
        raise InputError(f"{name}: cannot decode as UTF-8, UTF-16 or CP949/EUC-KR")
    if _looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not text")
    crlf = "\r\n" in text
    if normalize_newlines:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return DecodedText(text, "utf-8" if encoding == "utf-8-sig" else encoding, crlf)


@contextmanager
def input_errors(path: Path, what: str) -> Iterator[None]:
    """Turn the OS's ways of failing to read ``path`` into one-line ``InputError``s.

    Every reader of user files (text, project, TMX, XLIFF) goes through this, so a missing
    file, a directory or a permission problem reads the same whatever the command."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a {what} file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_text(path: str | Path) -> DecodedText:
    """Read and decode a text file, turning every OS failure into a one-line ``InputError``."""
    p = Path(path)
    with input_errors(p, "text"), p.open("rb") as handle:
        head = handle.read(65536)
        if _binary_head(head):  # a 4 GB video or /dev/zero: refuse before reading it all
            raise InputError(f"{p}: looks like a binary file, not text")
        data = head + handle.read()
    return decode_bytes(data, str(p))
