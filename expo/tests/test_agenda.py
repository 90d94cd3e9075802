"""An edition's agenda, kept by its organisers in the admin: each rule refused in
Indonesian with nothing saved, and the database holding the days for every writer."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from exhibitors.tests.factories import UserFactory
from expo.models import AgendaSession, Membership, Organisation
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:expo_agendasession_add")


@pytest.fixture
def edition(client):
    # The roles' permissions and the offices' scopes are walked in console's tests.
    office = Organisation.objects.create(name="Dinas Koperasi UKM Perindag Kabupaten Semarang")
    user = UserFactory(username="panitia.kasmex", is_staff=True, is_superuser=True)
    Membership.objects.create(user=user, organisation=office)
    client.force_login(user)
    return EditionFactory(
        organisation=office,
        name="Kasmex 2030",
        starts_on=datetime.date(2030, 11, 12),
        ends_on=datetime.date(2030, 11, 14),
    )


def session(edition, **fields):
    return {
        "edition": edition.pk,
        "kind": "talkshow",
        "title": "Talkshow: UMKM Naik Kelas",
        "starts_at_0": "2030-11-12",
        "starts_at_1": "10:00",
        "ends_at_0": "2030-11-12",
        "ends_at_1": "11:30",
        "place": "Panggung utama",
        "livestream_url": "https://www.youtube.com/watch?v=abcdefghijk",
        "speakers": "Bupati Semarang\nKepala Dinas Koperasi UKM",
        **fields,
    }


def errors_of(response):
    form = response.context["adminform"].form
    return {field: [str(error) for error in errors] for field, errors in form.errors.items()}


def test_an_organiser_adds_a_session_to_the_agenda(client, edition):
    response = client.post(ADD, session(edition))

    assert response.status_code == 302
    added = AgendaSession.objects.get()
    jakarta = timezone.get_current_timezone()
    assert (
        added.title,
        added.starts_at.astimezone(jakarta).isoformat(),
        added.ends_at.astimezone(jakarta).isoformat(),
        added.speaker_list,
    ) == (
        "Talkshow: UMKM Naik Kelas",
        "2030-11-12T10:00:00+07:00",
        "2030-11-12T11:30:00+07:00",
        ["Bupati Semarang", "Kepala Dinas Koperasi UKM"],
    )


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"starts_at_0": "2030-11-11", "ends_at_0": "2030-11-11"},
            {
                "__all__": [
                    "Sesi berlangsung pada hari-hari edisi, 12 November 2030 sampai "
                    "14 November 2030."
                ]
            },
        ),
        (
            {"ends_at_0": "2030-11-15"},
            {
                "__all__": [
                    "Sesi berlangsung pada hari-hari edisi, 12 November 2030 sampai "
                    "14 November 2030."
                ]
            },
        ),
        ({"ends_at_1": "09:00"}, {"__all__": ["Sesi berakhir setelah dimulai."]}),
        (
            {"livestream_url": "ftp://live.example.com/kasmex"},
            {"livestream_url": ["Masukkan URL yang valid."]},
        ),
        (
            {"livestream_url": "javascript:alert(1)"},
            {"livestream_url": ["Masukkan URL yang valid."]},
        ),
    ],
    ids=["before the first day", "after the last day", "ends before it starts", "ftp", "script"],
)
def test_a_wrong_session_is_refused_in_indonesian_and_nothing_is_saved(
    client, edition, fields, errors
):
    response = client.post(ADD, session(edition, **fields))

    assert errors_of(response) == errors
    assert AgendaSession.objects.count() == 0


def test_a_session_of_the_online_days_is_within_the_edition(client, edition):
    edition.format = "hybrid"
    edition.online_starts_on = datetime.date(2030, 11, 10)
    edition.online_ends_on = datetime.date(2030, 11, 20)
    edition.save()

    client.post(ADD, session(edition, starts_at_0="2030-11-20", ends_at_0="2030-11-20"))

    assert AgendaSession.objects.get().starts_at.date() == datetime.date(2030, 11, 20)


def test_the_database_refuses_a_session_outside_the_days_whoever_writes_it(edition):
    jakarta = timezone.get_current_timezone()
    # 00:30 on the 15th in Jakarta is still the 14th in UTC: the days are Jakarta's.
    starts_at = datetime.datetime(2030, 11, 15, 0, 30, tzinfo=jakarta)

    with pytest.raises(IntegrityError, match="agendasession_within_edition"), transaction.atomic():
        AgendaSession.objects.create(
            edition=edition,
            kind="lomba",
            title="Lomba Mewarnai",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
        )
    assert AgendaSession.objects.count() == 0


def test_a_session_ending_at_midnight_of_the_last_day_is_within_it(edition):
    jakarta = timezone.get_current_timezone()
    starts_at = datetime.datetime(2030, 11, 14, 19, 0, tzinfo=jakarta)

    AgendaSession.objects.create(
        edition=edition,
        kind="pentas_seni",
        title="Pentas Seni Penutupan",
        starts_at=starts_at,
        ends_at=datetime.datetime(2030, 11, 15, 0, 0, tzinfo=jakarta),
    )

    assert AgendaSession.objects.count() == 1
