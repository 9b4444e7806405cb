"""Moving through a review: search (substring or regex, both languages), next/previous
match, next unconfirmed or flagged bead, go to a bead or sentence number, bookmarks.

Every jump is a scan from the cursor (wrapping around): beads change with every edit, so an
index kept up to date would cost more per edit than a scan costs per jump (a few ms at 50,000).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.app import App

from align.editing import Editor
from align.errors import DariError
from align.model import Bead, BeadStatus, Bitext
from tui.bead_view import BeadView
from tui.dialogs import Prompt


class Navigation(App[None]):
    """The review app's moving actions (mixed into ``ReviewApp``)."""

    bitext: Bitext
    editor: Editor
    bookmarks: set[tuple[str, int]]
    search_re: re.Pattern[str] | None
    search_dir: int
    is_flagged: Callable[[Bead], bool]
    _last_step = 1

    def _view(self) -> BeadView:
        return self.query_one("#beads", BeadView)

    def _bookmark_key(self, bead: Bead) -> tuple[str, int]:
        return ("src", bead.src[0]) if bead.src else ("tgt", bead.tgt[0])

    def _is_bookmarked(self, k: int) -> bool:
        return bool(self.bookmarks) and self._bookmark_key(self.bitext.beads[k]) in self.bookmarks

    def _find(self, start: int, step: int, test: Callable[[Bead], bool]) -> int | None:
        beads = self.bitext.beads
        n = len(beads)
        for r in range(1, n + 1):
            k = (start + step * r) % n
            if test(beads[k]):
                return k
        return None

    def _jump(self, found: int | None, what: str) -> None:
        if found is None:
            self.notify(f"no {what}")
        else:
            if (found - self._view().cursor) * self._last_step < 0:
                self.notify("search wrapped around", timeout=2)
            self._view().go(found)

    def action_next_unconfirmed(self, step: int) -> None:
        self._last_step = step
        self._jump(
            self._find(self._view().cursor, step, lambda b: b.status is not BeadStatus.CONFIRMED),
            "unconfirmed bead",
        )

    def action_next_flagged(self, step: int) -> None:
        self._last_step = step
        self._jump(self._find(self._view().cursor, step, self.is_flagged), "flagged bead")

    def action_search(self, step: int) -> None:
        def done(value: str | None) -> None:
            if not value:
                return
            try:
                if value.startswith("re:"):
                    pattern = re.compile(value[3:])
                else:
                    pattern = re.compile(re.escape(value), re.IGNORECASE)
            except re.error as exc:
                self.notify(f"not a regular expression: {exc}", severity="warning")
                return
            self.search_re = pattern
            self.search_dir = step
            self._view().highlight = pattern
            self._view().refresh_rows()
            self.action_next_match(1)

        self.push_screen(
            Prompt("search forward (re: for a regex)" if step > 0 else "search backward (re: for a regex)"),
            done,
        )

    def _matches(self, bead: Bead) -> bool:
        assert self.search_re is not None
        src, tgt = self.bitext.bead_texts(bead)
        return any(self.search_re.search(t) for t in (*src, *tgt))

    def action_next_match(self, step: int) -> None:
        if self.search_re is None:
            self.notify("no search yet: / searches")
            return
        self._last_step = step * self.search_dir
        self._jump(
            self._find(self._view().cursor, self._last_step, self._matches),
            f"match for {self.search_re.pattern!r}",
        )

    def action_goto(self) -> None:
        def done(value: str | None) -> None:
            if not value:
                return
            value = value.strip().lower()
            try:
                if value[0] in "st":
                    side = "src" if value[0] == "s" else "tgt"
                    self._view().go(self.editor.bead_of(side, int(value[1:]) - 1))
                else:
                    k = int(value) - 1
                    if not 0 <= k < len(self.bitext.beads):
                        raise DariError(f"no bead {value}")
                    self._view().go(k)
            except ValueError:
                self.notify(f"{value!r}: give a bead number, sN or tN", severity="warning")
            except DariError as exc:
                self.notify(str(exc), severity="warning")

        self.push_screen(Prompt("go to bead N, source sentence sN or target sentence tN"), done)

    def action_bookmark(self) -> None:
        if not self.bitext.beads:
            return
        key = self._bookmark_key(self.bitext.beads[self._view().cursor])
        if key in self.bookmarks:
            self.bookmarks.discard(key)
            self.notify("bookmark cleared", timeout=2)
        else:
            self.bookmarks.add(key)
            self.notify("bookmarked (saved with the project)", timeout=2)
        self._view().refresh_rows()

    def action_next_bookmark(self) -> None:
        self._last_step = 1
        self._jump(
            self._find(self._view().cursor, 1, lambda b: self._bookmark_key(b) in self.bookmarks), "bookmark"
        )
