"""The iCalendar (RFC 5545) file of an accepted meeting, attached to its confirmation so
that a phone's calendar adds it with one tap.

Written here rather than with a library: one event of six properties is a few lines of
text, and escaping and folding (below) are all the format asks of them.
"""

import datetime

from django.utils import timezone

PRODUCT = "-//Portal Pameran UMKM//Temu bisnis//ID"


def escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """A content line cut into lines of at most 75 octets, each continued one starting
    with a space; never inside a character of several bytes."""
    parts, current = [], b""
    for character in line:
        encoded = character.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current)
            current = b""
        current += encoded
    parts.append(current)
    return b"\r\n ".join(parts).decode()


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_calendar(*, uid, starts_at, ends_at, summary, location, description):
    """The text of a calendar holding the one event."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{utc(timezone.now())}",
        f"DTSTART:{utc(starts_at)}",
        f"DTEND:{utc(ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(location)}",
        f"DESCRIPTION:{escape(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
