"""Refresh the statistics the search ranking reads: run after large imports (or nightly).

Document frequencies of common words, the archive's vocabulary for "did you mean", and each common
word's list of best-scoring articles (the candidates a search ranks at scale) are rebuilt from a
sample of the archive. Rare words need no refresh: they are counted on the index at query time.
"""

from django.core.management.base import BaseCommand

from archive.search import refresh_search_stats


class Command(BaseCommand):
    help = "Refresh search statistics (document frequencies, vocabulary, candidate lists)."

    def handle(self, *args, **options):
        summary = refresh_search_stats()
        if options["verbosity"]:
            self.stdout.write(
                f"{summary['articles']} articles ({summary['sampled']} sampled): {summary['terms']} common lexemes, "
                f"{summary['words']} vocabulary words, candidate lists for {summary['impact_lexemes']} lexemes "
                f"in {summary['impact_seconds']:.1f} s."
            )
