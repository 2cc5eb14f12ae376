"""Every mutation goes through the one envelope: refusals answer the payload's errors."""

from __future__ import annotations

import pytest

from schema.build import schema
from schema.envelope import Payload, RefusalsAsPayload

MUTATIONS = schema.get_type_by_name("Mutation")
assert MUTATIONS is not None
FIELDS = MUTATIONS.fields  # type: ignore[union-attr]


@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
def test_every_mutation_answers_refusals_in_its_payload(field) -> None:
    # given a root mutation field
    # when its extensions and return type are read
    envelopes = [e for e in field.extensions if isinstance(e, RefusalsAsPayload)]
    # then it returns a Payload and turns a DomainError into that payload's errors
    assert issubclass(field.type, Payload)
    assert len(envelopes) == 1
    assert envelopes[0].payload_type is field.type


def test_errors_is_the_last_field_of_every_payload() -> None:
    # given the payload types of the schema
    payloads = {f.type for f in FIELDS}
    # when their fields are listed in schema order
    last = {p.__name__: p.__strawberry_definition__.fields[-1].python_name for p in payloads}
    # then errors comes after what the mutation returns, as in the contract
    assert set(last.values()) == {"errors"}, last
