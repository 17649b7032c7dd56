"""Running management commands the way a user would, capturing what they print."""

from io import StringIO

from django.core.management import CommandError, call_command


def run_import(*args) -> tuple[str, str, CommandError | None]:
    """`import_articles ARGS…`: its standard output, its errors, and the CommandError it ended with, if any."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None
