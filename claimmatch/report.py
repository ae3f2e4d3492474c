"""The HTML report of an article check, and reading articles from .txt and .html files.

:func:`render_html` returns one self-contained HTML page (inline CSS and JavaScript, no
external fetches): the article with every matched sentence highlighted in its stance
colour; hovering, focusing or clicking a highlight shows that sentence's fact-checks in a
side panel. Every piece of article or claim text is escaped, review links are only made
into anchors for ``http``/``https`` URLs, and a Content-Security-Policy with hashes of
the inline style and script stops anything else from running or loading.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from claimmatch._version import __version__
from claimmatch.article import ArticleReport, ArticleSentence
from claimmatch.errors import InvalidArgumentError, InvalidTextError, InvalidTypeError
from claimmatch.models import Match
from claimmatch.storage import write_file_atomic

__all__ = ["DEFAULT_TITLE", "STANCE_COLOURS", "html_to_text", "read_article", "render_html", "write_html"]

DEFAULT_TITLE = "claimmatch article report"
#: Highlight background per stance (also used by the tests to find highlights in screenshots).
STANCE_COLOURS = {"supports": "#c6efce", "contradicts": "#ffc7c7", "related": "#ffe699"}
_STANCE_INK = {"supports": "#1e6b30", "contradicts": "#a4161a", "related": "#8a5a00"}
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

_CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --paper: #ffffff; --bg: #f6f8fa; COLOURS }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.cm-header { background: #24292f; color: #fff; padding: 1rem 1.5rem; }
header.cm-header h1 { margin: 0 0 .5rem; font-size: 1.3rem; }
.cm-summary { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0; padding: 0; list-style: none; }
.cm-count { background: #ffffff22; border-radius: 1rem; padding: .1rem .7rem; font-size: .9rem; }
.cm-count b { font-size: 1rem; }
.cm-count.cm-supports { background: var(--supports); color: #000; }
.cm-count.cm-contradicts { background: var(--contradicts); color: #000; }
.cm-count.cm-related { background: var(--related); color: #000; }
.cm-layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; padding: 1.5rem;
  align-items: start; }
.cm-article, .cm-panel, .cm-details { background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  padding: 1.25rem 1.5rem; }
.cm-article { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman", serif;
  font-size: 1.05rem; }
.cm-panel { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow: auto; }
.cm-panel h2, .cm-details h2 { margin-top: 0; font-size: 1.1rem; }
.cm-hint { color: var(--muted); font-size: .9rem; }
mark.cm-match { color: inherit; border-radius: 3px; padding: 0 1px; cursor: pointer;
  border-bottom: 2px solid transparent; }
mark.cm-supports { background: var(--supports); border-bottom-color: var(--supports-ink); }
mark.cm-contradicts { background: var(--contradicts); border-bottom-color: var(--contradicts-ink); }
mark.cm-related { background: var(--related); border-bottom-color: var(--related-ink); }
mark.cm-match:focus, mark.cm-match.cm-active { outline: 2px solid #0969da; outline-offset: 1px; }
.cm-checked { border-bottom: 1px dotted var(--muted); }
.cm-skipped { color: #8c959f; }
.cm-details { margin: 0 1.5rem 1.5rem; }
.cm-detail { border-top: 1px solid var(--line); padding-top: .75rem; margin-top: .75rem; }
.cm-sentence { margin: 0 0 .5rem; padding-left: .75rem; border-left: 3px solid var(--line); font-style: italic; }
.cm-factchecks { margin: 0; padding-left: 1.25rem; }
.cm-fc { margin: .5rem 0; padding: .5rem .75rem; border-left: 4px solid var(--line); background: var(--bg);
  border-radius: 4px; list-style-position: inside; }
.cm-fc.cm-supports { border-left-color: var(--supports-ink); }
.cm-fc.cm-contradicts { border-left-color: var(--contradicts-ink); }
.cm-fc.cm-related { border-left-color: var(--related-ink); }
.cm-claim { font-weight: 600; margin: 0 0 .25rem; }
.cm-meta { display: grid; grid-template-columns: max-content 1fr; gap: 0 .75rem; margin: .25rem 0; font-size: .9rem; }
.cm-meta dt { color: var(--muted); }
.cm-meta dd { margin: 0; }
.cm-stance-label { font-weight: 700; text-transform: uppercase; font-size: .8rem; }
.cm-supports .cm-stance-label { color: var(--supports-ink); }
.cm-contradicts .cm-stance-label { color: var(--contradicts-ink); }
.cm-related .cm-stance-label { color: var(--related-ink); }
.cm-reasons { margin: .25rem 0; padding-left: 1.1rem; font-size: .9rem; }
footer { color: var(--muted); font-size: .8rem; padding: 0 1.5rem 1.5rem; }
@media (max-width: 800px) { .cm-layout { grid-template-columns: 1fr; } .cm-panel { position: static; } }
"""
_CSS = _CSS.replace(
    "COLOURS",
    " ".join(f"--{name}: {colour}; --{name}-ink: {_STANCE_INK[name]};" for name, colour in STANCE_COLOURS.items()),
)

_JS = """
(function () {
  "use strict";
  var body = document.getElementById("cm-panel-body");
  var panel = document.getElementById("cm-panel");
  function show(index) {
    var detail = document.getElementById("cm-detail-" + index);
    if (!detail || !body) { return; }
    var copy = detail.cloneNode(true);
    copy.removeAttribute("id");
    body.replaceChildren(copy);
    panel.setAttribute("data-sentence-index", index);
    document.querySelectorAll("mark.cm-active").forEach(function (el) { el.classList.remove("cm-active"); });
    var mark = document.getElementById("cm-s-" + index);
    if (mark) { mark.classList.add("cm-active"); }
  }
  document.querySelectorAll("mark.cm-match").forEach(function (mark) {
    var index = mark.getAttribute("data-sentence-index");
    var open = function () { show(index); };
    mark.addEventListener("mouseenter", open);
    mark.addEventListener("focus", open);
    mark.addEventListener("click", open);
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(); }
    });
  });
  var first = document.querySelector("mark.cm-contradicts") || document.querySelector("mark.cm-match");
  if (first) { show(first.getAttribute("data-sentence-index")); }
})();
"""


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


_CSP = (
    f"default-src 'none'; style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _safe_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in {"http", "https"} and parts.netloc else None


def _render_match(match: Match) -> str:
    claim = match.claim
    stance = match.stance.value
    verdict = claim.verdict.value.replace("_", " ")
    rows = [
        ("rating", claim.rating or verdict),
        ("verdict", verdict if claim.rating and claim.rating.strip().lower() != verdict else None),
        ("publisher", claim.publisher or "unknown"),
        ("claimant", claim.claimant),
        ("reviewed", claim.review_date.isoformat() if claim.review_date else None),
        ("score", f"{match.score:.2f}"),
        ("stance", f"{stance} (confidence {match.confidence:.2f})"),
        ("implies", match.implied_verdict.value.replace("_", " ") if match.implied_verdict else None),
    ]
    meta = "".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in rows if value)
    reasons = "".join(f"<li>{_e(reason)}</li>" for reason in match.reasons)
    url = _safe_url(claim.review_url)
    if url:
        label = claim.title or "Read the fact-check"
        anchor = 'rel="noopener noreferrer nofollow" target="_blank"'
        link = f'<a class="cm-review" href="{_e(url)}" {anchor}>{_e(label)}</a>'
    elif claim.review_url:
        link = f'<span class="cm-review">{_e(claim.review_url)}</span>'
    else:
        link = ""
    return (
        f'<li class="cm-fc cm-{_e(stance)}" data-stance="{_e(stance)}" data-claim-id="{_e(claim.id)}">'
        f'<span class="cm-stance-label">{_e(stance)}</span>'
        f'<p class="cm-claim">{_e(claim.text)}</p>'
        f'<dl class="cm-meta">{meta}</dl>'
        + (f'<ul class="cm-reasons">{reasons}</ul>' if reasons else "")
        + link
        + "</li>"
    )


def _render_detail(index: int, sentence: ArticleSentence) -> str:
    stance = sentence.stance.value if sentence.stance else "none"
    items = "".join(_render_match(match) for match in sentence.matches)
    return (
        f'<section class="cm-detail cm-{_e(stance)}" id="cm-detail-{index}" data-sentence-index="{index}" '
        f'data-stance="{_e(stance)}"><blockquote class="cm-sentence">{_e(" ".join(sentence.text.split()))}'
        f'</blockquote><ol class="cm-factchecks">{items}</ol></section>'
    )


def _render_article(report: ArticleReport, article_text: str) -> str:
    pieces: list[tuple[int, int, str, str]] = []  # start, end, opening tag, closing tag
    for index, sentence in enumerate(report.sentences):
        if sentence.stance is not None:
            stance = sentence.stance.value
            opening = (
                f'<mark class="cm-match cm-{_e(stance)}" id="cm-s-{index}" data-stance="{_e(stance)}" '
                f'data-sentence-index="{index}" tabindex="0" title="{_e(stance)}: '
                f'{len(sentence.matches)} fact-check(s); click for details">'
            )
            pieces.append((sentence.start, sentence.end, opening, "</mark>"))
        else:
            opening = (
                f'<span class="cm-checked" data-sentence-index="{index}" data-stance="none" '
                'title="checked: no earlier fact-check found">'
            )
            pieces.append((sentence.start, sentence.end, opening, "</span>"))
    for skipped in report.skipped:
        opening = f'<span class="cm-skipped" title="skipped: {_e(skipped.reason)}">'
        pieces.append((skipped.start, skipped.end, opening, "</span>"))
    pieces.sort()
    out: list[str] = []
    pos = 0
    for start, end, opening, closing in pieces:
        if start < pos:
            raise InvalidArgumentError(f"report sentences overlap at offset {start}; the report is inconsistent")
        out.append(_e(article_text[pos:start]))
        out.append(opening + _e(article_text[start:end]) + closing)
        pos = end
    out.append(_e(article_text[pos:]))
    return "".join(out)


def _check_report(report: ArticleReport, article_text: str) -> None:
    if not isinstance(report, ArticleReport):
        raise InvalidTypeError(f"report must be an ArticleReport, got {type(report).__name__}")
    if not isinstance(article_text, str):
        raise InvalidTypeError(f"article_text must be a str, got {type(article_text).__name__}")
    if report.article_chars != len(article_text):
        raise InvalidArgumentError(
            f"the report was made for an article of {report.article_chars} characters, "
            f"this one has {len(article_text)}; pass the same text that check_article() received"
        )
    for span in [*report.sentences, *report.skipped]:
        if article_text[span.start : span.end] != span.text:
            raise InvalidArgumentError(
                f"sentence at offsets {span.start}:{span.end} does not match the article text; "
                "pass the same text that check_article() received"
            )


def render_html(report: ArticleReport, article_text: str, *, title: str = DEFAULT_TITLE) -> str:
    """Render an article report as one self-contained HTML page.

    Args:
        report: The result of :func:`claimmatch.article.check_article` on ``article_text``.
        article_text: The article exactly as checked (offsets refer to it).
        title: Page title and heading.

    Raises:
        InvalidTypeError: wrong argument types.
        InvalidArgumentError: the report's offsets do not fit ``article_text``.
    """
    _check_report(report, article_text)
    summary = report.summary
    counts = [
        ("sentences_total", "", summary.sentences_total, "sentences"),
        ("sentences_checked", "", summary.sentences_checked, "checked"),
        ("matched", "", summary.matched, "matched"),
        ("supported", " cm-supports", summary.supported, "supported"),
        ("contradicted", " cm-contradicts", summary.contradicted, "contradicted"),
        ("related_only", " cm-related", summary.related_only, "related only"),
    ]
    summary_html = "".join(
        f'<li class="cm-count{cls}" data-count="{name}"><b>{value}</b> {label}</li>'
        for name, cls, value, label in counts
    )
    details = "".join(
        _render_detail(index, sentence) for index, sentence in enumerate(report.sentences) if sentence.matches
    )
    if not details:
        details = '<p class="cm-hint">No sentence of this article matches an earlier fact-check.</p>'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header class="cm-header"><h1>{_e(title)}</h1><ul class="cm-summary" id="cm-summary">{summary_html}</ul>'
        "</header>\n"
        '<main class="cm-layout">\n'
        f'<article class="cm-article" id="cm-article">{_render_article(report, article_text)}</article>\n'
        '<aside class="cm-panel" id="cm-panel" aria-live="polite"><h2>Fact-checks</h2>'
        '<p class="cm-hint">Hover, focus or click a highlighted sentence to see its earlier fact-checks. '
        "Green: supports, red: contradicts, amber: related.</p>"
        '<div id="cm-panel-body"></div></aside>\n</main>\n'
        f'<section class="cm-details" id="cm-details"><h2>All matched sentences</h2>{details}</section>\n'
        f"<footer>claimmatch {_e(__version__)} &middot; top {report.top_k} matches per sentence &middot; "
        f"cosine cut-off {report.min_score:.2f}</footer>\n"
        f"<script>{_JS}</script>\n</body>\n</html>\n"
    )


def write_html(
    report: ArticleReport, article_text: str, path: str | os.PathLike[str], *, title: str = DEFAULT_TITLE
) -> Path:
    """Render the report and write it to ``path`` atomically (temporary file, then rename).

    Returns:
        The path written.
    """
    document = render_html(report, article_text, title=title).encode("utf-8")
    target = Path(path)
    write_file_atomic(target, document)
    return target


_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas"})
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li "
    "main nav ol p pre section table td th tr ul".split()
)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Return the visible text of an HTML document, one paragraph per line.

    Scripts, styles, ``<head>`` and other invisible elements are dropped; block elements
    (paragraphs, headings, list items, ``<br>``) end lines; runs of spaces collapse.
    """
    if not isinstance(markup, str):
        raise InvalidTypeError(f"markup must be a str, got {type(markup).__name__}")
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def read_article(path: str | os.PathLike[str]) -> str:
    """Read an article from a ``.txt`` (or any text) file or an ``.html`` page, as plain text.

    Text files are read as UTF-8 (a byte-order mark is dropped, line ends become ``\\n``);
    HTML files are reduced to their visible text with :func:`html_to_text`.

    Raises:
        FileNotFoundError: ``path`` does not exist.
        InvalidTextError: the file is not UTF-8.
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidTextError(f"{source} is not UTF-8 text ({exc.reason}); convert it to UTF-8 first") from None
    return html_to_text(text) if source.suffix.lower() in _HTML_SUFFIXES else text
