"""Any local transformers model directory as an encoder (LaBSE, e5, MiniLM, ...).

Loaded with ``AutoTokenizer``/``AutoModel`` from the directory alone: ``local_files_only`` and
the hub's offline switches are set for the call, so a missing file is an ``InputError`` and
never a download. Runs on CUDA when present or where ``device`` says.

Batching by length and by token budget: texts are tokenised once, sorted longest first, cut
into batches padded only to their own longest member and holding at most a budget of padded
tokens (so a batch of long sentences is as heavy as one of short ones, and the GPU's memory
bounds the budget, not the sentence count), and the rows put back in input order. Padding a
batch of similar lengths wastes little; padding 10-token sentences to a 200-token neighbour
would waste almost all of the work, since attention cost grows with the square of the length.

On CUDA: the weights stay float32 and the forward pass runs under autocast (bfloat16 where the
GPU supports it, else float16), which keeps the reductions (layer norm, softmax, pooling) in
float32; each batch's ids are built in one numpy operation, pinned and copied without
blocking; pooled rows stay on the GPU until a chunk is done, then come back in one copy; and
the next chunk is tokenised on a CPU thread while the GPU works on the current one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from align.encoders.cache import CachingEncoder, EmbeddingCache
from align.encoders.hf_spec import HfOptions
from align.errors import InputError, MissingDependencyError, UsageError
from align.progress import CancelCallback, ProgressCallback, check_cancel, report

DEFAULT_BATCH_CPU = 32
DEFAULT_BATCH_CUDA = 1024
TOKEN_BUDGET_CPU = 4_096
"""Padded tokens per CPU batch: 32 sentences of 128 tokens, the old fixed batch at typical length."""
TOKEN_BUDGET_CUDA = 65_536
"""Padded tokens per GPU batch: a LaBSE-sized model's activations for it fit a few GiB."""
CHUNK_TEXTS = 8_192
"""Texts tokenised (and sorted) together; on CUDA the next chunk is tokenised during this one."""
MAX_LENGTH_CAP = 512
_FINGERPRINT_EDGE = 1 << 20
_OFFLINE_VARS = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")

_LOADED: dict[tuple[str, str], tuple[Any, Any, frozenset[str]]] = {}
_LOAD_LOCK = threading.Lock()


@contextlib.contextmanager
def _quiet_offline_load() -> Iterator[None]:
    """The hub's offline switches on, transformers' progress bars and notices off, for one load.

    Library code never prints; transformers otherwise draws a "Loading weights" bar and logs
    notices to stderr. Every setting is restored afterwards.
    """
    from transformers.utils import logging as hf_logging

    saved = {name: os.environ.get(name) for name in _OFFLINE_VARS}
    bars = hf_logging.is_progress_bar_enabled()
    verbosity = hf_logging.get_verbosity()
    try:
        for name in _OFFLINE_VARS:
            os.environ[name] = "1"
        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if bars:
            hf_logging.enable_progress_bar()
        hf_logging.set_verbosity(verbosity)


def model_directory(path: str) -> Path:
    """The model directory, or an ``InputError`` saying why it cannot be one."""
    directory = Path(path).expanduser()
    if not directory.exists():
        raise InputError(f"hf model directory not found: {path}")
    if not directory.is_dir():
        raise InputError(f"hf model path is not a directory: {path}")
    if not (directory / "config.json").is_file():
        raise InputError(f"{path}: not a transformers model directory (no config.json)")
    return directory.resolve()


def fingerprint(directory: Path) -> str:
    """A sha256 over the model's files: small files whole, large weight files by size and edges.

    Hashing gigabytes of weights on every run would cost seconds; size plus the first and last
    MiB tells apart any two checkpoints one meets in practice.
    """
    digest = hashlib.sha256()
    for file in sorted(p for p in directory.rglob("*") if p.is_file()):
        relative = file.relative_to(directory).as_posix()
        if relative.startswith("."):
            continue
        size = file.stat().st_size
        digest.update(f"{relative}\0{size}\0".encode())
        with file.open("rb") as handle:
            if size <= 2 * _FINGERPRINT_EDGE:
                digest.update(handle.read())
            else:
                digest.update(handle.read(_FINGERPRINT_EDGE))
                handle.seek(size - _FINGERPRINT_EDGE)
                digest.update(handle.read(_FINGERPRINT_EDGE))
    return digest.hexdigest()


def _resolve_device(torch: Any, device: str | None) -> str:
    if device is None or device == "":
        return "cuda" if torch.cuda.is_available() else "cpu"
    try:
        parsed = torch.device(device)
    except (RuntimeError, ValueError):
        raise UsageError(f"unknown device '{device}' (use cpu, cuda or cuda:N)") from None
    if parsed.type == "cuda" and not torch.cuda.is_available():
        raise UsageError(f"device '{device}' asked for, but torch sees no CUDA device")
    return str(parsed)


def _load(directory: Path, device: str) -> tuple[Any, Any, frozenset[str]]:
    """Tokenizer, model and the names of weights the checkpoint lacked, once per (directory, device).

    transformers fills weights missing from a checkpoint with random values and only logs it;
    an encoder built on random weights would quietly produce meaningless vectors, so the caller
    checks the missing names.
    """
    key = (str(directory), device)
    with _LOAD_LOCK:
        if key in _LOADED:
            return _LOADED[key]
        from transformers import AutoModel, AutoTokenizer

        try:
            with _quiet_offline_load():
                tokenizer = AutoTokenizer.from_pretrained(str(directory), local_files_only=True)
                model, info = AutoModel.from_pretrained(
                    str(directory), local_files_only=True, output_loading_info=True
                )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(f"{directory}: cannot load a transformers model: {first_line}") from exc
        model.eval()
        model.to(device)
        missing = frozenset(str(name) for name in info.get("missing_keys", ()))
        _LOADED[key] = (tokenizer, model, missing)
        return tokenizer, model, missing


def _check_complete(directory: Path, missing: frozenset[str], pooling: str) -> None:
    """Refuse a model whose used weights were not in the checkpoint (they would be random)."""
    pooler = {name for name in missing if "pooler" in name}
    others = sorted(missing - pooler)
    if others:
        raise InputError(
            f"{directory}: the checkpoint lacks {len(others)} weights the model needs (e.g. {others[0]})"
        )
    if pooler and pooling == "pooler":
        raise UsageError(
            f"{directory}: the checkpoint has no pooler weights; use #pooling=mean or #pooling=cls"
        )


class HfEncoder(CachingEncoder):
    """A local transformers model, pooled and L2-normalised (see the module docstring)."""

    def __init__(
        self,
        options: HfOptions,
        *,
        device: str | None = None,
        batch_size: int | None = None,
        threads: int | None = None,
        cache: EmbeddingCache | None = None,
    ) -> None:
        try:
            import torch
            import transformers
        except ImportError as exc:
            raise MissingDependencyError(
                "the hf encoder needs transformers and torch: pip install 'dari[hf]'"
            ) from exc
        directory = model_directory(options.path)
        self._torch = torch
        self.device = _resolve_device(torch, device)
        if threads is not None:
            torch.set_num_threads(threads)
        self.options = options
        self._tokenizer, self._model, missing = _load(directory, self.device)
        _check_complete(directory, missing, options.pooling)
        config = self._model.config
        self.dim = int(config.hidden_size)
        self.name = f"hf:{directory}"
        on_cuda = torch.device(self.device).type == "cuda"
        self.on_cuda = on_cuda
        self.batch_size = batch_size or (DEFAULT_BATCH_CUDA if on_cuda else DEFAULT_BATCH_CPU)
        self.token_budget = TOKEN_BUDGET_CUDA if on_cuda else TOKEN_BUDGET_CPU
        limits = [MAX_LENGTH_CAP, int(getattr(self._tokenizer, "model_max_length", MAX_LENGTH_CAP))]
        positions = getattr(config, "max_position_embeddings", None)
        if isinstance(positions, int) and positions > 2:
            limits.append(positions)
        self.max_length = options.max_length or min(limits)
        pad_id = self._tokenizer.pad_token_id
        self._pad_id = int(pad_id) if pad_id is not None else 0
        self._signature: dict[str, Any] = {
            "backend": "hf",
            "path": str(directory),
            "fingerprint_sha256": fingerprint(directory),
            "model_type": getattr(config, "model_type", None),
            "architectures": list(getattr(config, "architectures", None) or []),
            "pooling": options.pooling,
            "prefix": options.prefix,
            "max_length": self.max_length,
            "dim": self.dim,
            "dtype": self._autocast_dtype_name() if on_cuda else "float32",
            "device_type": torch.device(self.device).type,
            "normalised": True,
            "transformers_version": transformers.__version__,
            "torch_version": torch.__version__,
        }
        self.cache = cache
        if cache is not None:
            cache.claim(f"hf:{self._signature['fingerprint_sha256'][:16]}:{options.pooling}:{options.prefix}")

    def _token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        prefixed = [self.options.prefix + text for text in texts]
        encoded = self._tokenizer(
            prefixed, truncation=True, max_length=self.max_length, padding=False, return_attention_mask=False
        )
        return [list(ids) for ids in encoded["input_ids"]]

    def _autocast_dtype_name(self) -> str:
        torch = self._torch
        return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"

    def _compute(
        self, texts: Sequence[str], progress: ProgressCallback | None, cancel: CancelCallback | None
    ) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        total = len(texts)
        report(progress, "encode", 0, total)
        starts = list(range(0, total, CHUNK_TEXTS))
        if not starts:
            return out
        done = 0
        with contextlib.ExitStack() as stack:
            # on CUDA the CPU tokenises the next chunk while the GPU runs this one
            pool = stack.enter_context(ThreadPoolExecutor(1)) if self.on_cuda and len(starts) > 1 else None
            pending = None
            for k, start in enumerate(starts):
                chunk = texts[start : start + CHUNK_TEXTS]
                ids = pending.result() if pending is not None else self._token_ids(chunk)
                pending = None
                if pool is not None and k + 1 < len(starts):
                    nxt = starts[k + 1]
                    pending = pool.submit(self._token_ids, texts[nxt : nxt + CHUNK_TEXTS])
                for rows_done in self._encode_chunk(ids, out[start : start + len(chunk)], cancel):
                    report(progress, "encode", done + rows_done, total)
                done += len(chunk)
        return out

    def _encode_chunk(
        self, ids: list[list[int]], out: np.ndarray, cancel: CancelCallback | None
    ) -> Iterator[int]:
        """Encode one chunk's token ids into ``out`` (input order), yielding rows done so far."""
        torch = self._torch
        lengths = np.fromiter((len(x) for x in ids), dtype=np.int64, count=len(ids))
        order = np.argsort(-lengths, kind="stable")
        flat_sorted = np.fromiter(
            (t for i in order for t in ids[i]), dtype=np.int64, count=int(lengths.sum())
        )
        offsets = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum(lengths[order], out=offsets[1:])
        device = torch.device(self.device)
        autocast = (
            torch.autocast(device_type="cuda", dtype=getattr(torch, self._autocast_dtype_name()))
            if self.on_cuda
            else contextlib.nullcontext()
        )
        pooled_rows: list[tuple[np.ndarray, Any]] = []
        done = 0
        with torch.inference_mode(), autocast:
            for first, last in token_budget_batches(lengths[order], self.token_budget, self.batch_size):
                check_cancel(cancel)
                rows = order[first:last]
                input_ids, mask = padded_batch(
                    flat_sorted[offsets[first] : offsets[last]], lengths[rows], self._pad_id
                )
                input_ids_t = torch.from_numpy(input_ids)
                mask_t = torch.from_numpy(mask)
                if self.on_cuda:
                    input_ids_t = input_ids_t.pin_memory().to(device, non_blocking=True)
                    mask_t = mask_t.pin_memory().to(device, non_blocking=True)
                pooled = self._forward(input_ids_t, mask_t).float()
                if self.on_cuda:
                    pooled_rows.append((rows, pooled))  # stays on the GPU: no sync per batch
                else:
                    out[rows] = pooled.numpy()
                done += len(rows)
                if not self.on_cuda:
                    yield done
        if pooled_rows:
            gathered = torch.cat([p for _, p in pooled_rows]).cpu().numpy()
            out[np.concatenate([r for r, _ in pooled_rows])] = gathered
            yield done

    def _forward(self, input_ids: Any, mask: Any) -> Any:
        outputs = self._model(input_ids=input_ids, attention_mask=mask)
        pooling = self.options.pooling
        if pooling == "pooler":
            pooled = getattr(outputs, "pooler_output", None)
            if pooled is None:
                raise UsageError(f"{self.name} has no pooler output; use #pooling=mean or #pooling=cls")
            return pooled
        hidden = outputs.last_hidden_state
        if pooling == "cls":
            return hidden[:, 0]
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        summed = (hidden * weights).sum(dim=1, dtype=self._torch.float32)
        return summed / weights.sum(dim=1, dtype=self._torch.float32).clamp(min=1.0)


def token_budget_batches(sorted_lengths: np.ndarray, budget: int, max_rows: int) -> Iterator[tuple[int, int]]:
    """``[first, last)`` ranges over lengths sorted longest first: each batch's padded size
    (rows times its first, longest, length) stays within ``budget`` and its rows within
    ``max_rows``; a sentence longer than the budget is a batch of its own."""
    n = len(sorted_lengths)
    first = 0
    while first < n:
        width = max(1, int(sorted_lengths[first]))
        rows = max(1, min(max_rows, budget // width))
        last = min(n, first + rows)
        yield first, last
        first = last


def padded_batch(flat: np.ndarray, lengths: np.ndarray, pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    """Token ids laid out as rows padded to the longest, and the attention mask, built in one
    vectorised step each instead of a tensor per row."""
    width = int(lengths.max()) if len(lengths) else 0
    mask = np.arange(width)[None, :] < lengths[:, None]
    input_ids = np.full((len(lengths), width), pad_id, dtype=np.int64)
    input_ids[mask] = flat  # row-major order of the mask's True cells = the rows' tokens in order
    return input_ids, mask.astype(np.int64)
