"""A bounded schemathesis run against the real service: every operation of the OpenAPI schema gets generated
requests, valid and not; no 5xx, and every response conforms to the schema (status, content type, body)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

CHECKS_PER_OPERATION = 30  # examples per operation: bounded, the run stays a couple of minutes


@pytest.mark.e2e
def test_every_operation_answers_as_its_schema_says(real_server):
    import schemathesis
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = (not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
              response_schema_conformance)
    schema = schemathesis.openapi.from_url(f"{real_server}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15, "the schema lists the service's operations"
    calls: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=CHECKS_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck),
                  derandomize=True, database=None)
        def conforms(case):
            case.call_and_validate(checks=checks, base_url=real_server)
            calls.append(operation.label)

        conforms()
    assert len(set(calls)) == len(operations), "every operation was called"
