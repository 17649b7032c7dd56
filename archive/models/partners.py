"""Partners of the REST API: who they are, their keys and how much they use the API."""

from django.core.exceptions import ValidationError
from django.db import connection, models
from rest_framework_api_key.models import AbstractAPIKey


def validate_rate(value: str) -> None:
    """A throttle rate as Django REST framework writes it: "1000/hour", "10/second", "50000/day"."""
    count, _, period = value.partition("/")
    if not count.isdigit() or int(count) < 1 or period not in ("second", "minute", "hour", "day", "s", "m", "h", "d"):
        raise ValidationError(f"{value!r} is not a rate such as 1000/hour (periods: second, minute, hour, day).")


class Partner(models.Model):
    """An organisation that pulls articles through the API."""

    name = models.CharField(max_length=200, unique=True)
    contact_email = models.EmailField(blank=True)
    notes = models.TextField(blank=True)
    rate_limit = models.CharField(
        max_length=30,
        blank=True,
        validators=[validate_rate],
        help_text="Requests allowed, such as 5000/hour. Empty: the default rate (ARCHIVE_API_RATE).",
    )
    is_active = models.BooleanField(default=True, help_text="Untick to suspend every key of this partner at once.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    # The API authenticates a partner, not a user: DRF's request.user is the partner.
    is_authenticated = True

    def create_key(self, name: str = "") -> tuple["PartnerAPIKey", str]:
        """A new key for this partner; the plain key is returned once and stored only as a hash."""
        return PartnerAPIKey.objects.create_key(partner=self, name=(name or self.name)[:50])


class PartnerAPIKey(AbstractAPIKey):
    """A partner's key: `prefix.secret`, stored as a SHA-512 hash; the prefix is shown to tell keys apart."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="api_keys")
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "partner API key"
        verbose_name_plural = "partner API keys"

    def record_use(self) -> None:
        """Count one request for today and note when the key was last used, in one statement."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH touched AS (
                    UPDATE {PartnerAPIKey._meta.db_table} SET last_used_at = now()
                    WHERE id = %s AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                )
                INSERT INTO {PartnerUsage._meta.db_table} (partner_id, day, requests)
                VALUES (%s, (now() AT TIME ZONE 'UTC')::date, 1)
                ON CONFLICT (partner_id, day)
                DO UPDATE SET requests = {PartnerUsage._meta.db_table}.requests + 1
                """,  # nosec B608  # identifiers and clauses come from code; values are parameters
                [self.pk, self.partner_id],
            )


class PartnerUsage(models.Model):
    """How many API requests a partner made on one day (UTC)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="usage")
    day = models.DateField()
    requests = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name_plural = "partner usage"
        constraints = [models.UniqueConstraint(fields=["partner", "day"], name="partnerusage_partner_day_unique")]

    def __str__(self):
        return f"{self.partner} {self.day}: {self.requests}"
