"""An edition's agenda for visitors: on the edition page, day by day on its own page, and
as a calendar file a phone imports."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core import icalendar
from expo.models import AgendaSession
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

JAKARTA = timezone.get_fixed_timezone(7 * 60)


def at(day, hour, minute=0):
    return datetime.datetime(2030, 11, day, hour, minute, tzinfo=JAKARTA)


@pytest.fixture
def edition():
    edition = EditionFactory(
        name="Kasmex 2030",
        slug="kasmex-2030",
        starts_on=datetime.date(2030, 11, 12),
        ends_on=datetime.date(2030, 11, 13),
    )
    sessions = [
        ("pembukaan", "Pembukaan oleh Bupati Semarang", at(12, 9), at(12, 10), "Panggung utama"),
        ("pentas_seni", "Tari Gambyong; Sanggar Kridha, Ungaran", at(13, 19), at(13, 20, 30), ""),
        ("talkshow", "Talkshow: Ekspor untuk UMKM", at(12, 13), at(12, 14), "Hall B"),
    ]
    for kind, title, starts_at, ends_at, place in sessions:
        AgendaSession.objects.create(
            edition=edition,
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            speakers="Bupati Semarang\nDr. Sri Wahyuni, Kepala Dinas" if kind == "talkshow" else "",
            livestream_url="https://www.youtube.com/watch?v=abcdefghijk"
            if kind == "pembukaan"
            else "",
        )
    return edition


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_agenda_page_lists_the_sessions_day_by_day_in_their_order(client, edition):
    page = client.get(reverse("agenda", kwargs={"edition_slug": edition.slug})).content.decode()

    days = [text_of(day) for day in re.findall(r"<section.*?</section>", page, re.DOTALL)]
    assert days == [
        "Selasa, 12 November 2030 "
        "09.00 – 10.00 WIB Pembukaan Pembukaan oleh Bupati Semarang Panggung utama "
        "Tonton siaran langsung "
        "13.00 – 14.00 WIB Talkshow Talkshow: Ekspor untuk UMKM Hall B "
        "Bupati Semarang, Dr. Sri Wahyuni, Kepala Dinas",
        "Rabu, 13 November 2030 "
        "19.00 – 20.30 WIB Pentas seni Tari Gambyong; Sanggar Kridha, Ungaran",
    ]
    assert 'data-starts="2030-11-12T09:00:00+07:00" data-ends="2030-11-12T10:00:00+07:00"' in page


def test_the_edition_page_shows_its_agenda_with_the_days(client, edition):
    page = client.get(edition.get_absolute_url()).content.decode()

    [agenda] = re.findall(r'<section aria-labelledby="agenda">.*?</section>', page, re.DOTALL)
    assert re.findall(r'<p class="session-title">(.*?)</p>', agenda) == [
        '<span class="badge">Pembukaan</span> Pembukaan oleh Bupati Semarang',
        '<span class="badge">Talkshow</span> Talkshow: Ekspor untuk UMKM',
        '<span class="badge">Pentas seni</span> Tari Gambyong; Sanggar Kridha, Ungaran',
    ]
    assert "19.00 – 20.30 WIB · Rabu, 13 November" in text_of(agenda)
    assert 'href="/pameran/kasmex-2030/agenda.ics" download="agenda-kasmex-2030.ics"' in agenda


def test_an_edition_without_an_agenda_says_so_and_its_page_shows_none(client):
    edition = EditionFactory()

    agenda = client.get(reverse("agenda", kwargs={"edition_slug": edition.slug}))

    assert "Agenda belum diumumkan." in agenda.content.decode()
    assert 'aria-labelledby="agenda"' not in client.get(edition.get_absolute_url()).content.decode()


def parse(text):
    """The events of an iCalendar file as dicts of their properties, lines unfolded and
    text unescaped (RFC 5545, 3.1 and 3.3.11)."""
    assert text.endswith("\r\n")
    lines = text[: -len("\r\n")].split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = "\r\n".join(lines).replace("\r\n ", "").split("\r\n")
    events, event = [], None
    for line in unfolded:
        name, value = line.split(":", 1)
        if line == "BEGIN:VEVENT":
            event = {}
        elif line == "END:VEVENT":
            events.append(event)
            event = None
        elif event is not None:
            event[name] = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)
    return unfolded, events


def test_the_calendar_file_holds_every_session_at_its_time_in_jakarta(client, edition):
    response = client.get(reverse("agenda_calendar", kwargs={"edition_slug": edition.slug}))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    lines, events = parse(response.content.decode())
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Expo UMKM//Agenda//ID"]
    assert "TZOFFSETTO:+0700" in lines
    assert "TZNAME:WIB" in lines
    pks = list(AgendaSession.objects.order_by("starts_at").values_list("pk", flat=True))
    assert [
        (e["UID"], e["SUMMARY"], e["DTSTART;TZID=Asia/Jakarta"], e["DTEND;TZID=Asia/Jakarta"])
        for e in events
    ] == [
        (
            f"agenda-{pks[0]}@testserver",
            "Pembukaan oleh Bupati Semarang",
            "20301112T090000",
            "20301112T100000",
        ),
        (
            f"agenda-{pks[1]}@testserver",
            "Talkshow: Ekspor untuk UMKM",
            "20301112T130000",
            "20301112T140000",
        ),
        (
            f"agenda-{pks[2]}@testserver",
            "Tari Gambyong; Sanggar Kridha, Ungaran",
            "20301113T190000",
            "20301113T203000",
        ),
    ]
    assert events[0]["URL"] == "https://www.youtube.com/watch?v=abcdefghijk"
    assert events[0]["LOCATION"] == "Panggung utama"
    assert events[1]["DESCRIPTION"] == "Talkshow\nBupati Semarang\nDr. Sri Wahyuni, Kepala Dinas"
    assert events[2]["URL"] == "http://testserver/pameran/kasmex-2030/agenda/"


def test_a_session_keeps_its_uid_when_it_changes(
    client, edition, django_capture_on_commit_callbacks
):
    url = reverse("agenda_calendar", kwargs={"edition_slug": edition.slug})
    before = {e["UID"] for e in parse(client.get(url).content.decode())[1]}

    with django_capture_on_commit_callbacks(execute=True):
        talkshow = AgendaSession.objects.get(kind="talkshow")
        talkshow.title = "Talkshow: Pasar Ekspor"
        talkshow.save()

    after = parse(client.get(url).content.decode())[1]
    assert {e["UID"] for e in after} == before
    assert "Talkshow: Pasar Ekspor" in {e["SUMMARY"] for e in after}


def test_long_lines_fold_at_75_octets_between_characters():
    title = "Pameran UMKM — kerajinan eceng gondok, batik tulis & keripik tempe " * 3
    event = icalendar.Event(
        uid="agenda-1@example.com",
        starts_at=at(12, 9),
        ends_at=at(12, 10),
        stamp=at(1, 0),
        summary=title,
    )

    _lines, [parsed] = parse(icalendar.calendar([event], name="Kasmex", time_zone="Asia/Jakarta"))

    assert parsed["SUMMARY"] == title
