"""Property-based tests of the HTTP API against its own OpenAPI document (bounded)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="install the dev extra: pip install -e '.[dev,server]'")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from claimmatch import ClaimIndex, VerifiedClaim  # noqa: E402
from claimmatch.embedder import load_embedder  # noqa: E402
from claimmatch.server import ClaimService, ServerSettings, create_app  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

KEY = "schema-key"


def _app(tmp: Path) -> object:
    index = ClaimIndex.build(
        [
            VerifiedClaim(id="bats", text="Bats are blind.", verdict="false"),
            VerifiedClaim(id="everest", text="Mount Everest is 8,849 metres tall.", verdict="true"),
        ],
        embedder=load_embedder(),
    )
    index.save(tmp)
    config = ServerSettings(index_path=tmp, api_key=KEY)
    return create_app(config, service=ClaimService(config))


def test_committed_openapi_document_is_current(tmp_path: Path) -> None:
    app = _app(tmp_path / "idx")
    committed = json.loads((ROOT / "docs" / "openapi.json").read_text("utf-8"))
    assert committed == app.openapi(), "regenerate it: python -m claimmatch.server --openapi docs/openapi.json"


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> object:
    """A Hypothesis strategy over every API operation, built from the app's OpenAPI document."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", _app(tmp_path_factory.mktemp("schema") / "idx"))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7
    return st.one_of([operation.as_strategy() for operation in operations])


def test_no_server_errors(cases: st.SearchStrategy[object]) -> None:
    seen: list[tuple[str, str, int]] = []

    @given(case=cases)
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case: object) -> None:
        response = case.call(headers={"Authorization": f"Bearer {KEY}"})  # type: ignore[attr-defined]
        seen.append((case.method, case.path, response.status_code))  # type: ignore[attr-defined]
        assert response.status_code < 500, (case, response.text)
        if response.status_code >= 400:
            assert set(response.json()) == {"error"} and "Traceback" not in response.text

    check()
    assert len({(method, path) for method, path, _ in seen}) == 7, "every operation was exercised"
    assert any(code < 300 for *_, code in seen) and any(code >= 400 for *_, code in seen)
