"""Property-based test of the whole API with schemathesis, driven by its OpenAPI schema: a real
server (live_server) with the demo data, every operation called with generated requests (valid
and invalid) by a read-write token of the demo superuser. No answer may be a server error, and
every answer must match the schema: status code documented, content type, body.

Writes are generated too: they run against this test's own database, flushed afterwards.
"""

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sinergi.config.api import api

# Examples per operation: enough to try each parameter valid and invalid; raise for a deeper
# run (SINERGI_SCHEMATHESIS_EXAMPLES=200 make test PYTEST_ARGS="-k schema").
EXAMPLES = int(os.environ.get("SINERGI_SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))


@pytest.mark.django_db(transaction=True)
def test_every_operation_answers_within_its_schema(
    live_server: Any, reference_data: None, settings: Any
) -> None:
    from django.core.management import call_command

    from sinergi.accounts.models import User
    from sinergi.tokens.services import token_create

    settings.SINERGI_API_RATE = 1_000_000  # the limit has its own test
    settings.SINERGI_API_ANON_RATE = 1_000_000
    settings.DEMO_MODE = True
    call_command("load_demo_data", verbosity=0)
    _token, text = token_create(
        user=User.objects.get(username="admin"), name="schemathesis", scope="baca_tulis", days=1
    )
    headers = {"Authorization": f"Bearer {text}"}
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 50  # a schema that lost its operations tests nothing

    for operation in operations:

        @given(case=operation.as_strategy())
        @examples(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            case.call_and_validate(base_url=live_server.url, headers=headers, checks=CHECKS)

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # try every operation, report all
            failures.append(f"{operation.method.upper()} {operation.path}: {error}"[:2000])
    assert not failures, "\n\n".join(failures)
