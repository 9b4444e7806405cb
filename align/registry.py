"""One way to register a thing: commands, checks, reporters, formats and encoders.

Each kind is a ``Registry``: a table of ``name -> Entry``, where an entry names its object as
``"module:attr"`` (imported on first use, so listing the names costs no import of pandas,
torch or lxml) or holds it already (``register`` as a decorator). Help texts, argparse
choices, shell completion and every "unknown X" message are derived from the table, so a
name is written once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from align.errors import UsageError

T = TypeVar("T")

_UNSET: Any = object()


@dataclass(frozen=True, slots=True)
class Entry(Generic[T]):
    """One registered thing: its name, a one-line help, and where it lives."""

    name: str
    ref: str | None
    """``module:attr``, imported by ``load`` (None when ``value`` holds the object)."""
    help: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    """What else the kind records about an entry (a check's severity, a format's suffixes)."""
    value: Any = _UNSET
    argument: str | None = None
    """Set for an entry that takes an argument after a colon (``hf:PATH``): its placeholder."""

    @property
    def shown(self) -> str:
        """The name as help texts show it (``hf:PATH`` for an entry taking an argument)."""
        return f"{self.name}:{self.argument}" if self.argument else self.name

    def load(self) -> T:
        """The registered object, importing its module on first use."""
        if self.value is not _UNSET:
            return self.value
        assert self.ref is not None
        module, _, attr = self.ref.partition(":")
        obj: Any = importlib.import_module(module)
        return getattr(obj, attr) if attr else obj


class Registry(Generic[T]):
    """Entries of one kind by name, in the order they were added (the order help lists)."""

    def __init__(self, kind: str, entries: Iterable[Entry[T]] = ()) -> None:
        self.kind = kind
        self._entries: dict[str, Entry[T]] = {}
        for entry in entries:
            self._add(entry)

    def _add(self, entry: Entry[T]) -> None:
        if entry.name in self._entries:
            raise ValueError(f"{self.kind} {entry.name!r} is registered twice")
        self._entries[entry.name] = entry

    def add(
        self, name: str, ref: str, help: str = "", *, argument: str | None = None, **meta: Any
    ) -> Entry[T]:
        """Register ``module:attr`` under ``name`` (imported when first looked up)."""
        entry: Entry[T] = Entry(name, ref, help, meta, argument=argument)
        self._add(entry)
        return entry

    def register(self, name: str, help: str = "", **meta: Any) -> Callable[[T], T]:
        """Decorator: register the decorated object itself under ``name``."""

        def decorate(obj: T) -> T:
            self._add(Entry(name, None, help, meta, value=obj))
            return obj

        return decorate

    def unregister(self, name: str) -> None:
        """Remove an entry (tests that register a thing of their own clean up with this)."""
        self._entries.pop(name, None)

    def names(self) -> list[str]:
        """Every name, in table order: argparse choices and completion."""
        return list(self._entries)

    def shown_names(self) -> list[str]:
        """Every name as help texts show it (``hf:PATH``)."""
        return [e.shown for e in self._entries.values()]

    def known(self) -> str:
        """``a, b, c``: the list every "unknown" message ends with."""
        return ", ".join(self.shown_names())

    def unknown(self, name: str) -> UsageError:
        """The one-line error for a name that is not registered."""
        return UsageError(f"unknown {self.kind} {name!r} (known: {self.known()})")

    def get(self, name: str) -> Entry[T]:
        """The entry for ``name``; ``prefix:argument`` finds an entry taking an argument."""
        entry = self._entries.get(name)
        if entry is None:
            head, colon, _rest = name.partition(":")
            entry = self._entries.get(head) if colon else None
            if entry is None or entry.argument is None:
                raise self.unknown(name)
        return entry

    def load(self, name: str) -> T:
        """The object registered under ``name`` (see ``get``)."""
        return self.get(name).load()

    def help_lines(self) -> list[str]:
        """``name: help`` per entry, for epilogs and ``--help`` texts."""
        return [f"{e.shown}: {e.help}" for e in self._entries.values()]

    def __getitem__(self, name: str) -> T:
        return self.load(name)

    def values(self) -> list[T]:
        """Every registered object, loaded (imports every module of the table)."""
        return [e.load() for e in self._entries.values()]

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[Entry[T]]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)
