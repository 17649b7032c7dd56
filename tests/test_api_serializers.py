"""The nested serializers repeated on every item (source, tags, credits) write their values themselves
(PlainFieldsMixin); they give what DRF's own fields gave."""

import pytest
from rest_framework import serializers

from archive.api.serializers import CreditSerializer, SourceRefSerializer, TagRefSerializer
from archive.models import Credit, Tag
from tests.factories import make_article, make_source, make_tag

pytestmark = pytest.mark.django_db


def drf_own(serializer_class):
    """The same serializer without the mixin: DRF's CharField, SlugField and ChoiceField."""
    meta = type("Meta", (), {"model": serializer_class.Meta.model, "fields": serializer_class.Meta.fields})
    return type("Plain", (serializers.ModelSerializer,), {"Meta": meta})


def test_the_nested_serializers_give_what_drfs_fields_gave():
    tags = [make_tag("Trade & <aid>"), make_tag("Hyesan", kind=Tag.Kind.PLACE), make_tag("정", kind="person")]
    # A kind outside the choices (the database does not forbid one) is written as it is.
    tags.append(Tag(name="Odd", slug="odd", kind="unknown"))
    source = make_source(name='Daily "NK"')
    article = make_article("Credited", source=source, credits=[("author", "Kim"), ("translator", "Lee")])
    credits = [*Credit.objects.filter(article=article), Credit(article=article, role="", name="Nobody")]
    for serializer_class, instances in (
        (TagRefSerializer, tags),
        (SourceRefSerializer, [source]),
        (CreditSerializer, credits),
    ):
        expected = drf_own(serializer_class)(instances, many=True).data
        assert serializer_class(instances, many=True).data == expected
        assert [list(item) for item in serializer_class(instances, many=True).data] == [list(i) for i in expected]
