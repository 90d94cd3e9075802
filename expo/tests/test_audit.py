import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from core.tests.helpers import text_of
from exhibitors.tests.factories import ApplicationFactory
from expo.models import Edition
from expo.tests.factories import KABUPATEN_SEMARANG, KOTA_SEMARANG, EditionFactory

pytestmark = pytest.mark.django_db


def entries_for(instance):
    return LogEntry.objects.get_for_object(instance).order_by("timestamp", "pk")


def test_accepting_in_the_admin_records_who_and_what_changed(client, organiser):
    application = ApplicationFactory(exhibitor__name="Keripik Tempe Bu Sri")

    client.post(
        reverse("admin:exhibitors_application_changelist"),
        {"action": "accept", "_selected_action": [application.pk]},
    )

    entry = entries_for(application).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == organiser
    assert entry.changes_dict["status"] == ["submitted", "accepted"]
    assert entry.changes_dict["decided_by"] == ["None", str(organiser.pk)]
    assert set(entry.changes_dict) == {"status", "decided_by", "decided_at"}


def test_rejecting_records_the_reason_given(client, organiser):
    application = ApplicationFactory()

    client.post(
        reverse("admin:exhibitors_application_changelist"),
        {
            "action": "reject",
            "_selected_action": [application.pk],
            "confirm": "yes",
            "reason": "Kuota stan kategori batik sudah penuh.",
        },
    )

    entry = entries_for(application).get(action=LogEntry.Action.UPDATE)
    assert (entry.actor, entry.changes_dict["decision_reason"]) == (
        organiser,
        ["", "Kuota stan kategori batik sudah penuh."],
    )


def test_assigning_a_booth_in_the_admin_records_who_and_where(client, organiser):
    booth = BoothFactory(code="B-07")
    application = ApplicationFactory(edition=booth.edition, accepted=True)

    client.post(
        reverse("admin:booths_assignment_add"), {"application": application.pk, "booth": booth.pk}
    )

    assignment = Assignment.objects.get()
    entry = entries_for(assignment).get()
    assert (entry.action, entry.actor) == (LogEntry.Action.CREATE, organiser)
    assert entry.changes_dict["booth"] == ["None", str(booth.pk)]
    assert entry.changes_dict["application"] == ["None", str(application.pk)]
    assert entry.changes_dict["assigned_by"] == ["None", str(organiser.pk)]


def test_vacating_a_booth_records_the_deletion_with_the_organiser(client, organiser):
    booth = BoothFactory(code="B-07")
    application = ApplicationFactory(edition=booth.edition, accepted=True)
    assignment = Assignment.objects.create(booth=booth, application=application)

    client.post(
        reverse("admin:booths_assignment_changelist"),
        {"action": "vacate", "_selected_action": [assignment.pk]},
    )

    entry = entries_for(assignment).get(action=LogEntry.Action.DELETE)
    assert entry.actor == organiser


def test_change_page_shows_the_latest_changes_field_by_field(client, organiser):
    application = ApplicationFactory(exhibitor__name="Keripik Tempe Bu Sri")
    client.post(
        reverse("admin:exhibitors_application_changelist"),
        {"action": "accept", "_selected_action": [application.pk]},
    )

    response = client.get(reverse("admin:exhibitors_application_change", args=[application.pk]))

    page = text_of(response.content.decode())

    assert "Perubahan terakhir" in page
    assert "panitia · Diubah" in page
    assert "Status Diajukan Diterima" in page
    assert "Diputuskan oleh — panitia" in page


def test_history_page_lists_every_change_with_who_made_it(client, organiser):
    edition = EditionFactory(name="Kasmex 2031")
    client.post(
        reverse("admin:expo_edition_change", args=[edition.pk]),
        {
            "name": edition.name,
            "slug": edition.slug,
            "year": edition.year,
            "status": edition.status,
            "format": edition.format,
            "host_regions": [KABUPATEN_SEMARANG, KOTA_SEMARANG],
            "host_share_percent": 75,
            "starts_on": edition.starts_on.isoformat(),
            "ends_on": edition.ends_on.isoformat(),
            "registration_opens_at_0": "2030-01-01",
            "registration_opens_at_1": "08:00:00",
            "registration_closes_at_0": "2030-12-01",
            "registration_closes_at_1": "08:00:00",
            "organiser": edition.organiser,
            "omzet_followup_days": 30,
            "partners-TOTAL_FORMS": 0,
            "partners-INITIAL_FORMS": 0,
        },
    )

    response = client.get(reverse("admin:expo_edition_history", args=[edition.pk]))
    page = text_of(response.content.decode())
    assert "panitia · Diubah" in page
    assert "Stan untuk daerah tuan rumah (%) 80 75" in page
    assert "+ Kota Semarang" in page


def test_the_audit_log_is_read_only_in_the_admin(client, organiser):
    application = ApplicationFactory(exhibitor__name="Keripik Tempe Bu Sri")
    entry = entries_for(application).get()

    listing = client.get(reverse("admin:auditlog_logentry_changelist"), {"q": "Keripik"})
    detail = client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
    add = client.get(reverse("admin:auditlog_logentry_add"))

    assert entry in listing.context["cl"].result_list
    assert detail.context["has_change_permission"] is False
    assert add.status_code == 403


def test_a_yes_or_no_field_reads_as_yes_or_no(client, organiser):
    edition = EditionFactory(name="Kasmex 2031")
    Edition.objects.filter(pk=edition.pk).update(publish_sales=False)
    edition.refresh_from_db()
    edition.publish_sales = True
    edition.save()

    page = text_of(client.get(reverse("admin:expo_edition_history", args=[edition.pk])))

    assert "Tampilkan transaksi di halaman publik tidak ya" in page
    assert "False" not in page and "True" not in page
