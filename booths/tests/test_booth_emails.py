"""What a participant is mailed when their booth is given, moved or freed: one mail per
change, in their language, once the change is committed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from booths import draft
from booths.models import Assignment
from booths.services import assign_booth, move_occupant, vacate_booth
from booths.tests.factories import BoothFactory
from exhibitors.tests.factories import ApplicationFactory, UserFactory
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

PORTAL = "https://expo.example.go.id"
JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture(autouse=True)
def portal(settings):
    settings.PORTAL_URL = PORTAL + "/"


@pytest.fixture
def edition():
    edition = EditionFactory(
        name="Kasmex 2031",
        slug="kasmex-2031",
        starts_on=datetime.date(2031, 2, 12),
        ends_on=datetime.date(2031, 2, 14),
        venue_name="Alun-alun Bung Karno",
        venue_address="Jl. Diponegoro, Ungaran",
        setup_starts_at=datetime.datetime(2031, 2, 11, 8, 0, tzinfo=JAKARTA),
        contact_phone="024-6923xxx",
    )
    BoothFactory(edition=edition, code="B-07", zone="B")
    BoothFactory(edition=edition, code="B-08", zone="B")
    return edition


@pytest.fixture
def by():
    return UserFactory(username="panitia.kasmex")


def participant(edition, *, language="id", name="Keripik Tempe Bu Sri", email="sri@example.com"):
    return ApplicationFactory(
        edition=edition,
        accepted=True,
        exhibitor__name=name,
        exhibitor__language=language,
        exhibitor__owner=UserFactory(email=email),
        exhibitor__email="toko@example.com",
    )


def placed(edition, application, code):
    """Seated without the service, so that no mail is sent for it."""
    return Assignment.objects.create(booth=edition.booths.get(code=code), application=application)


def booth(edition, code):
    return edition.booths.get(code=code)


def test_assigning_mails_the_owner_the_booth_dates_place_and_links(
    edition, by, mailoutbox, django_capture_on_commit_callbacks
):
    application = participant(edition)

    with django_capture_on_commit_callbacks(execute=True):
        assign_booth(booth=booth(edition, "B-07"), application=application, by=by)

    [mail] = mailoutbox
    assert (mail.to, mail.subject) == (["sri@example.com"], "Stan Anda di Kasmex 2031: B-07")
    assert mail.from_email == "Portal Pameran UMKM <noreply@localhost>"
    assert mail.body == (
        "Halo Keripik Tempe Bu Sri,\n"
        "\n"
        "Penyelenggara Kasmex 2031 telah menetapkan stan B-07 untuk Anda.\n"
        "\n"
        "Stan: B-07 (zona B)\n"
        "\n"
        "Kasmex 2031\n"
        "Tanggal: 12–14 Februari 2031\n"
        "Tempat: Alun-alun Bung Karno\n"
        "Alamat: Jl. Diponegoro, Ungaran\n"
        "Persiapan stan di lokasi dimulai: 11 Februari 2031, 08.00\n"
        "\n"
        f"Stan Anda di denah: {PORTAL}/b/kasmex-2031/B-07\n"
        f"Keikutsertaan Anda di dasbor: {PORTAL}/dasbor/\n"
        "\n"
        "Ada pertanyaan? Hubungi penyelenggara: 024-6923xxx\n"
        "\n"
        "Dinas Koperasi UKM Perindag Kabupaten Semarang\n"
    )


def test_an_owner_who_chose_english_gets_the_mail_in_english(
    edition, by, mailoutbox, django_capture_on_commit_callbacks
):
    application = participant(edition, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        assign_booth(booth=booth(edition, "B-07"), application=application, by=by)

    [mail] = mailoutbox
    assert mail.subject == "Your booth at Kasmex 2031: B-07"
    lines = mail.body.splitlines()
    assert "The organisers of Kasmex 2031 have given you booth B-07." in lines
    assert "Booth: B-07 (zone B)" in lines
    assert "Dates: 12–14 February 2031" in lines
    assert "Venue: Alun-alun Bung Karno" in lines
    assert f"Your booth on the floor plan: {PORTAL}/b/kasmex-2031/B-07" in lines
    assert f"Your participation in your dashboard: {PORTAL}/dasbor/" in lines


def test_the_floor_plan_link_shows_the_booth_marked_on_the_plan(
    client, edition, by, mailoutbox, django_capture_on_commit_callbacks
):
    application = participant(edition)
    with django_capture_on_commit_callbacks(execute=True):
        assign_booth(booth=booth(edition, "B-07"), application=application, by=by)
    link = next(line for line in mailoutbox[0].body.splitlines() if "denah:" in line)

    response = client.get(link.split(": ", 1)[1].removeprefix(PORTAL), follow=True)

    assert response.context["participant"] == application
    assert response.content.decode().count('class="booth cat-wastra highlight"') == 1


def test_without_a_set_up_time_or_zone_the_mail_leaves_them_out(
    edition, by, mailoutbox, django_capture_on_commit_callbacks
):
    edition.setup_starts_at = None
    edition.save()
    unzoned = BoothFactory(edition=edition, code="PANGGUNG-1", zone="")
    application = participant(edition)

    with django_capture_on_commit_callbacks(execute=True):
        assign_booth(booth=unzoned, application=application, by=by)

    lines = mailoutbox[0].body.splitlines()
    assert "Stan: PANGGUNG-1" in lines
    assert [line for line in lines if "Persiapan" in line or "zona" in line] == []


def test_mail_goes_to_the_exhibitor_address_without_an_owner(
    edition, by, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(
        edition=edition, accepted=True, exhibitor__owner=None, exhibitor__email="toko@example.com"
    )

    with django_capture_on_commit_callbacks(execute=True):
        assign_booth(booth=booth(edition, "B-07"), application=application, by=by)

    assert [mail.to for mail in mailoutbox] == [["toko@example.com"]]


def test_moving_sends_one_mail_naming_the_old_booth_and_the_new(
    edition, by, mailoutbox, django_capture_on_commit_callbacks
):
    application = participant(edition)
    placed(edition, application, "B-07")

    with django_capture_on_commit_callbacks(execute=True):
        move_occupant(booth=booth(edition, "B-07"), to=booth(edition, "B-08"), by=by)

    [mail] = mailoutbox
    assert (mail.to, mail.subject) == (
        ["sri@example.com"],
        "Stan Anda di Kasmex 2031 berubah dari B-07 menjadi B-08",
    )
    lines = mail.body.splitlines()
    assert (
        "Penyelenggara Kasmex 2031 telah memindahkan Anda dari stan B-07 ke stan B-08. "
        "Stan B-07 bukan lagi stan Anda."
    ) in lines
    assert "Stan: B-08 (zona B)" in lines
    assert "Tanggal: 12–14 Februari 2031" in lines
    assert f"Stan Anda di denah: {PORTAL}/b/kasmex-2031/B-08" in lines
    assert f"Keikutsertaan Anda di dasbor: {PORTAL}/dasbor/" in lines


def test_moving_in_english(edition, by, mailoutbox, django_capture_on_commit_callbacks):
    placed(edition, participant(edition, language="en"), "B-07")

    with django_capture_on_commit_callbacks(execute=True):
        move_occupant(booth=booth(edition, "B-07"), to=booth(edition, "B-08"), by=by)

    [mail] = mailoutbox
    assert mail.subject == "Your booth at Kasmex 2031 changed from B-07 to B-08"
    assert "Booth: B-08 (zone B)" in mail.body.splitlines()


def test_vacating_tells_the_owner_they_stay_accepted_with_the_plan_and_dashboard(
    edition, by, mailoutbox, django_capture_on_commit_callbacks
):
    placed(edition, participant(edition), "B-07")

    with django_capture_on_commit_callbacks(execute=True):
        vacate_booth(booth=booth(edition, "B-07"))

    [mail] = mailoutbox
    assert (mail.to, mail.subject) == (
        ["sri@example.com"],
        "Stan Anda di Kasmex 2031 telah dikosongkan: B-07",
    )
    lines = mail.body.splitlines()
    assert (
        "Penyelenggara Kasmex 2031 telah mengosongkan stan B-07 yang sebelumnya milik Anda. "
        "Anda tetap peserta yang diterima, untuk sementara tanpa stan: penyelenggara akan "
        "menghubungi Anda, dan dasbor Anda menampilkan stan Anda begitu Anda mendapatkannya."
    ) in lines
    assert "Stan: B-07 (zona B)" in lines
    assert "Tempat: Alun-alun Bung Karno" in lines
    assert f"Denah pameran: {PORTAL}/pameran/kasmex-2031/denah/" in lines
    assert f"Keikutsertaan Anda di dasbor: {PORTAL}/dasbor/" in lines


def test_vacating_in_english(edition, by, mailoutbox, django_capture_on_commit_callbacks):
    placed(edition, participant(edition, language="en"), "B-07")

    with django_capture_on_commit_callbacks(execute=True):
        vacate_booth(booth=booth(edition, "B-07"))

    [mail] = mailoutbox
    assert mail.subject == "Your booth at Kasmex 2031 has been freed: B-07"
    assert f"The expo's floor plan: {PORTAL}/pameran/kasmex-2031/denah/" in mail.body


def test_a_taken_booth_is_refused_and_nobody_is_mailed(
    edition, by, mailoutbox, django_capture_on_commit_callbacks
):
    placed(edition, participant(edition, email="lama@example.com"), "B-07")
    newcomer = participant(edition, name="Batik Sekar")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        assign_booth(booth=booth(edition, "B-07"), application=newcomer, by=by)

    assert mailoutbox == []
    assert not Assignment.objects.filter(application=newcomer).exists()


def test_a_move_to_a_taken_booth_is_refused_and_nobody_is_mailed(
    edition, by, mailoutbox, django_capture_on_commit_callbacks
):
    mover = participant(edition)
    placed(edition, mover, "B-07")
    placed(edition, participant(edition, email="lain@example.com"), "B-08")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        move_occupant(booth=booth(edition, "B-07"), to=booth(edition, "B-08"), by=by)

    assert mailoutbox == []
    assert Assignment.objects.get(application=mover).booth.code == "B-07"


def test_vacating_a_free_booth_is_refused_and_nobody_is_mailed(
    edition, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        vacate_booth(booth=booth(edition, "B-07"))

    assert mailoutbox == []


def test_a_change_rolled_back_sends_nothing(
    edition, by, mailoutbox, django_capture_on_commit_callbacks
):
    application = participant(edition)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assign_booth(booth=booth(edition, "B-07"), application=application, by=by)
        raise RuntimeError("the surrounding work failed")

    assert mailoutbox == []
    assert Assignment.objects.count() == 0


def test_nothing_is_mailed_before_the_change_is_committed(edition, by, mailoutbox):
    assign_booth(booth=booth(edition, "B-07"), application=participant(edition), by=by)

    # The test's own transaction never commits, so the owner is never told.
    assert mailoutbox == []


# The organiser's pages


def board_url(name, edition):
    return reverse(f"admin:booths_{name}", kwargs={"edition_id": edition.pk})


def test_confirming_the_draft_mails_each_participant_once(
    client, organiser, edition, mailoutbox, django_capture_on_commit_callbacks
):
    participant(edition, email="sri@example.com")
    participant(edition, name="Batik Sekar", email="sekar@example.com", language="en")
    proposal = draft.propose(edition=edition)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(board_url("draft_confirm", edition), {"fingerprint": proposal.fingerprint})

    seats = dict(
        Assignment.objects.values_list("application__exhibitor__owner__email", "booth__code")
    )
    assert sorted((mail.to[0], mail.subject) for mail in mailoutbox) == [
        ("sekar@example.com", f"Your booth at Kasmex 2031: {seats['sekar@example.com']}"),
        ("sri@example.com", f"Stan Anda di Kasmex 2031: {seats['sri@example.com']}"),
    ]


def test_the_board_assigns_moves_and_vacates_with_one_mail_each(
    client, organiser, edition, mailoutbox, django_capture_on_commit_callbacks
):
    application = participant(edition)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            board_url("board_assign", edition),
            {"application": application.pk, "booth": booth(edition, "B-07").pk},
        )
        client.post(
            board_url("board_move", edition),
            {"booth": booth(edition, "B-07").pk, "to": booth(edition, "B-08").pk},
        )
        client.post(board_url("board_vacate", edition), {"booth": booth(edition, "B-08").pk})

    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["sri@example.com"], "Stan Anda di Kasmex 2031: B-07"),
        (["sri@example.com"], "Stan Anda di Kasmex 2031 berubah dari B-07 menjadi B-08"),
        (["sri@example.com"], "Stan Anda di Kasmex 2031 telah dikosongkan: B-08"),
    ]
    assert Assignment.objects.count() == 0


def test_the_admin_vacate_action_mails_each_freed_participant_once(
    client, organiser, edition, mailoutbox, django_capture_on_commit_callbacks
):
    placed(edition, participant(edition, email="sri@example.com"), "B-07")
    placed(edition, participant(edition, name="Batik Sekar", email="sekar@example.com"), "B-08")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:booths_assignment_changelist"),
            {
                "action": "vacate",
                "_selected_action": list(Assignment.objects.values_list("pk", flat=True)),
            },
        )

    assert Assignment.objects.count() == 0
    assert sorted((mail.to[0], mail.subject) for mail in mailoutbox) == [
        ("sekar@example.com", "Stan Anda di Kasmex 2031 telah dikosongkan: B-08"),
        ("sri@example.com", "Stan Anda di Kasmex 2031 telah dikosongkan: B-07"),
    ]
