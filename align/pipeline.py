"""From user files to an aligned ``Bitext``: read, split, encode, align.

This is the one place that wires the core pieces together; the CLI, the checks and (later)
the TUI and batch runners call it rather than repeating the sequence. Heavy pieces
(kiwipiepy, encoders) are imported lazily so that loading a project file stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align.errors import InputError, UsageError
from align.model import Bitext, Document, validate_beads
from align.progress import CancelCallback, ProgressCallback, report
from align.reading import DecodedText, read_text
from align.version import __version__

if TYPE_CHECKING:
    from align.aligner import AlignParams
    from align.encoders import Encoder, EncoderOptions

PROJECT_SUFFIX = ".dari.json"


@dataclass(frozen=True, slots=True)
class InputOptions:
    """How to read the user's files: languages (None = detect) and whether lines are sentences."""

    src_lang: str | None = None
    tgt_lang: str | None = None
    presplit: bool = False


def is_project_file(path: str | Path) -> bool:
    """A project file is recognised by suffix, or by its JSON marker for renamed files."""
    p = Path(path)
    if p.name.endswith(PROJECT_SUFFIX):
        return True
    if p.suffix.lower() != ".json" or not p.is_file():
        return False
    try:
        with p.open("rb") as handle:
            head = handle.read(256).decode("utf-8", "ignore")
    except OSError:
        return False
    return '"dari-project"' in head


def _language(doc_name: str, text: str, given: str | None) -> str:
    """The document's language: detected, or the one the user named once the text's script
    agrees with it. Text without letters is refused here, naming the file."""
    from align.languages import detect_language, script_profile

    if not sum(script_profile(text).values()):
        raise InputError(f"{doc_name}: contains no letters; nothing to align")
    if given is None:
        return detect_language(text)
    from align.languages import is_language_tag, language_tag_error

    if not is_language_tag(given):
        raise UsageError(f"language {language_tag_error(given)}")
    check_script(doc_name, text, given)
    return given


def check_script(doc_name: str, text: str, lang: str) -> None:
    """Refuse text written in no trace of the script ``lang`` needs (English given as Korean);
    languages sharing the Latin script cannot be told apart this way and always pass."""
    from align.languages import script_profile

    profile = script_profile(text)
    letters = sum(profile.values())
    expected = {"ko": "hangul", "zh": "han", "ja": "kana", "ru": "cyrillic"}.get(lang)
    if letters and expected and profile.get(expected, 0) < 0.05 * letters:
        raise InputError(
            f"{doc_name}: language given as '{lang}' but the text has almost no {expected} script"
        )


def _document(name: str, decoded: DecodedText, lang: str | None, presplit: bool) -> Document:
    from align.segment import split_lines, split_sentences

    text = decoded.text
    lang = _language(name, text, lang)
    segments = split_lines(text) if presplit else split_sentences(text, lang)
    if not any(s.text for s in segments):
        raise InputError(f"{name}: no sentences found")
    return Document(lang=lang, text=text, segments=segments, path=name, encoding=decoded.encoding)


def document_from_text(name: str, text: str, lang: str | None = None, presplit: bool = False) -> Document:
    """A document from text already in memory (the Python API's way in), split like a file's."""
    return _document(name, DecodedText(text=text, encoding="utf-8", crlf=False), lang, presplit)


def read_documents(
    paths: Sequence[str | Path], options: InputOptions = InputOptions()
) -> tuple[Document, Document]:
    """Read one bilingual file or two monolingual files into source and target documents."""
    from align.segment import split_bilingual, split_sentences

    if len(paths) == 2:
        src_dec = read_text(paths[0])
        tgt_dec = read_text(paths[1])
        src = _document(str(paths[0]), src_dec, options.src_lang, options.presplit)
        tgt = _document(str(paths[1]), tgt_dec, options.tgt_lang, options.presplit)
        if src.lang == tgt.lang and not (options.src_lang and options.tgt_lang):
            raise InputError(
                f"both inputs look like the same language ('{src.lang}'); "
                "give --src-lang and --tgt-lang if that is intended"
            )
        return src, tgt
    if len(paths) != 1:
        raise UsageError(f"expected one bilingual file or two files, got {len(paths)}")
    if options.presplit:
        raise UsageError("--presplit needs two files (one sentence per line each), not one bilingual file")
    name = str(paths[0])
    decoded = read_text(paths[0])
    split = split_bilingual(decoded.text)
    langs = list(split.langs)
    if options.src_lang or options.tgt_lang:
        src_given, tgt_given = options.src_lang, options.tgt_lang
        # a file in Korean then English, aligned as ko -> en: naming either side is enough
        swap = (src_given == langs[1] and tgt_given in (None, langs[0])) or (
            tgt_given == langs[0] and src_given in (None, langs[1])
        )
        if swap:
            langs.reverse()
            spans = (split.spans[1], split.spans[0])
        else:
            spans = split.spans
        langs = [options.src_lang or langs[0], options.tgt_lang or langs[1]]
    else:
        spans = split.spans
    docs = []
    for lang, side_spans, given in zip(langs, spans, (options.src_lang, options.tgt_lang), strict=True):
        if given:  # a named language must match that side's paragraphs (not ja for Korean)
            check_script(name, "\n".join(decoded.text[a:b] for a, b in side_spans), lang)
        segments = split_sentences(decoded.text, lang, side_spans)
        if not segments:
            raise InputError(f"{name}: no '{lang}' sentences found")
        docs.append(
            Document(lang=lang, text=decoded.text, segments=segments, path=name, encoding=decoded.encoding)
        )
    return docs[0], docs[1]


def align_documents(
    source: Document,
    target: Document,
    *,
    encoder: str | Encoder = "use",
    encoder_options: EncoderOptions | None = None,
    params: AlignParams | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> Bitext:
    """Align two documents; the result carries a signature that reproduces it."""
    from align.aligner import AlignParams, align_segments
    from align.encoders import EncoderOptions

    enc = (encoder_options or EncoderOptions()).load(encoder) if isinstance(encoder, str) else encoder
    params = params or AlignParams()
    report(progress, "align", 0, 0)
    beads = align_segments(
        source.segments, target.segments, enc, params=params, progress=progress, cancel=cancel
    )
    validate_beads(beads, len(source.segments), len(target.segments))
    signature: dict[str, Any] = {
        "dari": __version__,
        "encoder": enc.signature(),
        "aligner": params.to_dict(),
        "langs": [source.lang, target.lang],
    }
    return Bitext(source=source, target=target, beads=beads, signature=signature)


def load_bitext(
    paths: Sequence[str | Path],
    options: InputOptions = InputOptions(),
    *,
    encoder: str | Encoder = "use",
    encoder_options: EncoderOptions | None = None,
    params: AlignParams | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> Bitext:
    """A project file as it is (reviewed beads kept), or texts read and aligned afresh."""
    from align.project import load_project

    if len(paths) == 1 and is_project_file(paths[0]):
        return load_project(paths[0])
    if isinstance(encoder, str):
        # the model loads on a helper thread while the texts are read and split (sentencepiece
        # and numpy release the GIL while loading): ~0.2 s of every `dari align`
        from concurrent.futures import ThreadPoolExecutor

        from align.encoders import EncoderOptions

        with ThreadPoolExecutor(1, thread_name_prefix="dari-load") as helper:
            loading = helper.submit((encoder_options or EncoderOptions()).load, encoder)
            source, target = read_documents(paths, options)
            encoder = loading.result()
    else:
        source, target = read_documents(paths, options)
    return align_documents(
        source,
        target,
        encoder=encoder,
        encoder_options=encoder_options,
        params=params,
        progress=progress,
        cancel=cancel,
    )


def bitext_summary(bitext: Bitext) -> dict[str, Any]:
    """Counts by bead type, for the CLI's closing line and reports."""
    kinds: dict[str, int] = {}
    for bead in bitext.beads:
        kinds[bead.kind] = kinds.get(bead.kind, 0) + 1
    return {
        "source_sentences": len(bitext.source.segments),
        "target_sentences": len(bitext.target.segments),
        "beads": len(bitext.beads),
        "kinds": dict(sorted(kinds.items())),
    }
