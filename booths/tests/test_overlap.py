"""Booths of one edition may share an edge on the plan, never floor: the admin form, the
generated rows and the spreadsheet import refuse a booth in the way of others, name
those booths in Indonesian, and write nothing; the database holds the rule for any
other writer, and through a race."""

import csv
import io
from decimal import Decimal

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from booths.models import Booth
from booths.resources import BoothResource
from booths.services import generate_booths
from booths.tests.factories import BoothFactory
from core.tests.helpers import rival_transaction, text_of
from exhibitors.models import BoothKind
from expo.tests.factories import EditionFactory

ADD_URL = reverse("admin:booths_booth_add")
GENERATE_URL = reverse("admin:booths_booth_generate")
IMPORT_URL = reverse("admin:booths_booth_import")
HEADINGS = ["kode", "zona", "jenis", "harga", "x", "y", "lebar", "kedalaman"]


def plan(edition):
    """The edition's booths as the plan places them: code, x, y, width, depth."""
    return list(
        Booth.objects.filter(edition=edition)
        .order_by("code")
        .values_list("code", "x", "y", "width", "depth")
    )


def two_booths(edition):
    """A-01 and A-02, 3 × 3 m side by side along the top of the plan (x 0 to 6)."""
    BoothFactory(edition=edition, code="A-01", x=0, y=0)
    BoothFactory(edition=edition, code="A-02", x=3, y=0)
    return plan(edition)


def booth_form(edition, **fields):
    return {
        "edition": edition.pk,
        "code": "A-09",
        "zone": "A",
        "kind": "standard",
        "price": "0",
        "x": "0",
        "y": "0",
        "width": "3",
        "depth": "3",
        "assignment-TOTAL_FORMS": "0",
        "assignment-INITIAL_FORMS": "0",
        **fields,
    }


def form_errors(response):
    return list(response.context["adminform"].form.non_field_errors())


# The admin's booth form


@pytest.mark.django_db
def test_a_booth_added_over_others_is_refused_naming_them(client, organiser):
    edition = EditionFactory()
    before = two_booths(edition)

    response = client.post(ADD_URL, booth_form(edition, x="2", y="1", width="2", depth="3"))

    assert form_errors(response) == ["Stan ini akan menutupi stan A-01, A-02."]
    assert "Stan ini akan menutupi stan A-01, A-02." in text_of(response)
    assert plan(edition) == before


@pytest.mark.django_db
def test_a_booth_added_against_the_edges_of_others_is_saved(client, organiser):
    edition = EditionFactory()
    two_booths(edition)

    # Right of A-02 and below both: touching three edges and a corner, covering nothing.
    client.post(ADD_URL, booth_form(edition, code="A-03", x="6", y="0"))
    client.post(ADD_URL, booth_form(edition, code="A-04", x="0", y="3", width="6"))

    assert plan(edition)[2:] == [
        ("A-03", Decimal("6.0"), Decimal("0.0"), Decimal("3.0"), Decimal("3.0")),
        ("A-04", Decimal("0.0"), Decimal("3.0"), Decimal("6.0"), Decimal("3.0")),
    ]


@pytest.mark.django_db
def test_booths_of_other_editions_are_not_in_the_way(client, organiser):
    two_booths(EditionFactory())
    edition = EditionFactory()

    client.post(ADD_URL, booth_form(edition, x="0", y="0"))

    assert [booth[0] for booth in plan(edition)] == ["A-09"]


@pytest.mark.django_db
def test_a_booth_moved_onto_another_in_the_admin_is_refused_naming_it(client, organiser):
    edition = EditionFactory()
    before = two_booths(edition)
    booth = Booth.objects.get(edition=edition, code="A-02")
    change = reverse("admin:booths_booth_change", args=[booth.pk])

    # The edition is read-only on this page, yet the booth is still checked against it.
    response = client.post(change, booth_form(edition, code="A-02", x="1.5"))

    assert form_errors(response) == ["Stan ini akan menutupi stan A-01."]
    assert plan(edition) == before


@pytest.mark.django_db
def test_a_booth_given_the_code_of_another_in_the_admin_is_refused(client, organiser):
    edition = EditionFactory()
    before = two_booths(edition)
    booth = Booth.objects.get(edition=edition, code="A-02")
    change = reverse("admin:booths_booth_change", args=[booth.pk])

    response = client.post(change, booth_form(edition, code="A-01", x="3"))

    assert form_errors(response) == ["Edisi ini sudah punya stan dengan kode ini."]
    assert plan(edition) == before


@pytest.mark.django_db
def test_a_booth_may_change_within_its_own_floor(client, organiser):
    edition = EditionFactory()
    two_booths(edition)
    booth = Booth.objects.get(edition=edition, code="A-02")
    change = reverse("admin:booths_booth_change", args=[booth.pk])

    client.post(change, booth_form(edition, code="A-02", x="3", width="2", price="150000"))

    booth.refresh_from_db()
    assert (booth.x, booth.width, booth.price) == (Decimal("3.0"), Decimal("2.0"), 150000)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
@pytest.mark.parametrize(
    ("rival_booth", "message"),
    [
        ({"code": "K-01", "x": 1, "y": 1}, "Stan ini akan menutupi stan K-01."),
        ({"code": "A-09", "x": 40, "y": 0}, "Edisi ini sudah punya stan dengan kode ini."),
    ],
    ids=["in-the-way", "same-code"],
)
def test_a_booth_placed_meanwhile_is_named_by_the_admin_form_and_nothing_is_saved(
    client, organiser, rival_booth, message
):
    edition = EditionFactory()

    def rival():
        BoothFactory(edition=edition, zone="K", **rival_booth)

    # The form's check passes (the rival's booth is not committed yet); the save then
    # waits on the rival's booth, which the database refuses once it is committed.
    with rival_transaction(rival) as outcome:
        response = client.post(ADD_URL, booth_form(edition))

    assert outcome == {"blocked": True, "committed": True}
    assert response.status_code == 200
    assert form_errors(response) == [message]
    assert message in text_of(response)
    assert [booth[0] for booth in plan(edition)] == [rival_booth["code"]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_a_booth_moved_onto_one_placed_meanwhile_is_refused_and_stays(client, organiser):
    edition = EditionFactory()
    booth = BoothFactory(edition=edition, code="A-01", x=0, y=0)
    change = reverse("admin:booths_booth_change", args=[booth.pk])

    def rival():
        BoothFactory(edition=edition, code="K-01", zone="K", x=21, y=0)

    with rival_transaction(rival) as outcome:
        response = client.post(change, booth_form(edition, code="A-01", x="20"))

    assert outcome == {"blocked": True, "committed": True}
    assert form_errors(response) == ["Stan ini akan menutupi stan K-01."]
    assert plan(edition) == [
        ("A-01", Decimal("0.0"), Decimal("0.0"), Decimal("3.0"), Decimal("3.0")),
        ("K-01", Decimal("21.0"), Decimal("0.0"), Decimal("3.0"), Decimal("3.0")),
    ]


# Booths generated in rows

ROWS = {
    "zone": "b",
    "count": "4",
    "per_row": "4",
    "width": "3",
    "depth": "3",
    "kind": "standard",
    "price": "0",
    "x": "0",
    "y": "0",
}


@pytest.mark.django_db
def test_rows_generated_over_booths_are_refused_naming_them(client, organiser):
    edition = EditionFactory()
    before = two_booths(edition)

    response = client.post(GENERATE_URL, {**ROWS, "edition": edition.pk, "x": "4"})

    assert list(response.context["form"].non_field_errors()) == [
        "Stan baru akan menutupi stan A-02."
    ]
    assert plan(edition) == before


@pytest.mark.django_db
def test_rows_generated_against_the_edges_of_booths_are_added(client, organiser):
    edition = EditionFactory()
    two_booths(edition)

    client.post(GENERATE_URL, {**ROWS, "edition": edition.pk, "x": "6"})
    client.post(GENERATE_URL, {**ROWS, "edition": edition.pk, "y": "3"})

    assert [(code, x, y) for code, x, y, _width, _depth in plan(edition)[2:]] == [
        ("B-01", Decimal("6.0"), Decimal("0.0")),
        ("B-02", Decimal("9.0"), Decimal("0.0")),
        ("B-03", Decimal("12.0"), Decimal("0.0")),
        ("B-04", Decimal("15.0"), Decimal("0.0")),
        ("B-05", Decimal("0.0"), Decimal("3.0")),
        ("B-06", Decimal("3.0"), Decimal("3.0")),
        ("B-07", Decimal("6.0"), Decimal("3.0")),
        ("B-08", Decimal("9.0"), Decimal("3.0")),
    ]


@pytest.mark.django_db
def test_a_refusal_names_ten_booths_at_most():
    edition = EditionFactory()
    for number in range(12):
        BoothFactory(edition=edition, code=f"C-{number + 1:02d}", x=number, y=0, width=1)

    with translation.override("id"), pytest.raises(ValidationError) as error:
        generate_booths(
            edition=edition,
            zone="D",
            count=1,
            per_row=1,
            width=Decimal(12),
            depth=Decimal(3),
            kind=BoothKind.STANDARD,
            price=0,
            x=Decimal(0),
            y=Decimal(0),
        )

    codes = ", ".join(f"C-{number:02d}" for number in range(1, 11))
    assert error.value.messages == [f"Stan baru akan menutupi stan {codes} dan 2 lainnya."]
    assert Booth.objects.filter(edition=edition, zone="D").count() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_a_booth_placed_in_the_way_meanwhile_is_named_and_no_row_is_added():
    edition = EditionFactory()

    def rival():
        BoothFactory(edition=edition, code="K-01", zone="K", x=4, y=1)

    with (
        translation.override("id"),
        rival_transaction(rival) as outcome,
        pytest.raises(ValidationError) as error,
    ):
        generate_booths(
            edition=edition,
            zone="B",
            count=3,
            per_row=3,
            width=Decimal(3),
            depth=Decimal(3),
            kind=BoothKind.STANDARD,
            price=0,
            x=Decimal(0),
            y=Decimal(0),
        )

    assert outcome == {"blocked": True, "committed": True}
    assert error.value.messages == ["Stan baru akan menutupi stan K-01."]
    assert [booth[0] for booth in plan(edition)] == ["K-01"]


# Booths imported from a spreadsheet


def csv_file(rows):
    text = io.StringIO()
    csv.writer(text).writerows([HEADINGS, *rows])
    return SimpleUploadedFile("stan.csv", text.getvalue().encode(), "text/csv")


def preview(client, edition, rows):
    return client.post(
        IMPORT_URL, {"import_file": csv_file(rows), "format": "0", "edition": edition.pk}
    )


@pytest.mark.django_db
def test_an_imported_booth_over_others_is_refused_naming_them(client, organiser):
    edition = EditionFactory()
    before = two_booths(edition)

    response = preview(
        client,
        edition,
        [
            ["K-01", "K", "food", "0", "0", "6", "3", "3"],
            ["K-02", "K", "food", "0", "1", "1", "1", "1"],
        ],
    )

    text = text_of(response)
    assert "Tidak ada yang diimpor: ada baris yang salah" in text
    assert "Baris 3: Stan ini akan menutupi stan A-01." in text
    assert "confirm_form" not in response.context
    assert plan(edition) == before


@pytest.mark.django_db
def test_imported_rows_in_each_others_way_are_refused(client, organiser):
    edition = EditionFactory()

    response = preview(
        client,
        edition,
        [
            ["K-01", "K", "food", "0", "0", "0", "3", "3"],
            ["K-02", "K", "food", "0", "1", "1", "3", "3"],
        ],
    )

    assert "Baris 3: Stan ini akan menutupi stan K-01." in text_of(response)
    assert plan(edition) == []


@pytest.mark.django_db
def test_an_imported_booth_moved_onto_another_is_refused(client, organiser):
    edition = EditionFactory()
    before = two_booths(edition)

    response = preview(client, edition, [["A-02", "A", "standard", "0", "1", "0", "3", "3"]])

    assert "Baris 2: Stan ini akan menutupi stan A-01." in text_of(response)
    assert plan(edition) == before


@pytest.mark.django_db
def test_imported_booths_against_the_edges_of_others_are_added(client, organiser):
    edition = EditionFactory()
    two_booths(edition)

    response = preview(
        client,
        edition,
        [
            ["K-01", "K", "food", "0", "6", "0", "3", "3"],
            ["K-02", "K", "food", "0", "0", "3", "4,5", "2"],
            ["K-03", "K", "food", "0", "4,5", "3", "4,5", "2"],
        ],
    )
    client.post(
        reverse("admin:booths_booth_process_import"), response.context["confirm_form"].initial
    )

    assert [booth[0] for booth in plan(edition)] == ["A-01", "A-02", "K-01", "K-02", "K-03"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("regions")
def test_a_booth_placed_in_the_way_while_importing_is_named_and_nothing_is_kept():
    edition = EditionFactory()
    rows = tablib.Dataset(
        ["K-01", "K", "food", "0", "0", "0", "3", "3"],
        ["K-02", "K", "food", "0", "3", "0", "3", "3"],
        headers=HEADINGS,
    )

    def rival():
        BoothFactory(edition=edition, code="A-01", x=4, y=2)

    with translation.override("id"), rival_transaction(rival) as outcome:
        result = BoothResource(edition=edition).import_data(
            rows, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
        )

    assert outcome == {"blocked": True, "committed": True}
    with translation.override("id"):
        errors = [(row.number, row.non_field_specific_errors) for row in result.invalid_rows]
    assert errors == [(2, ["Stan ini akan menutupi stan A-01."])]
    assert [booth[0] for booth in plan(edition)] == ["A-01"]


# The database, for any writer that skips the checks


@pytest.mark.django_db
def test_the_database_refuses_booths_that_share_floor():
    edition = EditionFactory()
    two_booths(edition)

    with pytest.raises(IntegrityError) as error, transaction.atomic():
        Booth.objects.create(edition=edition, code="A-03", x="5.9", y="2.9", width=1, depth=1)

    assert error.value.__cause__.diag.constraint_name == "booth_no_overlap"
    assert [booth[0] for booth in plan(edition)] == ["A-01", "A-02"]


@pytest.mark.django_db
def test_the_database_lets_booths_share_an_edge_or_a_corner():
    edition = EditionFactory()
    two_booths(edition)

    Booth.objects.create(edition=edition, code="A-03", x=6, y=3, width=1, depth=1)
    Booth.objects.create(edition=edition, code="A-04", x="2.5", y=3, width=1, depth=1)

    assert [booth[0] for booth in plan(edition)] == ["A-01", "A-02", "A-03", "A-04"]
