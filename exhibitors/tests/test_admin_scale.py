"""The organisers' list of applications stays fast at 100,000 applications: its queries do
not grow with the rows, it counts once, and PostgreSQL reads the page from an index in
its default view and under each filter instead of reading every application."""

import datetime
import random
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from booths.models import Assignment, Booth
from booths.tests.factories import BoothFactory
from exhibitors.models import Application, Category, Exhibitor
from exhibitors.tests.factories import ApplicationFactory, UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import KABUPATEN_SEMARANG, KOTA_SEMARANG, EditionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:exhibitors_application_changelist")
SURAKARTA, PEKALONGAN = "33.72", "33.26"


@pytest.fixture
def organisation():
    return Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")


@pytest.fixture
def staff(client, organisation):
    """An organiser of ``organisation``, signed in to the admin."""
    user = UserFactory(username="penyelenggara", is_staff=True)
    user.groups.add(Group.objects.get(name="Penyelenggara"))
    Membership.objects.create(user=user, organisation=organisation)
    client.force_login(user)
    return user


def cells(response, application):
    """The region, origin, history, legality and booth cells of an application's row."""
    link = reverse("admin:exhibitors_application_change", args=[application.pk])
    row = next(row for row in response.content.decode().split("<tr") if f'href="{link}"' in row)
    found = re.findall(r'<td class="field-(\w+)[^"]*">(.*?)</td>', row)
    shown = {column: re.sub(r"<[^>]+>", "", text) for column, text in found}
    return [shown[column] for column in ["region", "origin", "first_time", "legality", "booth"]]


def queries_of(client, *args):
    """The response to a GET, and the SQL of the queries it took: read at once, since
    the next request empties the log ``CaptureQueriesContext`` reads from."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(*args)
    return response, [query["sql"] for query in queries]


@pytest.mark.parametrize("participants", [1, 4])
def test_the_list_costs_the_same_queries_whatever_its_rows(
    client, staff, organisation, participants
):
    edition = EditionFactory(organisation=organisation)
    earlier = EditionFactory(
        organisation=organisation, starts_on=edition.starts_on - datetime.timedelta(days=365)
    )

    def add_participant(number):
        application = ApplicationFactory(
            edition=edition, accepted=True, exhibitor__name=f"Peserta {number}"
        )
        ApplicationFactory(edition=earlier, exhibitor=application.exhibitor, accepted=True)
        Assignment.objects.create(
            booth=BoothFactory(edition=edition, code=f"A-{number:02d}"), application=application
        )
        return application

    added = [add_participant(1)]
    _first, one = queries_of(client, CHANGELIST)
    added += [add_participant(number) for number in range(2, participants + 1)]
    response, some = queries_of(client, CHANGELIST)

    assert len(some) == len(one)
    # Each participant, and its application to the earlier edition.
    assert len(response.context["cl"].result_list) == 2 * participants
    assert [cells(response, application) for application in added] == [
        [
            "Kabupaten Semarang",
            "dalam",
            "sudah ikut 1 kali",
            "NIB ✓ · P-IRT – · BPOM – · Halal –",
            f"A-{number:02d}",
        ]
        for number in range(1, participants + 1)
    ]


def test_the_list_counts_its_rows_once_and_offers_no_counts_per_filter(client, staff, organisation):
    ApplicationFactory(edition=EditionFactory(organisation=organisation))

    response, queries = queries_of(client, CHANGELIST, {"status__exact": "submitted"})
    faceted = client.get(CHANGELIST, {"status__exact": "submitted", "_facets": "True"})

    assert len([sql for sql in queries if sql.startswith("SELECT COUNT(")]) == 1
    page = response.content.decode()
    assert "_facets" not in page
    assert faceted.context["cl"].add_facets is False


def edition_choices(response):
    [edition_filter] = [
        spec for spec in response.context["cl"].filter_specs if spec.title == "edisi"
    ]
    return edition_filter.lookup_choices


def test_the_edition_filter_offers_the_organisations_editions_with_applications(
    client, staff, organisation
):
    kasmex = EditionFactory(organisation=organisation, name="Kasmex 2031")
    earlier = EditionFactory(
        organisation=organisation,
        name="Kasmex 2030",
        starts_on=kasmex.starts_on - datetime.timedelta(days=365),
    )
    EditionFactory(organisation=organisation, name="Kasmex 2032")  # no application yet
    other = EditionFactory(
        organisation=Organisation.objects.create(name="Dinas Kota Pekalongan"),
        name="Pekalongan Expo 2031",
    )
    for edition in (kasmex, kasmex, earlier, other):
        ApplicationFactory(edition=edition)

    response = client.get(CHANGELIST)

    assert edition_choices(response) == [(kasmex.pk, "Kasmex 2031"), (earlier.pk, "Kasmex 2030")]


def test_the_edition_filter_offers_a_superuser_every_edition_with_applications(client, organiser):
    kasmex = EditionFactory(name="Kasmex 2031")
    pekalongan = EditionFactory(
        name="Pekalongan Expo 2031", starts_on=kasmex.starts_on + datetime.timedelta(days=7)
    )
    EditionFactory(name="Kasmex 2032")
    for edition in (kasmex, pekalongan):
        ApplicationFactory(edition=edition)

    response = client.get(CHANGELIST)

    assert edition_choices(response) == [
        (pekalongan.pk, "Pekalongan Expo 2031"),
        (kasmex.pk, "Kasmex 2031"),
    ]


def test_the_list_is_newest_first(client, organiser):
    applications = [ApplicationFactory(exhibitor__name=name) for name in ("A", "B", "C")]
    now = timezone.now()
    for days, application in enumerate(applications):
        Application.objects.filter(pk=application.pk).update(
            submitted_at=now - datetime.timedelta(days=days)
        )

    response = client.get(CHANGELIST)

    assert [a.exhibitor.name for a in response.context["cl"].result_list] == ["A", "B", "C"]


def seed(*, organisation, total):
    """``total`` applications over three editions of ``organisation`` and one of another,
    mixed as a regency's expos see them, from a fixed seed: the same rows every run, so
    PostgreSQL plans the same way every run."""
    chance = random.Random(2031)
    others = Organisation.objects.create(name="Dinas Koperasi UKM Kota Surakarta")
    today = timezone.localdate()
    editions = [
        EditionFactory(organisation=organisation, starts_on=today - datetime.timedelta(days=days))
        for days in (730, 365, 0)
    ] + [EditionFactory(organisation=others)]
    exhibitors = Exhibitor.objects.bulk_create(
        Exhibitor(
            name=f"UMKM {number}",
            slug=f"umkm-{number}",
            **(
                {"kind": Exhibitor.Kind.INSTITUTION, "scale": ""}
                if chance.random() < 0.05
                else {"kind": Exhibitor.Kind.UMKM, "scale": Exhibitor.Scale.MICRO}
            ),
            category=chance.choice(Category.values),
            region_id=chance.choice(
                [KABUPATEN_SEMARANG] * 6 + [KOTA_SEMARANG, SURAKARTA, PEKALONGAN]
            ),
            whatsapp=f"+62812{number:08d}",
            nib="" if chance.random() < 0.1 else f"{number:013d}",
            pirt="" if chance.random() < 0.5 else f"{number:015d}",
        )
        for number in range(total * 3 // 4)
    )
    statuses = ["submitted"] * 3 + ["accepted"] * 5 + ["waitlisted", "rejected"]
    decided = timezone.now()
    rows, taken = [], set()
    while len(rows) < total:
        exhibitor, edition = chance.choice(exhibitors), chance.choice(editions)
        if (exhibitor.pk, edition.pk) in taken:
            continue
        taken.add((exhibitor.pk, edition.pk))
        status = chance.choice(statuses)
        rows.append(
            Application(
                exhibitor=exhibitor,
                edition=edition,
                status=status,
                mode=chance.choice(["booth", "booth", "both", "virtual"]),
                decided_at=None if status == "submitted" else decided,
                decision_reason="Kuota penuh." if status == "rejected" else "",
            )
        )
    applications = Application.objects.bulk_create(rows)
    accepted = [a for a in applications if a.status == "accepted" and a.edition == editions[2]]
    booths = Booth.objects.bulk_create(
        Booth(edition=editions[2], code=f"A-{number:03d}", x=3 * number)
        for number in range(len(accepted) // 2)
    )
    Assignment.objects.bulk_create(
        Assignment(booth=booth, application=application)
        for booth, application in zip(booths, accepted, strict=False)
    )
    # Spread over a registration period, as applications come in.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE exhibitors_application SET submitted_at = now() - id * interval '7 minutes'"
            " + (id % 13) * interval '1 hour'"
        )
        cursor.execute("ANALYZE")
    return editions


def plan(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_page_is_read_from_an_index_in_each_view_and_filter(client, staff, organisation):
    editions = seed(organisation=organisation, total=30_000)
    views = {
        "newest first": {},
        "one edition": {"edition__id__exact": editions[2].pk},
        "one edition to review": {
            "edition__id__exact": editions[2].pk,
            "status__exact": "submitted",
        },
        "status": {"status__exact": "waitlisted"},
        "mode": {"mode__exact": "virtual"},
        "category": {"exhibitor__category__exact": Category.CULINARY},
        "inside": {"origin": "inside"},
        "outside": {"origin": "outside"},
        "first time": {"returning": "no"},
        "returning": {"returning": "yes"},
        "legality complete": {"legality": "complete"},
        "no NIB": {"legality": "no-nib"},
        "food without permit": {"legality": "no-food-permit"},
        "with a booth": {"booth": "yes"},
        "without a booth": {"booth": "no"},
    }

    def reads_every_application(params):
        response, queries = queries_of(client, CHANGELIST, params)
        assert len(response.context["cl"].result_list) == 100  # a full page each
        [page] = [
            sql
            for sql in queries
            if sql.startswith('SELECT "exhibitors_application"."id"') and "LIMIT 100" in sql
        ]
        return "Seq Scan on exhibitors_application" in plan(page)

    read_whole = {name: reads_every_application(params) for name, params in views.items()}
    assert read_whole == dict.fromkeys(views, False)
