"""Candidates of languages written with spaces between words, by rules and no tagger model.

A phrase is a run of words that are not stop words (function words, pronouns, auxiliaries,
the commonest verbs and adverbs), cut at punctuation, one to ``max_words`` words long, never
starting or ending with a stop word. Inside a capitalised name a few joining words are allowed
(Republic of Korea, Justice for Khojaly, Heydar Aliyev Foundation), elsewhere they end the
phrase ("distribution of brochures" gives two candidates). Hyphenated forms stay one word
(Azerbaijan-Korea) and their parts are offered as well.

Counting folds case and the plural of the head word (brochure = brochures, embassy =
embassies) while the surface form is kept as written. A capital letter at the start of a
sentence says nothing, so such a word is a name only if it is capitalised elsewhere too; that
is decided later from all its occurrences (``name`` is True only for capitals mid-sentence).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossary.candidates import CandidateOptions, Occurrence

_WORD = re.compile(r"[^\W\d_](?:[\w’'.-]*[^\W_])?|\d+(?:[.,]\d+)*")
_BREAK = re.compile(r"[,;:()\[\]{}\"“”‘’«»!?…–—/|\\*#=<>]|\.(?:\s|$)|'(?:\s|$)|\s'")

ENGLISH_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "they",
        "them",
        "their",
        "theirs",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "i",
        "me",
        "my",
        "mine",
        "one",
        "ones",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "whatever",
        "whichever",
        "whoever",
        "where",
        "when",
        "why",
        "how",
        "whether",
        "if",
        "then",
        "than",
        "so",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "under",
        "up",
        "down",
        "to",
        "toward",
        "towards",
        "with",
        "within",
        "without",
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "among",
        "around",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "besides",
        "between",
        "beyond",
        "during",
        "except",
        "inside",
        "near",
        "outside",
        "since",
        "through",
        "throughout",
        "till",
        "until",
        "upon",
        "via",
        "per",
        "and",
        "or",
        "but",
        "nor",
        "yet",
        "also",
        "either",
        "neither",
        "both",
        "not",
        "no",
        "only",
        "just",
        "even",
        "still",
        "already",
        "very",
        "too",
        "quite",
        "rather",
        "much",
        "many",
        "more",
        "most",
        "less",
        "least",
        "few",
        "fewer",
        "some",
        "any",
        "all",
        "each",
        "every",
        "other",
        "another",
        "such",
        "same",
        "own",
        "several",
        "various",
        "certain",
        "enough",
        "else",
        "is",
        "am",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "done",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "will",
        "would",
        "need",
        "needs",
        "let",
        "lets",
        "get",
        "gets",
        "got",
        "getting",
        "make",
        "makes",
        "made",
        "making",
        "take",
        "takes",
        "took",
        "taken",
        "use",
        "uses",
        "used",
        "using",
        "see",
        "seen",
        "give",
        "given",
        "say",
        "said",
        "says",
        "go",
        "goes",
        "went",
        "gone",
        "come",
        "came",
        "become",
        "becomes",
        "became",
        "well",
        "way",
        "ways",
        "thing",
        "things",
        "something",
        "anything",
        "nothing",
        "everything",
        "lot",
        "lots",
        "often",
        "always",
        "never",
        "sometimes",
        "usually",
        "now",
        "however",
        "therefore",
        "thus",
        "hence",
        "instead",
        "although",
        "though",
        "because",
        "while",
        "unless",
        "whereas",
        "etc",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "mr",
        "mrs",
        "ms",
        "dr",
        "vs",
        "yes",
        "okay",
        "ok",
        "like",
        "including",
        "include",
        "includes",
        "included",
        "following",
        "follows",
        "follow",
        "new",
        "old",
        "first",
        "last",
        "next",
        "previous",
        "further",
        "other's",
        "able",
        "available",
        "possible",
        "different",
        "important",
        "example",
        "examples",
        "case",
        "cases",
        "part",
        "parts",
        "number",
        "numbers",
        "kind",
        "kinds",
        "sort",
        "type",
        "types",
        "time",
        "times",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "year",
        "years",
        "month",
        "months",
        "day",
        "days",
        "week",
        "weeks",
    ]
)
# Words that may join the parts of a capitalised name (and only there).
_NAME_JOINERS = frozenset({"of", "for", "the", "de", "del", "der", "van", "von", "la", "le", "du", "&"})
_ADVERB = re.compile(r"[a-z]{3,}ly$")
_PAST = re.compile(r"[a-z]{3,}ed$")
_GERUND = re.compile(r"[a-z]{3,}ing$")


def fold_plural(word: str) -> str:
    """The singular used for counting (surface forms are kept elsewhere)."""
    w = word.lower()
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is", "'s", "’s")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    return w[:-1]


def phrase_key(words: Sequence[str]) -> str:
    """Lower case, with the head word's plural folded."""
    lowered = [w.lower() for w in words]
    lowered[-1] = fold_plural(lowered[-1])
    return " ".join(lowered)


class WordExtractor:
    """Noun-phrase-like candidates for English and other space-separated languages."""

    def __init__(self, options: CandidateOptions, lang: str) -> None:
        self.options = options
        english = lang.split("-")[0].lower() == "en"
        self.stop = (ENGLISH_STOP if english else frozenset()) | options.stop_words
        self.english = english

    def __call__(self, sentences: Sequence[str]) -> list[list[Occurrence]]:
        return [self.sentence(text) for text in sentences]

    def _is_stop(self, word: str) -> bool:
        low = word.lower()
        if low in self.stop:
            return True
        if not self.options.include_numbers and (any(c.isdigit() for c in word) or len(word) == 1):
            return True
        if self.english and not word[0].isupper():
            return bool(_ADVERB.match(word) or _PAST.match(word))
        return False

    def sentence(self, text: str) -> list[Occurrence]:
        out: list[Occurrence] = []
        for chunk_start, chunk_end, sentence_start in _chunks(text):
            words = [
                _without_possessive(m.group(), m.start())
                for m in _WORD.finditer(text, chunk_start, chunk_end)
            ]
            out.extend(self._runs(text, words, sentence_start=sentence_start))
        return out

    def _runs(self, text: str, words: list[tuple[str, int, int]], sentence_start: bool) -> list[Occurrence]:
        out: list[Occurrence] = []
        run: list[tuple[str, int, int, bool]] = []  # word, start, end, capitalised mid-sentence
        for idx, (word, start, end) in enumerate(words):
            capital = word[0].isupper() and not (idx == 0 and sentence_start)
            if not self._is_stop(word):
                run.append((word, start, end, capital or (word[0].isupper() and word[1:2].isupper())))
                continue
            last_content = next((w for w, *_ in reversed(run) if w.lower() not in _NAME_JOINERS), "")
            if run and word.lower() in _NAME_JOINERS and last_content[:1].isupper():
                k = idx
                while k < len(words) and words[k][0].lower() in _NAME_JOINERS:
                    k += 1
                if k < len(words) and words[k][0][0].isupper() and not self._is_stop(words[k][0]):
                    run.append((word, start, end, False))
                    continue
            out.extend(self._phrases(text, run))
            run = []
        out.extend(self._phrases(text, run))
        return out

    def _phrases(self, text: str, run: list[tuple[str, int, int, bool]]) -> list[Occurrence]:
        while run and run[-1][0].lower() in _NAME_JOINERS:
            run = run[:-1]
        if self.english and len(run) > 1 and _GERUND.match(run[-1][0]):
            run = run[:-1]  # "bicycle marathon aiming": a verb ends the phrase
        n = len(run)
        if not n:
            return []
        whole = phrase_key([w for w, *_ in run])
        out: list[Occurrence] = []
        for i in range(n):
            if run[i][0].lower() in _NAME_JOINERS:
                continue
            content_count = 0
            for j in range(i + 1, n + 1):
                if run[j - 1][0].lower() in _NAME_JOINERS:
                    continue
                content_count += 1
                if content_count > self.options.max_words:
                    break
                words = [w for w, *_ in run[i:j]]
                content = [w for w in words if w.lower() not in _NAME_JOINERS]
                start, end = run[i][1], run[j - 1][2]
                maximal = i == 0 and j == n
                out.append(
                    Occurrence(
                        key=phrase_key(words),
                        surface=text[start:end],
                        start=start,
                        end=end,
                        words=len(content),
                        name=all(cap for w, _, _, cap in run[i:j] if w.lower() not in _NAME_JOINERS),
                        maximal=maximal,
                        head=j == n,
                        container="" if maximal else whole,
                    )
                )
                if "-" in words[0] and j == i + 1:
                    out.extend(_hyphen_parts(run[i], whole))
        return out


def _without_possessive(word: str, start: int) -> tuple[str, int, int]:
    """Washington's is Washington: the possessive is grammar, not part of the name."""
    if len(word) > 3 and word[-2:] in ("'s", "’s"):
        word = word[:-2]
    return word, start, start + len(word)


def _hyphen_parts(item: tuple[str, int, int, bool], container: str) -> list[Occurrence]:
    word, start, _end, capital = item
    out: list[Occurrence] = []
    offset = start
    parts = word.split("-")
    for k, part in enumerate(parts):
        if len(part) > 1 and part[0].isalpha():
            out.append(
                Occurrence(
                    key=phrase_key([part]),
                    surface=part,
                    start=offset,
                    end=offset + len(part),
                    words=1,
                    name=capital or part[0].isupper(),
                    maximal=False,
                    head=k == len(parts) - 1,
                    container=container,
                )
            )
        offset += len(part) + 1
    return out


def _chunks(text: str) -> list[tuple[int, int, bool]]:
    """Stretches between punctuation that no term crosses, and whether each starts a sentence."""
    spans: list[tuple[int, int, bool]] = []
    pos = 0
    starts_sentence = True
    for m in _BREAK.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start(), starts_sentence))
            starts_sentence = False
        if m.group()[:1] in "!?…" or (
            m.group()[:1] == "."
            and m.start() > 0
            and (text[m.start() - 1].islower() or text[m.start() - 1].isdigit())
        ):
            starts_sentence = True
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text), starts_sentence))
    return spans
