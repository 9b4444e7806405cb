"""Parsing XML the user gave us, safely, with errors a person can act on.

The parser resolves no entities, loads no DTD and never touches the network (a TMX from
a stranger must not be able to read local files or call home). A malformed or truncated
file becomes one ``InputError`` naming the line and column lxml reports.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from lxml import etree

from align.errors import InputError
from align.reading import input_errors

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
    with input_errors(p, what):
        data = p.read_bytes()
    if not data.strip():
        raise InputError(f"{p}: file is empty")
    return data


def check_head(path: str | Path, what: str) -> None:
    """Refuse missing, empty and plainly non-XML files before a streaming parse starts."""
    p = Path(path)
    with input_errors(p, what), p.open("rb") as handle:
        head = handle.read(4096)
    if not head.strip():
        raise InputError(f"{p}: file is empty")
    if head.lstrip()[:1] not in (b"<", b"\xef", b"\xff", b"\xfe"):
        raise InputError(f"{p}: not a {what} file (does not start with '<')")


def iter_ends(
    path: str | Path, what: str, root_name: str, names: frozenset[str]
) -> Generator[etree._Element, None, None]:
    """Stream a large file: yield every element whose local name is in ``names`` when it
    closes (any namespace). The caller reads what it needs; the element is then cleared, so
    memory stays flat however many units the file holds. A root other than ``root_name``
    is refused as not being a ``what`` file."""
    name = str(path)
    check_head(path, what)
    events = etree.iterparse(
        name,
        events=("end",),
        tag=[f"{{*}}{n}" for n in sorted(names)],
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
    )
    checked = False
    try:
        for _, element in events:
            if not checked:
                _check_root(element.getroottree().getroot(), root_name, name, what)
                checked = True
            yield element
            element.clear(keep_tail=True)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, name, what) from None
    if not checked:
        _check_root(events.root, root_name, name, what)


def _check_root(root: etree._Element | None, root_name: str, name: str, what: str) -> None:
    if root is None or local_name(root) != root_name:
        found = f"<{local_name(root)}>" if root is not None else "missing"
        raise InputError(f"{name}: not a {what} file (root element is {found})")


def _syntax_error(exc: etree.XMLSyntaxError, name: str, what: str) -> InputError:
    line, col = exc.position if exc.position else (0, 0)
    msg = (exc.msg or str(exc)).split(", line ")[0]
    return InputError(f"{name}:{line}:{col}: malformed {what} ({msg})")


def parse_xml(data: bytes, name: str, what: str) -> etree._Element:
    """The root element, or an ``InputError`` with line and column."""
    head = data.lstrip()[:1]
    if head not in (b"<", b"\xef", b"\xff", b"\xfe"):
        raise InputError(f"{name}: not a {what} file (does not start with '<')")
    try:
        root = etree.fromstring(data, secure_parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, name, what) from None
    if root is None:
        raise InputError(f"{name}: not a {what} file")
    return root


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
