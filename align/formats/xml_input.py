"""Parsing XML the user gave us, safely, with errors a person can act on.

The parser resolves no entities, loads no DTD and never touches the network (a TMX from
a stranger must not be able to read local files or call home). A malformed or truncated
file becomes one ``InputError`` naming the line and column lxml reports.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from align.errors import InputError

XML_NS = "http://www.w3.org/XML/1998/namespace"


def secure_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
    )


def read_bytes(path: str | Path, what: str) -> bytes:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory, expected a {what} file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{p}: file is empty")
    return data


def parse_xml(data: bytes, name: str, what: str) -> etree._Element:
    """The root element, or an ``InputError`` with line and column."""
    head = data.lstrip()[:1]
    if head not in (b"<", b"\xef", b"\xff", b"\xfe"):
        raise InputError(f"{name}: not a {what} file (does not start with '<')")
    try:
        root = etree.fromstring(data, secure_parser())
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (0, 0)
        msg = (exc.msg or str(exc)).split(", line ")[0]
        raise InputError(f"{name}:{line}:{col}: malformed {what} ({msg})") from None
    if root is None:
        raise InputError(f"{name}: not a {what} file")
    return root


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
