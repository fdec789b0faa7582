from dataclasses import dataclass
from datetime import datetime

from .hours import Status, describe_status


@dataclass(frozen=True)
class DirectoryEntry:
    line: object
    status: Status
    status_text: str


def directory_entries(lines, *, now: datetime) -> list[DirectoryEntry]:
    """Each line with its status at `now`, open lines first, in the editors' order."""
    entries = []
    for line in lines:
        status = line.status_at(now)
        entries.append(DirectoryEntry(line, status, describe_status(status, now=now)))
    return sorted(entries, key=lambda entry: not entry.status.is_open)
