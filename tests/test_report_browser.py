"""The seed article's HTML report, opened in headless Chromium (Debian's ``chromium``).

Chromium is driven through its own command line (``--dump-dom``, ``--screenshot``); no
Python browser driver is needed. ``make test`` installs chromium first (``make browser``);
without it these tests skip. Set ``CLAIMMATCH_SCREENSHOT=docs/article-report.png`` to keep
the screenshot.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimmatch import ClaimIndex, ClaimMatcher
from claimmatch.article import ArticleReport, check_article
from claimmatch.report import STANCE_COLOURS, read_article, write_html
from tests.conftest import SHARED

SEED = SHARED / "seed-article" / "upi-2025-09-05-putin-reassurance-force.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTH, HEIGHT = 1200, 1600

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed: run `make browser` (apt-get install chromium)"
    ),
    pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found at {SEED} (../shared/data)"),
]


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--user-data-dir={tmp / 'profile'}",
    ]
    env = {**os.environ, "HOME": str(tmp)}
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=180, env=env, check=False)


@pytest.fixture(scope="module")
def seed_page(default_index: ClaimIndex, tmp_path_factory: pytest.TempPathFactory) -> tuple[ArticleReport, Path]:
    text = read_article(SEED)
    report = check_article(ClaimMatcher(default_index), text)
    page = write_html(report, text, tmp_path_factory.mktemp("report") / "report.html", title="UPI, 5 Sept 2025")
    return report, page


@pytest.fixture(scope="module")
def dom(seed_page: tuple[ArticleReport, Path], tmp_path_factory: pytest.TempPathFactory) -> str:
    _, page = seed_page
    done = chromium(tmp_path_factory.mktemp("chromium-dom"), "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert "</html>" in done.stdout, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def screenshot(seed_page: tuple[ArticleReport, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    _, page = seed_page
    tmp = tmp_path_factory.mktemp("chromium-shot")
    png = tmp / "report.png"
    done = chromium(tmp, f"--screenshot={png}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri())
    assert done.returncode == 0 and png.is_file(), done.stderr[-2000:]
    keep = os.environ.get("CLAIMMATCH_SCREENSHOT")
    if keep:
        shutil.copyfile(png, keep)
    return png


class Marks(HTMLParser):
    """The <mark> highlights (attributes and text) and the side panel's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[dict[str, str | None], str]] = []
        self.panel: dict[str, str | None] = {}
        self.panel_details: list[dict[str, str | None]] = []
        self._open: dict[str, str | None] | None = None
        self._text: list[str] = []
        self._in_panel_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "mark":
            self._open, self._text = values, []
        elif values.get("id") == "cm-panel":
            self.panel = values
        elif values.get("id") == "cm-panel-body":
            self._in_panel_body = True
        elif self._in_panel_body and tag == "section":
            self.panel_details.append(values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._open is not None:
            self.marks.append((self._open, "".join(self._text)))
            self._open = None
        elif tag == "aside":
            self._in_panel_body = False

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)


def test_dom_has_the_expected_highlights(dom: str, seed_page: tuple[ArticleReport, Path]) -> None:
    report, _ = seed_page
    parsed = Marks()
    parsed.feed(dom)
    assert len(parsed.marks) == report.summary.matched >= 6
    for attrs, _ in parsed.marks:
        classes = (attrs["class"] or "").split()
        assert classes[:2] == ["cm-match", f"cm-{attrs['data-stance']}"]
        assert attrs["data-stance"] in STANCE_COLOURS
    texts = [" ".join(text.split()) for _, text in parsed.marks]
    assert any("leaders of 34 supporters of Ukraine" in t for t in texts)
    assert any("military support only after any peace agreement" in t for t in texts)
    assert any("reassurance force would only be deployed" in t for t in texts)
    assert not any("Photo by" in t or "(UPI)" in t for t in texts)
    # The inline script ran (its CSP hash is right): the panel shows the first highlight's fact-checks.
    index = parsed.panel.get("data-sentence-index")
    assert index is not None, "the report's script did not run in Chromium"
    assert [d.get("data-sentence-index") for d in parsed.panel_details] == [index]
    active = [a for a, _ in parsed.marks if "cm-active" in (a["class"] or "").split()]
    assert [a["data-sentence-index"] for a in active] == [index]


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB or RGBA PNG into rows of RGB pixels (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, bytearray(), None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(bytes(idat))
    prev = bytearray(stride)
    rows: list[bytes] = []
    for y in range(height):
        base = y * (stride + 1)
        kind, line = raw[base], bytearray(raw[base + 1 : base + 1 + stride])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev, strict=True))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(b"".join(bytes(line[i : i + 3]) for i in range(0, stride, bpp)) if bpp == 4 else bytes(line))
        prev = line
    return width, height, rows


def test_screenshot_shows_the_highlights(screenshot: Path, dom: str) -> None:
    width, height, rows = read_png(screenshot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    colours: Counter[bytes] = Counter()
    for row in rows:
        colours.update(row[i : i + 3] for i in range(0, len(row), 3))
    assert len(colours) >= 50, "the screenshot is (nearly) blank"
    assert colours.most_common(1)[0][1] < 0.8 * width * height
    parsed = Marks()
    parsed.feed(dom)
    stances = {attrs["data-stance"] for attrs, _ in parsed.marks}
    assert stances
    for stance in stances:
        assert stance is not None
        pixels = colours[bytes.fromhex(STANCE_COLOURS[stance].lstrip("#"))]
        # Far more than the summary chip of the same colour: sentences are painted with it.
        assert pixels > 6000, (stance, pixels)
