from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from claimmatch.claimreview import (
    METADATA_KEY,
    RATING_KEY,
    VERDICT_KEY,
    claim_to_claimreview,
    export_claimreview,
    extract_jsonld,
    hashed_id,
    iter_claimreview,
)
from claimmatch.errors import (
    ClaimFormatError,
    DuplicateIdError,
    InvalidArgumentError,
    InvalidTypeError,
    SkippedRecordWarning,
)
from claimmatch.loaders import detect_json_format, load_claims, load_claims_report
from claimmatch.models import Verdict, VerifiedClaim
from tests.conftest import DATA, ROOT

SAMPLES = DATA / "claimreview"


def by_id(claims: list[VerifiedClaim]) -> dict[str, VerifiedClaim]:
    return {claim.id: claim for claim in claims}


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# ---------------------------------------------------------------------- reading ClaimReview JSON-LD
def test_single_object_maps_every_field() -> None:
    [claim] = load_claims(SAMPLES / "single.jsonld")
    url = "https://www.example.org/politifact/2024/mar/05/great-wall-visible-from-space/"
    text = "The Great Wall of China is the only man-made structure visible from space with the naked eye."
    assert claim == VerifiedClaim(
        id=hashed_id(url, text),
        text=text,
        verdict=Verdict.FALSE,
        rating="Pants on Fire!",
        title="No, you can't see the Great Wall of China from space with the naked eye",
        review_url=url,
        publisher="PolitiFact",
        claimant="Viral image",
        claim_date=date(2024, 2, 28),
        review_date=date(2024, 3, 5),  # the date as written, not converted to UTC
        language="en-US",
        metadata={
            "claim_appearances": ["https://social.example.com/posts/8812", "https://social.example.com/posts/9034"]
        },
    )
    assert claim.id.startswith("cr-") and len(claim.id) == 19
    assert load_claims(SAMPLES / "single.jsonld")[0].id == claim.id  # stable


def test_list_of_claimreviews() -> None:
    claims = by_id(load_claims(SAMPLES / "list.json"))
    assert len(claims) == 5
    bats = claims["https://www.example.org/snopes/fact-check/bats-are-blind/#claimreview"]
    assert (bats.verdict, bats.rating, bats.publisher, bats.claimant) == (
        Verdict.MIXED,
        "Mixture",
        "Snopes.com",
        "Common saying",
    )
    wapo = claims["wapo-2022-1187"]
    assert wapo.verdict is Verdict.FALSE
    assert wapo.publisher == "The Washington Post"  # the Organization among the authors, not the reporter
    assert wapo.claimant == "A. Senator, B. Governor"
    assert wapo.title == "The claim that the tax cut paid for itself"  # headline
    assert (wapo.claim_date, wapo.review_date) == (date(2022, 7, 10), date(2022, 7, 14))
    goldfish = claims["fullfact-goldfish-memory"]
    assert goldfish.verdict is Verdict.FALSE
    assert goldfish.rating == "Incorrect. Goldfish remember things for months."  # raw text kept
    # an unknown textual rating falls back to the numeric rating (2 of 1..5)
    assert claims["numeric-only-rating"].verdict is Verdict.MOSTLY_FALSE
    assert claims["numeric-only-rating"].rating == "Rated: thunderously off"
    # a known textual rating wins over a contradicting number
    assert claims["text-beats-number"].verdict is Verdict.TRUE
    assert claims["text-beats-number"].language == "en"  # {"@type": "Language", "name": "English"}


def test_graph_ignores_other_nodes_and_resolves_references() -> None:
    claims = by_id(load_claims(SAMPLES / "graph.jsonld"))
    assert len(claims) == 2  # WebSite, Organization and WebPage are not claims
    vitamin = claims["https://www.example.org/healthfeedback/claimreview/vitamin-c-cures-colds/#claimreview"]
    assert vitamin.publisher == "Health Feedback"  # author {"@id": ...} resolved inside the @graph
    assert vitamin.verdict is Verdict.MOSTLY_FALSE  # Health Feedback's own reading of "Inaccurate"
    assert vitamin.metadata == {"claim_appearances": ["https://blog.example.net/vitamin-c"]}
    maldita = claims["maldita-4711"]  # identifier given as a PropertyValue
    assert (maldita.verdict, maldita.rating, maldita.language) == (Verdict.FALSE, "Bulo", "es")
    assert maldita.claimant == "Cadena de WhatsApp"


def test_html_page_reads_only_claimreviews() -> None:
    claims = load_claims(SAMPLES / "page.html")
    assert [claim.rating for claim in claims] == ["Frei erfunden", "Größtenteils richtig"]
    nested, listed = claims
    assert nested.verdict is Verdict.FALSE and listed.verdict is Verdict.MOSTLY_TRUE
    # no url in the nested ClaimReview: the canonical link is used (not og:url)
    assert nested.review_url == "https://www.example.org/correctiv/faktencheck/2024/06/12/sonnenbrillen/"
    assert listed.review_url is not None and listed.review_url.endswith("#zweite")
    assert nested.title == "Nein, Sonnenbrillen machen nicht blind"
    assert (nested.language, nested.claimant, nested.claim_date) == ("de", "Telegram-Kanal", date(2024, 6, 1))
    assert all("JavaScript" not in claim.text for claim in claims)
    assert load_claims(SAMPLES / "page.html", format="claimreview") == claims
    assert load_claims_report(SAMPLES / "page.html").format == "html"


def test_extract_jsonld_finds_scripts_and_page_url() -> None:
    scripts, url = extract_jsonld((SAMPLES / "page.html").read_text(encoding="utf-8"))
    assert len([s for s in scripts if s]) == 4  # the plain <script> is not JSON-LD
    assert all(json.loads(s) for s in scripts if s)  # CDATA wrapper removed
    assert url == "https://www.example.org/correctiv/faktencheck/2024/06/12/sonnenbrillen/"
    _, og_only = extract_jsonld('<meta property="og:url" content="https://x.example/a">')
    assert og_only == "https://x.example/a"


def test_google_fact_check_tools_response() -> None:
    claims = load_claims(SAMPLES / "google_search.json")
    assert len(claims) == 4  # one per review
    assert len({claim.id for claim in claims}) == 4
    politifact, fullfact, chequeado, healthfeedback = claims
    assert politifact == VerifiedClaim(
        id=hashed_id(politifact.review_url, "Cracking your knuckles causes arthritis."),
        text="Cracking your knuckles causes arthritis.",
        verdict=Verdict.FALSE,
        rating="False",
        title="No, cracking your knuckles does not cause arthritis",
        review_url="https://www.example.org/politifact/factchecks/2023/apr/20/knuckles-arthritis/",
        publisher="PolitiFact",
        claimant="Online forum posts",
        claim_date=date(2023, 4, 18),
        review_date=date(2023, 4, 20),
        language="en",
        metadata={"publisher_site": "politifact.com"},
    )
    assert fullfact.verdict is Verdict.UNPROVEN  # a sentence the table does not know...
    assert fullfact.rating == "There's no good evidence that cracking your knuckles causes arthritis."  # ...kept
    assert (chequeado.publisher, chequeado.verdict, chequeado.language) == ("chequeado.com", Verdict.FALSE, "es")
    assert chequeado.claim_date is None
    assert healthfeedback.verdict is Verdict.MOSTLY_FALSE


def test_google_bare_claim_list_and_empty_response(tmp_path: Path) -> None:
    response = json.loads((SAMPLES / "google_search.json").read_text(encoding="utf-8"))
    bare = write_json(tmp_path / "claims.json", response["claims"])
    assert load_claims(bare) == load_claims(SAMPLES / "google_search.json")
    empty = write_json(tmp_path / "empty.json", {})  # what claims:search returns when nothing matches
    assert load_claims(empty, format="google") == []


def test_fact_check_insights_export() -> None:
    report = load_claims_report(SAMPLES / "fact_check_insights.json")
    assert report.format == "duke"
    assert report.skipped == []
    claims = by_id(report.claims)
    assert set(claims) == {
        "6c4f3a30-2ec1-4e2e-9b57-41ad876223e5",
        "b2d7e1c4-5f0a-4b8e-a3c9-0d1e2f3a4b5c",  # its own id wins over the publisher's @id
        "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b",
    }  # the MediaReview is not a claim
    bench = claims["6c4f3a30-2ec1-4e2e-9b57-41ad876223e5"]
    assert (bench.verdict, bench.rating, bench.publisher) == (Verdict.FALSE, "pants-fire", "PolitiFact")
    assert (bench.claim_date, bench.review_date) == (date(2023, 11, 1), date(2023, 11, 2))
    assert claims["b2d7e1c4-5f0a-4b8e-a3c9-0d1e2f3a4b5c"].verdict is Verdict.MOSTLY_FALSE
    faux = claims["0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b"]
    assert (faux.verdict, faux.claimant, faux.review_date, faux.language) == (
        Verdict.FALSE,
        "Message viral",
        None,
        "fr",
    )


def test_fact_check_insights_other_wrappers(tmp_path: Path) -> None:
    export = json.loads((SAMPLES / "fact_check_insights.json").read_text(encoding="utf-8"))
    expected = load_claims(SAMPLES / "fact_check_insights.json")
    as_list = write_json(tmp_path / "records.json", export["claimReviews"])
    assert load_claims(as_list, format="duke") == expected
    as_data = write_json(tmp_path / "data.json", {"data": export["claimReviews"]})
    assert load_claims(as_data) == expected
    with pytest.raises(ClaimFormatError, match="claimReviews"):
        load_claims(write_json(tmp_path / "odd.json", {"rows": []}), format="duke")


def test_content_detection() -> None:
    assert detect_json_format({"claims": []}) == "google"
    assert detect_json_format([{"text": "x", "claimReview": []}]) == "google"
    assert detect_json_format({"claimReviews": [], "mediaReviews": []}) == "duke"
    assert detect_json_format({"@graph": []}) == "claimreview"
    assert detect_json_format({"@type": "ClaimReview"}) == "claimreview"
    assert detect_json_format([{"claimReviewed": "x"}]) == "claimreview"
    assert detect_json_format({"rows": []}) is None
    assert detect_json_format("text") is None


def test_undetectable_json_and_explicit_override(tmp_path: Path) -> None:
    odd = write_json(tmp_path / "odd.json", {"rows": [1, 2]})
    with pytest.raises(ClaimFormatError, match="format="):
        load_claims(odd)
    txt = tmp_path / "response.txt"
    txt.write_text((SAMPLES / "google_search.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert len(load_claims(txt, format="google")) == 4


def test_invalid_json_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"@graph": [\n  {"@type": "ClaimReview",}\n]}', encoding="utf-8")
    with pytest.raises(ClaimFormatError, match=r"broken\.json: not valid JSON .*line 2"):
        load_claims(broken, on_error="skip")  # a file that cannot be parsed is never "skipped"
    lines = tmp_path / "lines.json"
    lines.write_text('{"id": "a", "text": "A."}\n{"id": "b", "text": "B."}\n', encoding="utf-8")
    with pytest.raises(ClaimFormatError, match="jsonl"):
        load_claims(lines)
    latin = tmp_path / "latin.html"
    latin.write_bytes("<p>caf\xe9</p>".encode("latin-1"))
    with pytest.raises(ClaimFormatError, match="UTF-8"):
        load_claims(latin)


# ---------------------------------------------------------------------- malformed records
def test_malformed_records_raise_with_position() -> None:
    with pytest.raises(ClaimFormatError) as info:
        load_claims(SAMPLES / "malformed.jsonld")
    message = str(info.value)
    assert "malformed.jsonld: $.@graph[1]" in message and "claimReviewed" in message
    assert "on_error='skip'" in message


def test_malformed_records_skipped_with_warnings() -> None:
    with pytest.warns(SkippedRecordWarning) as caught:
        claims = load_claims(SAMPLES / "malformed.jsonld", on_error="skip")
    assert [claim.id for claim in claims] == ["good-1", "good-2"]
    messages = [str(warning.message) for warning in caught]
    assert len(messages) == 3
    assert "$.@graph[1]" in messages[0] and "claimReviewed" in messages[0]
    assert "$.@graph[2]" in messages[1] and "2nd March 2024" in messages[1]
    assert "$.@graph[4]" in messages[2] and "already used at $.@graph[0]" in messages[2]
    assert all("malformed.jsonld" in message for message in messages)
    assert caught[0].filename == __file__  # the warning points at the caller


def test_report_lists_skipped_records_without_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = load_claims_report(SAMPLES / "malformed.jsonld")
    assert [claim.id for claim in report.claims] == ["good-1", "good-2"]
    assert [skipped.position.split(": ", 1)[1] for skipped in report.skipped] == [
        "$.@graph[1]",
        "$.@graph[2]",
        "$.@graph[4]",
    ]
    assert "ISO 8601" in report.skipped[1].reason
    assert str(report.skipped[0]).startswith(str(SAMPLES / "malformed.jsonld"))


def test_duplicate_id_raises_by_default(tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "dup.jsonld",
        [{"@type": "ClaimReview", "@id": "x", "claimReviewed": c} for c in ("One claim.", "Another claim.")],
    )
    with pytest.raises(DuplicateIdError, match=r"\$\[1\].*already used at \$\[0\]"):
        load_claims(path)


def test_more_malformed_shapes_are_reported(tmp_path: Path) -> None:
    records: list[Any] = [
        {"@type": "ClaimReview", "claimReviewed": "Fine."},
        "just a string",
        {"note": "an object that is no record"},
        {"@type": "ClaimReview", "claimReviewed": {"text": "nested"}},
        {"@type": "ClaimReview", "claimReviewed": "Too long. " * 300},
        {"@type": "ClaimReview", "claimReviewed": "Bad verdict.", VERDICT_KEY: "maybe"},
        {"@type": "ClaimReview", "claimReviewed": "Bad claim date.", "itemReviewed": {"datePublished": "2024-13-45"}},
        {"@type": "Organization", "name": "ignored, not reported"},
    ]
    report = load_claims_report(write_json(tmp_path / "mixed.json", records))
    assert [claim.text for claim in report.claims] == ["Fine."]
    reasons = {skipped.position.rsplit(" ", 1)[1]: skipped.reason for skipped in report.skipped}
    assert set(reasons) == {"$[1]", "$[2]", "$[3]", "$[4]", "$[5]", "$[6]"}
    assert "str" in reasons["$[1]"]
    assert "neither @type nor claimReviewed" in reasons["$[2]"]
    assert "must be text" in reasons["$[3]"]
    assert "2000" in reasons["$[4]"]
    assert "maybe" in reasons["$[5]"]
    assert "itemReviewed.datePublished" in reasons["$[6]"]


def test_malformed_google_and_html(tmp_path: Path) -> None:
    response = {
        "claims": [
            {"claimant": "No text", "claimReview": [{"url": "https://a.example", "textualRating": "False"}]},
            {"text": "No reviews at all."},
            {"text": "One good, one bad.", "claimReview": [{"url": "https://b.example"}, "oops"]},
            {"text": "Bad date.", "claimDate": "yesterday", "claimReview": [{"url": "https://c.example"}]},
        ]
    }
    report = load_claims_report(write_json(tmp_path / "google.json", response))
    assert [claim.text for claim in report.claims] == ["One good, one bad."]
    assert [skipped.position.rsplit(" ", 1)[1] for skipped in report.skipped] == [
        "$.claims[0].claimReview[0]",
        "$.claims[1]",
        "$.claims[2].claimReview[1]",
        "$.claims[3].claimReview[0]",
    ]
    page = tmp_path / "page.htm"
    page.write_text(
        '<script type="application/ld+json">{"@type": "ClaimReview",</script>'
        '<script type="application/ld+json">{"@type": "ClaimReview", "claimReviewed": "Still read."}</script>',
        encoding="utf-8",
    )
    with pytest.raises(ClaimFormatError, match=r"page\.htm: script 1: not valid JSON"):
        load_claims(page)
    with pytest.warns(SkippedRecordWarning, match="script 1"):
        assert [claim.text for claim in load_claims(page, on_error="skip")] == ["Still read."]


def test_iter_claimreview_paths() -> None:
    data = {"@type": "WebPage", "mainEntity": {"@type": "schema:ClaimReview", "claimReviewed": "Nested."}}
    [(path, fields)] = list(iter_claimreview(data))
    assert path == "$.mainEntity"
    assert isinstance(fields, dict) and fields["text"] == "Nested."


# ---------------------------------------------------------------------- export and round trip
def edge_claims() -> list[VerifiedClaim]:
    return [
        VerifiedClaim(id="bare", text="Only the required fields."),
        VerifiedClaim(id="label-only", text="A verdict without rating text.", verdict=Verdict.MOSTLY_TRUE),
        VerifiedClaim(
            id="inconsistent",
            text="The rating and the verdict disagree.",
            verdict=Verdict.MIXED,
            rating="Pants on Fire",
            language="pt-BR",
            metadata={"nested": {"list": [1, 2.5, None, "x"]}, "claim_appearances": ["https://a.example"]},
        ),
        VerifiedClaim(
            id="https://www.example.org/review/1#claimreview",
            text="Ünïcödé text \u2013 with \u201cquotes\u201d.",
            verdict=Verdict.UNPROVEN,
            rating="Satire",
            title="A title",
            review_url="https://www.example.org/review/1",
            publisher="Someone",
            claimant="A, B",
            claim_date=date(2020, 2, 29),
            review_date=date(2020, 3, 1),
            language="de",
        ),
    ]


def test_round_trip_equals_original(tmp_path: Path) -> None:
    original = load_claims(ROOT / "index" / "claims.jsonl") + edge_claims()
    out = tmp_path / "export.jsonld"
    export_claimreview(original, out)
    assert load_claims(out) == original
    assert load_claims_report(out).format == "claimreview"
    assert [p.name for p in tmp_path.iterdir()] == ["export.jsonld"]  # no temporary file left


def test_export_document_shape(tmp_path: Path) -> None:
    out = tmp_path / "export.jsonld"
    export_claimreview(edge_claims(), out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["@context"] == "https://schema.org"
    bare, label_only, inconsistent, full = document["@graph"]
    assert bare["@type"] == "ClaimReview" and bare["@id"] == "bare"
    assert bare["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}  # no place on 1..5
    assert bare[RATING_KEY] is None
    assert label_only["reviewRating"]["alternateName"] == "Mostly true"
    assert label_only["reviewRating"]["ratingValue"] == 4
    assert inconsistent["reviewRating"]["alternateName"] == "Pants on Fire"
    assert inconsistent[VERDICT_KEY] == "mixed" and RATING_KEY not in inconsistent
    assert inconsistent[METADATA_KEY]["nested"] == {"list": [1, 2.5, None, "x"]}
    assert full["itemReviewed"] == {"@type": "Claim", "author": {"name": "A, B"}, "datePublished": "2020-02-29"}
    assert full["author"] == {"@type": "Organization", "name": "Someone"}
    assert (full["url"], full["name"], full["datePublished"], full["inLanguage"]) == (
        "https://www.example.org/review/1",
        "A title",
        "2020-03-01",
        "de",
    )
    assert claim_to_claimreview(edge_claims()[0]) == bare


def test_standard_fields_alone_carry_the_verdict(tmp_path: Path) -> None:
    """A reader that ignores the claimmatch: keys still gets each verdict from the rating."""
    claims = [
        VerifiedClaim(id=verdict.value, text=f"Claim rated {verdict.value}.", verdict=verdict) for verdict in Verdict
    ]
    out = tmp_path / "plain.jsonld"
    export_claimreview(claims, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    for node in document["@graph"]:
        for key in [k for k in node if k.startswith("claimmatch:")]:
            del node[key]
    stripped = write_json(tmp_path / "stripped.jsonld", document)
    assert [claim.verdict for claim in load_claims(stripped)] == list(Verdict)


def test_export_is_atomic_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "export.jsonld"
    export_claimreview(edge_claims(), out)
    before = out.read_bytes()
    duplicate = [*edge_claims(), VerifiedClaim(id="bare", text="Same id again.")]
    with pytest.raises(DuplicateIdError, match="'bare'"):
        export_claimreview(duplicate, out)
    with pytest.raises(InvalidTypeError, match="VerifiedClaim"):
        export_claimreview([{"id": "a", "text": "A mapping."}], out)  # type: ignore[list-item]
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["export.jsonld"]
    with pytest.raises(InvalidArgumentError, match="does not exist"):
        export_claimreview(edge_claims(), tmp_path / "missing" / "export.jsonld")
    export_claimreview([], out)
    assert load_claims(out) == []
