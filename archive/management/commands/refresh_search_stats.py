"""Refresh the statistics the search ranking reads: run after large imports (or nightly).

Document frequencies of common words, the archive's vocabulary for "did you mean", and each common
word's list of best-scoring articles (the candidates a search ranks at scale), and each article's pairs
of common words standing together (which find a quoted phrase of them). When little changed
since the last refresh, only the changed articles are read; otherwise (or with --full) everything is
rebuilt from a sample of the archive. Rare words need no refresh: they are counted on the index at
query time.
"""

from django.core.management.base import BaseCommand

from archive.search import refresh_search_stats


class Command(BaseCommand):
    help = "Refresh search statistics (document frequencies, vocabulary, candidate lists)."

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="Rebuild everything, however little changed.")

    def handle(self, *args, **options):
        summary = refresh_search_stats(full=True if options["full"] else None)
        if options["verbosity"]:
            if summary["full"]:
                self.stdout.write(
                    f"Full refresh: {summary['articles']} articles ({summary['sampled']} sampled): "
                    f"{summary['terms']} common lexemes, {summary['words']} vocabulary words, candidate lists "
                    f"for {summary['impact_lexemes']} lexemes, common-word pairs of {summary['pair_articles']} "
                    f"articles, in {summary['seconds']:.1f} s."
                )
            else:
                self.stdout.write(
                    f"Incremental refresh: {summary['changed']} of {summary['articles']} articles changed; "
                    f"{summary['words']} new vocabulary words, {summary['impact_lexemes']} candidate list entries, "
                    f"in {summary['seconds']:.1f} s."
                )
