"""The demo's sales reports: Kasmex 2021 as a newcomer finds it after ``load_demo``, and
the scale edition's reports for the bench (``--with-reports``)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from core.tests.helpers import text_of
from exhibitors.models import Application
from expo.models import Edition
from outcomes.models import DailySales, GateCount, OmzetReport, Order, PageViews
from outcomes.report import impact_report

pytestmark = pytest.mark.django_db

KASMEX = "kasmex-2021"
SCALE = "expo-skala-uji"


def load_demo(*args):
    output = StringIO()
    with translation.override("en"):
        call_command("load_demo", *args, stdout=output)
    return output.getvalue()


def report_rows():
    models = (DailySales, Order, OmzetReport, GateCount, PageViews)
    return {model.__name__: model.objects.count() for model in models}


def test_kasmex_has_three_days_reported_by_most_stands():
    load_demo()
    kasmex = Edition.objects.get(slug=KASMEX)

    report = impact_report(edition=kasmex)

    service_stand = Application.objects.get(
        edition=kasmex, exhibitor__slug="dinas-koperasi-ukm-perindag-kabupaten-semarang"
    )
    assert service_stand.reports_sales is False
    assert (report.totals.participants, report.totals.expected, report.totals.reported) == (
        32,
        31,
        27,
    )
    assert [day.day.isoformat() for day in report.days if day.retail] == [
        "2021-11-12",
        "2021-11-13",
        "2021-11-14",
    ]
    assert [day.gate_visitors for day in report.days if day.is_expo_day] == [2_150, 2_730, 3_410]
    assert report.page_views > 0
    assert report.omzet.respondents == 10


def test_kasmex_has_orders_from_kota_malang_and_from_abroad():
    load_demo()

    buyers = set(
        Order.objects.filter(application__edition__slug=KASMEX).values_list(
            "buyer_region__name", "buyer_country"
        )
    )

    assert ("Kota Malang", "ID") in buyers
    assert (None, "MY") in buyers


def test_kasmex_page_shows_its_published_results(client):
    load_demo()

    page = text_of(client.get("/pameran/kasmex-2021/"))

    assert "Hasil pameran" in page
    assert "kunjungan · 32 peserta" in page


def test_loading_the_demo_twice_keeps_the_same_reports():
    load_demo()
    before = report_rows()

    load_demo()

    assert report_rows() == before


def test_with_reports_gives_every_generated_participant_three_days():
    load_demo("--exhibitors", "40")

    output = load_demo("--exhibitors", "10", "--with-reports")

    participants = Application.objects.accepted().filter(edition__slug=SCALE)
    days = DailySales.objects.filter(application__in=participants)
    assert output.endswith("Sales reports added for 50 participants of the scale edition.\n")
    assert days.count() == 50 * 3
    assert set(days.values_list("application", flat=True)) == set(
        participants.values_list("pk", flat=True)
    )


def test_with_reports_again_adds_only_for_participants_without_one():
    load_demo("--exhibitors", "20", "--with-reports")
    before = report_rows()

    output = load_demo("--with-reports")

    assert output.endswith("Sales reports added for 0 participants of the scale edition.\n")
    assert report_rows() == before


def test_with_reports_without_a_scale_edition_says_so_and_loads_nothing():
    with pytest.raises(CommandError) as error:
        load_demo("--with-reports")

    assert str(error.value) == (
        "There is no scale edition yet: add exhibitors with --exhibitors N."
    )
    assert Edition.objects.count() == 0
