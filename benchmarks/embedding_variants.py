#!/usr/bin/env python
"""Ways to embed faster that claimmatch does not use, each against its baseline in the same run.

Texts: CheckThat! 2020 verified claims (claim-length, ~23 tokens). Each variant is timed
against the path claimmatch takes, in one process, and its vectors are compared with torch's:

* ``fused``: onnxruntime's offline transformer optimizer (fused Attention, SkipLayerNorm,
  BiasGelu, EmbedLayerNorm) on the fp32 export, one text per forward pass on one thread,
  against the plain fp32 export (onnxruntime's own online fusions apply to both);
* ``padded``: padded batches of 32 on a two-thread session, fp32 and int8 files, against
  claimmatch's one text per forward pass on each of two threads (``OnnxEmbedder.encode``);
  padding makes an int8 vector depend on the other texts of its batch;
* ``bf16``: torch under ``torch.autocast("cpu", dtype=torch.bfloat16)`` (oneDNN uses AMX or
  AVX512-BF16 where the CPU has them), batches of 64, against torch fp32.

Usage::

    python benchmarks/embedding_variants.py [--texts 2000] [--variants fused,padded,bf16]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimmatch import onnx_embedder  # noqa: E402
from claimmatch.embedder import load_embedder, resolve_model  # noqa: E402


def _rate(fn: Callable[[], Any], count: int, rounds: int = 2) -> tuple[float, Any]:
    """Texts per second (best of ``rounds``, after a warm-up call) and the last result."""
    result = fn()
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return count / best, result


def _cos(vectors: Any, reference: Any) -> str:
    sims = (np.asarray(vectors, dtype=np.float32) * reference).sum(axis=1)
    return f"cos vs torch mean {sims.mean():.5f} min {sims.min():.5f}"


def _session(path: Path, threads: int) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads, options.inter_op_num_threads = threads, 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])


def _pooled(hidden: Any, mask: Any) -> Any:
    summed = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
    return summed / np.linalg.norm(summed, axis=1, keepdims=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--variants", default="fused,padded,bf16")
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    variants = set(args.variants.split(","))
    with (args.data_dir / "checkthat2020-task2-en" / "vclaims.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    texts = [str(r.get("vclaim") or r.get("text")) for r in rows][: args.texts]
    torch_embedder = load_embedder(backend="torch")
    reference = np.asarray(torch_embedder.encode(texts), dtype=np.float32)
    spec = onnx_embedder._read_spec(Path(resolve_model(onnx_embedder.DEFAULT_MODEL)))
    tokenizer = onnx_embedder._text_tokenizer(spec)
    encodings = tokenizer.encode_batch(texts)
    int8 = load_embedder(backend="onnx-int8")
    fp32 = load_embedder(backend="onnx-fp32")
    files = {"fp32": fp32.onnx_path, "int8": int8.onnx_path}  # the cached exports claimmatch runs
    print(f"{len(texts)} CheckThat! 2020 claims, mean {np.mean([len(e.ids) for e in encodings]):.1f} tokens")

    if "fused" in variants:
        from onnxruntime.transformers.optimizer import optimize_model

        with tempfile.TemporaryDirectory() as tmp:
            fused_path = Path(tmp) / "fused.onnx"
            optimized = optimize_model(str(files["fp32"]), model_type="bert", num_heads=12, hidden_size=384)
            optimized.save_model_to_file(str(fused_path))
            print(f"fused operators: {optimized.get_fused_operator_statistics()}")
            sessions = {"plain fp32 (baseline)": _session(files["fp32"], 1), "fused fp32": _session(fused_path, 1)}
            sample = encodings[:400]
            rates = {}
            for name, session in sessions.items():
                names = [i.name for i in session.get_inputs()]

                def one_by_one(session: Any = session, names: list[str] = names) -> Any:
                    hidden = [session.run(None, onnx_embedder._feeds(e, names))[0] for e in sample]
                    return np.concatenate([_pooled(h, np.ones(h.shape[:2], dtype=np.float32)) for h in hidden])

                rates[name], vectors = _rate(one_by_one, len(sample))
                print(f"  {name}: {1000 / rates[name]:.2f} ms/text on one thread, {_cos(vectors, reference[:400])}")
            print(f"  fused / plain speed: {rates['fused fp32'] / rates['plain fp32 (baseline)']:.2f}x")

    if "padded" in variants:
        tokenizer.no_truncation()
        for precision, embedder in (("fp32", fp32), ("int8", int8)):
            base, vectors = _rate(lambda embedder=embedder: embedder.encode(texts), len(texts))
            similarity = _cos(vectors, reference)
            print(f"  {precision} one text per pass, 2 threads (claimmatch): {base:.0f} texts/s, {similarity}")
            session = _session(files[precision], 2)
            names = [i.name for i in session.get_inputs()]

            def padded(session: Any = session, names: list[str] = names) -> Any:
                order = np.argsort([len(e.ids) for e in encodings], kind="stable")
                out = np.zeros((len(texts), reference.shape[1]), dtype=np.float32)
                for start in range(0, len(order), 32):
                    rows_ = order[start : start + 32]
                    width = max(len(encodings[i].ids) for i in rows_)
                    ids = np.zeros((len(rows_), width), dtype=np.int64)
                    mask = np.zeros_like(ids)
                    for r, i in enumerate(rows_):
                        ids[r, : len(encodings[i].ids)] = encodings[i].ids
                        mask[r, : len(encodings[i].ids)] = 1
                    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
                    hidden = session.run(None, {n: feeds[n] for n in names})[0]
                    out[rows_] = _pooled(hidden, mask.astype(np.float32))
                return out

            rate, vectors = _rate(padded, len(texts))
            similarity = _cos(vectors, reference)
            speed_up = rate / base
            print(f"  {precision} padded batches of 32, 2 threads: {rate:.0f} texts/s ({speed_up:.2f}x), {similarity}")

    if "bf16" in variants:
        import torch

        model = torch_embedder._model
        for name, context in (("fp32 (baseline)", False), ("bf16 autocast", True)):

            def encode(context: bool = context) -> Any:
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=context), torch.inference_mode():
                    return model.encode(texts, batch_size=64, normalize_embeddings=True)

            rate, vectors = _rate(encode, len(texts))
            print(f"  torch {name}, batches of 64: {rate:.0f} texts/s, {_cos(vectors, reference)}")


if __name__ == "__main__":
    main()
