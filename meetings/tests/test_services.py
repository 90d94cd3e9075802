import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone

from exhibitors.models import Application
from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, UserFactory
from expo.tests.factories import EditionFactory
from meetings import services
from meetings.models import Buyer, Meeting, Slot
from meetings.tests.factories import BuyerFactory, MeetingFactory, SlotFactory, at

pytestmark = pytest.mark.django_db

T = datetime.time


def open_day(edition, **overrides):
    arguments = {
        "edition": edition,
        "day": edition.starts_on,
        "starts": T(9),
        "ends": T(11),
        "minutes": 30,
        "place": Slot.Place.BOOTH,
        "by": None,
        **overrides,
    }
    return services.open_slots(**arguments)


def slot_times(edition):
    return [
        (
            timezone.localtime(s.starts_at).strftime("%H.%M"),
            timezone.localtime(s.ends_at).strftime("%H.%M"),
        )
        for s in Slot.objects.filter(edition=edition)
    ]


# Opening slots


def test_a_morning_is_cut_into_meetings_of_the_length_given():
    edition = EditionFactory()

    open_day(edition, starts=T(9), ends=T(11), minutes=30)

    assert slot_times(edition) == [
        ("09.00", "09.30"),
        ("09.30", "10.00"),
        ("10.00", "10.30"),
        ("10.30", "11.00"),
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"day_offset": 3},
            "Jadwal temu bisnis ada pada hari-hari edisi",
        ),
        ({"day_offset": -1}, "Jadwal temu bisnis ada pada hari-hari edisi"),
        ({"starts": T(11), "ends": T(9)}, "Waktu selesai harus setelah waktu mulai."),
        ({"starts": T(9), "ends": T(9)}, "Waktu selesai harus setelah waktu mulai."),
        (
            {"starts": T(9), "ends": T(10), "minutes": 45},
            "Waktu dari mulai sampai selesai tidak habis dibagi pertemuan 45 menit.",
        ),
        ({"minutes": 5}, "Satu pertemuan berlangsung 10 sampai 240 menit."),
    ],
)
def test_slots_that_break_a_rule_are_refused_and_none_is_opened(overrides, message):
    edition = EditionFactory()  # three days
    offset = overrides.pop("day_offset", 0)
    day = edition.starts_on + datetime.timedelta(days=offset)

    with pytest.raises(ValidationError) as refused:
        open_day(edition, day=day, **overrides)

    assert refused.value.messages[0].startswith(message)
    assert Slot.objects.count() == 0


def test_slots_over_slots_already_open_are_refused():
    edition = EditionFactory()
    open_day(edition, starts=T(9), ends=T(11))

    with pytest.raises(ValidationError) as refused:
        open_day(edition, starts=T(10, 30), ends=T(12), minutes=30)

    assert refused.value.messages == [
        "Edisi ini sudah punya jadwal temu bisnis pada rentang waktu ini."
    ]
    assert len(slot_times(edition)) == 4


def test_another_editions_slots_do_not_stand_in_the_way():
    first, second = EditionFactory(), EditionFactory()
    open_day(first)

    open_day(second, day=second.starts_on)

    assert len(slot_times(second)) == 4


def test_online_slots_may_be_on_the_online_days():
    starts = timezone.localdate() + datetime.timedelta(days=30)
    edition = EditionFactory(
        format="hybrid",
        starts_on=starts,
        ends_on=starts,
        online_starts_on=starts + datetime.timedelta(days=1),
        online_ends_on=starts + datetime.timedelta(days=5),
    )
    online_day = starts + datetime.timedelta(days=4)

    open_day(edition, day=online_day, place=Slot.Place.ONLINE)
    with pytest.raises(ValidationError):
        open_day(edition, day=online_day, starts=T(13), ends=T(14), place=Slot.Place.BOOTH)

    assert Slot.objects.filter(place="daring").count() == 4
    assert Slot.objects.filter(place="stan").count() == 0


# Registering a buyer


def test_a_buyer_from_abroad_keeps_no_regency():
    buyer = BuyerFactory.build(user=UserFactory(), country="QA")

    services.register_buyer(buyer=buyer)

    stored = Buyer.objects.get()
    assert (stored.country, stored.region) == ("QA", None)


def test_staff_and_owners_do_not_register_as_buyers():
    staff = UserFactory(is_staff=True)
    owner = ExhibitorFactory(owner=UserFactory()).owner

    for user, message in [
        (staff, "Akun staf tidak dapat mendaftar sebagai pembeli."),
        (owner, "Akun ini memiliki profil usaha."),
    ]:
        with pytest.raises(ValidationError) as refused:
            services.register_buyer(buyer=BuyerFactory.build(user=user))
        assert refused.value.messages[0].startswith(message)
    assert Buyer.objects.count() == 0


def test_a_buyer_in_indonesia_names_the_regency():
    with pytest.raises(ValidationError) as refused:
        services.register_buyer(buyer=BuyerFactory.build(user=UserFactory(), region_id=None))

    assert refused.value.messages == [
        "Pembeli di Indonesia memilih kabupaten atau kotanya; pembeli dari luar negeri tidak."
    ]
    assert Buyer.objects.count() == 0


# Requesting a meeting


@pytest.fixture
def slot():
    return SlotFactory()


@pytest.fixture
def participant(slot):
    return ApplicationFactory(edition=slot.edition, accepted=True, exhibitor__owner=UserFactory())


def test_a_request_is_stored_and_the_owner_is_told(
    slot, participant, mailoutbox, django_capture_on_commit_callbacks
):
    buyer = BuyerFactory(name="Hendra Wijaya")

    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.request_meeting(
            buyer=buyer, slot=slot, application=participant, message="  Batik untuk toko  "
        )

    assert (meeting.status, meeting.message) == (Meeting.Status.REQUESTED, "Batik untuk toko")
    assert [mail.to for mail in mailoutbox] == [[participant.exhibitor.owner.email]]
    assert mailoutbox[0].subject == "Permintaan temu bisnis dari Hendra Wijaya"
    assert "/dasbor/temu-bisnis/" in mailoutbox[0].body


def refused_request(**arguments):
    with pytest.raises(ValidationError) as refused:
        services.request_meeting(**arguments)
    return refused.value.messages


def test_an_unconfirmed_buyer_cannot_ask(slot, participant):
    buyer = BuyerFactory()
    EmailAddress.objects.filter(user=buyer.user).update(verified=False)

    assert refused_request(buyer=buyer, slot=slot, application=participant) == [
        "Konfirmasi alamat e-mail Anda dulu: buka tautan yang kami kirim."
    ]
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize(
    "status",
    [Application.Status.SUBMITTED, Application.Status.REJECTED, Application.Status.WITHDRAWN],
)
def test_only_accepted_participants_are_asked(slot, status):
    applicant = ApplicationFactory(
        edition=slot.edition,
        status=status,
        decided_at=timezone.now(),
        decision_reason="Belum lengkap",
    )

    assert refused_request(buyer=BuyerFactory(), slot=slot, application=applicant) == [
        "Temu bisnis hanya dengan peserta yang diterima di edisi ini."
    ]
    assert Meeting.objects.count() == 0


def test_a_participant_of_another_edition_is_not_asked_in_this_ones_slot(slot):
    elsewhere = ApplicationFactory(accepted=True)

    assert refused_request(buyer=BuyerFactory(), slot=slot, application=elsewhere) == [
        "Temu bisnis hanya dengan peserta yang diterima di edisi ini."
    ]


def test_a_slot_in_the_past_is_refused(participant):
    past = SlotFactory(
        edition=participant.edition,
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() - datetime.timedelta(minutes=30),
    )

    assert refused_request(buyer=BuyerFactory(), slot=past, application=participant) == [
        "Waktu ini sudah lewat: pilih waktu yang lebih lambat."
    ]


def test_a_slot_the_participant_has_taken_is_refused(slot, participant):
    MeetingFactory(slot=slot, application=participant, accepted=True)

    assert refused_request(buyer=BuyerFactory(), slot=slot, application=participant) == [
        "Waktu ini sudah terisi: pilih waktu lain."
    ]
    assert Meeting.objects.count() == 1


def test_a_buyer_with_a_meeting_at_that_time_is_refused(slot, participant):
    busy = MeetingFactory(slot=slot, accepted=True)

    assert refused_request(buyer=busy.buyer, slot=slot, application=participant) == [
        "Anda sudah punya temu bisnis pada waktu ini."
    ]


def test_asking_twice_for_one_time_is_refused(slot, participant):
    first = MeetingFactory(slot=slot, application=participant)

    assert refused_request(buyer=first.buyer, slot=slot, application=participant) == [
        "Anda sudah meminta waktu ini; tunggu jawaban peserta."
    ]
    assert Meeting.objects.count() == 1


# Deciding


def test_an_accepted_meeting_is_confirmed_to_both_with_the_calendar(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(application__exhibitor__owner=UserFactory())
    owner = meeting.application.exhibitor.owner

    with django_capture_on_commit_callbacks(execute=True):
        services.decide_meeting(meeting=meeting, accept=True, by=owner)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.decided_by) == (Meeting.Status.ACCEPTED, owner)
    assert [mail.to for mail in mailoutbox] == [[meeting.buyer.email], [owner.email]]
    name, calendar, kind = mailoutbox[0].attachments[0]
    assert (name, kind) == ("temu-bisnis.ics", "text/calendar; method=PUBLISH")
    start = timezone.localtime(meeting.slot.starts_at).strftime("%Y%m%dT%H%M%S")
    assert f"DTSTART;TZID=Asia/Jakarta:{start}\r\n" in calendar
    assert "SUMMARY:Temu bisnis: " in calendar
    assert mailoutbox[0].subject.startswith("Temu bisnis dikonfirmasi: ")


def test_a_declined_meeting_is_told_to_the_buyer(mailoutbox, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.decide_meeting(meeting=meeting, accept=False, by=None)

    assert Meeting.objects.get().status == Meeting.Status.DECLINED
    assert [mail.to for mail in mailoutbox] == [[meeting.buyer.email]]
    assert mailoutbox[0].attachments == []


def test_accepting_one_buyer_declines_the_others_for_that_time_and_tells_them(
    mailoutbox, django_capture_on_commit_callbacks
):
    first = MeetingFactory()
    second = MeetingFactory(slot=first.slot, application=first.application)
    elsewhere = MeetingFactory(slot=first.slot, buyer=second.buyer)  # another exhibitor's

    with django_capture_on_commit_callbacks(execute=True):
        services.decide_meeting(meeting=first, accept=True, by=None)

    statuses = dict(Meeting.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "diterima", second.pk: "ditolak", elsewhere.pk: "diminta"}
    declined = [mail for mail in mailoutbox if not mail.attachments]
    assert [mail.to for mail in declined] == [[second.buyer.email]]
    with pytest.raises(ValidationError) as refused:
        services.decide_meeting(meeting=second, accept=True, by=None)
    assert refused.value.messages == ["Permintaan ini sudah dijawab."]


def test_a_second_accepted_meeting_at_a_taken_time_is_refused_by_the_constraint():
    first = MeetingFactory(accepted=True)
    # Asked before the first was accepted by a writer that declined no other.
    second = MeetingFactory(slot=first.slot, application=first.application)

    with pytest.raises(ValidationError) as refused:
        services.decide_meeting(meeting=second, accept=True, by=None)

    assert refused.value.messages == ["Anda sudah punya temu bisnis pada waktu ini."]
    second.refresh_from_db()
    assert second.status == Meeting.Status.REQUESTED


def test_a_buyer_accepted_elsewhere_at_that_time_cannot_be_accepted_again():
    first = MeetingFactory()
    second = MeetingFactory(slot=first.slot, buyer=first.buyer)
    services.decide_meeting(meeting=first, accept=True, by=None)

    with pytest.raises(ValidationError) as refused:
        services.decide_meeting(meeting=second, accept=True, by=None)

    assert refused.value.messages == ["Pembeli ini sudah punya temu bisnis lain pada waktu ini."]


def test_an_answered_request_is_not_answered_again():
    meeting = MeetingFactory()
    services.decide_meeting(meeting=meeting, accept=False, by=None)

    with pytest.raises(ValidationError) as refused:
        services.decide_meeting(meeting=meeting, accept=True, by=None)

    assert refused.value.messages == ["Permintaan ini sudah dijawab."]
    assert Meeting.objects.get().status == Meeting.Status.DECLINED


def test_the_counts_name_requested_accepted_declined_and_held():
    past_slot = SlotFactory(
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    MeetingFactory(slot=past_slot, accepted=True)
    MeetingFactory(slot=past_slot)
    MeetingFactory(accepted=True)
    MeetingFactory(status=Meeting.Status.DECLINED, decided_at=timezone.now())

    assert Meeting.objects.counts() == {"requested": 4, "accepted": 2, "declined": 1, "held": 1}


def test_a_slot_starts_where_the_day_says_in_jakarta_time():
    edition = EditionFactory()

    [first, *_] = open_day(edition, starts=T(9), ends=T(9, 30))

    assert first.starts_at == at(edition, hour=9)
