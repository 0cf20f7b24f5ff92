"""Wall-clock time as the records carry it."""
from __future__ import annotations

import datetime as dt


def utc_now() -> str:
    """Now, in UTC, as ISO 8601 with milliseconds (the form every record's timestamps take)."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")
