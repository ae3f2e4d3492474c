from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimmatch import ClaimIndex, ClaimMatcher, Verdict, VerifiedClaim
from claimmatch.article import ArticleReport, check_article
from claimmatch.cli import app
from claimmatch.embedder import Embedder
from claimmatch.errors import InvalidArgumentError, InvalidTextError, InvalidTypeError
from claimmatch.report import STANCE_COLOURS, html_to_text, read_article, render_html, write_html

runner = CliRunner()

ARTICLE = (
    "WASHINGTON (AP) - The Coalition of the Willing includes leaders of 30 supporters of Ukraine, officials said.\n"
    "Photo by Jane Doe/UPI UPI\n"
    "Mount Everest is 8,849 metres tall, the survey found.\n"
    "Read more: the bakery on Main Street opens at 7 am.\n"
)


class Tags(HTMLParser):
    """Collects every start tag with its attributes, and the text inside <mark> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[dict[str, str | None], str]] = []
        self._mark: dict[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._mark, self._text = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark, "".join(self._text)))
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self._text.append(data)


def parse(document: str) -> Tags:
    parser = Tags()
    parser.feed(document)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def coalition_report(default_index: ClaimIndex) -> ArticleReport:
    return check_article(ClaimMatcher(default_index), ARTICLE)


def test_matched_sentences_are_highlighted(coalition_report: ArticleReport) -> None:
    document = render_html(coalition_report, ARTICLE, title="Test report")
    tags = parse(document)
    matched = [(i, s) for i, s in enumerate(coalition_report.sentences) if s.stance is not None]
    assert len(matched) >= 2
    assert len(tags.marks) == coalition_report.summary.matched == len(matched)
    for (attrs, text), (index, sentence) in zip(tags.marks, matched, strict=True):
        assert sentence.stance is not None
        stance = sentence.stance.value
        assert attrs["data-stance"] == stance
        assert attrs["data-sentence-index"] == str(index)
        assert (attrs["class"] or "").split() == ["cm-match", f"cm-{stance}"]
        assert text == sentence.text
    coalition = next(text for _, text in tags.marks if "30 supporters" in text)
    assert "WASHINGTON (AP)" not in coalition  # the dateline is not part of the highlight
    details = [a for t, a in tags.tags if t == "section" and "cm-detail" in (a.get("class") or "").split()]
    assert [d["data-sentence-index"] for d in details] == [str(i) for i, _ in matched]
    claim_ids = [a["data-claim-id"] for t, a in tags.tags if t == "li" and a.get("data-claim-id")]
    assert "coalition-34-supporters" in claim_ids
    for key, value in coalition_report.summary.model_dump().items():
        if key != "sentences_skipped":
            assert f'data-count="{key}"><b>{value}</b>' in document
    assert "<title>Test report</title>" in document
    # Skipped text is still shown, dimmed, with its reason.
    assert 'title="skipped: photo credit">Photo by Jane Doe/UPI UPI</span>' in document
    assert 'title="skipped: boilerplate">Read more:' in document


def test_article_and_claims_are_escaped(embedder: Embedder) -> None:
    evil = VerifiedClaim(
        id='evil"><script>',
        text="<script>alert('claim')</script> Bats are blind & deaf.",
        verdict=Verdict.FALSE,
        rating="<b>False</b>",
        publisher="<img src=x onerror=alert(1)>",
        review_url="javascript:alert(1)",
        title="</a><script>alert('title')</script>",
    )
    index = ClaimIndex.build([evil], embedder=embedder)
    article = "<script>alert('article')</script> Bats are blind & deaf, said 3 zoologists in Texas.\n"
    report = check_article(ClaimMatcher(index, min_score=-1.0), article)
    assert report.sentences and report.sentences[0].matches
    document = render_html(report, article, title="<title>x</title>")
    assert document.count("<script") == 1  # only the report's own script
    assert "&lt;script&gt;alert(&#x27;article&#x27;)&lt;/script&gt;" in document
    assert "&lt;script&gt;alert(&#x27;claim&#x27;)&lt;/script&gt;" in document
    assert "&lt;img src=x onerror=alert(1)&gt;" in document and "<img" not in document
    assert "<b>False</b>" not in document and "&lt;b&gt;False&lt;/b&gt;" in document
    assert "&amp; deaf" in document
    assert 'href="javascript:' not in document
    assert "<title>&lt;title&gt;x&lt;/title&gt;</title>" in document
    tags = parse(document)
    assert [t for t, _ in tags.tags].count("script") == 1
    assert not any(t == "a" for t, _ in tags.tags)  # a javascript: review link is not made into a link


def test_report_is_self_contained(coalition_report: ArticleReport) -> None:
    document = render_html(coalition_report, ARTICLE)
    tags = parse(document)
    review_urls = {m.claim.review_url for s in coalition_report.sentences for m in s.matches}
    links = [(t, a) for t, a in tags.tags if "src" in a or "href" in a]
    assert links, "expected review links"
    for tag, attrs in links:
        assert tag == "a" and "src" not in attrs, (tag, attrs)
        assert attrs["href"] in review_urls
        assert attrs["class"] == "cm-review" and "noopener" in (attrs["rel"] or "")
    assert not any(t in {"link", "img", "iframe", "object", "embed", "base"} for t, _ in tags.tags)
    assert "url(" not in document and "@import" not in document and "@font-face" not in document
    # The Content-Security-Policy allows exactly the inline style and script (by hash) and nothing else.
    csp = next(a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", document, re.DOTALL)
        assert body is not None
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in csp
    for colour in STANCE_COLOURS.values():
        assert colour in document


def test_render_checks_its_inputs(coalition_report: ArticleReport) -> None:
    with pytest.raises(InvalidArgumentError, match="same text"):
        render_html(coalition_report, ARTICLE.replace("Mount", "Mt.   "))
    with pytest.raises(InvalidArgumentError, match="same text"):
        render_html(coalition_report, ARTICLE.upper())
    with pytest.raises(InvalidTypeError):
        render_html({"sentences": []}, ARTICLE)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        render_html(coalition_report, ARTICLE.encode())  # type: ignore[arg-type]


def test_write_html_is_atomic_and_overwrites(coalition_report: ArticleReport, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    written = write_html(coalition_report, ARTICLE, target)
    assert written == target
    assert target.read_text("utf-8") == render_html(coalition_report, ARTICLE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temporary files left
    with pytest.raises(InvalidArgumentError):
        write_html(coalition_report, "different", target)
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")  # a failed render keeps the old file


def test_read_article_text_and_html(tmp_path: Path) -> None:
    plain = tmp_path / "a.txt"
    plain.write_bytes("\ufeffFirst line.\r\nSecond line with caf\u00e9.\r\n".encode())
    assert read_article(plain) == "First line.\nSecond line with caf\u00e9.\n"
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>T</title><style>p{color:red}</style><script>var x = '<p>no</p>';</script></head>"
        "<body><h1>Big   news</h1><p>Prices rose 3% &amp; wages <b>fell</b>.</p><br><p>Second</p>"
        "<noscript>enable js</noscript><script>track()</script></body></html>",
        encoding="utf-8",
    )
    assert read_article(page) == "Big news\nPrices rose 3% & wages fell.\nSecond"
    assert html_to_text("<div>a<div>b</div>c</div>") == "a\nb\nc"
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\u00e9".encode("latin-1"))
    with pytest.raises(InvalidTextError, match="UTF-8"):
        read_article(latin)


@pytest.fixture(scope="module")
def saved_index(default_index: ClaimIndex, embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("idx") / "default"
    ClaimIndex.build(default_index.claims, embedder=embedder).save(out)
    return out


def test_cli_check_json_and_html(saved_index: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    html_out = tmp_path / "out.html"
    result = runner.invoke(
        app, ["check", str(article), "--index", str(saved_index), "--json", "--top-k", "2", "--html", str(html_out)]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    report = ArticleReport.model_validate(payload)
    assert report.top_k == 2
    assert all(ARTICLE[s.start : s.end] == s.text for s in report.sentences)
    coalition = next(s for s in report.sentences if "30 supporters" in s.text)
    assert coalition.matches[0].claim.id == "coalition-34-supporters"
    assert payload["summary"]["sentences_checked"] == len(payload["sentences"])
    assert 'class="cm-match cm-' in html_out.read_text("utf-8")


def test_cli_check_table_and_errors(saved_index: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.html"
    article.write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    result = runner.invoke(app, ["check", str(article), "--index", str(saved_index)])
    assert result.exit_code == 0, result.output
    assert "matched" in result.output and "30 supporters" in result.output
    missing = runner.invoke(app, ["check", str(tmp_path / "nope.txt"), "--index", str(saved_index)])
    assert missing.exit_code == 2 and "error" in missing.output
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    blank = runner.invoke(app, ["check", str(empty), "--index", str(saved_index)])
    assert blank.exit_code == 2 and "empty" in blank.output
