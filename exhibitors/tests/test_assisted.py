"""Pendampingan: Dinas staff register UMKM that are not online and manage their profiles
on their owners' behalf until the owners claim them."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from exhibitors.models import Exhibitor, Product
from exhibitors.tests.factories import ExhibitorFactory, UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import KABUPATEN_SEMARANG, KOTA_SEMARANG

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")


@pytest.fixture
def member(client, office):
    """A delegate of the office on the public site: a member, not admin staff."""
    user = UserFactory(username="pak.budi")
    Membership.objects.create(user=user, organisation=office)
    client.force_login(user)
    return user


REGISTRATION = {
    "name": "Keripik Tempe Bu Sri",
    "kind": "umkm",
    "category": "kuliner",
    "scale": "mikro",
    "province": "33",
    "region": KABUPATEN_SEMARANG,
    "nib": "9876543210987",
    "whatsapp": "0857-1111-2222",
}


def test_the_pendampingan_page_lists_the_offices_profiles_unclaimed_first(client, member, office):
    ExhibitorFactory(name="Batik Sudah Diklaim", registered_by=office, owner=UserFactory())
    ExhibitorFactory(name="Wedang Jahe Belum Diklaim", registered_by=office)
    ExhibitorFactory(name="Tenun Kantor Lain", registered_by=Organisation.objects.create(name="B"))

    page = client.get(reverse("assisted_profiles")).content.decode()

    assert "Tenun Kantor Lain" not in page
    assert page.index("Wedang Jahe Belum Diklaim") < page.index("Batik Sudah Diklaim")
    assert "Kelola Wedang Jahe Belum Diklaim" in page
    assert "Kelola Batik Sudah Diklaim" not in page
    assert "Sudah diklaim pemiliknya" in page


def test_registering_an_umkm_without_duplicates_creates_it_without_an_owner(client, member, office):
    response = client.post(reverse("assisted_register"), REGISTRATION, follow=True)

    exhibitor = Exhibitor.objects.get()
    assert (exhibitor.name, exhibitor.owner, exhibitor.registered_by) == (
        "Keripik Tempe Bu Sri",
        None,
        office,
    )
    assert (exhibitor.nib, exhibitor.whatsapp) == ("9876543210987", "+6285711112222")
    page = response.content.decode()
    assert "Bekerja atas nama Keripik Tempe Bu Sri" in page
    assert "Akun saya" not in page


@pytest.mark.parametrize(
    ("existing", "reason"),
    [
        ({"name": "Toko Lain Sekali", "nib": "9876543210987"}, "NIB yang sama"),
        (
            # The same number, written as the owner's own form stored it.
            {"name": "Toko Lain Sekali", "nib": "", "whatsapp": "+6285711112222"},
            "nomor WhatsApp yang sama",
        ),
        (
            {"name": "Keripik Tempe Sri", "nib": "", "whatsapp": ""},
            "nama yang mirip di kabupaten/kota yang sama",
        ),
    ],
)
def test_possible_duplicates_are_shown_before_anything_is_created(client, member, existing, reason):
    ExhibitorFactory(owner=UserFactory(username="bu.sri"), **existing)
    data = {**REGISTRATION, "whatsapp": "+62 857 1111 2222"}

    page = client.post(reverse("assisted_register"), data).content.decode()

    assert "Mungkin sudah terdaftar" in page
    assert existing["name"] in page
    assert reason in page
    assert "Sudah punya akun pemilik." in page
    assert Exhibitor.objects.count() == 1


def test_a_similar_name_in_another_regency_is_no_duplicate(client, member):
    ExhibitorFactory(name="Keripik Tempe Sri", region_id=KOTA_SEMARANG, nib="", whatsapp="")

    client.post(reverse("assisted_register"), REGISTRATION)

    assert Exhibitor.objects.filter(registered_by__isnull=False).count() == 1


def test_registering_past_the_duplicates_creates_another_profile(client, member):
    ExhibitorFactory(name="Keripik Tempe Sri", nib="", whatsapp="")

    client.post(reverse("assisted_register"), {**REGISTRATION, "register_anyway": "1"})

    assert sorted(Exhibitor.objects.values_list("name", flat=True)) == [
        "Keripik Tempe Bu Sri",
        "Keripik Tempe Sri",
    ]


def test_a_duplicate_of_the_office_can_be_managed_from_the_list(client, member, office):
    ExhibitorFactory(name="Keripik Tempe Sri", registered_by=office, nib="9876543210987")

    page = client.post(reverse("assisted_register"), REGISTRATION).content.decode()

    assert "Kelola Keripik Tempe Sri" in page


def test_a_bad_registration_says_why_in_indonesian_and_creates_nothing(client, member):
    data = {**REGISTRATION, "nib": "12345", "whatsapp": "abc", "scale": ""}

    page = client.post(reverse("assisted_register"), data).content.decode()

    assert "NIB terdiri dari 13 angka." in page
    assert "Masukkan nomor telepon Indonesia, misalnya 0812-3456-7890." in page
    assert "Pilih skala usaha UMKM." in page
    assert not Exhibitor.objects.exists()


def test_a_managed_profile_is_edited_on_the_owners_pages_and_stays_without_owner(
    client, member, office
):
    exhibitor = ExhibitorFactory(name="Wedang Jahe", registered_by=office)
    client.post(reverse("assisted_manage", kwargs={"pk": exhibitor.pk}))

    client.post(
        reverse("profile_edit"),
        {
            "kind": "umkm",
            "name": "Wedang Jahe Mbah Karto",
            "category": "kuliner",
            "scale": "mikro",
            "province": "33",
            "region": KABUPATEN_SEMARANG,
            "language": "id",
        },
    )
    client.post(
        reverse("product_create"),
        {"name": "Wedang Jahe Sachet", "category": "kuliner", "price": "12.000"},
    )
    dashboard = client.get(reverse("dashboard")).content.decode()

    exhibitor.refresh_from_db()
    assert (exhibitor.name, exhibitor.owner) == ("Wedang Jahe Mbah Karto", None)
    assert list(Product.objects.filter(exhibitor=exhibitor).values_list("name", flat=True)) == [
        "Wedang Jahe Sachet"
    ]
    assert "Wedang Jahe Sachet" in dashboard
    assert "Bekerja atas nama Wedang Jahe Mbah Karto" in dashboard
    entry = LogEntry.objects.get_for_object(exhibitor).filter(action=LogEntry.Action.UPDATE).get()
    assert (entry.actor, entry.changes["name"]) == (
        member,
        ["Wedang Jahe", "Wedang Jahe Mbah Karto"],
    )


def test_stopping_leaves_the_profile_and_goes_back_to_the_list(client, member, office):
    exhibitor = ExhibitorFactory(name="Wedang Jahe", registered_by=office)
    client.post(reverse("assisted_manage", kwargs={"pk": exhibitor.pk}))

    response = client.post(reverse("assisted_stop"), follow=True)
    dashboard = client.get(reverse("dashboard")).content.decode()

    assert "Bekerja atas nama" not in response.content.decode()
    assert "Wedang Jahe" not in dashboard
    assert client.get(reverse("product_create")).status_code == 404


def test_a_profile_claimed_while_managed_is_no_longer_reachable(client, member, office):
    exhibitor = ExhibitorFactory(name="Wedang Jahe", registered_by=office)
    client.post(reverse("assisted_manage", kwargs={"pk": exhibitor.pk}))
    Exhibitor.objects.filter(pk=exhibitor.pk).update(owner=UserFactory(username="mbah.karto"))

    dashboard = client.get(reverse("dashboard")).content.decode()
    second_look = client.get(reverse("product_create"))

    assert "pemiliknya sudah mengambil alih" in dashboard
    assert "Bekerja atas nama" not in dashboard
    assert second_look.status_code == 404


def test_a_claimed_profile_cannot_be_managed(client, member, office):
    exhibitor = ExhibitorFactory(registered_by=office, owner=UserFactory(username="bu.sri"))

    response = client.post(reverse("assisted_manage", kwargs={"pk": exhibitor.pk}))

    assert response.status_code == 404
    assert managed(client) is None


def test_account_deletion_is_not_offered_while_managing(client, member, office):
    exhibitor = ExhibitorFactory(name="Wedang Jahe", registered_by=office)
    client.post(reverse("assisted_manage", kwargs={"pk": exhibitor.pk}))

    response = client.post(
        reverse("account_delete"), {"password": "rahasia-yang-panjang-123"}, follow=True
    )

    assert "akun tidak dapat dihapus dari sini" in response.content.decode()
    assert Exhibitor.objects.filter(pk=exhibitor.pk).exists()
    member.refresh_from_db()
    assert member.is_active


def test_someone_without_a_membership_reaches_no_pendampingan_page(client, owner):
    exhibitor = ExhibitorFactory(registered_by=Organisation.objects.create(name="Dinas A"))
    requests = [
        ("get", reverse("assisted_profiles"), {}),
        ("get", reverse("assisted_register"), {}),
        ("post", reverse("assisted_register"), REGISTRATION),
        ("post", reverse("assisted_manage", kwargs={"pk": exhibitor.pk}), {}),
        ("post", reverse("assisted_stop"), {}),
    ]

    statuses = [
        (url, getattr(client, method)(url, data).status_code) for method, url, data in requests
    ]

    assert statuses == [(url, 404) for _method, url, _data in requests]
    assert Exhibitor.objects.count() == 1
    assert managed(client) is None


def managed(client):
    return client.session.get("exhibitors_managed_profile")


def test_a_delegate_cannot_delete_their_account_on_the_public_site(client, member):
    page = client.post(
        reverse("account_delete"), {"password": "rahasia-yang-panjang-123"}
    ).content.decode()

    assert "Akun panitia dihapus oleh administrator, melalui halaman admin." in page
    member.refresh_from_db()
    assert member.is_active


@pytest.mark.parametrize("count", [1, 4])
def test_the_pendampingan_list_reads_a_fixed_number_of_queries(
    client, member, office, django_assert_num_queries, count
):
    for number in range(count):
        ExhibitorFactory(name=f"Wedang Jahe {number}", registered_by=office)
    client.get(reverse("assisted_profiles"))  # the session, read once

    with django_assert_num_queries(5):
        page = client.get(reverse("assisted_profiles")).content.decode()

    assert page.count("Belum diklaim") == count
