"""The ``claimmatch`` command line: build an index, match claims against it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from claimmatch.article import DEFAULT_ARTICLE_TOP_K, ArticleReport, check_article
from claimmatch.embedder import BACKENDS, DEFAULT_BACKEND, DEFAULT_MODEL
from claimmatch.errors import ClaimMatchError
from claimmatch.index import ClaimIndex
from claimmatch.loaders import load_claims
from claimmatch.matcher import DEFAULT_MIN_SCORE, ClaimMatcher
from claimmatch.models import Match, Stance
from claimmatch.report import DEFAULT_TITLE, read_article, write_html
from claimmatch.stance.nli import parse_nli_option

__all__ = ["app", "build_index"]

app = typer.Typer(help="Find earlier fact-checks for new claims, with stance and reasons.", no_args_is_help=True)
_out = Console()
_err = Console(stderr=True)
_STANCE_STYLE = {Stance.SUPPORTS: "green", Stance.CONTRADICTS: "red", Stance.RELATED: "yellow"}


def build_index(
    claims_path: Path,
    out: Path,
    *,
    model: str = DEFAULT_MODEL,
    embed_title: bool = True,
    embedding_backend: str = DEFAULT_BACKEND,
) -> ClaimIndex:
    """Build an index from a claims file with a progress bar, save it to ``out`` and return it.

    ``embedding_backend`` (one of :data:`~claimmatch.embedder.BACKENDS`) is recorded in the
    manifest and used again when the index is loaded.
    """
    claims = load_claims(claims_path)
    index = ClaimIndex(model, embed_title=embed_title, embedding_backend=embedding_backend)
    columns = (TextColumn("embedding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=_err, transient=True) as progress:
        task = progress.add_task("embedding", total=len(claims))
        index.add(claims, progress=lambda done: progress.advance(task, done))
    index.save(out)
    return index


@app.command()
def build(
    claims: Annotated[Path, typer.Argument(help="Verified claims, .jsonl or .csv.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Index directory to write.")],
    model: Annotated[str, typer.Option(help="Embedding model: name or local path.")] = DEFAULT_MODEL,
    title: Annotated[bool, typer.Option("--title/--no-title", help="Embed review titles with the text.")] = True,
    embedding_backend: Annotated[
        str, typer.Option(help=f"How to run the model: {', '.join(BACKENDS)}; recorded in the index.")
    ] = DEFAULT_BACKEND,
) -> None:
    """Embed verified claims and save a searchable index directory."""
    try:
        index = build_index(claims, out, model=model, embed_title=title, embedding_backend=embedding_backend)
    except ClaimMatchError as exc:
        _err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    _out.print(
        f"indexed {len(index)} claims with {index.model} ({index.embedding_backend}, {index.dimension} dims) into {out}"
    )


def _print_matches(query: str, matches: list[Match], min_score: float) -> None:
    _out.print(f"\n[bold]Claim:[/bold] {query}")
    if not matches:
        _out.print(f"  [dim]no earlier fact-check matches (cosine below {min_score:.2f})[/dim]")
        return
    table = Table(show_lines=True, expand=True)
    for name, kwargs in (
        ("#", {"width": 2}),
        ("score", {"width": 5}),
        ("stance", {"width": 12}),
        ("verified claim", {"ratio": 3}),
        ("verdict", {"width": 12}),
        ("reasons", {"ratio": 3}),
    ):
        table.add_column(name, **kwargs)  # type: ignore[arg-type]
    for match in matches:
        style = _STANCE_STYLE[match.stance]
        claim = match.claim
        verdict = claim.rating or claim.verdict.value
        if claim.publisher:
            verdict += f"\n({claim.publisher})"
        table.add_row(
            str(match.rank),
            f"{match.score:.2f}",
            f"[{style}]{match.stance.value}[/{style}]\n{match.confidence:.2f}",
            claim.text,
            verdict,
            "\n".join(match.reasons),
        )
    _out.print(table)


@app.command()
def match(
    texts: Annotated[list[str] | None, typer.Argument(help="Claims to check.")] = None,
    index: Annotated[Path, typer.Option("--index", "-i", help="Index directory.")] = Path("index/default"),
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read claims from a file, one per line.")] = None,
    top_k: Annotated[int, typer.Option("--top-k", "-k", help="Most matches per claim.")] = 5,
    min_score: Annotated[float, typer.Option(help="Cosine cut-off.")] = DEFAULT_MIN_SCORE,
    nli: Annotated[
        str,
        typer.Option(help="Stance: 'default' (rules + claimmatch's model), 'none' (rules only), or an NLI model."),
    ] = "default",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    embedding_backend: Annotated[
        str | None, typer.Option(help=f"Embed the claims with another backend ({', '.join(BACKENDS)}).")
    ] = None,
    mmap: Annotated[
        bool, typer.Option("--mmap", help="Leave the index files on disk, memory-mapped (large collections).")
    ] = False,
) -> None:
    """Match claims against an index and print matches with stance and reasons.

    Claims are embedded with the backend recorded in the index unless ``--embedding-backend`` says otherwise.
    """
    queries = list(texts or [])
    if file is not None:
        queries += [line.strip() for line in file.read_text("utf-8").splitlines() if line.strip()]
    if not queries:
        _err.print("[red]error:[/red] give claims as arguments or with --file")
        raise typer.Exit(2)
    try:
        loaded = ClaimIndex.load(index, embedding_backend=embedding_backend, mmap=mmap)
        matcher = ClaimMatcher(loaded, min_score=min_score, nli=parse_nli_option(nli))
        results = matcher.match_many(queries, top_k=top_k)
    except ClaimMatchError as exc:
        _err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if as_json:
        payload = [
            {"query": q, "matches": [m.model_dump(mode="json") for m in ms]}
            for q, ms in zip(queries, results, strict=True)
        ]
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for query, matches in zip(queries, results, strict=True):
        _print_matches(query, matches, min_score)


def _print_article_report(report: ArticleReport, source: Path) -> None:
    summary = report.summary
    _out.print(
        f"\n[bold]Article:[/bold] {source}\n"
        f"{summary.sentences_total} sentences, {summary.sentences_checked} checked, "
        f"{summary.sentences_skipped} skipped (captions, credits, not check-worthy), "
        f"{summary.matched} matched: [green]{summary.supported} supported[/green], "
        f"[red]{summary.contradicted} contradicted[/red], [yellow]{summary.related_only} related only[/yellow]"
    )
    matched = [(i, s) for i, s in enumerate(report.sentences, start=1) if s.matches]
    if not matched:
        _out.print(f"  [dim]no sentence matches an earlier fact-check (cosine below {report.min_score:.2f})[/dim]")
        return
    table = Table(show_lines=True, expand=True)
    for name, kwargs in (
        ("#", {"width": 3}),
        ("sentence", {"ratio": 3}),
        ("stance", {"width": 12}),
        ("top fact-check", {"ratio": 3}),
        ("score", {"width": 5}),
        ("reasons", {"ratio": 2}),
    ):
        table.add_column(name, **kwargs)  # type: ignore[arg-type]
    for number, sentence in matched:
        top = sentence.matches[0]
        style = _STANCE_STYLE[top.stance]
        claim = top.claim
        verdict = claim.rating or claim.verdict.value
        more = f"\n[dim]+{len(sentence.matches) - 1} more[/dim]" if len(sentence.matches) > 1 else ""
        table.add_row(
            str(number),
            " ".join(sentence.text.split()),
            f"[{style}]{top.stance.value}[/{style}]\n{top.confidence:.2f}",
            f"{claim.text}\n[dim]{verdict}{' - ' + claim.publisher if claim.publisher else ''}[/dim]{more}",
            f"{top.score:.2f}",
            "\n".join(top.reasons),
        )
    _out.print(table)


@app.command()
def check(
    article: Annotated[Path, typer.Argument(help="The article: a .txt file or an .html page.")],
    index: Annotated[Path, typer.Option("--index", "-i", help="Index directory.")] = Path("index/default"),
    top_k: Annotated[int, typer.Option("--top-k", "-k", help="Most matches per sentence.")] = DEFAULT_ARTICLE_TOP_K,
    min_score: Annotated[float, typer.Option(help="Cosine cut-off.")] = DEFAULT_MIN_SCORE,
    nli: Annotated[
        str,
        typer.Option(help="Stance: 'default' (rules + claimmatch's model), 'none' (rules only), or an NLI model."),
    ] = "default",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON instead of tables.")] = False,
    html: Annotated[Path | None, typer.Option("--html", help="Also write a self-contained HTML report here.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the HTML report.")] = None,
    mmap: Annotated[
        bool, typer.Option("--mmap", help="Leave the index files on disk, memory-mapped (large collections).")
    ] = False,
) -> None:
    """Check every check-worthy sentence of an article against an index."""
    try:
        text = read_article(article)
        matcher = ClaimMatcher(ClaimIndex.load(index, mmap=mmap), min_score=min_score, nli=parse_nli_option(nli))
        report = check_article(matcher, text, top_k=top_k)
        if html is not None:
            write_html(report, text, html, title=title or f"{DEFAULT_TITLE}: {article.name}")
    except (ClaimMatchError, OSError) as exc:
        _err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        _print_article_report(report, article)
    if html is not None:
        _err.print(f"wrote {html}")


@app.command()
def serve(
    index: Annotated[Path, typer.Option("--index", "-i", help="Index directory to serve.")] = Path("index/default"),
    host: Annotated[str, typer.Option(help="Address to bind; keep 127.0.0.1 behind a proxy.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    durability: Annotated[str | None, typer.Option(help="every-write (save before acknowledging) or interval.")] = None,
) -> None:
    """Serve an index over HTTP (needs the server extra: pip install 'claimmatch[server]').

    Writes need CLAIMMATCH_API_KEY (or CLAIMMATCH_API_KEY_FILE); see docs/service.md.
    """
    try:
        from claimmatch.server import serve as run_server
    except ImportError as exc:
        _err.print(f"[red]error:[/red] the server needs FastAPI and uvicorn ({exc}); pip install 'claimmatch[server]'")
        raise typer.Exit(2) from None
    if durability not in (None, "every-write", "interval"):
        _err.print("[red]error:[/red] --durability is every-write or interval")
        raise typer.Exit(2)
    try:
        run_server(index, host=host, port=port, durability=durability)
    except ClaimMatchError as exc:
        _err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


if __name__ == "__main__":  # pragma: no cover
    app()
