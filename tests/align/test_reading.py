"""Decoding user files: every encoding Korean text arrives in, and clean refusals."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from align.errors import InputError
from align.reading import decode_bytes, read_text

KO = "호잘리를 위한 정의캠페인은 한국에서 지속적으로 진행되고 있다.\n대사관의 후원으로 행사가 열렸다.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (KO.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + KO.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + KO.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + KO.encode("utf-16-be"), "utf-16-be"),
        (KO.encode("cp949"), "cp949"),
        (KO.encode("euc-kr"), "cp949"),
    ],
)
def test_korean_text_decodes_in_every_common_encoding(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == KO
    assert decoded.encoding == encoding


def test_utf16_without_bom_is_detected() -> None:
    text = "The Embassy of the Republic of Azerbaijan.\n"
    assert decode_bytes(text.encode("utf-16-le")).text == text


def test_crlf_is_normalised_and_remembered() -> None:
    decoded = decode_bytes(b"line one.\r\nline two.\r\n")
    assert decoded.text == "line one.\nline two.\n"
    assert decoded.crlf


@pytest.mark.parametrize("data", [b"", b"   \n\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        decode_bytes(data, "x.txt")


def test_binary_input_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(InputError, match="binary"):
        decode_bytes(png, "x.png")


def test_read_text_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_seed_reads_as_utf8(seed_dir: Path) -> None:
    decoded = read_text(seed_dir / "bilingual.txt")
    assert decoded.encoding == "utf-8"
    assert "호잘리" in decoded.text and "Khojaly" in decoded.text
