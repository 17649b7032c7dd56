"""Reading a raw text article (as copied from a news site) by its parts: see archive.importers.text."""
