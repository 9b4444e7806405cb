"""Every key of the review app in one table: the bindings, the footer and the help screen are
all derived from it, so a key cannot be bound without being explained.

Navigation keys never edit (``j``/``k`` move, as every terminal user expects); edits sit on
keys of their own. ``c``, ``ctrl+s``, ``ctrl+z``/``ctrl+y``, ``q`` and the arrows are fixed:
checks outside the tests drive the app with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Key:
    keys: str
    action: str
    label: str
    help: str
    group: str
    footer: bool = False


KEYS: tuple[Key, ...] = (
    # moving (bound on the bead table itself, listed here for help)
    Key("↑/k ↓/j", "", "Move", "Previous / next bead.", "Move"),
    Key("PgUp PgDn", "", "Page", "A screen up / down.", "Move"),
    Key("g/Home G/End", "", "First/last", "First / last bead.", "Move"),
    Key(
        "shift+↑ shift+↓",
        "",
        "Scroll",
        "Scroll a line without moving (a bead taller than the screen "
        "is read to its end this way); ctrl+↑/↓ too.",
        "Move",
    ),
    Key(
        "/",
        "search(1)",
        "Search",
        "Search forward in both languages. Plain text matches anywhere, "
        "ignoring case; start with re: for a regular expression.",
        "Move",
    ),
    Key("?", "search(-1)", "Search back", "Search backward (same syntax as /).", "Move"),
    Key("n", "next_match(1)", "Next match", "Next match of the last search.", "Move"),
    Key("N", "next_match(-1)", "Prev match", "Previous match of the last search.", "Move"),
    Key(
        "a",
        "next_unconfirmed(1)",
        "Next unconfirmed",
        "Next bead nobody confirmed yet (A: previous).",
        "Move",
    ),
    Key("A", "next_unconfirmed(-1)", "Prev unconfirmed", "Previous unconfirmed bead.", "Move"),
    Key(
        "f",
        "next_flagged(1)",
        "Next flagged",
        "Next flagged bead: a finding, an unpaired sentence or a score below .50 (F: previous).",
        "Move",
    ),
    Key("F", "next_flagged(-1)", "Prev flagged", "Previous flagged bead.", "Move"),
    Key(":", "goto", "Go to", "Go to bead N, or to source sentence sN / target sentence tN.", "Move"),
    Key("b", "bookmark", "Bookmark", "Set or clear a bookmark on this bead (kept in the project).", "Move"),
    Key("'", "next_bookmark", "Next bookmark", "Jump to the next bookmark.", "Move"),
    # editing
    Key("c", "confirm", "Confirm", "Confirm this bead and move to the next.", "Edit", True),
    Key("C", "confirm_up_to", "Confirm to here", "Confirm every bead from the first up to this one.", "Edit"),
    Key("o", "unconfirm", "Reopen", "Un-confirm this bead.", "Edit"),
    Key("m", "merge(1)", "Merge ↓", "Merge this bead with the next one.", "Edit", True),
    Key("M", "merge(-1)", "Merge ↑", "Merge this bead with the previous one.", "Edit"),
    Key(
        "s", "split", "Split", "Split this bead at a sentence boundary you choose on each side.", "Edit", True
    ),
    Key(
        "u", "unpair", "Unpair", "Unpair: every sentence of this bead becomes a row of its own.", "Edit", True
    ),
    Key("p", "pair", "Pair", "Pair this unpaired row with the unpaired row below (other language).", "Edit"),
    Key(
        "[",
        "shift('src','up')",
        "Src ↑",
        "Pull the next bead's first source sentence up into this bead.",
        "Edit",
    ),
    Key(
        "]",
        "shift('src','down')",
        "Src ↓",
        "Push this bead's last source sentence down into the next bead.",
        "Edit",
    ),
    Key(
        "{",
        "shift('tgt','up')",
        "Tgt ↑",
        "Pull the next bead's first target sentence up into this bead.",
        "Edit",
    ),
    Key(
        "}",
        "shift('tgt','down')",
        "Tgt ↓",
        "Push this bead's last target sentence down into the next bead.",
        "Edit",
    ),
    Key(
        "<",
        "rest('src','up')",
        "Src rest ↑",
        "Move the source side of this and the following rows up one row (until a gap).",
        "Edit",
    ),
    Key(
        ">",
        "rest('src','down')",
        "Src rest ↓",
        "Insert an empty source position here: this and the "
        "following source rows move down one row (until a gap).",
        "Edit",
    ),
    Key(
        ",",
        "rest('tgt','up')",
        "Tgt rest ↑",
        "Move the target side of this and the following rows up one row.",
        "Edit",
    ),
    Key(".", "rest('tgt','down')", "Tgt rest ↓", "Insert an empty target position here.", "Edit"),
    Key(
        "e",
        "edit('src')",
        "Edit src",
        "Edit the source sentences' text (one per line; ctrl+t splits a "
        "sentence at the cursor, ctrl+j joins it with the next). The original stays in the project.",
        "Edit",
    ),
    Key("E", "edit('tgt')", "Edit tgt", "Edit the target sentences' text.", "Edit"),
    Key(
        "R",
        "realign",
        "Realign",
        "Realign the unconfirmed beads from this stretch to the end with the "
        "aligner; confirmed and edited beads stay as anchors.",
        "Edit",
    ),
    Key(
        "escape",
        "cancel_work",
        "Stop",
        "Stop a running realign (or check, export) in the background.",
        "Edit",
    ),
    Key("ctrl+z", "undo", "Undo", "Undo the last edit.", "Edit", True),
    Key("ctrl+y", "redo", "Redo", "Redo what was undone.", "Edit"),
    # project
    Key(
        "ctrl+s",
        "save",
        "Save",
        "Save the project (atomically; never over a file changed on disk).",
        "Project",
        True,
    ),
    Key("l", "findings", "Findings", "The dari check findings; enter jumps to the row.", "Project"),
    Key(
        "v",
        "glossary",
        "Glossary",
        "The project's glossary (extracted from the beads when empty): a approve, r reject, "
        "x undecided, e edit the target, enter shows the pair.",
        "Project",
    ),
    Key(
        "T", "add_term", "Add term", "Add a glossary entry from this pair: type 'source = target'.", "Project"
    ),
    Key(
        "x",
        "export",
        "Export",
        "Export to TMX, CSV, TSV, XLIFF or beads (from the file suffix), as dari export.",
        "Project",
    ),
    Key("h,f1", "help", "Help", "This help.", "Project", True),
    Key("ctrl+p", "", "Commands", "The command palette: every action and dari command by name.", "Project"),
    Key("q", "quit", "Quit", "Quit; asks whether to save unsaved changes.", "Project", True),
)


def app_bindings() -> list[BindingType]:
    out: list[BindingType] = []
    for key in KEYS:
        if not key.action:
            continue
        keys = ",".join(k if k != "?" else "question_mark" for k in key.keys.split(","))
        keys = {
            "/": "slash",
            ":": "colon",
            "[": "left_square_bracket",
            "]": "right_square_bracket",
            "{": "left_curly_bracket",
            "}": "right_curly_bracket",
            "<": "less_than_sign",
            ">": "greater_than_sign",
            ",": "comma",
            ".": "full_stop",
            "'": "apostrophe",
        }.get(keys, keys)
        out.append(Binding(keys, key.action, key.label, show=key.footer, id=key.action))
    return out
