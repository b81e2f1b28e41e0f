"""The wire schemas: round trips, limits, and refusal of unknown fields."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from crm_desktop.sync import protocol as p

# Any text but NUL, which requests refuse (see test_nul_is_refused_anywhere_in_a_request).
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
mutations = st.builds(
    p.Mutation,
    mutation_id=st.integers(1, 2**40),
    name=st.sampled_from(["create", "update", "delete", *sorted(p.COMMANDS)]),
    entity=st.sampled_from(["customer", "contact", "daily_report"]),
    row_id=st.uuids().map(str),
    base_version=st.integers(0, 1000),
    patch=st.dictionaries(texts.filter(bool), json_values, max_size=5),
    base_values=st.none() | st.dictionaries(texts.filter(bool), json_values),
)


@given(st.lists(mutations, max_size=5), st.uuids().map(str))
def test_push_request_round_trips(batch: list[p.Mutation], device: str) -> None:
    request = p.PushRequest(device_id=device[:36], mutations=batch)
    assert p.PushRequest.model_validate_json(request.model_dump_json()) == request


@given(
    st.lists(
        st.builds(
            p.PullOp,
            op=st.sampled_from(["upsert", "delete", "purge"]),
            entity=st.sampled_from(["customer", "conflict"]),
            id=st.uuids().map(str),
            seq=st.integers(1, 2**40),
            row=st.none() | st.dictionaries(st.text(max_size=8), json_values, max_size=4),
        ),
        max_size=5,
    ),
    st.integers(0, 2**40),
    st.booleans(),
)
def test_pull_response_round_trips(ops: list[p.PullOp], since: int, more: bool) -> None:
    page = p.PullResponse(ops=ops, next_since=since, has_more=more, epoch="e")
    assert p.PullResponse.model_validate_json(page.model_dump_json()) == page


def test_result_and_checksum_round_trip() -> None:
    result = p.MutationResult(
        mutation_id=3,
        status="rejected",
        reason="frozen_report",
        message="signed",
        server_row={"id": "x", "version": 2},
    )
    assert p.MutationResult.model_validate_json(result.model_dump_json()) == result
    sums = p.ChecksumResponse(
        upto_seq=9, entities={"customer": p.EntityChecksum(count=1, hash="ab")}
    )
    assert p.ChecksumResponse.model_validate_json(sums.model_dump_json()) == sums


def test_batch_limit_and_unknown_fields_are_refused() -> None:
    one = {"mutation_id": 1, "name": "update", "entity": "customer", "row_id": "a"}
    p.PushRequest.model_validate({"device_id": "d", "mutations": [one] * p.MAX_PUSH_MUTATIONS})
    with pytest.raises(ValidationError):
        p.PushRequest.model_validate(
            {"device_id": "d", "mutations": [one] * (p.MAX_PUSH_MUTATIONS + 1)}
        )
    with pytest.raises(ValidationError):
        p.Mutation.model_validate({**one, "surprise": 1})
    with pytest.raises(ValidationError):
        p.Mutation.model_validate({**one, "mutation_id": 0})


def test_paths_are_versioned() -> None:
    for path in (p.LOGIN_PATH, p.HANDSHAKE_PATH, p.PUSH_PATH, p.PULL_PATH, p.CHECKSUM_PATH):
        assert path.startswith(f"/v{p.API_VERSION}/")
    assert p.CLIENT_SCHEMA_MIN <= p.CLIENT_SCHEMA <= p.CLIENT_SCHEMA_MAX


@pytest.mark.parametrize(
    "where",
    [
        {"device_id": "d\x00"},
        {"mutations": [{"mutation_id": 1, "name": "create", "entity": "e", "row_id": "\x00"}]},
        {
            "mutations": [
                {
                    "mutation_id": 1,
                    "name": "create",
                    "entity": "e",
                    "row_id": "r",
                    "patch": {"notes": ["ok", {"deep": "a\x00"}]},
                }
            ]
        },
    ],
)
def test_nul_is_refused_anywhere_in_a_request(where: dict[str, object]) -> None:
    body = {"device_id": "d", "mutations": [], **where}
    with pytest.raises(ValidationError, match="NUL"):
        p.PushRequest.model_validate(body)
