"""Confidence calibration: raw rule confidence -> observed accuracy on dev data.

The rules produce a raw confidence (see :func:`claimmatch.stance.aligner.decide`), monotone in
the evidence and the similarity but not a probability. ``benchmarks/tune_stance.py`` fits, per
predicted stance, an isotonic (pool-adjacent-violators) map from the raw confidence to the share
of correct predictions on the dev data, and writes it to ``data/calibration.tsv``: one row per
block, ``stance``, ``raw`` (the block's mean raw confidence), ``accuracy`` (smoothed share of
correct predictions) and ``n`` (weighted number of dev predictions).

:func:`calibrate` interpolates linearly between block centres (flat beyond the outer ones) and
caps the result at 0.95, then adds ``TIE_SLOPE * raw`` (:data:`TIE_SLOPE` = 0.02) so that more
evidence never gives *less* confidence and different raw values keep their order (at most 0.97).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from claimmatch.stance.resources import read_tsv

__all__ = [
    "MODEL_TABLE_NAME",
    "MODEL_TABLE_PATH",
    "TABLE_NAME",
    "TABLE_PATH",
    "TIE_SLOPE",
    "calibrate",
    "fit_isotonic",
    "table",
    "write_table",
]

TABLE_NAME = "calibration.tsv"
TABLE_PATH = Path(str(resources.files("claimmatch.stance").joinpath("data").joinpath(TABLE_NAME)))
#: The table for rules + claimmatch's stance model with ``MODEL_POLICY`` (session 13), fitted by
#: ``training/tune_stance_combination.py --write-calibration`` on the combination's tuning data.
MODEL_TABLE_NAME = "calibration_model.tsv"
MODEL_TABLE_PATH = TABLE_PATH.with_name(MODEL_TABLE_NAME)
#: Slope added to the interpolated map so that the order of raw confidences is kept.
TIE_SLOPE = 0.02
#: Smallest weighted number of predictions in a block; smaller blocks are pooled with a neighbour.
MIN_BLOCK = 12.0
_FLOOR, _CEIL = 0.05, 0.95  # at most 0.95 + TIE_SLOPE


def fit_isotonic(
    points: Iterable[tuple[float, float]] | Iterable[tuple[float, float, float]],
) -> list[tuple[float, float, float]]:
    """Fit a non-decreasing map from raw confidence to accuracy.

    Args:
        points: ``(raw confidence, 1.0 if correct else 0.0[, weight])``.

    Returns:
        Blocks ``(mean raw confidence, smoothed accuracy, weight)`` in increasing order, with
        accuracy ``(correct + 1) / (n + 2)`` (Laplace) and every block at least :data:`MIN_BLOCK`
        strong (when the data allow).
    """
    pts = sorted((p[0], p[1], p[2] if len(p) > 2 else 1.0) for p in points)
    blocks: list[list[float]] = []  # [sum w*x, sum w*y, sum w]
    for x, y, w in pts:
        if blocks and abs(blocks[-1][0] / blocks[-1][2] - x) < 1e-9:
            blocks[-1][0] += w * x
            blocks[-1][1] += w * y
            blocks[-1][2] += w
        else:
            blocks.append([w * x, w * y, w])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            last = blocks.pop()
            for k in range(3):
                blocks[-1][k] += last[k]
    merged = True
    while merged and len(blocks) > 1:  # pool blocks that are too small with their weaker neighbour
        merged = False
        for i, b in enumerate(blocks):
            if b[2] < MIN_BLOCK:
                j = (
                    i + 1
                    if i == 0
                    else i - 1
                    if i == len(blocks) - 1
                    else (i - 1 if blocks[i - 1][2] <= blocks[i + 1][2] else i + 1)
                )
                lo, hi = min(i, j), max(i, j)
                blocks[lo] = [blocks[lo][k] + blocks[hi][k] for k in range(3)]
                del blocks[hi]
                merged = True
                break

    def smoothed(b: list[float]) -> float:
        return (b[1] + 1.0) / (b[2] + 2.0)

    # smoothing pulls small blocks further towards 0.5 than large ones, which can break the order
    # (a block of 12 right out of 12 scores below one of 40 right out of 41): pool those too
    k = 0
    while k + 1 < len(blocks):
        if smoothed(blocks[k + 1]) < smoothed(blocks[k]):
            blocks[k] = [blocks[k][j] + blocks[k + 1][j] for j in range(3)]
            del blocks[k + 1]
            k = max(k - 1, 0)
        else:
            k += 1
    return [(b[0] / b[2], smoothed(b), b[2]) for b in blocks]


def write_table(
    rows: Sequence[tuple[str, float, float, float]],
    path: Path = TABLE_PATH,
    header: Sequence[str] = (
        "Confidence calibration of the rule-based stance engine (see claimmatch/stance/calibration.py).",
        "Fitted by benchmarks/tune_stance.py --write-calibration on DEV data only.",
    ),
) -> None:
    """Write ``(stance, raw, accuracy, n)`` rows as a calibration table (``header``: comment lines)."""
    lines = [f"# {line}" for line in header] + ["# stance\traw\taccuracy\tn"]
    lines += [f"{s}\t{raw:.4f}\t{acc:.4f}\t{n:.1f}" for s, raw, acc, n in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read_tsv.cache_clear()
    table.cache_clear()


@lru_cache(maxsize=4)
def table(name: str = TABLE_NAME) -> dict[str, tuple[tuple[float, ...], tuple[float, ...]]]:
    """Return ``{stance: (raw centres, accuracies)}`` from a shipped table (empty if absent)."""
    try:
        rows = read_tsv(name)
    except FileNotFoundError:
        return {}
    out: dict[str, tuple[list[float], list[float]]] = {}
    for row in rows:
        if len(row) < 3:
            continue
        xs, ys = out.setdefault(row[0], ([], []))
        xs.append(float(row[1]))
        ys.append(float(row[2]))
    return {s: (tuple(xs), tuple(ys)) for s, (xs, ys) in out.items()}


def calibrate(stance: str, raw: float, name: str = TABLE_NAME) -> float:
    """Return the calibrated confidence of a prediction ``stance`` with raw confidence ``raw``.

    ``name``: the table, :data:`TABLE_NAME` (rules only) or :data:`MODEL_TABLE_NAME` (rules +
    claimmatch's stance model). Without a table entry for ``stance`` the raw value is returned.
    """
    entry = table(name).get(stance)
    if not entry:
        return raw
    xs, ys = entry
    k = bisect_right(xs, raw)
    if k == 0:
        value = ys[0]
    elif k == len(xs):
        value = ys[-1]
    else:
        x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
        value = y0 + (y1 - y0) * (raw - x0) / (x1 - x0) if x1 > x0 else y1
    return max(_FLOOR, min(value, _CEIL) + TIE_SLOPE * raw)
