"""Create a partner (or give an existing one a new key) and print the key once.

The key is the last line of the output and nothing else, so a script can take it with `tail -n 1`.
Only its hash is stored: a lost key cannot be shown again, only replaced.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from archive.models import Partner
from archive.models.partners import validate_rate


class Command(BaseCommand):
    help = "Create an API partner and print a new key for it (shown once, alone on the last line)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The partner's name, e.g. 'Border Monitor'.")
        parser.add_argument("--email", default="", help="A contact address.")
        parser.add_argument(
            "--rate", default="", help="Its own rate limit, e.g. 5000/hour (default: ARCHIVE_API_RATE)."
        )
        parser.add_argument("--key-name", default="", help="A label for the key (default: the partner's name).")

    def handle(self, *args, name, email, rate, key_name, **options):
        name = name.strip()
        if not name:
            raise CommandError("The partner needs a name.")
        if rate:
            try:
                validate_rate(rate)
            except ValidationError as error:
                raise CommandError(error.messages[0]) from None
        partner, created = Partner.objects.get_or_create(
            name=name, defaults={"contact_email": email, "rate_limit": rate}
        )
        if not created and (email or rate):
            Partner.objects.filter(pk=partner.pk).update(
                **{k: v for k, v in (("contact_email", email), ("rate_limit", rate)) if v}
            )
        api_key, key = partner.create_key(key_name)
        self.stdout.write(
            f"{'Created partner' if created else 'New key for existing partner'} {partner.name!r}; "
            f"key prefix {api_key.prefix}. Store the key now: it is not shown again."
        )
        self.stdout.write(key)
