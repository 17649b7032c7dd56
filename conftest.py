import pytest

from tests import factories


@pytest.fixture
def make_article(db):
    return factories.make_article


@pytest.fixture
def make_tag(db):
    return factories.make_tag


@pytest.fixture
def make_source(db):
    return factories.make_source
