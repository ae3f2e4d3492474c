"""Sentence embeddings with onnxruntime: the same model, exported once to ONNX, fp32 or int8.

The first :class:`OnnxEmbedder` for a model exports its transformer with torch's own ONNX
exporter into a cache directory and, for ``precision="int8"``, quantises the weight
MatMuls (dynamic, per-channel QInt8, after moving the activations' outlier channels into
the weights; four FFN output projections and the embedding tables stay fp32). Later
processes reuse the cached files. Every cached file
has a ``.sha256`` file beside it (``sha256sum -c`` format); a file whose hash does not
match is rebuilt, and files are written to a temporary name and renamed, under a lock,
so concurrent processes never read half a file.

Tokenisation uses the model's ``tokenizer.json`` (the ``tokenizers`` library, truncated to
the model's ``max_seq_length``), then mean pooling over the tokens and L2 normalisation,
as the sentence-transformers pipeline of the supported models (Transformer + mean
Pooling [+ Normalize]) does. Each text gets its own forward pass (no padding), and
several texts run in parallel; see :class:`OnnxEmbedder`.

Only local model directories (and :data:`~claimmatch.embedder.DEFAULT_MODEL`, shipped
in a pip package) are supported: the ONNX backend never downloads anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
import logging
import math
import os
import re
import tempfile
import threading
import warnings
import weakref
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

import numpy as np
import numpy.typing as npt

from claimmatch.embedder import DEFAULT_MODEL, normalize_rows, resolve_model
from claimmatch.errors import ClaimMatchError, InvalidArgumentError, InvalidTypeError, ModelLoadError

if TYPE_CHECKING:
    from tokenizers import Encoding

__all__ = ["EXPORT_VERSION", "OnnxEmbedder", "Precision", "default_cache_dir", "model_fingerprint"]

#: Numeric precision of the ONNX model: ``"fp32"`` (the exported weights as they are)
#: or ``"int8"`` (weights dynamically quantised to int8, per output channel).
Precision = Literal["fp32", "int8"]

#: Changes whenever the export or quantisation recipe changes, so old cache entries are not reused.
EXPORT_VERSION = 2

_INSTALL_HINT = "pip install 'claimmatch[onnx]' (or: pip install onnxruntime onnx)"
_OPSET = 17
_FP32_FILE = "model.onnx"
_INT8_FILE = "model-int8.onnx"
_INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
_SUPPORTED_MODULES = {
    "sentence_transformers.models.Transformer": "transformer",
    "sentence_transformers.models.Pooling": "pooling",
    "sentence_transformers.models.Normalize": "normalize",
    "sentence_transformers.base.modules.transformer.Transformer": "transformer",
    "sentence_transformers.sentence_transformer.modules.pooling.Pooling": "pooling",
    "sentence_transformers.base.modules.normalize.Normalize": "normalize",
}
_LOG = logging.getLogger(__name__)
#: Most onnxruntime threads for one text by default: more split ~25-token MatMuls too finely.
_SINGLE_TEXT_THREADS = 2
_THREAD_LOCK = threading.Lock()  # flock excludes other processes; this covers threads without fcntl


def default_cache_dir() -> Path:
    """Return the root of the ONNX export cache.

    ``$CLAIMMATCH_CACHE/onnx`` when that variable is set, else
    ``$XDG_CACHE_HOME/claimmatch/onnx``, else ``~/.cache/claimmatch/onnx``.
    """
    env = os.environ.get("CLAIMMATCH_CACHE")
    if env:
        return Path(env).expanduser() / "onnx"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "claimmatch" / "onnx"


@dataclass(frozen=True)
class _ModelSpec:
    """What the ONNX backend needs to know about a sentence-transformers model directory."""

    root: Path
    transformer_dir: Path
    max_seq_length: int
    dimension: int
    do_lower_case: bool


def _read_json(path: Path) -> dict[str, Any] | list[Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"cannot read {path} ({type(exc).__name__}: {exc})") from exc
    if not isinstance(data, dict | list):
        raise ModelLoadError(f"{path} is not a JSON object")
    return data


def _read_spec(root: Path) -> _ModelSpec:
    """Check that ``root`` is a model the ONNX backend reproduces exactly, and describe it."""
    unsupported = "; use backend='torch' for this model"
    transformer_dir, pooling_dir = root, None
    modules_file = root / "modules.json"
    if modules_file.is_file():
        modules = _read_json(modules_file)
        kinds: dict[str, Path] = {}
        for module in modules if isinstance(modules, list) else []:
            kind = _SUPPORTED_MODULES.get(str(module.get("type", "")))
            if kind is None or kind in kinds:
                raise ModelLoadError(
                    f"the ONNX backend supports Transformer + Pooling [+ Normalize] models only; "
                    f"{root} has module {module.get('type')!r}{unsupported}"
                )
            kinds[kind] = root / str(module.get("path", ""))
        if "transformer" not in kinds or "pooling" not in kinds:
            raise ModelLoadError(f"{root}/modules.json has no Transformer and Pooling module{unsupported}")
        transformer_dir, pooling_dir = kinds["transformer"], kinds["pooling"]
    if pooling_dir is not None:
        pooling = _read_json(pooling_dir / "config.json")
        assert isinstance(pooling, dict)
        modes = sorted(k for k, v in pooling.items() if k.startswith("pooling_mode") and v)
        if modes != ["pooling_mode_mean_tokens"]:
            raise ModelLoadError(f"the ONNX backend supports mean pooling only, {root} uses {modes}{unsupported}")
    config = _read_json(transformer_dir / "config.json")
    assert isinstance(config, dict)
    st_config_file = transformer_dir / "sentence_bert_config.json"
    st_config = _read_json(st_config_file) if st_config_file.is_file() else {}
    assert isinstance(st_config, dict)
    if not (transformer_dir / "tokenizer.json").is_file():
        raise ModelLoadError(f"the ONNX backend needs a fast tokenizer file, tokenizer.json, in {transformer_dir}")
    max_positions = int(config.get("max_position_embeddings", 512))
    max_seq_length = int(st_config.get("max_seq_length") or max_positions)
    dimension = int(config.get("hidden_size") or config.get("dim") or 0)
    if dimension <= 0:
        raise ModelLoadError(f"{transformer_dir}/config.json gives no hidden_size{unsupported}")
    return _ModelSpec(
        root=root,
        transformer_dir=transformer_dir,
        max_seq_length=min(max_seq_length, max_positions),
        dimension=dimension,
        do_lower_case=bool(st_config.get("do_lower_case", False)),
    )


def model_fingerprint(model_dir: str | Path) -> str:
    """Return the cache key of a model directory: a hash of its path, file names, sizes and mtimes.

    Cheap (no file is read), and it changes when the model is reinstalled or edited in
    place, or when :data:`EXPORT_VERSION` changes.
    """
    root = Path(model_dir).expanduser().resolve()
    digest = hashlib.sha256(f"claimmatch-onnx-v{EXPORT_VERSION}\0{root}\0".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts):
        stat = path.stat()
        digest.update(f"{path.relative_to(root).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def _is_valid(path: Path) -> bool:
    """True when ``path`` exists and matches the sha256 stored beside it."""
    try:
        recorded = _sidecar(path).read_text("ascii").split()[0]
    except (OSError, IndexError, UnicodeDecodeError):
        return False
    try:
        return _sha256(path) == recorded
    except OSError:
        return False


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):  # not possible on Windows
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace_atomically(tmp: Path, dest: Path) -> None:
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, dest)


def _write_text_atomically(dest: Path, text: str) -> None:
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
    os.chmod(name, 0o644)
    _replace_atomically(Path(name), dest)


@contextlib.contextmanager
def _cache_lock(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``directory`` (``flock`` where available, plus a process lock)."""
    with _THREAD_LOCK, (directory / ".lock").open("a") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: the process lock above is all there is
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _build_file(dest: Path, build: Callable[[Path], None]) -> None:
    """Run ``build(tmp)`` and atomically install ``tmp`` as ``dest`` with its sha256 beside it."""
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        build(tmp)
        tmp.chmod(0o644)  # mkstemp makes 0600 files; a shared CLAIMMATCH_CACHE needs them readable
        digest = _sha256(tmp)
        _sidecar(dest).unlink(missing_ok=True)  # never a new file beside an old hash
        _replace_atomically(tmp, dest)
        _write_text_atomically(_sidecar(dest), f"{digest}  {dest.name}\n")
        _fsync_dir(dest.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _ensure(dest: Path, build: Callable[[Path], None]) -> bool:
    """Make ``dest`` valid, building it if it is missing or corrupt; True when it was (re)built."""
    if _is_valid(dest):
        return False
    with _cache_lock(dest.parent):
        if _is_valid(dest):  # another process finished it while we waited
            return False
        existed = dest.exists()
        if existed:
            _LOG.warning("cached ONNX file %s does not match its sha256; rebuilding it", dest)
        _build_file(dest, build)
        _LOG.info("%s ONNX file %s", "rebuilt" if existed else "wrote", dest)
        return True


def _text_tokenizer(spec: _ModelSpec) -> Any:
    """The model's tokenizer for one text per forward pass: no padding, truncated to ``max_seq_length``."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(spec.transformer_dir / "tokenizer.json"))
    tokenizer.no_padding()  # one text per forward pass: nothing to pad
    tokenizer.enable_truncation(max_length=spec.max_seq_length)
    return tokenizer


def _feeds(encoding: Encoding, input_names: Sequence[str]) -> dict[str, npt.NDArray[np.int64]]:
    """The model inputs of one unpadded text, keyed by the names the ONNX graph takes."""
    ids = np.asarray(encoding.ids, dtype=np.int64)[None, :]
    arrays = {
        "input_ids": ids,
        "attention_mask": np.ones_like(ids),
        "token_type_ids": np.asarray(encoding.type_ids, dtype=np.int64)[None, :],
    }
    return {name: arrays[name] for name in input_names}


def _sample_inputs(spec: _ModelSpec, texts: list[str]) -> dict[str, Any]:
    """Tokenise ``texts`` into padded int64 torch tensors, keyed by model input name."""
    import torch
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(spec.transformer_dir / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.enable_padding(pad_id=int((tokenizer.padding or {}).get("pad_id", 0)))
    encodings = tokenizer.encode_batch(texts)
    return {
        "input_ids": torch.tensor([e.ids for e in encodings], dtype=torch.long),
        "attention_mask": torch.tensor([e.attention_mask for e in encodings], dtype=torch.long),
        "token_type_ids": torch.tensor([e.type_ids for e in encodings], dtype=torch.long),
    }


def _export_fp32(spec: _ModelSpec, dest: Path) -> None:
    """Export the model's transformer to ONNX (last hidden state) with torch's TorchScript exporter."""
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise ModelLoadError(f"exporting to ONNX needs torch and transformers ({exc})") from exc

    model = AutoModel.from_pretrained(str(spec.transformer_dir), attn_implementation="eager")
    model.eval()
    accepted = inspect.signature(model.forward).parameters
    names = [name for name in _INPUT_NAMES if name in accepted]

    class _LastHiddenState(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.inner(**dict(zip(names, inputs, strict=True))).last_hidden_state  # type: ignore[no-any-return]

    # Trace with a padded batch of 2, so that the traced graph is the general one.
    feeds = _sample_inputs(spec, ["An example sentence to trace the model with.", "Short one."])
    dynamic_axes = {name: {0: "batch", 1: "sequence"} for name in [*names, "last_hidden_state"]}
    options: dict[str, Any] = {}
    parameters = inspect.signature(torch.onnx.export).parameters
    if "dynamo" in parameters:
        options["dynamo"] = False  # the TorchScript exporter: no onnxscript needed
    if "external_data" in parameters:
        options["external_data"] = False
    # The export is checked on other shapes than the traced ones, against torch outputs taken
    # before exporting (the exporter leaves the traced module unfit to run again).
    check_feeds = _sample_inputs(
        spec, ["Hi.", "A rather longer sentence, with more tokens in it than the others.", "x"]
    )
    with torch.no_grad():
        expected = model(**{name: check_feeds[name] for name in names}).last_hidden_state.numpy()
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation and tracer warnings
        torch.onnx.export(
            _LastHiddenState(model),
            tuple(feeds[name] for name in names),
            str(dest),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=dynamic_axes,
            opset_version=_OPSET,
            do_constant_folding=True,
            **options,
        )
    import onnxruntime as ort  # type: ignore[import-untyped]

    session = ort.InferenceSession(str(dest), providers=["CPUExecutionProvider"])
    got = session.run(None, {name: check_feeds[name].numpy() for name in names})[0]
    mask = check_feeds["attention_mask"].numpy().astype(bool)
    error = float(np.abs(got[mask] - expected[mask]).max())
    if error > 1e-3:
        raise ModelLoadError(f"the ONNX export of {spec.root} differs from torch by {error:.3g}; use backend='torch'")


#: Sentences run through the fp32 model to find each quantised MatMul input's outlier channels.
#: The outliers of BERT-like models are structural (the same few channels, in every text), so
#: a handful of varied sentences finds them; tuned on nothing (no CheckThat! text is here).
_CALIBRATION_TEXTS = (
    "An example sentence to trace the model with.",
    "Short one.",
    "Hi.",
    "x",
    "A rather longer sentence, with more tokens in it than the others.",
    "The quick brown fox jumps over the lazy dog.",
    "Vaccines do not cause autism, say doctors.",
    "BREAKING: 5G towers spread the virus!!! #covid",
    "Mount Everest is 8,849 metres tall.",
    "Der Bundestag hat das Gesetz am Freitag beschlossen.",
    "OK.",
)
#: Input channels whose largest calibration magnitude exceeds this percentile of all the
#: channels' maxima are scaled down to it (and the weight rows they meet scaled up).
_SMOOTH_PERCENTILE = 90.0
#: FFN output projections (``.../layer.N/output/dense/MatMul``, the MatMul after the GELU) of
#: the first :data:`_FP32_FFN_OUTPUT_SHARE` of the layers stay fp32: the most sensitive MatMuls
#: left after smoothing (their inputs' outliers are the largest, 14-25 against ~2 typical).
_FFN_OUTPUT = re.compile(r"/layer\.(\d+)/output/dense/MatMul$")
_FP32_FFN_OUTPUT_SHARE = 2 / 3


def _channel_maxima(model: Any, tensors: list[str], spec: _ModelSpec) -> dict[str, npt.NDArray[np.float32]]:
    """Largest ``|value|`` of each last-axis channel of ``tensors`` over :data:`_CALIBRATION_TEXTS`."""
    import onnx
    import onnxruntime as ort

    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    del probe.graph.output[:]
    for name in tensors:
        probe.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    session = ort.InferenceSession(probe.SerializeToString(), providers=["CPUExecutionProvider"])
    input_names = [item.name for item in session.get_inputs()]
    tokenizer = _text_tokenizer(spec)
    maxima: dict[str, npt.NDArray[np.float32]] = {}
    for text in _CALIBRATION_TEXTS:
        encoding = tokenizer.encode(text.lower() if spec.do_lower_case else text)
        outputs = session.run(tensors, _feeds(encoding, input_names))
        for name, value in zip(tensors, outputs, strict=True):
            value = np.abs(np.asarray(value, dtype=np.float32))
            channel_max = value.reshape(-1, value.shape[-1]).max(axis=0)
            maxima[name] = np.maximum(maxima[name], channel_max) if name in maxima else channel_max
    return maxima


def _fp32_matmuls(model: Any) -> set[str]:
    """Names of the MatMuls the int8 recipe leaves in fp32 (see :data:`_FP32_FFN_OUTPUT_SHARE`)."""
    layers: dict[int, str] = {}
    for node in model.graph.node:
        match = _FFN_OUTPUT.search(node.name) if node.op_type == "MatMul" else None
        if match and "attention" not in node.name:
            layers[int(match.group(1))] = node.name
    kept = math.ceil(len(layers) * _FP32_FFN_OUTPUT_SHARE)
    return {layers[index] for index in sorted(layers)[:kept]}


def _smooth_outlier_channels(model: Any, spec: _ModelSpec, skip: frozenset[str] | set[str] = frozenset()) -> None:
    """Move the activations' outlier channels into the weights, in place (the fp32 result is unchanged).

    BERT-like models have a few input channels (after a LayerNorm, and after the GELU) ~10x
    larger than the rest. With dynamic int8, each MatMul input is quantised with one scale
    for the whole tensor, so those channels set the step and the other channels lose most of
    their bits. For each weight MatMul input ``x`` (shared by Q, K and V), channel ``j`` with
    calibration maximum ``a_j`` above the 90th percentile ``p`` of all the maxima gets
    ``s_j = a_j / p`` (others 1): a ``Mul(x, 1/s)`` node goes in front of the MatMuls, and
    row ``j`` of each weight matrix is multiplied by ``s_j`` (so ``(x/s) (sW) = x W``). This is
    SmoothQuant (Xiao et al., 2023) restricted to the outlier channels: a full SmoothQuant
    migration (alpha 0.5 on every channel) made int8 worse here.
    """
    from onnx import helper, numpy_helper

    graph = model.graph
    initializers = {item.name: item for item in graph.initializer}
    consumers: dict[str, list[Any]] = {}
    for node in graph.node:
        weight_matmul = node.op_type == "MatMul" and len(node.input) == 2 and node.input[1] in initializers
        if weight_matmul and node.name not in skip:  # a MatMul left in fp32 needs no smoothing
            consumers.setdefault(node.input[0], []).append(node)
    if not consumers:
        return
    maxima = _channel_maxima(model, list(consumers), spec)
    scaled: set[str] = set()
    for tensor, nodes in consumers.items():
        channel_max = np.maximum(maxima[tensor], 1e-5)
        scale = np.maximum(1.0, channel_max / np.percentile(channel_max, _SMOOTH_PERCENTILE)).astype(np.float32)
        if not (scale > 1.0).any():
            continue
        rewired = []
        for node in nodes:
            weight_name = node.input[1]
            weight = numpy_helper.to_array(initializers[weight_name]).astype(np.float32)
            if weight_name in scaled or weight.ndim != 2 or weight.shape[0] != scale.shape[0]:
                continue  # a weight shared by two MatMuls would be scaled twice: leave it alone
            scaled.add(weight_name)
            initializers[weight_name].CopyFrom(numpy_helper.from_array(weight * scale[:, None], weight_name))
            node.input[0] = f"{tensor}_smoothed"
            rewired.append(node)
        if not rewired:
            continue
        inverse = numpy_helper.from_array((1.0 / scale).astype(np.float32), f"{tensor}_smooth_inverse")
        graph.initializer.append(inverse)
        mul = helper.make_node("Mul", [tensor, inverse.name], [f"{tensor}_smoothed"], name=f"{tensor}_smooth")
        graph.node.insert(min(list(graph.node).index(node) for node in rewired), mul)


def _quantize_int8(source: Path, dest: Path, spec: _ModelSpec) -> None:
    """Dynamic int8 quantisation of ``source``'s weight MatMuls, after smoothing outlier channels.

    Weights QInt8 per output channel, activations uint8 per forward pass (onnxruntime's
    ``quantize_dynamic``). The embedding tables (Gather) and the FFN output projections of
    the first two thirds of the layers (4 of MiniLM-L6's 6) stay fp32. See ``docs/performance.md``.
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic  # type: ignore[import-untyped]

    class _DropPreprocessHint(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return "pre-processing before quantization" not in record.getMessage()

    model = onnx.load(str(source))
    fp32 = _fp32_matmuls(model)
    _smooth_outlier_channels(model, spec, skip=fp32)
    hint_filter = _DropPreprocessHint()
    root_logger = logging.getLogger()
    root_logger.addFilter(hint_filter)
    try:
        quantize_dynamic(
            model,
            dest,
            weight_type=QuantType.QInt8,
            per_channel=True,  # per-tensor int8 costs ~0.035 of cosine on MiniLM
            op_types_to_quantize=["MatMul"],  # int8 embedding tables save no time and cost accuracy
            nodes_to_exclude=sorted(fp32),
        )
    finally:
        root_logger.removeFilter(hint_filter)


def _session(path: Path, threads: int) -> Any:
    """An onnxruntime CPU session of ``path`` whose operators run on ``threads`` threads.

    With several threads, the workers spin while waiting for the next operator (waking a
    sleeping thread costs more than these small operators take) but stop spinning as soon
    as the run returns, so they do not take a core from the rest of ``match()``.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if threads > 1:
        options.add_session_config_entry("session.force_spinning_stop", "1")
    return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])


def _check_thread_count(name: str, value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise InvalidArgumentError(f"{name} must be a positive int or None, got {value!r}")


def _available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class OnnxEmbedder:
    """Turns texts into L2-normalised float32 vectors with onnxruntime on the CPU.

    A drop-in alternative to :class:`~claimmatch.embedder.Embedder` (same ``name``,
    ``dimension`` and ``encode``) for sentence-transformers models made of a
    transformer, mean pooling and (optionally) normalisation, such as the default
    all-MiniLM-L6-v2.

    Each text gets its own forward pass, on one onnxruntime thread, and ``threads``
    texts run at once. So there is no padding, and, importantly for int8 (whose
    activations are quantised per forward pass), a text's vector never depends on the
    other texts of the call: embedding a claim alone or among thousands gives the same
    bits. On small CPUs this is also as fast as padded batches with a multi-threaded
    session (see ``docs/performance.md``).

    A call with a single text (``match()``) has no other text to run beside it, so it
    runs on a second session that splits each operator over ``single_text_threads``
    threads; its workers wait for work by spinning only while that text runs. Same bits
    as the one-thread session (operators split their output rows, never a sum), in about
    0.8x the time on 2 cores (``docs/performance.md``). Only one such call at a time
    splits its text; concurrent single-text calls (a busy server) run on one thread each.

    Args:
        model: ``DEFAULT_MODEL`` or a local sentence-transformers model directory.
        precision: ``"int8"`` (dynamically quantised weights, fastest) or ``"fp32"``.
        cache_dir: Root of the export cache; defaults to :func:`default_cache_dir`.
            Files go to ``<cache_dir>/<model fingerprint>/``.
        threads: Texts embedded at once (one onnxruntime thread each); defaults to the
            number of CPUs this process may use.
        batch_size: Texts per ``progress`` report.
        single_text_threads: onnxruntime threads for a call with one text; defaults to
            ``min(threads, 2)``. ``1`` runs single texts on the one-thread session too
            (no second session: saves its memory, 64 MB for int8 MiniLM, 104 MB fp32).

    Raises:
        ModelLoadError: onnxruntime or onnx is missing, the model is not a local
            directory, or it cannot be exported; the message says what to do.
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        precision: Precision = "int8",
        cache_dir: str | Path | None = None,
        threads: int | None = None,
        batch_size: int = 64,
        single_text_threads: int | None = None,
    ) -> None:
        if not isinstance(model, str) or not model.strip():
            raise InvalidTypeError(f"model must be a non-empty str (a name or a path), got {model!r}")
        if precision not in get_args(Precision):
            raise InvalidArgumentError(f"precision must be 'fp32' or 'int8', got {precision!r}")
        _check_thread_count("threads", threads)
        _check_thread_count("single_text_threads", single_text_threads)
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidArgumentError(f"batch_size must be a positive int, got {batch_size!r}")
        self.name = model
        self.precision: Precision = precision
        self.backend = f"onnx-{precision}"
        self.batch_size = batch_size
        self.threads = threads or _available_cpus()
        self.single_text_threads = single_text_threads or min(self.threads, _SINGLE_TEXT_THREADS)
        try:
            import onnxruntime  # noqa: F401  (checked here with the install hint; used by _session)
            import tokenizers  # noqa: F401  (checked here with the install hint; used by _text_tokenizer)
        except ImportError as exc:
            raise ModelLoadError(f"the ONNX embedding backend needs onnxruntime: {_INSTALL_HINT} ({exc})") from exc

        source = Path(resolve_model(model)).expanduser()
        if not source.is_dir():
            raise ModelLoadError(
                f"the ONNX backend loads local model directories only, and {model!r} is not one; "
                "download the model first (e.g. SentenceTransformer(name).save(directory)) and pass "
                f"the directory, use the default {DEFAULT_MODEL!r}, or use backend='torch'"
            )
        self._spec = spec = _read_spec(source)
        self.dimension = spec.dimension
        root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
        self.cache_path = root / model_fingerprint(source)
        try:
            self.cache_path.mkdir(parents=True, exist_ok=True)
            self.onnx_path = self._prepare()
            self._session = _session(self.onnx_path, 1)  # parallelism is across texts (see the class docstring)
            self._input_names = [item.name for item in self._session.get_inputs()]
            tokenizer = _text_tokenizer(spec)
        except ClaimMatchError:
            raise
        except ImportError as exc:
            raise ModelLoadError(
                f"exporting the model to ONNX needs the onnx package: {_INSTALL_HINT} ({exc})"
            ) from exc
        except Exception as exc:
            raise ModelLoadError(
                f"could not prepare the ONNX model for {model!r} in {self.cache_path} "
                f"({type(exc).__name__}: {exc}); check that the cache directory is writable "
                "(cache_dir= or CLAIMMATCH_CACHE), or use backend='torch'"
            ) from exc
        self._tokenizer = tokenizer
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._single_session: Any = None  # made on the first single-text call
        self._single_running = 0  # single-text calls running now (see _single)

    def _prepare(self) -> Path:
        """Export (and quantise) into the cache when needed; return the ONNX file to load."""
        fp32 = self.cache_path / _FP32_FILE
        if self.precision == "fp32":
            _ensure(fp32, lambda tmp: _export_fp32(self._spec, tmp))
            return fp32
        int8 = self.cache_path / _INT8_FILE
        if not _is_valid(int8):
            _ensure(fp32, lambda tmp: _export_fp32(self._spec, tmp))
            _ensure(int8, lambda tmp: _quantize_int8(fp32, tmp, self._spec))
        return int8

    def _workers(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="claimmatch-onnx")
                weakref.finalize(self, self._pool.shutdown, wait=False)
            return self._pool

    @contextlib.contextmanager
    def _single(self) -> Iterator[Any]:
        """The session for a call with one text: the split one, unless another such call is running.

        Two callers each splitting their text over both cores would fight for them (measured:
        ~30% fewer texts/s with 2-4 concurrent callers on 2 cores), so only one call at a time
        gets the ``single_text_threads`` session, made on first use; the others run on one thread.
        """
        with self._pool_lock:
            first = self._single_running == 0
            self._single_running += 1
            if first and self._single_session is None:
                self._single_session = _session(self.onnx_path, self.single_text_threads)
        try:
            yield self._single_session if first else self._session
        finally:
            with self._pool_lock:
                self._single_running -= 1

    def _embed_one(self, encoding: Encoding, session: Any = None) -> npt.NDArray[np.float32]:
        """Mean of the last hidden state over the text's tokens (no padding: every token counts)."""
        hidden = (session or self._session).run(None, _feeds(encoding, self._input_names))[0]
        pooled: npt.NDArray[np.float32] = np.asarray(hidden[0], dtype=np.float32).mean(axis=0)
        return pooled

    def encode(
        self,
        texts: Sequence[str],
        *,
        batch_size: int | None = None,
        progress: Callable[[int], None] | None = None,
        one_thread: bool = False,
    ) -> npt.NDArray[np.float32]:
        """Embed ``texts`` into an ``(n, dimension)`` float32 array of unit vectors.

        Longest texts go first, so that the parallel runs finish together; rows come
        back in the order of ``texts``.

        Args:
            texts: The texts, already validated.
            batch_size: Texts per ``progress`` report; overrides the embedder's.
            progress: Called with the number of texts done after each batch.
            one_thread: Use one thread: a single text on the one-thread session too, and
                several texts one after the other (for a caller that keeps the other core
                busy meanwhile). Same vectors either way.
        """
        size = batch_size or self.batch_size
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        lower = self._spec.do_lower_case
        for start in range(0, len(order), size):
            rows = order[start : start + size]
            batch = [texts[i].lower() if lower else texts[i] for i in rows]
            encodings = self._tokenizer.encode_batch(batch)
            if len(texts) == 1 and self.single_text_threads > 1 and not one_thread:
                with self._single() as session:
                    pooled = [self._embed_one(encodings[0], session)]
            elif len(rows) == 1 or self.threads == 1 or one_thread:
                pooled = [self._embed_one(encoding) for encoding in encodings]
            else:
                pooled = list(self._workers().map(self._embed_one, encodings))
            out[rows] = np.vstack(pooled)
            if progress is not None:
                progress(len(rows))
        return normalize_rows(out)

    def __repr__(self) -> str:
        return f"OnnxEmbedder(model={self.name!r}, precision={self.precision!r}, dimension={self.dimension})"
