"""Related objects read some other way than a prefetch, stored where prefetch_related would store them, so
that `instance.<name>.all()` asks nothing of the database (archive.search.article_tags, archive.views.credits)."""


def as_prefetched(instance, name: str, objects: list) -> None:
    """`objects` as `instance.<name>.all()`, like prefetch_related(name) leaves it."""
    # What prefetch_related_objects stores (django.db.models.query.prefetch_one_level): the related
    # manager's queryset holding its results, so filtering it still asks the database.
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset
