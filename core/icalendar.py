"""iCalendar files (RFC 5545), of the agendas and the business meetings, written by hand:
no pinned package writes them, and the portal's calendars are a few events in a zone
without daylight saving time (Indonesia's WIB, WITA and WIT), which a handful of lines
describe exactly.

``calendar`` gives the file's text: CRLF line ends, lines folded at 75 octets (never
inside a character), text values escaped, times in the named zone with its
``VTIMEZONE``.
"""

import dataclasses
import datetime
import zoneinfo

FOLD_AT = 75  # octets of a line, line end excluded


@dataclasses.dataclass(frozen=True)
class Event:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    stamp: datetime.datetime
    location: str = ""
    description: str = ""
    url: str = ""
    categories: tuple = ()


def escape(text):
    """A TEXT value: backslashes, semicolons, commas and line ends escaped."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """``line`` in pieces of at most 75 octets, each after the first starting with a space."""
    pieces, piece, size, limit = [], [], 0, FOLD_AT
    for character in line:
        width = len(character.encode())
        if size + width > limit:
            pieces.append("".join(piece))
            piece, size, limit = [], 0, FOLD_AT - 1  # the space takes one octet
        piece.append(character)
        size += width
    pieces.append("".join(piece))
    return "\r\n ".join(pieces)


def _local(moment, zone):
    return moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def _utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _offset(zone):
    minutes = int(datetime.datetime.now(zone).utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def calendar(events, *, name, time_zone, product="-//Expo UMKM//Agenda//ID"):
    """The text of a calendar of ``events`` called ``name``, its times in ``time_zone``
    (an IANA name without daylight saving time, e.g. Asia/Jakarta)."""
    zone = zoneinfo.ZoneInfo(time_zone)
    offset = _offset(zone)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{product}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{time_zone}",
        "BEGIN:VTIMEZONE",
        f"TZID:{time_zone}",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}",
        f"TZNAME:{datetime.datetime.now(zone).tzname()}",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{_utc(event.stamp)}",
            f"DTSTART;TZID={time_zone}:{_local(event.starts_at, zone)}",
            f"DTEND;TZID={time_zone}:{_local(event.ends_at, zone)}",
            f"SUMMARY:{escape(event.summary)}",
        ]
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        if event.categories:
            lines.append("CATEGORIES:" + ",".join(escape(c) for c in event.categories))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
