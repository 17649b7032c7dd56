from archive.models.content import Article, ArticleQuerySet, ArticleTag, Credit, Photo, Source, Tag, TagAlias

__all__ = ["Article", "ArticleQuerySet", "ArticleTag", "Credit", "Photo", "Source", "Tag", "TagAlias"]
