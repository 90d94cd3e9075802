"""The impact report by kecamatan and by klaster, on the small edition worked out by hand
(``test_report``): Bu Sri from Ungaran Barat, the two others without a kecamatan yet."""

import pytest
from django.urls import reverse
from django.utils import translation

from exhibitors import services
from exhibitors.models import Exhibitor, Klaster
from exhibitors.tests.factories import UserFactory
from outcomes.report import impact_report, tables
from outcomes.tests.test_report import build_small_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    built = build_small_edition()
    edition = built["edition"]
    Exhibitor.objects.filter(slug="keripik-tempe-bu-sri").update(kecamatan_id="33.22.18")
    sri, sekar = (
        Exhibitor.objects.get(slug=slug) for slug in ("keripik-tempe-bu-sri", "batik-tulis-sekar")
    )
    for name, members in [("Klaster Keripik Ungaran", [sri, sekar]), ("Klaster Batik", [sekar])]:
        klaster = services.save_klaster(
            klaster=Klaster(
                name=name,
                slug=name.lower().replace(" ", "-"),
                product="Keripik",
                organisation=edition.organisation,
                kecamatan_id="33.22.18",
            ),
            by=UserFactory(),
        )
        klaster.members.add(*members)
    return edition


def test_the_report_groups_by_kecamatan_and_adds_up_to_the_totals(edition):
    with translation.override("id"):
        report = impact_report(edition=edition)

    assert [
        (r.key, r.label, r.figures.participants, r.figures.total) for r in report.by_kecamatan
    ] == [
        ("", "Kecamatan belum diisi", 2, 1_223_000_000),
        ("33.22.18", "Ungaran Barat, Kabupaten Semarang", 1, 8_500_000),
    ]
    assert (
        sum((row.figures for row in report.by_kecamatan), start=type(report.totals)())
        == report.totals
    )


def test_the_report_groups_by_klaster_counting_a_member_in_each_of_its_klaster(edition):
    with translation.override("id"):
        report = impact_report(edition=edition)

    assert [
        (r.label, r.figures.participants, r.figures.reported, r.figures.total)
        for r in report.by_klaster
    ] == [
        ("Klaster Batik", 1, 1, 1_223_000_000),
        ("Klaster Keripik Ungaran", 2, 2, 1_231_500_000),
        ("Tidak dalam klaster", 1, 0, 0),
    ]


def test_the_export_has_a_table_by_kecamatan_and_one_by_klaster(edition):
    with translation.override("id"):
        exported = {title: rows for title, _headers, rows in tables(impact_report(edition=edition))}

    assert [row[:3] for row in exported["Per kecamatan"]] == [
        ["", "Kecamatan belum diisi", 2],
        ["33.22.18", "Ungaran Barat, Kabupaten Semarang", 1],
    ]
    assert [row[:2] for row in exported["Per klaster"]] == [
        ["Klaster Batik", 1],
        ["Klaster Keripik Ungaran", 2],
        ["Tidak dalam klaster", 1],
    ]


def test_the_report_page_shows_both_tables_the_klaster_one_without_a_total(
    client, organiser, edition
):
    response = client.get(reverse("admin:outcomes_report", kwargs={"edition_id": edition.pk}))

    page = response.content.decode()
    kecamatan = page[page.index("<caption>Per kecamatan</caption>") :].split("</table>")[0]
    klaster = page[page.index("<caption>Per klaster</caption>") :].split("</table>")[0]
    assert 'Ungaran Barat, Kabupaten Semarang <span class="code">(33.22.18)</span>' in kecamatan
    assert "Kecamatan belum diisi</th>" in kecamatan
    assert "<tfoot>" in kecamatan
    assert "Klaster Keripik Ungaran</th>" in klaster
    assert "Tidak dalam klaster</th>" in klaster
    assert "<tfoot>" not in klaster
