"""Schemathesis generates requests from the OpenAPI document and checks every answer against it.

Schemathesis' own pytest loader does not run under this pytest version, so the test walks the
operations itself and drives each one with Hypothesis through the WSGI app.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tracker.kinds import api_collections


@pytest.fixture
def api_schema(app, demo):
    """The API's own OpenAPI document, loaded through the WSGI app (with the demo data)."""
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def test_api_conforms_to_its_openapi_document(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    # A list and a detail operation for every collection the API serves.
    assert len(operations) == 2 * len(api_collections())
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            case.call_and_validate()

        check()
