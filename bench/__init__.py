"""Measurements of the search core: relevance on a public test collection, and speed at scale."""
