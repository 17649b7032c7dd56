from archive.models.content import Article, ArticleQuerySet, ArticleTag, Credit, Photo, Source, Tag, TagAlias
from archive.models.duplicates import DuplicateFlag
from archive.models.insights import SearchCount

__all__ = [
    "Article",
    "ArticleQuerySet",
    "ArticleTag",
    "Credit",
    "Photo",
    "Source",
    "Tag",
    "TagAlias",
    "DuplicateFlag",
    "SearchCount",
]

from archive.models.curation import Promotion, SynonymGroup  # noqa: E402
from archive.models.searchstats import (  # noqa: E402
    ArchiveChange,
    SearchImpact,
    SearchPairs,
    SearchStats,
    SearchTerm,
    SearchWord,
)

__all__ += [
    "ArchiveChange",
    "Promotion",
    "SynonymGroup",
    "SearchImpact",
    "SearchPairs",
    "SearchStats",
    "SearchTerm",
    "SearchWord",
]

from archive.models.changes import ChangeEvent  # noqa: E402
from archive.models.partners import Partner, PartnerAPIKey, PartnerUsage  # noqa: E402

__all__ += ["Partner", "PartnerAPIKey", "PartnerUsage", "ChangeEvent"]

from archive.models.imports import ImportRecord  # noqa: E402

__all__ += ["ImportRecord"]

from archive.models.history import (  # noqa: E402
    ArticleEvent,
    ArticleTagEvent,
    CreditEvent,
    PhotoEvent,
    TagAliasEvent,
    TagEvent,
)

__all__ += ["ArticleEvent", "ArticleTagEvent", "CreditEvent", "PhotoEvent", "TagAliasEvent", "TagEvent"]

from archive.models.jobs import AdminImport, JobFailure  # noqa: E402

__all__ += ["AdminImport", "JobFailure"]
