"""An edition's admin page as the organiser's cockpit: its dates, what to do next in each
phase of the edition with a link to the page that does it, its tools; and the rules
document, checked as a real PDF."""

import datetime
import html
import re
import zoneinfo

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from booths import selectors
from booths.models import Assignment
from booths.tests.factories import BoothFactory
from core.tests.helpers import PDF, pdf, stored_files, text_of
from exhibitors.models import Application, Exhibitor
from exhibitors.tests.factories import ApplicationFactory, UserFactory
from expo.models import Edition, Membership, Organisation
from expo.tests.factories import KOTA_SEMARANG, EditionFactory

pytestmark = pytest.mark.django_db

# The group console.roles makes (a layer above booths, so named here as staff see it).
CURATOR = "Kurator"
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
STEPS = re.compile(r'<ol class="cockpit-steps">(.*?)</ol>', re.S)
STEP = re.compile(r"<li[^>]*>(.*?)</li>", re.S)
LINK = re.compile(r'<a href="([^"]*)">([^<]*)</a>')
TOOLS = re.compile(r'<ul class="cockpit-tools">(.*?)</ul>', re.S)


def cockpit(client, edition):
    return client.get(reverse("admin:expo_edition_change", args=[edition.pk]))


def steps(response):
    """Each next step as the page shows it: its text, and its links as (label, address)."""
    [listed] = STEPS.findall(response.content.decode())
    shown = []
    for step in STEP.findall(listed):
        text = html.unescape(re.sub(r"<[^>]+>", "", LINK.sub("", step))).strip(" ·\n")
        links = [(html.unescape(label), html.unescape(url)) for url, label in LINK.findall(step)]
        shown.append((" ".join(text.split()), links))
    return shown


def tools(response):
    found = TOOLS.findall(response.content.decode())
    if not found:
        return []
    return [(html.unescape(label), html.unescape(url)) for url, label in LINK.findall(found[0])]


def applications(edition, **filters):
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return f"/admin/exhibitors/application/?edition__id__exact={edition.pk}&{query}"


def local_date(moment):
    return date_format(timezone.localtime(moment))


def accepted(edition, **kwargs):
    return ApplicationFactory(edition=edition, accepted=True, **kwargs)


def test_the_page_shows_status_and_dates_as_people_write_them(client, organiser):
    edition = EditionFactory(
        status=Edition.Status.DRAFT,
        starts_on=datetime.date(2027, 2, 12),
        ends_on=datetime.date(2027, 2, 14),
        registration_opens_at=datetime.datetime(2027, 1, 4, 9, tzinfo=JAKARTA),
        registration_closes_at=datetime.datetime(2027, 2, 1, 23, 59, tzinfo=JAKARTA),
        setup_starts_at=datetime.datetime(2027, 2, 11, 8, tzinfo=JAKARTA),
    )

    text = text_of(cockpit(client, edition))

    assert (
        f"Ringkasan {edition.name} Status Draf Pendaftaran 4 Januari 2027 – 1 Februari 2027 "
        "Pemasangan stan mulai 11 Februari 2027, 08.00 Hari pameran 12–14 Februari 2027 "
        "Langkah berikutnya, berurutan"
    ) in text


def test_a_draft_edition_is_to_be_published_first_and_has_no_public_page_yet(client, organiser):
    edition = EditionFactory(status=Edition.Status.DRAFT)

    response = cockpit(client, edition)

    assert steps(response) == [
        (
            "Edisi ini masih draf: UMKM dan pengunjung belum dapat melihatnya. Terbitkan "
            "setelah datanya lengkap.",
            [("Ubah statusnya menjadi Terbit", "#id_status")],
        ),
        (
            "Belum ada stan yang ditata.",
            [
                ("Buat stan berderet", f"/admin/booths/booth/generate/?edition={edition.pk}"),
                ("Impor stan", f"/admin/booths/booth/import/?edition={edition.pk}"),
            ],
        ),
    ]
    assert tools(response) == [
        ("Papan stan", f"/admin/booths/booth/board/{edition.pk}/"),
        ("Buat stan berderet", f"/admin/booths/booth/generate/?edition={edition.pk}"),
        ("Draf otomatis", f"/admin/booths/booth/board/{edition.pk}/draft/"),
        ("Impor stan", f"/admin/booths/booth/import/?edition={edition.pk}"),
        (
            "Ekspor peserta",
            f"/admin/exhibitors/application/export/?edition__id__exact={edition.pk}"
            "&status__exact=accepted",
        ),
        ("Papan nama stan", f"/admin/booths/booth/?edition__id__exact={edition.pk}"),
    ]


def test_before_registration_opens_the_page_says_when(client, organiser):
    opens = timezone.now() + datetime.timedelta(days=3)
    edition = EditionFactory(
        registration_opens_at=opens, registration_closes_at=opens + datetime.timedelta(days=20)
    )
    BoothFactory(edition=edition)

    assert steps(cockpit(client, edition)) == [
        (
            f"Pendaftaran dibuka pada {local_date(opens)}.",
            [("Ubah tanggal pendaftaran", "#id_registration_opens_at")],
        )
    ]


def test_during_registration_the_submitted_applications_wait_for_a_decision(client, organiser):
    edition = EditionFactory()
    BoothFactory(edition=edition)
    for _number in range(3):
        ApplicationFactory(edition=edition)
    ApplicationFactory(
        edition=edition, status=Application.Status.WAITLISTED, decided_at=timezone.now()
    )
    ApplicationFactory(status=Application.Status.SUBMITTED)  # another edition's

    response = cockpit(client, edition)

    assert steps(response) == [
        (
            f"Pendaftaran dibuka sampai {local_date(edition.registration_closes_at)}.",
            [("Ubah tanggal pendaftaran", "#id_registration_opens_at")],
        ),
        (
            "3 pendaftaran menunggu keputusan.",
            [("Putuskan", applications(edition, status__exact="submitted"))],
        ),
    ]
    # The link opens the list of exactly those.
    listed = client.get(applications(edition, status__exact="submitted"))
    assert listed.context["cl"].result_count == 3


def test_accepted_participants_without_booths_are_to_be_laid_out_then_placed(client, organiser):
    closed = timezone.now() - datetime.timedelta(days=1)
    edition = EditionFactory(
        registration_opens_at=closed - datetime.timedelta(days=30), registration_closes_at=closed
    )
    accepted(edition)
    accepted(edition, mode=Application.Mode.BOOTH_AND_VIRTUAL)
    accepted(edition, mode=Application.Mode.VIRTUAL)  # needs no booth

    response = cockpit(client, edition)

    unplaced = applications(edition, status__exact="accepted", booth="no", mode__in="booth,both")
    assert steps(response) == [
        (
            f"Pendaftaran ditutup pada {local_date(closed)}.",
            [("Ubah tanggal pendaftaran", "#id_registration_opens_at")],
        ),
        (
            "Belum ada stan yang ditata.",
            [
                ("Buat stan berderet", f"/admin/booths/booth/generate/?edition={edition.pk}"),
                ("Impor stan", f"/admin/booths/booth/import/?edition={edition.pk}"),
            ],
        ),
        (
            "2 peserta yang diterima belum mendapat stan.",
            [
                ("Tempatkan di papan stan", f"/admin/booths/booth/board/{edition.pk}/"),
                ("Lihat daftarnya", unplaced),
            ],
        ),
    ]
    listed = client.get(unplaced)
    assert listed.context["cl"].result_count == 2
    # The generator opened from here has the edition chosen.
    generator = client.get(f"/admin/booths/booth/generate/?edition={edition.pk}")
    assert generator.context["form"]["edition"].value() == str(edition.pk)


def test_once_everyone_is_placed_the_signs_are_to_be_printed(client, organiser):
    edition = EditionFactory()
    for number in range(1, 4):
        Assignment.objects.create(
            booth=BoothFactory(edition=edition, code=f"A-0{number}"),
            application=accepted(edition),
        )
    BoothFactory(edition=edition, code="A-04")

    response = cockpit(client, edition)

    signs = f"/admin/booths/booth/?edition__id__exact={edition.pk}&assignment__isnull=False"
    assert steps(response)[1:] == [
        (
            "3 stan sudah terisi: cetak papan namanya dengan kode QR.",
            [("Pilih stan yang akan dicetak", signs)],
        )
    ]
    listed = client.get(signs)
    assert [booth.code for booth in listed.context["cl"].result_list] == ["A-01", "A-02", "A-03"]
    assert "Cetak papan nama stan dengan kode QR" in listed.content.decode()
    assert tools(response)[-2:] == [
        ("Halaman publik", f"/pameran/{edition.slug}/"),
        ("Denah publik", f"/pameran/{edition.slug}/denah/"),
    ]


def test_outside_participants_accepted_past_their_share_are_pointed_out(client, organiser):
    edition = EditionFactory(host_share_percent=80)
    for _number in range(10):
        BoothFactory(edition=edition)  # 80% of 10 booths: 2 left to outsiders
    for _number in range(3):
        accepted(edition, exhibitor__region_id=KOTA_SEMARANG)
    # Neither counts against the share: an institution, and an outsider online only.
    accepted(
        edition, exhibitor__region_id=KOTA_SEMARANG, exhibitor__kind=Exhibitor.Kind.INSTITUTION
    )
    accepted(edition, exhibitor__region_id=KOTA_SEMARANG, mode=Application.Mode.VIRTUAL)

    response = cockpit(client, edition)

    outside = applications(
        edition, status__exact="accepted", origin="outside", mode__in="booth,both"
    )
    assert steps(response)[1] == (
        "3 peserta dari luar daerah tuan rumah diterima untuk stan, melebihi 2 stan yang "
        "disisakan jatah 20% untuk mereka.",
        [("Lihat peserta luar daerah yang diterima", outside)],
    )
    assert '<li class="warning">' in response.content.decode()


def test_a_cancelled_edition_has_nothing_left_to_do(client, organiser):
    edition = EditionFactory(status=Edition.Status.CANCELLED)
    ApplicationFactory(edition=edition)

    assert steps(cockpit(client, edition)) == [
        ("Untuk saat ini tidak ada yang perlu dikerjakan.", [])
    ]


def test_a_virtual_edition_has_no_booth_steps_nor_tools(client, organiser):
    edition = EditionFactory(format=Edition.Format.VIRTUAL)
    accepted(edition, mode=Application.Mode.VIRTUAL)

    response = cockpit(client, edition)

    assert [text for text, _links in steps(response)] == [
        f"Pendaftaran dibuka sampai {local_date(edition.registration_closes_at)}."
    ]
    assert [label for label, _url in tools(response)] == ["Ekspor peserta", "Halaman publik"]


def test_a_curator_gets_no_link_to_what_the_role_may_not_do(client):
    edition = EditionFactory()
    ApplicationFactory(edition=edition)
    accepted(edition)
    curator = UserFactory(username="kurator", is_staff=True)
    curator.groups.add(Group.objects.get(name=CURATOR))
    client.force_login(curator)

    response = cockpit(client, edition)

    assert steps(response) == [
        (f"Pendaftaran dibuka sampai {local_date(edition.registration_closes_at)}.", []),
        (
            "1 pendaftaran menunggu keputusan.",
            [("Putuskan", applications(edition, status__exact="submitted"))],
        ),
        ("Belum ada stan yang ditata.", []),
        (
            "1 peserta yang diterima belum mendapat stan.",
            [
                (
                    "Lihat daftarnya",
                    applications(
                        edition, status__exact="accepted", booth="no", mode__in="booth,both"
                    ),
                )
            ],
        ),
    ]
    assert [label for label, _url in tools(response)] == [
        "Ekspor peserta",
        "Halaman publik",
        "Denah publik",
    ]


def test_staff_of_another_organisation_get_no_cockpit(client):
    edition = EditionFactory(organisation=Organisation.objects.create(name="Dinas A"))
    ApplicationFactory(edition=edition)
    user = UserFactory(username="staf.b", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_edition"))
    Membership.objects.create(user=user, organisation=Organisation.objects.create(name="Dinas B"))
    client.force_login(user)

    response = client.get(reverse("admin:expo_edition_change", args=[edition.pk]), follow=True)

    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    assert "next_steps" not in response.context
    assert edition.name not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_counts_take_two_queries_whatever_the_rows(django_assert_num_queries, count):
    edition = EditionFactory(host_share_percent=80)
    for number in range(count):
        ApplicationFactory(edition=edition)
        accepted(edition, exhibitor__region_id=KOTA_SEMARANG)
        Assignment.objects.create(
            booth=BoothFactory(edition=edition, code=f"A-{number:02d}"),
            application=accepted(edition),
        )

    with django_assert_num_queries(2):
        counts = selectors.edition_next_steps(edition=edition)

    assert counts == selectors.NextStepCounts(
        submitted=count,
        unplaced=count,
        outside_accepted=count,
        outside_share_percent=20,
        outside_limit=count * 20 // 100,
        booths=count,
        booths_taken=count,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_queries_do_not_grow_with_the_rows(
    client, organiser, django_assert_num_queries, count
):
    edition = EditionFactory()
    for number in range(count):
        ApplicationFactory(edition=edition)
        Assignment.objects.create(
            booth=BoothFactory(edition=edition, code=f"A-{number:02d}"),
            application=accepted(edition),
        )
    url = reverse("admin:expo_edition_change", args=[edition.pk])

    with django_assert_num_queries(13):
        response = client.get(url)

    assert f"{count} pendaftaran menunggu keputusan." in text_of(response)


# The rules document


def edition_form(edition, **changes):
    data = {
        key: value
        for key, value in model_to_dict(edition).items()
        if value is not None and key not in {"rules_document", "organisation"}
    }
    data["host_regions"] = [region.pk for region in edition.host_regions.all()]
    for field in ("registration_opens_at", "registration_closes_at"):
        local = timezone.localtime(getattr(edition, field))
        data[f"{field}_0"], data[f"{field}_1"] = local.strftime("%d/%m/%Y"), local.strftime("%H:%M")
        del data[field]
    for field in ("starts_on", "ends_on"):
        data[field] = getattr(edition, field).strftime("%d/%m/%Y")
    data.update({"partners-TOTAL_FORMS": "0", "partners-INITIAL_FORMS": "0"})
    return {**data, **changes}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_rules_document_that_is_a_real_pdf_is_published(client, organiser, media):
    edition = EditionFactory()

    response = client.post(
        reverse("admin:expo_edition_change", args=[edition.pk]),
        edition_form(
            edition,
            rules="Stan dibuka pukul 09.00.",
            rules_document=SimpleUploadedFile("tata-tertib.pdf", PDF),
        ),
    )

    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.rules == "Stan dibuka pukul 09.00."
    assert edition.rules_document.name.startswith("rules/")
    assert edition.rules_document.url.startswith("/media/rules/")
    with edition.rules_document.open("rb") as document:
        assert document.read() == PDF


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a not a pdf", "Dokumen tata tertib harus berupa berkas PDF."),
        (
            PDF[: len(PDF) // 2],
            "PDF ini tidak dapat dibaca: berkasnya rusak atau bukan PDF sungguhan.",
        ),
        (
            pdf(script="app.alert('halo')"),
            "PDF ini memuat skrip atau tindakan yang berjalan sendiri; cetak ulang menjadi "
            "PDF baru, lalu unggah PDF itu.",
        ),
    ],
    ids=["not-a-pdf", "cut-short", "with-a-script"],
)
def test_a_rules_document_that_is_no_real_pdf_is_refused_and_nothing_is_saved(
    client, organiser, media, content, message
):
    edition = EditionFactory()
    before = Edition.objects.values().get(pk=edition.pk)

    response = client.post(
        reverse("admin:expo_edition_change", args=[edition.pk]),
        edition_form(
            edition,
            name="Nama Baru",
            rules_document=SimpleUploadedFile("tata-tertib.pdf", content),
        ),
    )

    assert response.context["adminform"].form.errors["rules_document"] == [message]
    assert message in text_of(response)
    assert Edition.objects.values().get(pk=edition.pk) == before
    assert stored_files(media) == []
