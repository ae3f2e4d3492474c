"""The per-filter cache of allowed ids never serves a stale answer after an update."""

from __future__ import annotations

from claimmatch import ClaimIndex, VerifiedClaim
from claimmatch.filters import ClaimFilter


def test_filtered_searches_follow_add_upsert_and_remove(small_index: ClaimIndex) -> None:
    where = ClaimFilter(publisher="desk.example")
    query = small_index.embed_queries(["Bats are blind."])

    def found() -> list[str]:
        hybrid = small_index.hybrid_search(["Bats are blind."], query, 5, where=where)[0]
        dense = small_index.search(query, 5, where=where)[0]
        assert sorted(c.id for c, _, _ in hybrid) == sorted(c.id for c, _ in dense)
        return sorted(c.id for c, _ in dense)

    assert found() == []
    assert found() == []  # served from the cache
    small_index.add([VerifiedClaim(id="bats", text="Bats are blind.", verdict="false", publisher="desk.example")])
    assert found() == ["bats"]
    small_index.upsert([VerifiedClaim(id="everest", text="Mount Everest is 8,849 m.", publisher="desk.example")])
    assert found() == ["bats", "everest"]
    small_index.upsert([VerifiedClaim(id="bats", text="Bats are blind.", verdict="false", publisher="other")])
    assert found() == ["everest"]
    small_index.remove(["everest"])
    assert found() == []
