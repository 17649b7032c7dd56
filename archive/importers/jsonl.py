"""JSON Lines files read as a stream of interchange records, one line at a time (memory stays flat)."""

from collections.abc import Iterator
from pathlib import Path

from archive.importers.record import Record, RecordError, from_json
from archive.importers.text import TextError


def read_jsonl(path: Path) -> Iterator[tuple[int, Record | RecordError, int]]:
    """(line number, record or the error that line has, bytes read so far) for each non-blank line."""
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise TextError(f"cannot read ({exc.strerror or exc})") from None
    with f:
        head = f.read(8192)
        if b"\x00" in head:
            raise TextError("binary file, not JSON Lines")
        if not head.strip():
            raise TextError("empty file")
        f.seek(0)
        offset = 0
        for number, raw in enumerate(f, 1):
            offset += len(raw)
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, RecordError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"), offset
                continue
            try:
                record = from_json(line)
            except RecordError as exc:
                yield number, exc, offset
            else:
                yield number, record, offset
