"""The visitor tally at the gate: each tap counts at once into the gate count the impact
report reads, per gate and day; two phones tapping together both count; only the staff
with the role, of the edition's own office, reach it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from console.roles import CURATOR, FIELD_OFFICER
from core.tests.helpers import rival_transaction, text_of
from exhibitors.tests.factories import UserFactory
from expo.models import Edition, Membership, Organisation
from expo.tests.factories import EditionFactory
from outcomes import services
from outcomes.models import GateCount
from outcomes.report import impact_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return Organisation.objects.create(name="Dinas Koperasi UKM Kabupaten Semarang")


@pytest.fixture
def edition(office):
    return EditionFactory(organisation=office, name="Kasmex 2030")


def staff(office, role, username="petugas"):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.create(user=user, organisation=office)
    return user


@pytest.fixture
def officer(client, office):
    user = staff(office, FIELD_OFFICER)
    client.force_login(user)
    return user


def counts(edition):
    return list(GateCount.objects.filter(edition=edition).values_list("day", "gate", "visitors"))


def tap(client, edition, step, *, gate="", day=None):
    return client.post(
        reverse("admin:outcomes_tally_count", kwargs={"edition_id": edition.pk}),
        {"day": (day or edition.starts_on).isoformat(), "gate": gate, "step": step},
    )


def test_taps_count_per_gate_and_day_and_the_report_sums_them(client, officer, edition):
    second = edition.starts_on + datetime.timedelta(days=1)
    for step in (1, 10, 10, -1):
        tap(client, edition, step, gate="Gerbang Utara")
    tap(client, edition, 10, gate="Gerbang Selatan")
    tap(client, edition, 1, day=second)

    assert sorted(counts(edition)) == [
        (edition.starts_on, "Gerbang Selatan", 10),
        (edition.starts_on, "Gerbang Utara", 20),
        (second, "", 1),
    ]
    report = impact_report(edition=edition)
    assert [(day.day, day.gate_visitors) for day in report.days][:2] == [
        (edition.starts_on, 30),
        (second, 1),
    ]
    assert report.gate_visitors == 31


def test_the_tally_page_shows_the_gate_s_count_big_and_every_gate_of_the_day(
    client, officer, edition
):
    tap(client, edition, 10, gate="Gerbang Utara")
    response = tap(client, edition, 1, gate="Gerbang Utara")
    page = text_of(client.get(response["Location"]))

    assert response["Location"].endswith(f"?day={edition.starts_on.isoformat()}&gate=Gerbang+Utara")
    assert "Gerbang Utara 11 11 pengunjung di semua gerbang hari ini" in page
    assert "+1 pengunjung" in page and "+10 pengunjung" in page


def test_minus_one_never_goes_below_zero(officer, edition):
    assert (
        services.count_visitors(
            edition=edition, day=edition.starts_on, gate="", step=-1, by=officer
        )
        == 0
    )
    assert counts(edition) == []


def test_a_step_other_than_one_or_ten_is_refused(officer, edition):
    with pytest.raises(ValidationError) as error:
        services.count_visitors(
            edition=edition, day=edition.starts_on, gate="", step=500, by=officer
        )

    assert error.value.code == "step"
    assert counts(edition) == []


def test_a_day_not_of_the_edition_is_refused_on_the_page(client, officer, edition):
    response = tap(client, edition, 1, day=datetime.date(2020, 1, 1))

    assert "1 Januari 2020 bukan hari pameran Kasmex 2030." in text_of(
        client.get(response["Location"])
    )
    assert counts(edition) == []


def test_a_virtual_edition_has_no_gate(officer, edition):
    Edition.objects.filter(pk=edition.pk).update(format=Edition.Format.VIRTUAL)
    edition.refresh_from_db()

    with pytest.raises(ValidationError):
        services.count_visitors(edition=edition, day=edition.starts_on, gate="", step=1, by=officer)
    assert counts(edition) == []


@pytest.mark.django_db(transaction=True)
def test_two_phones_tapping_the_same_gate_at_once_both_count(edition, office):
    first, second = (
        staff(office, FIELD_OFFICER, "petugas-1"),
        staff(office, FIELD_OFFICER, "petugas-2"),
    )
    services.count_visitors(edition=edition, day=edition.starts_on, gate="", step=1, by=first)

    with rival_transaction(
        lambda: services.count_visitors(
            edition=edition, day=edition.starts_on, gate="", step=10, by=first
        )
    ) as outcome:
        total = services.count_visitors(
            edition=edition, day=edition.starts_on, gate="", step=1, by=second
        )

    assert outcome == {"blocked": True, "committed": True}
    assert total == 12
    assert counts(edition) == [(edition.starts_on, "", 12)]


@pytest.mark.parametrize("role", [CURATOR, None])
def test_staff_without_the_role_reach_no_tally(client, office, edition, role):
    user = UserFactory(username="tanpa.peran", is_staff=True)
    Membership.objects.create(user=user, organisation=office)
    if role:
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)

    answers = [
        client.get(reverse("admin:outcomes_tally_index")).status_code,
        client.get(reverse("admin:outcomes_tally", kwargs={"edition_id": edition.pk})).status_code,
        tap(client, edition, 1).status_code,
    ]

    assert answers == [403, 403, 403]
    assert counts(edition) == []


def test_staff_of_another_office_reach_no_tally_of_it(client, edition):
    client.force_login(staff(Organisation.objects.create(name="Dinas B"), FIELD_OFFICER, "staf.b"))

    answers = [
        client.get(reverse("admin:outcomes_tally", kwargs={"edition_id": edition.pk})).status_code,
        tap(client, edition, 1).status_code,
    ]
    index = text_of(client.get(reverse("admin:outcomes_tally_index")))

    assert answers == [404, 404]
    assert "Kasmex 2030" not in index
    assert counts(edition) == []
