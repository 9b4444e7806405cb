"""Exports stream in chunks: chunk boundaries change nothing, and a failure leaves no file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import etree

from align.atomic import write_chunks_atomic
from align.formats import tabular, tmx_writer, xliff_writer
from align.formats.registry import get_format
from align.formats.selection import ExportOptions
from align.model import Bitext


@pytest.fixture()
def many(bitext_factory: Callable[..., Bitext]) -> Bitext:
    pairs = [([f"Sentence {k} & more."], [f"문장 {k} <끝>."]) for k in range(10)]
    pairs[4] = (["Four a.", "Four b."], ["넷."])
    return bitext_factory(pairs)


@pytest.mark.parametrize(
    ("fmt", "module", "attr"),
    [
        ("tmx", tmx_writer, "CHUNK_UNITS"),
        ("xliff", xliff_writer, "CHUNK_UNITS"),
        ("csv", tabular, "CHUNK_ROWS"),
        ("tsv", tabular, "CHUNK_ROWS"),
    ],
)
def test_small_chunks_give_the_same_bytes(
    many: Bitext, monkeypatch: pytest.MonkeyPatch, fmt: str, module: object, attr: str
) -> None:
    options = ExportOptions(date="20260101T000000Z")
    whole = get_format(fmt).write(many, options)
    monkeypatch.setattr(module, attr, 3)
    chunks = list(get_format(fmt).write_chunks(many, options))
    assert len(chunks) >= 4
    assert "".join(chunks) == whole


def test_chunked_tmx_is_one_well_formed_document(many: Bitext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tmx_writer, "CHUNK_UNITS", 2)
    root = etree.fromstring("".join(tmx_writer.iter_tmx(many)).encode())
    assert len(root.findall("body/tu")) == 10


def test_a_failing_export_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.tmx"
    target.write_bytes(b"old")

    def chunks() -> Iterator[bytes]:
        yield b"<tmx>"
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_chunks_atomic(target, chunks())
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.tmx"]
