from dataclasses import dataclass
from datetime import datetime

from .calendar import STOCKHOLM
from .hours import Status, describe_status

# How far ahead the directory lists special days: far enough for Christmas to show in
# early December, near enough to stay short.
COMING_DAYS = 30


@dataclass(frozen=True)
class DirectoryEntry:
    line: object
    status: Status
    status_text: str
    # Special days of the coming weeks in words ("Stängt 24 december (julafton)").
    coming: tuple[str, ...] = ()


def directory_entries(lines, *, now: datetime) -> list[DirectoryEntry]:
    """Each line with its status at `now`, open lines first, in the editors' order."""
    entries = []
    today = now.astimezone(STOCKHOLM).date()
    for line in lines:
        status = line.status_at(now)
        entries.append(
            DirectoryEntry(
                line,
                status,
                describe_status(status, now=now),
                tuple(line.coming_special_days(today=today, days=COMING_DAYS)),
            )
        )
    return sorted(entries, key=lambda entry: not entry.status.is_open)
