"""JSON Lines files read as a stream of interchange records, one line at a time (memory stays flat)."""

import threading
from collections.abc import Iterator
from pathlib import Path
from queue import Empty, Queue

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
                yield (
                    number,
                    RecordError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"),
                    offset,
                )
                continue
            try:
                record = from_json(line)
            except RecordError as exc:
                yield number, exc, offset
            else:
                yield number, record, offset


def read_ahead(items: Iterator, size: int = 2000) -> Iterator:
    """Iterate `items` in a background thread, up to `size` ahead of the consumer.

    Decoding and checking JSON takes about as long as the database takes to store it; done in a
    thread, it overlaps the database's work (the thread touches no database connection).
    """
    queue: Queue = Queue(maxsize=size)
    done = object()
    stop = threading.Event()

    def produce():
        try:
            for item in items:
                if stop.is_set():
                    return
                queue.put(item)
        except BaseException as exc:  # handed to the consumer, which raises it
            queue.put(_Raised(exc))
        queue.put(done)

    thread = threading.Thread(target=produce, daemon=True)
    thread.start()
    try:
        while (item := queue.get()) is not done:
            if isinstance(item, _Raised):
                raise item.exc
            yield item
    finally:
        stop.set()
        while thread.is_alive():
            try:
                queue.get_nowait()
            except Empty:
                thread.join(0.01)


class _Raised:
    def __init__(self, exc: BaseException):
        self.exc = exc
