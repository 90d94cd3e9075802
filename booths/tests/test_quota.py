"""The host-region share: outside participants beyond it only with a stated reason."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from booths.models import Assignment
from booths.selectors import outside_limit, outside_quota
from booths.services import assign_booth, move_occupant
from booths.tests.factories import BoothFactory
from exhibitors.models import Exhibitor
from exhibitors.tests.factories import ApplicationFactory
from expo.tests.factories import KOTA_SEMARANG, EditionFactory

pytestmark = pytest.mark.django_db

FULL = (
    "Peserta dari luar daerah tuan rumah sudah menempati 2 dari 2 stan yang disisakan "
    "untuk mereka (20% dari semua stan). Untuk melampaui jatah itu, tuliskan alasannya."
)


@pytest.fixture
def edition():
    """Ten booths, 80% kept for Kabupaten Semarang: two left for outside participants."""
    edition = EditionFactory(host_share_percent=80)
    for number in range(1, 11):
        BoothFactory(edition=edition, code=f"A-{number:02d}")
    return edition


def booth(edition, code):
    return edition.booths.get(code=code)


def outsider(edition, **kwargs):
    return ApplicationFactory(
        edition=edition, accepted=True, exhibitor__region_id=KOTA_SEMARANG, **kwargs
    )


def local(edition):
    return ApplicationFactory(edition=edition, accepted=True)


def fill_outside_share(edition, organiser):
    for code in ("A-01", "A-02"):
        assign_booth(booth=booth(edition, code), application=outsider(edition), by=organiser)


@pytest.mark.parametrize(
    ("booths", "share", "limit"), [(10, 80, 2), (30, 80, 6), (32, 80, 6), (5, 100, 0), (7, 0, 7)]
)
def test_outside_limit_leaves_the_host_regions_at_least_their_share(booths, share, limit):
    assert outside_limit(booth_count=booths, host_share_percent=share) == limit


def test_outside_participant_within_the_share_gets_the_booth_and_no_reason_is_kept(
    edition, organiser
):
    assign_booth(
        booth=booth(edition, "A-01"),
        application=outsider(edition),
        by=organiser,
        override_reason="Diundang Bupati",
    )

    assert Assignment.objects.get().override_reason == ""


def test_the_last_outside_booth_of_the_share_is_still_given(edition, organiser):
    assign_booth(booth=booth(edition, "A-01"), application=outsider(edition), by=organiser)

    assign_booth(booth=booth(edition, "A-02"), application=outsider(edition), by=organiser)

    assert outside_quota(edition=edition).taken == 2


def test_going_past_the_outside_share_without_a_reason_is_refused(edition, organiser):
    fill_outside_share(edition, organiser)

    with pytest.raises(ValidationError) as error:
        assign_booth(
            booth=booth(edition, "A-03"),
            application=outsider(edition),
            by=organiser,
            override_reason="   ",
        )

    assert (error.value.code, error.value.messages) == ("outside_share_full", [FULL])
    assert Assignment.objects.count() == 2


def test_going_past_the_outside_share_with_a_reason_keeps_the_reason(edition, organiser):
    fill_outside_share(edition, organiser)

    assign_booth(
        booth=booth(edition, "A-03"),
        application=outsider(edition),
        by=organiser,
        override_reason="Binaan Bank Indonesia, diundang khusus.",
    )

    assignment = Assignment.objects.get(booth__code="A-03")
    assert assignment.override_reason == "Binaan Bank Indonesia, diundang khusus."
    assert outside_quota(edition=edition).taken == 3


def test_host_participants_are_not_held_up_by_a_full_outside_share(edition, organiser):
    fill_outside_share(edition, organiser)

    assign_booth(booth=booth(edition, "A-03"), application=local(edition), by=organiser)

    assert Assignment.objects.count() == 3


def test_an_institution_from_outside_does_not_count_as_outside(edition, organiser):
    fill_outside_share(edition, organiser)
    institution = outsider(edition, exhibitor__kind=Exhibitor.Kind.INSTITUTION, exhibitor__scale="")

    assign_booth(booth=booth(edition, "A-03"), application=institution, by=organiser)

    assert outside_quota(edition=edition).taken == 2


def test_outside_is_decided_by_every_host_region_code(organiser):
    edition = EditionFactory(host_regions=["33.22", KOTA_SEMARANG], host_share_percent=100)
    a_booth = BoothFactory(edition=edition)

    assign_booth(booth=a_booth, application=outsider(edition), by=organiser)

    assert outside_quota(edition=edition).taken == 0


def test_a_taken_booth_is_refused_before_the_share_is_looked_at(edition, organiser):
    fill_outside_share(edition, organiser)

    with pytest.raises(ValidationError) as error:
        assign_booth(booth=booth(edition, "A-01"), application=outsider(edition), by=organiser)

    assert error.value.messages == ["Stan A-01 sudah terisi."]


def test_move_takes_the_occupant_and_its_reason_to_the_new_booth(edition, organiser):
    fill_outside_share(edition, organiser)
    application = outsider(edition)
    assign_booth(
        booth=booth(edition, "A-03"),
        application=application,
        by=organiser,
        override_reason="Diundang khusus.",
    )

    move_occupant(booth=booth(edition, "A-03"), to=booth(edition, "A-09"), by=organiser)

    assignment = Assignment.objects.get(application=application)
    assert (assignment.booth.code, assignment.override_reason) == ("A-09", "Diundang khusus.")
    assert not Assignment.objects.filter(booth__code="A-03").exists()


def test_move_to_a_taken_booth_changes_nothing(edition, organiser):
    first, second = local(edition), local(edition)
    assign_booth(booth=booth(edition, "A-01"), application=first, by=organiser)
    assign_booth(booth=booth(edition, "A-02"), application=second, by=organiser)

    with pytest.raises(ValidationError) as error:
        move_occupant(booth=booth(edition, "A-01"), to=booth(edition, "A-02"), by=organiser)

    assert error.value.messages == ["Stan A-02 sudah terisi."]
    assert sorted(Assignment.objects.values_list("booth__code", "application")) == [
        ("A-01", first.pk),
        ("A-02", second.pk),
    ]


def test_move_from_a_free_booth_is_refused(edition, organiser):
    with pytest.raises(ValidationError) as error:
        move_occupant(booth=booth(edition, "A-01"), to=booth(edition, "A-02"), by=organiser)

    assert error.value.messages == ["Stan A-01 sudah kosong."]


def test_admin_assignment_page_asks_for_and_keeps_the_override_reason(client, organiser, edition):
    fill_outside_share(edition, organiser)
    application = outsider(edition)
    url = reverse("admin:booths_assignment_add")
    data = {"application": application.pk, "booth": booth(edition, "A-03").pk}

    refused = client.post(url, data)
    client.post(url, {**data, "override_reason": "Peserta binaan provinsi."})

    assert refused.context["form"].non_field_errors() == [FULL]
    assert "Alasan untuk melampaui jatah luar daerah" in refused.content.decode()
    assert Assignment.objects.get(application=application).override_reason == (
        "Peserta binaan provinsi."
    )
