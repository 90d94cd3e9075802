"""One installation, several Dinas offices: the staff of one never read or change what
another's editions hold, on any admin URL."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from booths.models import Booth
from booths.tests.factories import BoothFactory
from booths.tests.helpers import (
    ADDRESS,
    EMAIL,
    NIB,
    PERSONAL_DATA,
    WHATSAPP,
    admin_urls,
    request,
    snapshot,
)
from console.roles import CURATOR, FIELD_OFFICER, ORGANISER
from exhibitors.models import Application, Exhibitor, Klaster
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, UserFactory
from expo.models import Edition, Membership, Organisation
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

# What the first office's rows are called: no page of the second office may name them.
NAMES_OF_A = [
    "Expo Rahasia Kabupaten A",
    "Batik Rahasia Kabupaten A",
    "A-01",
    "Klaster Rahasia Kabupaten A",
    "Talkshow Rahasia Kabupaten A",
    "Tamu Rahasia",
]


@pytest.fixture
def offices(records):
    """Office A runs the edition of ``records``; office B runs one of its own."""
    office_a = records["organisation"]
    office_b = Organisation.objects.create(name="Dinas Kabupaten B")
    Edition.objects.filter(pk=records["edition"].pk).update(name=NAMES_OF_A[0])
    Exhibitor.objects.filter(pk=records["exhibitor"].pk).update(name=NAMES_OF_A[1])
    edition_b = EditionFactory(organisation=office_b, name="Expo Kabupaten B")
    application_b = ApplicationFactory(
        edition=edition_b, exhibitor=ExhibitorFactory(name="Tenun Kabupaten B"), accepted=True
    )
    BoothFactory(edition=edition_b, code="B-01")
    return {"a": office_a, "b": office_b, "edition_b": edition_b, "application_b": application_b}


def staff_of(office, role, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.create(user=user, organisation=office)
    return user


def revealed(response):
    body = response.body.decode(errors="replace")
    return [marker for marker in PERSONAL_DATA + NAMES_OF_A if marker in body]


@pytest.mark.parametrize("role", [ORGANISER, CURATOR, FIELD_OFFICER])
def test_staff_of_another_office_read_nothing_of_it_and_change_nothing(
    client, records, offices, role
):
    client.force_login(staff_of(offices["b"], role, "staf.kabupaten.b"))
    before = snapshot()
    urls = admin_urls(records)  # every URL, its ids those of office A's rows
    ids_of_a = [
        str(Application.objects.get(exhibitor=records["exhibitor"]).pk),
        str(Klaster.objects.get().pk),
    ]

    answers = {}
    for name, url in urls:
        if name == "logout":  # it would end the session the rest needs
            continue
        answers[name, "get"] = request(client, "get", url)
        answers[name, "post"] = request(client, "post", url, {"name": "Diganti", "code": "X"})
        for action in (
            "accept",
            "waitlist",
            "reject",
            "vacate",
            "delete_selected",
            "mark_verified",
        ):
            data = {"action": action, "_selected_action": ids_of_a, "confirm": "1"}
            answers[name, action] = request(client, "post", url, {**data, "reason": "x"})

    assert {
        key: revealed(response) for key, response in answers.items() if revealed(response)
    } == {}
    assert snapshot() == before
    # Not a page that says nothing to anyone: the office's own rows are there.
    own = request(client, "get", reverse("admin:exhibitors_application_changelist"))
    assert "Tenun Kabupaten B" in own.body.decode()


def test_an_office_lists_its_own_editions_and_rows_alone(client, records, offices):
    client.force_login(staff_of(offices["b"], ORGANISER, "staf.kabupaten.b"))

    lists = {
        name: client.get(reverse(f"admin:{name}")).content.decode()
        for name in (
            "expo_edition_changelist",
            "exhibitors_application_changelist",
            "exhibitors_exhibitor_changelist",
            "booths_booth_changelist",
            "booths_board_index",
            "exhibitors_klaster_changelist",
        )
    }

    assert all("Expo Kabupaten B" in page for name, page in lists.items() if "edition" in name)
    assert "Tenun Kabupaten B" in lists["exhibitors_exhibitor_changelist"]
    assert "B-01" in lists["booths_booth_changelist"]
    assert {name: [n for n in NAMES_OF_A if n in page] for name, page in lists.items()} == {
        name: [] for name in lists
    }


def test_an_id_of_another_office_pasted_into_a_form_is_refused(client, records, offices):
    client.force_login(staff_of(offices["b"], ORGANISER, "staf.kabupaten.b"))
    edition_a = records["edition"]
    before = snapshot()

    generate = client.post(
        reverse("admin:booths_booth_generate"),
        {
            "edition": edition_a.pk,
            "zone": "Z",
            "count": "2",
            "per_row": "2",
            "width": "3",
            "depth": "3",
            "kind": "standard",
            "price": "0",
            "x": "50",
            "y": "50",
        },
    )
    add_application = client.post(
        reverse("admin:exhibitors_application_add"),
        {
            "exhibitor": records["exhibitor"].pk,
            "edition": offices["edition_b"].pk,
            "mode": "booth",
            "staff_count": "1",
        },
    )
    board = client.get(reverse("admin:booths_board", args=[edition_a.pk]))

    assert generate.status_code == 200 and generate.context["form"].errors["edition"]
    assert add_application.status_code == 200
    assert add_application.context["adminform"].form.errors["exhibitor"]
    assert board.status_code == 404
    assert snapshot() == before
    assert not Booth.objects.filter(edition=edition_a, zone="Z").exists()


def test_an_import_by_another_office_adds_its_own_profile_and_leaves_the_first(
    client, records, offices
):
    client.force_login(staff_of(offices["b"], ORGANISER, "staf.kabupaten.b"))
    text = io.StringIO()
    csv.writer(text).writerows(
        [
            ["Nama", "Jenis", "Kategori", "Skala", "Kabupaten Kota", "WhatsApp", "NIB"],
            ["Batik Kabupaten B", "UMKM", "Wastra", "mikro", "33.22", "081299990002", NIB],
        ]
    )
    upload = SimpleUploadedFile("peserta.csv", text.getvalue().encode(), "text/csv")

    preview = client.post(
        reverse("admin:exhibitors_exhibitor_import"), {"import_file": upload, "format": "0"}
    )
    confirm = client.post(
        reverse("admin:exhibitors_exhibitor_process_import"),
        preview.context["confirm_form"].initial,
    )

    first = Exhibitor.objects.get(pk=records["exhibitor"].pk)
    assert (first.name, first.whatsapp, first.email, first.address) == (
        NAMES_OF_A[1],
        WHATSAPP,
        EMAIL,
        ADDRESS,
    )
    added = Exhibitor.objects.get(name="Batik Kabupaten B")
    assert confirm.status_code == 302
    assert added.registered_by == offices["b"]
    assert (
        "Batik Kabupaten B"
        in client.get(reverse("admin:exhibitors_exhibitor_changelist")).content.decode()
    )


def test_an_edition_added_by_an_office_is_its_own(client, offices):
    client.force_login(staff_of(offices["b"], ORGANISER, "staf.kabupaten.b"))

    response = client.get(reverse("admin:expo_edition_add"))

    assert response.status_code == 200
    assert "organisation" not in response.context["adminform"].form.fields
    assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 403
