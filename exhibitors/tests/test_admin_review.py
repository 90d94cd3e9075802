import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from exhibitors.models import Category, Exhibitor
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory
from expo.tests.factories import KOTA_SEMARANG, EditionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:exhibitors_application_changelist")


@pytest.fixture
def edition():
    return EditionFactory(name="Kasmex 2031")


def row_of(response, name):
    """The origin, history, legality and booth cells of an exhibitor's row, as shown."""
    rows = response.content.decode().split("<tr")
    row = next(row for row in rows if f">{name}</a>" in row)
    cells = re.findall(r'<td class="field-(\w+)[^"]*">(.*?)</td>', row)
    shown = {column: re.sub(r"<[^>]+>", "", text) for column, text in cells}
    return [shown[column] for column in ["origin", "first_time", "legality", "booth"]]


def names(response):
    return sorted(application.exhibitor.name for application in response.context["cl"].result_list)


def test_each_row_shows_origin_history_legality_and_booth(client, organiser, edition):
    earlier = EditionFactory(starts_on=edition.starts_on - datetime.timedelta(days=365))
    returning = ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor__name="Batik Sekar Jagad",
        exhibitor__pirt="",
        exhibitor__halal_number="ID33110000123",
    )
    ApplicationFactory(edition=earlier, exhibitor=returning.exhibitor, accepted=True)
    Assignment.objects.create(
        booth=BoothFactory(edition=edition, code="B-07"), application=returning
    )
    ApplicationFactory(
        edition=edition,
        exhibitor__name="Bandeng Presto Juwana",
        exhibitor__region_id=KOTA_SEMARANG,
        exhibitor__nib="",
        exhibitor__pirt="123456789012345",
    )

    response = client.get(CHANGELIST, {"edition__id__exact": edition.pk})

    assert row_of(response, "Batik Sekar Jagad") == [
        "dalam",
        "sudah ikut 1 kali",
        "NIB ✓ · P-IRT – · BPOM – · Halal ✓",
        "B-07",
    ]
    assert row_of(response, "Bandeng Presto Juwana") == [
        "luar",
        "pertama kali",
        "NIB – · P-IRT ✓ · BPOM – · Halal –",
        "—",
    ]


def test_a_refused_earlier_application_does_not_count_as_taking_part(client, organiser, edition):
    earlier = EditionFactory(starts_on=edition.starts_on - datetime.timedelta(days=365))
    application = ApplicationFactory(edition=edition)
    ApplicationFactory(edition=earlier, exhibitor=application.exhibitor)

    response = client.get(CHANGELIST, {"edition__id__exact": edition.pk, "returning": "no"})

    assert list(response.context["cl"].result_list) == [application]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"origin": "inside"}, ["Batik Sekar Jagad", "Kopi Banaran"]),
        ({"origin": "outside"}, ["Bandeng Presto Juwana", "Dinas Koperasi Kota Semarang"]),
        ({"returning": "yes"}, ["Batik Sekar Jagad"]),
        (
            {"returning": "no"},
            ["Bandeng Presto Juwana", "Dinas Koperasi Kota Semarang", "Kopi Banaran"],
        ),
        ({"legality": "complete"}, ["Batik Sekar Jagad", "Dinas Koperasi Kota Semarang"]),
        ({"legality": "no-nib"}, ["Bandeng Presto Juwana"]),
        ({"legality": "no-food-permit"}, ["Kopi Banaran"]),
        ({"booth": "yes"}, ["Batik Sekar Jagad"]),
        (
            {"booth": "no"},
            ["Bandeng Presto Juwana", "Dinas Koperasi Kota Semarang", "Kopi Banaran"],
        ),
    ],
)
def test_filters(client, organiser, edition, params, expected):
    earlier = EditionFactory(starts_on=edition.starts_on - datetime.timedelta(days=365))
    batik = ApplicationFactory(edition=edition, accepted=True, exhibitor__name="Batik Sekar Jagad")
    ApplicationFactory(edition=earlier, exhibitor=batik.exhibitor, accepted=True)
    Assignment.objects.create(booth=BoothFactory(edition=edition), application=batik)
    ApplicationFactory(
        edition=edition, exhibitor__name="Kopi Banaran", exhibitor__category=Category.CULINARY
    )
    ApplicationFactory(
        edition=edition,
        exhibitor__name="Bandeng Presto Juwana",
        exhibitor__category=Category.CULINARY,
        exhibitor__region_id=KOTA_SEMARANG,
        exhibitor__nib="",
        exhibitor__pirt="123456789012345",
    )
    ApplicationFactory(
        edition=edition,
        exhibitor__name="Dinas Koperasi Kota Semarang",
        exhibitor__kind=Exhibitor.Kind.INSTITUTION,
        exhibitor__scale="",
        exhibitor__region_id=KOTA_SEMARANG,
        exhibitor__nib="",
    )

    response = client.get(CHANGELIST, {"edition__id__exact": edition.pk, **params})

    assert names(response) == expected


@pytest.mark.parametrize("typed", ["0812-3456-7890", "+62 812 3456 7890", "081234567890"])
def test_search_finds_a_phone_number_however_it_is_written(client, organiser, typed):
    ApplicationFactory(exhibitor__name="Keripik Tempe Bu Sri", exhibitor__whatsapp="+6281234567890")
    ApplicationFactory(exhibitor__name="Kopi Banaran", exhibitor__whatsapp="+6285700001111")

    response = client.get(CHANGELIST, {"q": typed})

    assert names(response) == ["Keripik Tempe Bu Sri"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("tempe", ["Keripik Tempe Bu Sri"]), ("3322000000001", ["Kopi Banaran"])],
)
def test_search_by_name_and_nib(client, organiser, typed, expected):
    ApplicationFactory(exhibitor__name="Keripik Tempe Bu Sri")
    ApplicationFactory(exhibitor__name="Kopi Banaran", exhibitor__nib="3322000000001")

    response = client.get(CHANGELIST, {"q": typed})

    assert names(response) == expected


def test_exhibitor_search_finds_a_phone_number_however_it_is_written(client, organiser):
    ExhibitorFactory(name="Keripik Tempe Bu Sri", whatsapp="+6281234567890")
    ExhibitorFactory(name="Kopi Banaran", whatsapp="+6285700001111")

    response = client.get(reverse("admin:exhibitors_exhibitor_changelist"), {"q": "0812-3456-7890"})

    assert [exhibitor.name for exhibitor in response.context["cl"].result_list] == [
        "Keripik Tempe Bu Sri"
    ]


def test_changelist_queries_do_not_grow_with_rows(client, organiser, edition):
    earlier = EditionFactory(starts_on=edition.starts_on - datetime.timedelta(days=365))

    def add_participant(code):
        application = ApplicationFactory(
            edition=edition, accepted=True, exhibitor__name=f"Peserta {code}"
        )
        ApplicationFactory(edition=earlier, exhibitor=application.exhibitor, accepted=True)
        Assignment.objects.create(
            booth=BoothFactory(edition=edition, code=code), application=application
        )

    params = {"edition__id__exact": edition.pk}
    add_participant("A-01")
    with CaptureQueriesContext(connection) as one:
        first = client.get(CHANGELIST, params)
    queries_for_one = len(one)  # at once: the next request's start empties the log
    for number in range(2, 7):
        add_participant(f"A-{number:02d}")
    with CaptureQueriesContext(connection) as six:
        response = client.get(CHANGELIST, params)

    assert names(first) == ["Peserta A-01"]
    expected = [f"Peserta A-{number:02d}" for number in range(1, 7)]
    assert names(response) == expected
    assert [row_of(response, name)[3] for name in expected] == [name[-4:] for name in expected]
    assert len(six) == queries_for_one
