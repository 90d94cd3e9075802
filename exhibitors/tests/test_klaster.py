"""Klaster: recorded by an office in the admin, moved through Demak's steps with who and
when, shown to its members on their dashboard and to visitors on its own page."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from console.roles import CURATOR, ORGANISER
from core.tests.helpers import text_of
from exhibitors import services
from exhibitors.models import Klaster, KlasterStatusChange
from exhibitors.tests.factories import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    UserFactory,
)
from expo.models import Edition, Membership, Organisation
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

BONANG = "33.21.12"


@pytest.fixture
def office():
    return Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Demak", region_id="33.21")


def staff_of(office, role, username="staf.demak"):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.create(user=user, organisation=office)
    return user


def new_klaster(office, *, by=None, **fields):
    return services.save_klaster(
        klaster=Klaster(
            **{
                "name": "Klaster Eceng Gondok Bonang",
                "slug": "eceng-gondok-bonang",
                "product": "Kerajinan eceng gondok",
                "organisation": office,
                "kecamatan_id": BONANG,
                **fields,
            }
        ),
        by=by or UserFactory(username="panitia"),
    )


def steps(klaster):
    return list(klaster.steps.values_list("status", "changed_by__username"))


def test_a_klaster_moves_through_its_steps_keeping_who_moved_it(office):
    klaster = new_klaster(office, by=UserFactory(username="bu.kabid"))

    services.move_klaster(klaster=klaster, status="terverifikasi", by=UserFactory(username="pak.a"))
    services.move_klaster(klaster=klaster, status="tervalidasi", by=UserFactory(username="bu.b"))

    klaster.refresh_from_db()
    assert klaster.status == "tervalidasi"
    assert steps(klaster) == [
        ("teridentifikasi", "bu.kabid"),
        ("terverifikasi", "pak.a"),
        ("tervalidasi", "bu.b"),
    ]
    times = list(klaster.steps.values_list("changed_at", flat=True))
    assert times == sorted(times)


def test_a_move_to_the_status_it_has_is_refused_and_records_nothing(office):
    klaster = new_klaster(office)

    with pytest.raises(ValidationError) as refused:
        services.move_klaster(klaster=klaster, status="teridentifikasi", by=UserFactory())

    assert refused.value.messages == [
        "Klaster Eceng Gondok Bonang sudah berstatus Teridentifikasi."
    ]
    assert KlasterStatusChange.objects.count() == 1


def test_the_database_refuses_a_desa_of_another_kecamatan(office):
    with pytest.raises(ValidationError) as refused:
        Klaster(
            name="K",
            slug="k",
            product="P",
            organisation=office,
            kecamatan_id=BONANG,
            desa_id="33.22.18.2001",
        ).full_clean()

    assert refused.value.messages == ["Pilih desa atau kelurahan dari kecamatan yang dipilih."]


def test_an_organiser_adds_a_klaster_of_their_own_office_with_its_first_step(client, office):
    organiser = staff_of(office, ORGANISER)
    member = ExhibitorFactory(name="Eceng Gondok Bu Sum", registered_by=office)
    client.force_login(organiser)

    response = client.post(
        reverse("admin:exhibitors_klaster_add"),
        {
            "name": "Klaster Eceng Gondok Bonang",
            "slug": "eceng-gondok-bonang",
            "product": "Kerajinan eceng gondok",
            "kecamatan": BONANG,
            "desa": "",
            "members": [member.pk],
            "steps-TOTAL_FORMS": "0",
            "steps-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    klaster = Klaster.objects.get()
    assert (klaster.organisation, list(klaster.members.all())) == (office, [member])
    assert steps(klaster) == [("teridentifikasi", "staf.demak")]


def test_an_organiser_cannot_add_a_member_of_another_office(client, office):
    other = ExhibitorFactory(name="Batik Kabupaten Lain")
    client.force_login(staff_of(office, ORGANISER))

    response = client.post(
        reverse("admin:exhibitors_klaster_add"),
        {
            "name": "K",
            "slug": "k",
            "product": "P",
            "kecamatan": BONANG,
            "members": [other.pk],
            "steps-TOTAL_FORMS": "0",
            "steps-INITIAL_FORMS": "0",
        },
    )

    assert response.context["adminform"].form.errors["members"]
    assert Klaster.objects.count() == 0


def test_the_admin_action_moves_the_selected_klaster(client, office):
    klaster = new_klaster(office)
    client.force_login(staff_of(office, ORGANISER))

    response = client.post(
        reverse("admin:exhibitors_klaster_changelist"),
        {"action": "mark_verified", "_selected_action": [klaster.pk]},
        follow=True,
    )

    assert "1 klaster dipindahkan." in text_of(response)
    assert steps(klaster)[-1] == ("terverifikasi", "staf.demak")


def test_a_curator_reads_klaster_and_changes_none(client, office):
    klaster = new_klaster(office)
    client.force_login(staff_of(office, CURATOR, "kurator.demak"))

    page = client.get(reverse("admin:exhibitors_klaster_change", args=[klaster.pk]))
    moved = client.post(
        reverse("admin:exhibitors_klaster_changelist"),
        {"action": "mark_verified", "_selected_action": [klaster.pk]},
    )

    assert "Klaster Eceng Gondok Bonang" in page.content.decode()
    assert moved.status_code in (200, 302)
    klaster.refresh_from_db()
    assert (klaster.status, len(steps(klaster))) == ("teridentifikasi", 1)


def test_an_owner_sees_their_klaster_on_the_dashboard(client, owner, office):
    exhibitor = ExhibitorFactory(owner=owner)
    new_klaster(office).members.add(exhibitor)
    new_klaster(office, name="Klaster Lain", slug="lain")  # not theirs

    page = text_of(client.get(reverse("dashboard")))

    assert "Klaster saya" in page
    assert (
        "Klaster Eceng Gondok Bonang · Kerajinan eceng gondok · Kecamatan Bonang, Kabupaten Demak"
        in page
    )
    assert "Teridentifikasi · Dicatat oleh Dinas Koperasi UKM Kabupaten Demak" in page
    assert "Klaster Lain" not in page


@pytest.fixture
def klaster_with_members(office):
    """Bu Sum took part in a published edition; Pak Min only in a draft one; Bu Nah in none."""
    klaster = new_klaster(office)
    published = EditionFactory(slug="demak-expo", name="Demak Expo")
    draft = EditionFactory(slug="draf", status=Edition.Status.DRAFT)
    sum_, min_, nah = (
        ExhibitorFactory(name=name, slug=slug)
        for name, slug in [
            ("Eceng Gondok Bu Sum", "bu-sum"),
            ("Eceng Pak Min", "pak-min"),
            ("Eceng Bu Nah", "bu-nah"),
        ]
    )
    ApplicationFactory(edition=published, exhibitor=sum_, accepted=True)
    ApplicationFactory(edition=draft, exhibitor=min_, accepted=True)
    ProductFactory(exhibitor=sum_, name="Tas Eceng Gondok", price=85000)
    ProductFactory(exhibitor=sum_, name="Tikar Rahasia", is_published=False)
    klaster.members.add(sum_, min_, nah)
    return klaster


def test_the_klaster_page_lists_the_members_who_took_part_with_their_products(
    client, klaster_with_members
):
    page = text_of(client.get(reverse("klaster_detail", kwargs={"slug": "eceng-gondok-bonang"})))

    assert "Klaster Eceng Gondok Bonang" in page
    assert "Kerajinan eceng gondok · Kecamatan Bonang, Kabupaten Demak" in page
    assert "Eceng Gondok Bu Sum" in page
    assert "Tas Eceng Gondok · Rp85.000" in page
    assert "Tikar Rahasia" not in page
    assert "Pak Min" not in page
    assert "Bu Nah" not in page


def test_the_exhibitor_page_names_its_klaster(client, klaster_with_members):
    response = client.get(
        reverse("participant_detail", kwargs={"edition_slug": "demak-expo", "slug": "bu-sum"})
    )

    assert (
        '<p class="meta">Anggota <a href="/klaster/eceng-gondok-bonang/">'
        "Klaster Eceng Gondok Bonang</a></p>" in response.content.decode()
    )


def test_an_unknown_klaster_is_not_found(client):
    assert client.get(reverse("klaster_detail", kwargs={"slug": "tidak-ada"})).status_code == 404
