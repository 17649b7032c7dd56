"""Plain factory functions with unique defaults (as djangoproject.com's checklists/tests/factory.py)."""

import itertools

from archive.models import Article, Credit, Photo, Source, Tag, TagAlias

_counter = itertools.count(1)


def make_source(**overrides) -> Source:
    n = next(_counter)
    fields = {"name": f"Outlet {n}", "slug": f"outlet-{n}"} | overrides
    return Source.objects.create(**fields)


def make_tag(name: str | None = None, *, aliases=(), **overrides) -> Tag:
    tag = Tag.objects.create(name=name or f"Tag {next(_counter)}", **overrides)
    for alias in aliases:
        TagAlias.objects.create(tag=tag, name=alias)
    return tag


def make_article(title: str | None = None, *, tags=(), captions=(), credits=(), **overrides) -> Article:
    """An article, published unless told otherwise; `credits` are (role, name) pairs."""
    fields = {
        "title": title or f"Article {next(_counter)}",
        "body": "A plain paragraph of reporting.",
        "status": Article.Status.PUBLISHED,
    } | overrides
    article = Article.objects.create(**fields)
    if tags:
        article.tags.add(*tags)
    for position, caption in enumerate(captions):
        Photo.objects.create(article=article, caption=caption, position=position)
    for position, (role, name) in enumerate(credits):
        Credit.objects.create(article=article, role=role, name=name, position=position)
    article.refresh_from_db()
    return article


def make_user(
    username: str | None = None, *, group: str | None = None, superuser: bool = False, password=None, **overrides
):
    """A staff user in one of the editorial groups of fixtures/groups.json (loaded on demand).

    Without a password the user can only be logged in with force_login (hashing one takes a while).
    """
    from django.contrib.auth.models import Group, User

    from archive.groups import load_groups

    username = username or f"user{next(_counter)}"
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", password, **overrides)
    user = User.objects.create_user(username, f"{username}@example.org", password, is_staff=True, **overrides)
    if group:
        if not Group.objects.filter(name=group).exists():
            load_groups()
        user.groups.add(Group.objects.get(name=group))
    return user


def make_partner(name: str | None = None, **overrides):
    """A partner of the API and a plain key for it: (partner, key)."""
    from archive.models import Partner

    partner = Partner.objects.create(name=name or f"Partner {next(_counter)}", **overrides)
    _, key = partner.create_key()
    return partner, key
