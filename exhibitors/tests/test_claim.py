"""Hand-over: the claim link works once, expires, and never takes a profile that already
has an owner; each bad use says why in Indonesian and changes nothing."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exhibitors import services
from exhibitors.models import ClaimLink, Exhibitor
from exhibitors.tests.factories import ExhibitorFactory, UserFactory
from expo.models import Membership, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")


@pytest.fixture
def staff(office):
    user = UserFactory(username="pak.budi")
    Membership.objects.create(user=user, organisation=office)
    return user


@pytest.fixture
def exhibitor(office):
    return ExhibitorFactory(
        name="Wedang Jahe Mbah Karto", registered_by=office, email="mbah.karto@example.com"
    )


def claim_url(exhibitor, staff, channel="whatsapp"):
    _link, url, _whatsapp = services.send_claim_link(exhibitor=exhibitor, channel=channel, by=staff)
    return url.removeprefix("http://127.0.0.1:8000")


NEW_ACCOUNT = {
    "email": "mbah.karto@example.com",
    "password1": "jahe-merah-hangat-2024",
    "password2": "jahe-merah-hangat-2024",
}


def test_the_owner_claims_with_a_new_account_and_confirms_the_address(client, staff, exhibitor):
    url = claim_url(exhibitor, staff)

    page = client.get(url).content.decode()
    response = client.post(url, NEW_ACCOUNT)

    assert "Petugas Dinas sudah mendaftarkan Wedang Jahe Mbah Karto untuk Anda." in page
    exhibitor.refresh_from_db()
    assert exhibitor.owner.email == "mbah.karto@example.com"
    assert response.url == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(email="mbah.karto@example.com").verified
    assert "/akun/confirm-email/" in mail.outbox[-1].body
    link = ClaimLink.objects.get()
    assert (link.used_by, link.used_at is not None) == (exhibitor.owner, True)
    entry = LogEntry.objects.get_for_object(exhibitor).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes["owner"][1] == str(exhibitor.owner_id)


def test_a_signed_in_account_without_a_profile_claims_it(client, staff, exhibitor):
    url = claim_url(exhibitor, staff)
    owner = UserFactory(username="mbah.karto")
    client.force_login(owner)

    response = client.post(url, follow=True)

    exhibitor.refresh_from_db()
    assert exhibitor.owner == owner
    assert "Profil usaha ini sekarang milik Anda." in response.content.decode()
    assert "Wedang Jahe Mbah Karto" in response.content.decode()


def test_the_link_works_once(client, staff, exhibitor):
    url = claim_url(exhibitor, staff)
    first = UserFactory(username="mbah.karto")
    client.force_login(first)
    client.post(url)
    client.force_login(UserFactory(username="penyerobot"))

    page = client.post(url).content.decode()

    assert "Tautan ini sudah dipakai." in page
    assert Exhibitor.objects.get(pk=exhibitor.pk).owner == first


def refused(client, url, data=None):
    """The page a claim gets, and the profile's owner and the accounts afterwards."""
    before = get_user_model().objects.count()
    page = client.post(url, data or {}).content.decode()
    return page, get_user_model().objects.count() - before


def test_an_expired_link_is_refused(client, staff, exhibitor):
    url = claim_url(exhibitor, staff)
    ClaimLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    page, new_accounts = refused(client, url, NEW_ACCOUNT)

    assert "Tautan ini sudah kedaluwarsa." in page
    assert (new_accounts, Exhibitor.objects.get(pk=exhibitor.pk).owner) == (0, None)


def test_a_wrong_token_is_refused(client, staff, exhibitor):
    claim_url(exhibitor, staff)

    page, new_accounts = refused(
        client, reverse("claim", kwargs={"token": "bukan-token"}), NEW_ACCOUNT
    )

    assert "Tautan ini tidak berlaku." in page
    assert (new_accounts, Exhibitor.objects.get(pk=exhibitor.pk).owner) == (0, None)


def test_a_newer_link_voids_the_older(client, staff, exhibitor):
    older = claim_url(exhibitor, staff)
    claim_url(exhibitor, staff, channel="email")

    page, new_accounts = refused(client, older, NEW_ACCOUNT)

    assert "Tautan yang lebih baru sudah dikirim" in page
    assert (new_accounts, Exhibitor.objects.get(pk=exhibitor.pk).owner) == (0, None)


def test_a_link_cannot_take_a_profile_that_has_an_owner(client, staff, exhibitor):
    url = claim_url(exhibitor, staff)
    owner = UserFactory(username="pemilik.asli")
    Exhibitor.objects.filter(pk=exhibitor.pk).update(owner=owner)

    page, new_accounts = refused(client, url, NEW_ACCOUNT)

    assert "Profil usaha ini sudah punya pemilik." in page
    assert (new_accounts, Exhibitor.objects.get(pk=exhibitor.pk).owner) == (0, owner)
    assert ClaimLink.objects.get().used_at is None


def test_an_account_that_owns_a_profile_cannot_claim_a_second(client, staff, exhibitor):
    url = claim_url(exhibitor, staff)
    owner = UserFactory(username="bu.sri")
    ExhibitorFactory(owner=owner, name="Batik Bu Sri")
    client.force_login(owner)

    page, _new = refused(client, url)

    assert "Akun Anda sudah punya profil usaha, dan satu akun hanya boleh punya satu." in page
    assert Exhibitor.objects.get(pk=exhibitor.pk).owner is None
    assert ClaimLink.objects.get().used_at is None


def test_a_dinas_staff_account_cannot_claim(client, staff, exhibitor):
    url = claim_url(exhibitor, staff)
    client.force_login(staff)

    page, _new = refused(client, url)

    assert "Akun petugas Dinas tidak dapat mengklaim profil UMKM." in page
    assert Exhibitor.objects.get(pk=exhibitor.pk).owner is None


def test_the_staff_sends_a_link_by_whatsapp_from_the_hand_over_page(client, staff, exhibitor):
    client.force_login(staff)
    client.post(reverse("assisted_manage", kwargs={"pk": exhibitor.pk}))

    page = client.post(reverse("assisted_handover"), {"channel": "whatsapp"}).content.decode()
    listing = client.get(reverse("assisted_profiles")).content.decode()

    assert re.search(r'href="https://wa\.me/6281234567890\?text=[^"]*klaim', page)
    token_url = re.search(r'class="claim-url" href="([^"]+)"', page).group(1)
    assert ClaimLink.objects.get().token_hash not in token_url
    assert "berlaku sampai" in listing
    assert "belum dicatat" in listing


def test_a_claimed_profile_gets_no_new_link(client, staff, exhibitor):
    Exhibitor.objects.filter(pk=exhibitor.pk).update(owner=UserFactory(username="mbah.karto"))
    exhibitor.refresh_from_db()

    with pytest.raises(ValidationError, match="sudah punya pemilik"):
        services.send_claim_link(exhibitor=exhibitor, channel="email", by=staff)

    assert not ClaimLink.objects.exists()
