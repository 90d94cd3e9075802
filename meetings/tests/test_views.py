import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exhibitors.tests.factories import ApplicationFactory, ExhibitorFactory, UserFactory
from meetings import services
from meetings.models import Buyer, Meeting
from meetings.tests.factories import BuyerFactory, MeetingFactory, SlotFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant():
    slot = SlotFactory()
    return ApplicationFactory(
        edition=slot.edition,
        accepted=True,
        exhibitor=ExhibitorFactory(name="Batik Sekar", slug="batik-sekar", owner=UserFactory()),
    )


def book_url(application):
    return reverse(
        "meetings_book",
        kwargs={"edition_slug": application.edition.slug, "slug": application.exhibitor.slug},
    )


def text(response):
    return response.content.decode()


def test_a_visitor_is_asked_to_sign_up_with_the_way_back(client, participant):
    response = client.get(book_url(participant))

    body = text(response)
    assert "Temu bisnis dengan Batik Sekar" in body
    assert f'href="/akun/signup/?next={book_url(participant)}"' in body
    assert "Minta temu bisnis" not in body
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_account_without_a_buyer_registration_is_asked_for_it(client, participant):
    client.force_login(UserFactory())

    body = text(client.get(book_url(participant)))

    assert "Daftar sebagai pembeli" in body
    assert f"/temu-bisnis/pembeli/?next={book_url(participant)}" in body


def test_a_buyer_asks_for_a_free_time_and_sees_the_request(
    client, participant, mailoutbox, django_capture_on_commit_callbacks
):
    buyer = BuyerFactory()
    client.force_login(buyer.user)
    slot = participant.edition.meeting_slots.get()

    page = text(client.get(book_url(participant)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            book_url(participant), {"slot": slot.pk, "message": "Batik untuk ekspor"}, follow=True
        )

    assert "10.00–10.30 · Di stan peserta" in page
    meeting = Meeting.objects.get()
    assert (meeting.buyer, meeting.application, meeting.slot) == (buyer, participant, slot)
    body = text(response)
    assert "Permintaan Anda sudah dikirim." in body
    assert "Batik Sekar" in body and "Diminta" in body and "Batik untuk ekspor" in body
    assert len(mailoutbox) == 1


def test_a_time_of_another_edition_is_refused_and_nothing_stored(client, participant):
    client.force_login(BuyerFactory().user)
    elsewhere = SlotFactory()

    response = client.post(book_url(participant), {"slot": elsewhere.pk})

    assert "Waktu ini sudah tidak tersedia: pilih waktu lain." in text(response)
    assert Meeting.objects.count() == 0


def test_a_taken_time_is_not_offered_nor_accepted(client, participant):
    slot = participant.edition.meeting_slots.get()
    MeetingFactory(slot=slot, application=participant, accepted=True)
    client.force_login(BuyerFactory().user)

    page = text(client.get(book_url(participant)))
    response = client.post(book_url(participant), {"slot": slot.pk})

    assert "Tidak ada lagi waktu temu bisnis yang tersedia dengan peserta ini." in page
    assert Meeting.objects.count() == 1
    assert response.status_code == 200


def test_a_participant_not_accepted_has_no_booking_page(client, participant):
    applicant = ApplicationFactory(edition=participant.edition)

    response = client.get(book_url(applicant))

    assert response.status_code == 404
    assert "Temu bisnis hanya dengan peserta yang diterima" in text(response)


def test_a_past_time_is_not_offered(client, participant):
    participant.edition.meeting_slots.update(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    client.force_login(BuyerFactory().user)

    assert "Tidak ada lagi waktu temu bisnis" in text(client.get(book_url(participant)))


# The buyer's registration


def test_a_buyer_registers_and_goes_back_to_the_booking_page(client, participant):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("meetings_buyer_profile"),
        {
            "name": "Hendra Wijaya",
            "organisation": "CV Nusantara",
            "kind": "distributor",
            "country": "ID",
            "province": "33",
            "region": "33.74",
            "whatsapp": "0813-1111-2222",
            "next": book_url(participant),
        },
    )

    assert response["Location"] == book_url(participant)
    buyer = Buyer.objects.get(user=user)
    assert (buyer.name, buyer.region_id, buyer.whatsapp) == (
        "Hendra Wijaya",
        "33.74",
        "+6281311112222",
    )


def test_a_buyer_in_indonesia_without_a_regency_is_told_and_nothing_stored(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("meetings_buyer_profile"),
        {"name": "Hendra", "kind": "reseller", "country": "ID"},
    )

    assert "Pilih kabupaten atau kota Anda." in text(response)
    assert Buyer.objects.count() == 0


def test_a_buyer_from_abroad_needs_no_regency(client):
    client.force_login(UserFactory())

    client.post(
        reverse("meetings_buyer_profile"),
        {
            "name": "Ahmed Al-Thani",
            "kind": "eksportir",
            "country": "QA",
            "province": "33",
            "region": "33.74",
        },
    )

    assert Buyer.objects.values_list("country", "region").get() == ("QA", None)


def test_an_owner_is_not_made_a_buyer(client):
    owner = ExhibitorFactory(owner=UserFactory()).owner
    client.force_login(owner)

    response = client.post(
        reverse("meetings_buyer_profile"),
        {"name": "Bu Sri", "kind": "reseller", "country": "QA"},
    )

    assert "Akun ini memiliki profil usaha." in text(response)
    assert Buyer.objects.count() == 0


def test_an_account_without_a_buyer_registration_is_sent_to_make_one(client):
    client.force_login(UserFactory())

    response = client.get(reverse("meetings_buyer"))

    assert response["Location"] == reverse("meetings_buyer_profile")


# The owner's side


def test_the_owner_accepts_a_request_and_both_get_the_calendar(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(
        buyer__name="Hendra Wijaya", application__exhibitor__owner=UserFactory()
    )
    client.force_login(meeting.application.exhibitor.owner)

    page = text(client.get(reverse("meetings_owner")))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings_accept", kwargs={"pk": meeting.pk}), follow=True)

    assert "Hendra Wijaya" in page and "Perlu dijawab" in page
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED
    assert "Temu bisnis diterima" in text(response)
    assert "Dikonfirmasi" in text(response)
    assert [len(mail.attachments) for mail in mailoutbox] == [1, 1]


def test_the_owner_declines_a_request(client, mailoutbox, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(application__exhibitor__owner=UserFactory())
    client.force_login(meeting.application.exhibitor.owner)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings_decline", kwargs={"pk": meeting.pk}))

    assert Meeting.objects.get().status == Meeting.Status.DECLINED
    assert [mail.to for mail in mailoutbox] == [[meeting.buyer.email]]


def test_accepting_a_taken_time_is_refused_with_a_message(client):
    first = MeetingFactory(application__exhibitor__owner=UserFactory(), accepted=True)
    second = MeetingFactory(slot=first.slot, application=first.application)
    client.force_login(first.application.exhibitor.owner)

    response = client.post(reverse("meetings_accept", kwargs={"pk": second.pk}), follow=True)

    assert "Anda sudah punya temu bisnis pada waktu ini." in text(response)
    second.refresh_from_db()
    assert second.status == Meeting.Status.REQUESTED


@pytest.mark.parametrize("count", [1, 3])
def test_the_owners_meetings_page_reads_the_same_queries_for_more_meetings(
    client, django_assert_num_queries, count
):
    owner = UserFactory()
    participant = ApplicationFactory(accepted=True, exhibitor__owner=owner)
    for hour in range(count):
        slot = SlotFactory(
            edition=participant.edition, starts_at=at(participant.edition, hour=9 + hour)
        )
        MeetingFactory(slot=slot, application=participant)
    client.force_login(owner)

    # Session, user, the profile worked on, the meetings.
    with django_assert_num_queries(4):
        response = client.get(reverse("meetings_owner"))

    assert text(response).count("Tolak</button>") == count


def test_the_participant_page_links_to_business_meetings_once_slots_are_open(
    client, django_capture_on_commit_callbacks
):
    participant = ApplicationFactory(accepted=True)
    url = reverse(
        "participant_detail",
        kwargs={"edition_slug": participant.edition.slug, "slug": participant.exhibitor.slug},
    )
    before = text(client.get(url))

    with django_capture_on_commit_callbacks(execute=True):
        services.open_slots(
            edition=participant.edition,
            day=participant.edition.starts_on,
            starts=datetime.time(9),
            ends=datetime.time(10),
            minutes=30,
            place="daring",
            by=None,
        )

    assert "Temu bisnis</a>" not in before
    assert f'href="{book_url(participant)}">Temu bisnis</a>' in text(client.get(url))
