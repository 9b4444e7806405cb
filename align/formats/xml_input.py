"""Parsing XML the user gave us, safely, with errors a person can act on.

The parser loads no DTD, reads no outside file and never touches the network (a TMX from a
stranger must not be able to read local files or call home). Internal entities
(``<!ENTITY co "ACME">`` ... ``&co;``) are part of the text the file says, so they are
expanded, under libxml2's limits on entity amplification (a "billion laughs" file is
refused as malformed). External entities are resolved to nothing by ``_RefusingResolver``,
and each one refused is reported as a warning naming it, instead of vanishing silently.
A malformed or truncated file becomes one ``InputError`` naming the line and column lxml
reports.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from lxml import etree

from align.errors import InputError
from align.reading import input_errors

XML_NS = "http://www.w3.org/XML/1998/namespace"


_PARSER_OPTIONS: dict[str, bool] = {
    "resolve_entities": True,  # internal ones; external ones go to _RefusingResolver
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": True,
    "remove_comments": True,
    "remove_pis": True,
}
READ_CHUNK = 1 << 20
"""Bytes fed to the streaming parser at a time."""


class _RefusingResolver(etree.Resolver):
    """Every outside resource resolves to empty text; the URLs asked for are remembered."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: list[str] = []

    def resolve(self, system_url: str | None, public_id: str | None, context: object) -> object:
        self.refused.append(system_url or public_id or "?")
        return self.resolve_string("", context)


def secure_parser() -> tuple[etree.XMLParser, _RefusingResolver]:
    """A parser as described in the module docstring, and the resolver that refuses for it."""
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    resolver = _RefusingResolver()
    parser.resolvers.add(resolver)
    return parser, resolver


def _refusal_warnings(resolver: _RefusingResolver, root: etree._Element | None, what: str) -> list[str]:
    """One warning per external entity left out, naming it (and what it pointed at)."""
    if not resolver.refused:
        return []
    names: dict[str, str] = {}
    dtd = root.getroottree().docinfo.internalDTD if root is not None else None
    if dtd is not None:
        for entity in dtd.iterentities():
            if entity.system_url:
                names.setdefault(entity.system_url, entity.name or "")
    out: list[str] = []
    for url in dict.fromkeys(resolver.refused):
        name = names.get(url)
        label = f"entity '{name}' ({url})" if name else f"'{url}'"
        out.append(
            f"the {what} refers to the external {label}; dari does not read outside files, "
            "so its text was left out"
        )
    return out


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
    path: str | Path,
    what: str,
    root_name: str,
    names: frozenset[str],
    warnings: list[str] | None = None,
) -> Generator[etree._Element, None, None]:
    """Stream a large file: yield every element whose local name is in ``names`` when it
    closes (any namespace). The caller reads what it needs; the element is then cleared, so
    memory stays flat however many units the file holds. A root other than ``root_name``
    is refused as not being a ``what`` file. Refused external entities are added to
    ``warnings`` when the file has been read to its end."""
    name = str(path)
    check_head(path, what)
    parser = etree.XMLPullParser(events=("end",), tag=[f"{{*}}{n}" for n in sorted(names)], **_PARSER_OPTIONS)
    resolver = _RefusingResolver()
    parser.resolvers.add(resolver)
    root: etree._Element | None = None
    try:
        with input_errors(Path(path), what), open(name, "rb") as handle:
            while True:
                chunk = handle.read(READ_CHUNK)
                if chunk:
                    parser.feed(chunk)
                else:
                    final = parser.close()
                    if root is None:
                        root = final
                for _, element in parser.read_events():
                    if root is None:
                        root = element.getroottree().getroot()
                        _check_root(root, root_name, name, what)
                    yield element
                    element.clear(keep_tail=True)
                    parent = element.getparent()
                    if parent is not None:
                        while element.getprevious() is not None:
                            del parent[0]
                if not chunk:
                    break
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, name, what) from None
    _check_root(root, root_name, name, what)
    if warnings is not None:
        warnings.extend(_refusal_warnings(resolver, root, what))


_LIBXML_MESSAGES = (
    ("Excessive depth in document", "elements nested too deep"),
    ("Maximum entity amplification factor exceeded", "entities expand to far more text than the file holds"),
    ("Detected an entity reference loop", "an entity refers to itself"),
)
"""libxml2 messages that name its own options ("use XML_PARSE_HUGE option"): said in words."""


def _check_root(root: etree._Element | None, root_name: str, name: str, what: str) -> None:
    if root is None or local_name(root) != root_name:
        found = f"<{local_name(root)}>" if root is not None else "missing"
        raise InputError(f"{name}: not a {what} file (root element is {found})")


def _syntax_error(exc: etree.XMLSyntaxError, name: str, what: str) -> InputError:
    line, col = exc.position if exc.position else (0, 0)
    msg = (exc.msg or str(exc)).split(", line ")[0]
    for library, ours in _LIBXML_MESSAGES:
        if msg.startswith(library):
            msg = ours
            break
    return InputError(f"{name}:{line}:{col}: malformed {what} ({msg})")


def parse_xml(data: bytes, name: str, what: str, warnings: list[str] | None = None) -> etree._Element:
    """The root element, or an ``InputError`` with line and column."""
    head = data.lstrip()[:1]
    if head not in (b"<", b"\xef", b"\xff", b"\xfe"):
        raise InputError(f"{name}: not a {what} file (does not start with '<')")
    parser, resolver = secure_parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, name, what) from None
    if root is None:
        raise InputError(f"{name}: not a {what} file")
    if warnings is not None:
        warnings.extend(_refusal_warnings(resolver, root, what))
    return root


def flat_text(element: etree._Element, skip: frozenset[str]) -> str:
    """The text inside ``element``, in document order, leaving out the content (not the tail)
    of descendants whose local name is in ``skip`` (inline codes holding native markup).

    Walked without recursion: a segment nested a few thousand levels deep (``<hi>`` in
    ``<hi>``...) is text like any other, not a Python recursion error."""
    parts = [element.text or ""]
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        if node is element:
            continue
        if event == "start":
            if not isinstance(node.tag, str) or local_name(node) in skip:
                walker.skip_subtree()
            else:
                parts.append(node.text or "")
        else:
            parts.append(node.tail or "")
    return "".join(parts)


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
