import pytest
from archive.models import Article
from tests.factories import make_article, make_tag
@pytest.mark.django_db
def test_x(client):
    make_article("x", tags=[make_tag("Zanzibarite")], status=Article.Status.DRAFT)
    print(client.get("/search/suggest?q=Zanzi").json())
