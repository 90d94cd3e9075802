"""The owner's account: changing the e-mail, deleting the account with what it leaves
behind, and failed logins limited."""

import json

import pytest
from allauth.account.models import EmailAddress
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.tests.helpers import PDF, jpeg, stored_files
from exhibitors import services
from exhibitors.models import Application, Exhibitor, LegalDocument, OnlineLink, Product
from exhibitors.tests.factories import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "rahasia-yang-panjang-123"


@pytest.fixture
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path


@pytest.fixture
def exhibitor(owner, storage):
    exhibitor = ExhibitorFactory(
        owner=owner,
        name="Keripik Tempe Bu Sri",
        email="bu.sri@example.com",
        address="Jl. Gatot Subroto 12",
    )
    product = ProductFactory(exhibitor=exhibitor)
    services.add_product_photo(product=product, upload=SimpleUploadedFile("a.jpg", jpeg()))
    services.set_logo(exhibitor=exhibitor, upload=SimpleUploadedFile("l.jpg", jpeg()))
    services.upload_document(
        exhibitor=exhibitor, kind="nib", upload=SimpleUploadedFile("nib.pdf", PDF)
    )
    OnlineLink.objects.create(
        exhibitor=exhibitor, platform="instagram", url="https://instagram.com/busri"
    )
    return exhibitor


def test_an_exhibitor_never_decided_on_is_deleted_with_everything(
    owner, exhibitor, storage, django_capture_on_commit_callbacks
):
    pending = ApplicationFactory(exhibitor=exhibitor)

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_account(user=owner)

    assert not get_user_model().objects.filter(pk=owner.pk).exists()
    assert not Exhibitor.objects.filter(pk=exhibitor.pk).exists()
    assert not Application.objects.filter(pk=pending.pk).exists()
    assert (Product.objects.count(), LegalDocument.objects.count()) == (0, 0)
    assert OnlineLink.objects.count() == 0
    assert stored_files(storage) == []


def test_an_exhibitor_on_record_stays_as_history_without_contact_data(
    owner, exhibitor, storage, django_capture_on_commit_callbacks
):
    accepted = ApplicationFactory(exhibitor=exhibitor, accepted=True)
    pending = ApplicationFactory(exhibitor=exhibitor)

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_account(user=owner)

    exhibitor.refresh_from_db()
    assert not get_user_model().objects.filter(pk=owner.pk).exists()
    assert (exhibitor.owner, exhibitor.whatsapp, exhibitor.email, exhibitor.address) == (
        None,
        "",
        "",
        "",
    )
    assert exhibitor.name == "Keripik Tempe Bu Sri"
    assert Application.objects.get(pk=accepted.pk).status == Application.Status.ACCEPTED
    assert Application.objects.get(pk=pending.pk).status == Application.Status.WITHDRAWN
    assert LegalDocument.objects.count() == 0
    assert not any((storage / "private").rglob("*.pdf"))
    assert exhibitor.products.count() == 1


def test_an_account_without_a_profile_is_simply_deleted(client, owner):
    response = client.post(reverse("account_delete"), {"password": PASSWORD}, follow=True)

    assert not get_user_model().objects.filter(pk=owner.pk).exists()
    assert "Akun Anda sudah dihapus. Terima kasih atas keikutsertaan Anda." in (
        response.content.decode()
    )
    assert not response.context["user"].is_authenticated


def test_delete_page_explains_and_asks_the_password(client, exhibitor):
    ApplicationFactory(exhibitor=exhibitor, accepted=True)

    page = client.get(reverse("account_delete")).content.decode()
    response = client.post(reverse("account_delete"), {"password": "salah"})

    assert "Panitia sudah memutuskan pendaftaran Keripik Tempe Bu Sri" in page
    assert response.context["form"].errors["password"] == ["Itu bukan kata sandi Anda."]
    assert get_user_model().objects.filter(pk=exhibitor.owner_id).exists()
    assert Exhibitor.objects.get(pk=exhibitor.pk).whatsapp == "+6281234567890"


def test_an_organiser_cannot_delete_their_account_here(client, organiser):
    response = client.post(reverse("account_delete"), {"password": PASSWORD})

    assert response.context["form"].non_field_errors() == [
        "Akun panitia dihapus oleh administrator, melalui halaman admin."
    ]
    assert get_user_model().objects.filter(pk=organiser.pk).exists()


def test_change_email_page_is_in_the_site_layout_and_sends_a_confirmation(
    client, owner, mailoutbox
):
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)

    page = client.get(reverse("account_email")).content.decode()
    client.post(reverse("account_email"), {"action_add": "", "email": "sri.baru@example.com"})
    after = client.get(reverse("account_email")).content.decode()

    assert "<h1>Ganti email</h1>" in page
    assert 'class="site-header"' in page
    assert reverse("account_email") in client.get(reverse("dashboard")).content.decode()
    assert [message.to for message in mailoutbox] == [["sri.baru@example.com"]]
    assert "sri.baru@example.com" in after
    assert "menunggu konfirmasi" in after
    assert EmailAddress.objects.get(user=owner, primary=True).email == owner.email


def test_repeated_failed_logins_are_blocked_with_a_message(client):
    user = UserFactory(username="sri", email="sri@example.com")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    client.logout()

    pages = [
        client.post(reverse("account_login"), {"login": user.email, "password": "salah"})
        for _ in range(6)
    ]
    right_password = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )

    message = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
    assert [message in page.content.decode() for page in pages] == [False] * 5 + [True]
    assert message in right_password.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("on_record", [True, False])
def test_the_audit_log_forgets_a_deleted_owners_contact_details(
    owner, exhibitor, django_capture_on_commit_callbacks, on_record
):
    ApplicationFactory(exhibitor=exhibitor, accepted=on_record)
    with set_actor(owner):
        exhibitor.whatsapp = "+6281211112222"
        exhibitor.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_account(user=owner)

    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Exhibitor), object_pk=str(exhibitor.pk)
    )
    logged = json.dumps([entry.changes for entry in entries]) + "".join(
        entry.actor_email or "" for entry in LogEntry.objects.all()
    )
    assert entries.count() >= 2
    for personal in ("+6281211112222", "+6281234567890", "bu.sri@example.com", "Gatot Subroto"):
        assert personal not in logged
    assert "Keripik Tempe Bu Sri" in logged


def test_an_organiser_deleting_an_exhibitor_or_a_product_removes_their_files(
    client, exhibitor, storage, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(username="panitia", is_staff=True, is_superuser=True))
    product = exhibitor.products.get()
    second = ProductFactory(exhibitor=ExhibitorFactory(name="Batik Sekar"))
    services.add_product_photo(product=second, upload=SimpleUploadedFile("b.jpg", jpeg()))
    kept = stored_files(storage)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:exhibitors_product_delete", args=[second.pk]), {"post": "yes"})
    after_product = stored_files(storage)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:exhibitors_exhibitor_delete", args=[exhibitor.pk]), {"post": "yes"}
        )

    assert len(kept) - len(after_product) == 3  # the photo and its two renditions
    assert not Product.objects.filter(pk__in=[product.pk, second.pk]).exists()
    assert not Exhibitor.objects.filter(pk=exhibitor.pk).exists()
    assert stored_files(storage) == []
