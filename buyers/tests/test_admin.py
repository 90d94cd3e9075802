"""The organisers' view of the inquiries: counted per edition, exhibitor, kind of buyer
and country, the unanswered listed, and the buyers' contact only for the role that may
reach them."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from buyers.models import Inquiry
from buyers.tests.factories import InquiryFactory
from console.roles import CURATOR, FIELD_OFFICER, ORGANISER
from exhibitors.tests.factories import ExhibitorFactory, UserFactory
from expo.models import Edition, Membership, Organisation
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:buyers_inquiry_changelist")


@pytest.fixture
def office(seller):
    """Office A runs the seller's edition; office B another, with an inquiry of its own."""
    office_a = Organisation.objects.create(name="Dinas Kabupaten A")
    Edition.objects.filter(pk=seller.edition_id).update(organisation=office_a)
    seller.edition.refresh_from_db()
    office_b = Organisation.objects.create(name="Dinas Kabupaten B")
    InquiryFactory(
        edition=EditionFactory(organisation=office_b, name="Expo Kabupaten B"),
        exhibitor=ExhibitorFactory(name="Tenun Kabupaten B"),
        name="Pembeli Kabupaten B",
    )
    return office_a


def staff(office, role):
    user = UserFactory(username=f"staf.{role.split()[0].lower()}", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.create(user=user, organisation=office)
    return user


def test_the_list_counts_the_offices_inquiries(client, seller, office):
    edition = seller.edition
    InquiryFactory(
        exhibitor=seller.exhibitor, edition=edition, country="QA", buyer_kind="eksportir"
    )
    InquiryFactory(exhibitor=seller.exhibitor, edition=edition)
    InquiryFactory(exhibitor=seller.exhibitor, edition=edition, status="dibalas")
    client.force_login(staff(office, ORGANISER))

    html = client.get(CHANGELIST).content.decode()

    counted = html.split("Jumlah pertanyaan pembeli")[1].split("</div>")[0]
    assert f'<th scope="row">{edition.name}</th><td>3</td>' in counted
    assert '<th scope="row">Batik Sekar</th><td>3</td>' in counted
    assert '<th scope="row">Reseller</th><td>2</td>' in counted
    assert '<th scope="row">Eksportir</th><td>1</td>' in counted
    assert '<th scope="row">Qatar</th><td>1</td>' in counted
    assert '<th scope="row">Indonesia</th><td>2</td>' in counted
    assert "Tenun Kabupaten B" not in html and "Pembeli Kabupaten B" not in html


def test_the_inquiries_no_umkm_answered_within_two_days_are_listed(client, seller, office):
    old = InquiryFactory(exhibitor=seller.exhibitor, edition=seller.edition, name="Lama Sekali")
    answered = InquiryFactory(
        exhibitor=seller.exhibitor, edition=seller.edition, name="Sudah Dibalas", status="dibalas"
    )
    InquiryFactory(exhibitor=seller.exhibitor, edition=seller.edition, name="Baru Saja")
    three_days_ago = timezone.now() - datetime.timedelta(days=3)
    Inquiry.objects.filter(pk__in=[old.pk, answered.pk]).update(created_at=three_days_ago)
    client.force_login(staff(office, ORGANISER))

    html = client.get(CHANGELIST, {"unanswered": "1"}).content.decode()

    assert "1 pertanyaan belum dijawab dalam 2 hari." in html
    rows = html.split('id="result_list"')[1]
    assert f"/admin/buyers/inquiry/{old.pk}/change/" in rows
    assert f"/admin/buyers/inquiry/{answered.pk}/" not in rows


def test_a_penyelenggara_reads_the_buyers_contact(client, seller, office):
    inquiry = InquiryFactory(exhibitor=seller.exhibitor, edition=seller.edition)
    client.force_login(staff(office, ORGANISER))

    html = client.get(reverse("admin:buyers_inquiry_change", args=[inquiry.pk])).content.decode()

    assert "Hj. Aminah" in html and "+6281311112222" in html and "aminah@example.com" in html


def test_a_field_officer_sees_no_inquiry_and_a_kurator_neither(client, seller, office):
    inquiry = InquiryFactory(exhibitor=seller.exhibitor, edition=seller.edition)
    answers = []
    for role in (CURATOR, FIELD_OFFICER):
        client.force_login(staff(office, role))
        answers += [
            client.get(CHANGELIST).status_code,
            client.get(reverse("admin:buyers_inquiry_change", args=[inquiry.pk])).status_code,
        ]

    assert answers == [403, 403, 403, 403]


def test_staff_allowed_the_counts_alone_see_no_contact(client, seller, office):
    from django.contrib.auth.models import Permission

    inquiry = InquiryFactory(exhibitor=seller.exhibitor, edition=seller.edition)
    user = UserFactory(username="staf.hitung", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_inquiry"))
    Membership.objects.create(user=user, organisation=office)
    client.force_login(user)

    listing = client.get(CHANGELIST).content.decode()
    detail = client.get(reverse("admin:buyers_inquiry_change", args=[inquiry.pk])).content.decode()

    assert "Batik Sekar" in listing
    for html in (listing, detail):
        assert "Hj. Aminah" not in html
        assert "6281311112222" not in html
        assert "aminah@example.com" not in html
        assert "Apakah bisa kirim" not in html
