"""An application's admin page is where a curator reviews it: the business, its legality
with each document's check, its products and other editions, and the decision, with the
outside share in view before an outside participant is accepted."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import ProgrammingError, transaction
from django.urls import reverse

from booths.tests.factories import BoothFactory
from console.roles import CURATOR, FIELD_OFFICER, ORGANISER
from core.tests.helpers import PDF, text_of
from exhibitors import services
from exhibitors.models import Application, Exhibitor
from exhibitors.tests.factories import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    UserFactory,
)
from expo.tests.factories import KABUPATEN_SEMARANG, KOTA_SEMARANG, EditionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:exhibitors_application_changelist")


def change_url(application):
    return reverse("admin:exhibitors_application_change", args=[application.pk])


def decide_url(application):
    return reverse("admin:exhibitors_application_decide", args=[application.pk])


def verify_url(application, document):
    return reverse(
        "admin:exhibitors_application_verify",
        kwargs={"object_id": application.pk, "document_id": document.pk},
    )


def staff(client, role, username="kurator"):
    user = UserFactory(username=username, is_staff=True, first_name="Rina")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


@pytest.fixture
def files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def application(files):
    edition = EditionFactory(name="Kasmex 2031")
    exhibitor = ExhibitorFactory(
        name="Keripik Tempe Bu Sri", kecamatan_id="33.22.18", year_founded=2015
    )
    ProductFactory(exhibitor=exhibitor, name="Keripik Tempe Original", price=15000)
    ProductFactory(exhibitor=exhibitor, name="Keripik Tempe Pedas", is_published=False)
    earlier = EditionFactory(
        name="Kasmex 2029", starts_on=edition.starts_on - datetime.timedelta(days=730)
    )
    ApplicationFactory(exhibitor=exhibitor, edition=earlier, accepted=True)
    services.upload_document(
        exhibitor=exhibitor, kind="nib", upload=SimpleUploadedFile("nib.pdf", PDF)
    )
    return ApplicationFactory(exhibitor=exhibitor, edition=edition, preferred_zone="Zona Kuliner")


def test_the_page_shows_the_business_its_legality_products_and_other_editions(client, application):
    staff(client, CURATOR)
    text = text_of(client.get(change_url(application)))

    assert "Keripik Tempe Bu Sri" in text
    assert "Kabupaten Semarang, Ungaran Barat · dalam daerah tuan rumah" in text
    assert "sudah ikut 1 kali" in text
    # The NIB with its document, downloadable, not checked yet; the others not given.
    assert "NIB 1234567890123 Unduh Belum diperiksa" in text
    assert "P-IRT — belum diunggah —" in text
    assert "Keripik Tempe Original · Rp15.000" in text
    assert "Keripik Tempe Pedas" in text and "disembunyikan dari pengunjung" in text
    assert "Kasmex 2029" in text and "Diterima" in text
    assert "Zona Kuliner" in text
    assert "Terima Masukkan daftar tunggu Tolak" in text


def test_who_applied_to_which_edition_cannot_be_changed(client, application):
    staff(client, ORGANISER, "penyelenggara")
    other_edition = EditionFactory()
    response = client.post(
        change_url(application),
        {
            "exhibitor": ExhibitorFactory().pk,
            "edition": other_edition.pk,
            "mode": "booth",
            "staff_count": 3,
        },
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.edition.name == "Kasmex 2031"
    assert application.exhibitor.name == "Keripik Tempe Bu Sri"
    assert application.staff_count == 3  # what the organiser may change, changed


def test_accepting_on_the_page_calls_the_decision_and_mails_the_owner(
    client, application, django_capture_on_commit_callbacks
):
    curator = staff(client, CURATOR)
    Exhibitor.objects.filter(pk=application.exhibitor_id).update(email="bu.sri@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(application), {"status": "accepted"}, follow=True)

    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert application.decided_by == curator
    assert "1 pendaftaran diterima." in text_of(response)
    assert [message.to for message in mail.outbox] == [["bu.sri@example.com"]]


def test_rejecting_without_a_reason_is_refused_and_changes_nothing(client, application):
    staff(client, CURATOR)

    response = client.post(
        decide_url(application), {"status": "rejected", "reason": "  "}, follow=True
    )

    assert "Berikan alasan penolakan kepada peserta." in text_of(response)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert mail.outbox == []


@pytest.mark.parametrize("data", [{}, {"status": "withdrawn"}, {"status": "x' OR 1=1"}])
def test_a_decision_that_is_not_one_is_refused(client, application, data):
    staff(client, CURATOR)

    response = client.post(decide_url(application), data, follow=True)

    assert "Pilih keputusan." in text_of(response)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_a_withdrawn_application_offers_no_decision(client, application):
    staff(client, CURATOR)
    services.withdraw_application(application=application)

    assert "Keputusan" not in text_of(client.get(change_url(application)))
    response = client.post(decide_url(application), {"status": "accepted"}, follow=True)
    assert "Peserta telah membatalkan pendaftaran ini." in text_of(response)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN


def test_deciding_needs_the_change_permission(client, application):
    staff(client, FIELD_OFFICER, "petugas")

    assert client.post(decide_url(application), {"status": "accepted"}).status_code == 403
    assert "Keputusan" not in text_of(client.get(change_url(application)))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_a_decision_is_only_posted(client, application):
    staff(client, CURATOR)

    assert client.get(decide_url(application)).status_code == 404


# The outside share, before it is too late.


@pytest.fixture
def full_outside_share(files):
    """Ten booths, 80% for the host regency: two for outside participants, both taken by
    accepted ones; and a third outside participant waiting."""
    edition = EditionFactory(host_share_percent=80)
    for number in range(10):
        BoothFactory(edition=edition, code=f"A-{number:02}", x=number * 3)
    for _number in range(2):
        ApplicationFactory(edition=edition, exhibitor__region_id=KOTA_SEMARANG, accepted=True)
    # Inside participants and outside ones taking part online count for nothing.
    ApplicationFactory(edition=edition, accepted=True)
    ApplicationFactory(
        edition=edition, exhibitor__region_id=KOTA_SEMARANG, mode="virtual", accepted=True
    )
    waiting = ApplicationFactory(
        edition=edition, exhibitor__region_id=KOTA_SEMARANG, exhibitor__name="Tenun Kota"
    )
    return waiting


def test_the_page_warns_before_an_outside_participant_is_accepted_past_the_share(
    client, full_outside_share
):
    staff(client, CURATOR)
    text = text_of(client.get(change_url(full_outside_share)))

    assert (
        "Peserta ini dari luar daerah tuan rumah, dan 2 peserta luar daerah sudah diterima "
        "untuk 2 stan yang disediakan bagi mereka (20% dari stan). Bila diterima, peserta ini "
        "mungkin tidak mendapat stan."
    ) in text


def test_accepting_past_the_share_needs_the_confirmation(client, full_outside_share):
    staff(client, CURATOR)

    refused = client.post(decide_url(full_outside_share), {"status": "accepted"}, follow=True)
    full_outside_share.refresh_from_db()
    assert full_outside_share.status == Application.Status.SUBMITTED
    assert "2 peserta dari luar daerah tuan rumah sudah diterima" in text_of(refused)

    client.post(decide_url(full_outside_share), {"status": "accepted", "past_outside_share": "on"})
    full_outside_share.refresh_from_db()
    assert full_outside_share.status == Application.Status.ACCEPTED


def test_the_list_action_leaves_outside_participants_past_the_share_to_their_page(
    client, full_outside_share
):
    staff(client, CURATOR)
    inside = ApplicationFactory(edition=full_outside_share.edition, exhibitor__name="Batik Bawen")
    ids = [full_outside_share.pk, inside.pk]

    response = client.post(CHANGELIST, {"action": "accept", "_selected_action": ids}, follow=True)

    text = text_of(response)
    assert "Tenun Kota: 2 peserta dari luar daerah tuan rumah sudah diterima" in text
    assert "1 pendaftaran diterima." in text
    statuses = dict(Application.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert statuses == {full_outside_share.pk: "submitted", inside.pk: "accepted"}


def test_within_the_share_nothing_is_asked(client, full_outside_share):
    staff(client, CURATOR)
    BoothFactory(edition=full_outside_share.edition, code="B-01", x=40)
    BoothFactory(edition=full_outside_share.edition, code="B-02", x=43)
    BoothFactory(edition=full_outside_share.edition, code="B-03", x=46)
    BoothFactory(edition=full_outside_share.edition, code="B-04", x=49)
    BoothFactory(edition=full_outside_share.edition, code="B-05", x=52)  # 15 booths: 3 outside

    assert "mungkin tidak mendapat stan" not in text_of(client.get(change_url(full_outside_share)))
    client.post(decide_url(full_outside_share), {"status": "accepted"})
    full_outside_share.refresh_from_db()
    assert full_outside_share.status == Application.Status.ACCEPTED


# Checking the legality documents.


def test_a_curator_records_that_a_document_matches(client, application):
    curator = staff(client, CURATOR)
    document = application.exhibitor.documents.get()

    response = client.post(
        verify_url(application, document), {"verification": "valid"}, follow=True
    )

    document.refresh_from_db()
    assert (document.verification, document.verified_by) == ("valid", curator)
    text = text_of(response)
    assert "Hasil pemeriksaan dokumen NIB disimpan." in text
    assert "Sesuai · Rina" in text


def test_a_mismatch_needs_a_note_and_changes_nothing_without_one(client, application):
    staff(client, CURATOR)
    document = application.exhibitor.documents.get()

    response = client.post(
        verify_url(application, document), {"verification": "invalid", "note": ""}, follow=True
    )

    assert "Tuliskan apa yang tidak sesuai, agar diperbaiki pemilik." in text_of(response)
    document.refresh_from_db()
    assert document.verification == "unchecked"
    assert document.verified_at is None

    client.post(
        verify_url(application, document),
        {"verification": "invalid", "note": "Nama di NIB lain dengan nama usaha."},
    )
    document.refresh_from_db()
    assert document.verification == "invalid"
    assert document.verification_note == "Nama di NIB lain dengan nama usaha."


@pytest.mark.parametrize("data", [{}, {"verification": "maybe"}, {"verification": ""}])
def test_a_check_that_is_not_one_is_refused(client, application, data):
    staff(client, CURATOR)
    document = application.exhibitor.documents.get()

    response = client.post(verify_url(application, document), data, follow=True)

    assert "Pilih apakah dokumen sesuai." in text_of(response)
    document.refresh_from_db()
    assert document.verification == "unchecked"


def test_a_new_file_is_to_be_checked_again(application):
    document = application.exhibitor.documents.get()
    services.verify_document(
        document=document, verification="invalid", note="Buram", by=UserFactory()
    )

    services.upload_document(
        exhibitor=application.exhibitor, kind="nib", upload=SimpleUploadedFile("nib.pdf", PDF)
    )

    document.refresh_from_db()
    assert (document.verification, document.verification_note) == ("unchecked", "")
    assert document.verified_by is None and document.verified_at is None


def test_the_organiser_reads_the_check_but_opens_no_paper(client, application):
    staff(client, ORGANISER, "penyelenggara")
    document = application.exhibitor.documents.get()
    services.verify_document(document=document, verification="valid", by=UserFactory())
    download = reverse(
        "admin:exhibitors_exhibitor_document",
        kwargs={"object_id": application.exhibitor_id, "document_id": document.pk},
    )

    text = text_of(client.get(change_url(application)))

    assert "NIB 1234567890123 sudah diunggah Sesuai" in text
    assert "Unduh" not in text
    assert client.get(download).status_code == 403


@pytest.mark.parametrize("role", [ORGANISER, FIELD_OFFICER])
def test_only_curators_check_documents(client, application, role):
    staff(client, role, "bukan.kurator")
    document = application.exhibitor.documents.get()

    assert (
        client.post(verify_url(application, document), {"verification": "valid"}).status_code == 403
    )
    assert "Simpan hasil pemeriksaan" not in text_of(client.get(change_url(application)))
    document.refresh_from_db()
    assert document.verification == "unchecked"


def test_a_document_of_another_exhibitor_is_not_found(client, application):
    staff(client, CURATOR)
    other = services.upload_document(
        exhibitor=ExhibitorFactory(), kind="nib", upload=SimpleUploadedFile("nib.pdf", PDF)
    )

    assert client.post(verify_url(application, other), {"verification": "valid"}).status_code == 404
    other.refresh_from_db()
    assert other.verification == "unchecked"


def fresh(client, url):
    """The page drawn anew: the test's changes are never committed, so never announced."""
    for alias in ("public", "public_in_process"):
        caches[alias].clear()
    return text_of(client.get(url))


def test_only_a_matching_document_shows_as_verified_to_visitors(client, application):
    services.decide_application(application=application, status="accepted", by=UserFactory())
    edition, exhibitor = application.edition, application.exhibitor
    url = reverse(
        "participant_detail", kwargs={"edition_slug": edition.slug, "slug": exhibitor.slug}
    )
    assert "terverifikasi" not in fresh(client, url)

    document = exhibitor.documents.get()
    services.verify_document(document=document, verification="valid", by=UserFactory())
    assert "NIB ✓ terverifikasi" in fresh(client, url)

    services.verify_document(document=document, verification="invalid", note="x", by=UserFactory())
    assert "terverifikasi" not in fresh(client, url)


# A decided application is the record of its edition.


def test_a_decided_application_cannot_be_deleted(client, application):
    staff(client, ORGANISER, "penyelenggara")
    services.decide_application(application=application, status="accepted", by=UserFactory())
    delete_url = reverse("admin:exhibitors_application_delete", args=[application.pk])

    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert "delete_selected" not in client.get(CHANGELIST).content.decode()
    with pytest.raises(ProgrammingError, match="Cannot delete"), transaction.atomic():
        Application.objects.filter(pk=application.pk).delete()
    assert Application.objects.filter(pk=application.pk).exists()


def test_an_undecided_application_can_still_be_deleted(application):
    Application.objects.filter(pk=application.pk).delete()

    assert not Application.objects.filter(pk=application.pk).exists()


def test_institutions_and_host_participants_never_count_against_the_share(full_outside_share):
    from exhibitors.selectors import outside_share

    institution = ApplicationFactory(
        edition=full_outside_share.edition,
        exhibitor__kind=Exhibitor.Kind.INSTITUTION,
        exhibitor__region_id=KOTA_SEMARANG,
    )
    host = ApplicationFactory(
        edition=full_outside_share.edition, exhibitor__region_id=KABUPATEN_SEMARANG
    )

    assert outside_share(application=institution) is None
    assert outside_share(application=host) is None
    share = outside_share(application=full_outside_share)
    assert (share.accepted, share.limit, share.is_full) == (2, 2, True)
