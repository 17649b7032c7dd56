"""A property-based run of the whole OpenAPI schema: whatever the input, no 5xx, and answers match the schema."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from archive.models import Tag
from tests.factories import make_article, make_partner, make_tag

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_schema(db):
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    return schemathesis.openapi.from_dict(document)


@pytest.fixture
def archive(db):
    place = make_tag("Hyesan", kind=Tag.Kind.PLACE)
    for n in range(3):
        make_article(f"Fence report {n}", tags=[place, make_tag()], captions=["A caption"], credits=[("author", "Kim")])
    _, key = make_partner(rate_limit="100000/hour")
    return key


@pytest.fixture
def app():
    """The WSGI application, kept from closing the test's connection after each request (as Django's test client)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_holds_to_the_schema(api_schema, archive, app, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9  # articles, tags, sources, photos (list and detail), changes

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
        )
        def holds(case):
            case.call_and_validate(
                app=app, headers={"Authorization": f"Api-Key {archive}", "Accept-Encoding": "identity"}, checks=CHECKS
            )

        holds()
