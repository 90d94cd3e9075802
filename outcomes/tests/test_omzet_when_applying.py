"""The omzet before the expo, asked in the application itself: the figure the rise in
omzet is later reported against."""

import pytest
from django.urls import reverse

from core.tests.helpers import text_of
from exhibitors import services
from exhibitors.models import Application
from exhibitors.tests.factories import ExhibitorFactory, UserFactory
from expo.tests.factories import EditionFactory
from outcomes.models import OmzetReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(owner):
    ExhibitorFactory(owner=owner, name="Keripik Tempe Bu Sri")
    return EditionFactory(name="Kasmex 2031", slug="kasmex-2031")


def apply(client, edition, **data):
    return client.post(
        reverse("apply", kwargs={"edition_slug": edition.slug}),
        {"mode": "booth", "staff_count": "2", "consent": "on", **data},
    )


def test_the_application_form_asks_for_the_omzet_and_says_why(client, edition):
    page = text_of(client.get(reverse("apply", kwargs={"edition_slug": edition.slug})))

    assert "Omzet rata-rata per bulan saat ini (Rp)" in page
    assert "dikosongkan" in page


def test_the_omzet_given_when_applying_is_the_omzet_before_the_expo(client, edition):
    apply(client, edition, monthly_omzet="Rp 4.500.000")

    application = Application.objects.get()
    report = OmzetReport.objects.get()
    assert (report.application, report.moment, report.monthly_omzet) == (
        application,
        OmzetReport.Moment.BEFORE,
        4_500_000,
    )
    services.decide_application(
        application=application,
        status=Application.Status.ACCEPTED,
        by=UserFactory(is_staff=True, is_superuser=True),
    )
    sales_page = text_of(client.get(reverse("report", args=[application.pk])))
    assert "4.500.000" in sales_page


def test_the_omzet_may_be_left_for_later(client, edition):
    apply(client, edition, monthly_omzet="")

    assert Application.objects.count() == 1
    assert not OmzetReport.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("banyak", "Masukkan jumlah dalam rupiah bulat"),
        ("-500.000", "Masukkan jumlah dalam rupiah bulat"),
        ("1.500.000,50", "Masukkan jumlah dalam rupiah bulat"),
        ("9" * 40, "terlalu besar"),
    ],
)
def test_a_bad_omzet_is_shown_at_the_field_and_nothing_is_applied(client, edition, typed, message):
    response = apply(client, edition, monthly_omzet=typed)

    assert message in " ".join(response.context["form"].errors["monthly_omzet"])
    assert not Application.objects.exists()
    assert not OmzetReport.objects.exists()
