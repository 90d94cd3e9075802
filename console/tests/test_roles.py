"""The roles a Dinas office hands its staff: each reads and changes what it is for, and
nothing else, on every admin URL."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from booths.tests.helpers import (
    admin_urls,
    outcome,
    request,
    snapshot,
)
from console.roles import CURATOR, FIELD_OFFICER, ORGANISER, ROLES, permission_names, sync_roles
from exhibitors.models import Application
from exhibitors.tests.factories import ApplicationFactory, UserFactory
from expo.models import Edition

pytestmark = pytest.mark.django_db

WRITES = ("_add", "_delete", "_import", "_process_import", "_generate")


def member(role):
    user = UserFactory(username=f"staf.{role.split()[0].lower()}", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def decide(client, action, application, **data):
    url = reverse("admin:exhibitors_application_changelist")
    payload = {"action": action, "_selected_action": [application.pk], **data}
    return client.post(url, payload, follow=True)


def test_migrate_leaves_each_role_with_exactly_its_permissions():
    for role in ROLES:
        group = Group.objects.get(name=role)
        granted = {
            f"{app_label}.{codename}"
            for app_label, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert granted == permission_names(role)
    assert "exhibitors.change_application" in permission_names(CURATOR)
    assert not {name for name in permission_names(CURATOR) if name.startswith("booths.")}
    field_writes = {
        name
        for name in permission_names(FIELD_OFFICER)
        if not name.split(".")[1].startswith("view")
    }
    assert field_writes == {
        "outcomes.add_dailysales",
        "outcomes.change_dailysales",
        "outcomes.add_gatecount",
        "outcomes.change_gatecount",
        "guests.add_checkin",
    }


def test_a_role_changed_by_hand_is_set_back_by_the_next_migrate():
    curator = Group.objects.get(name=CURATOR)
    curator.permissions.add(Permission.objects.get(codename="delete_booth"))
    curator.permissions.remove(Permission.objects.get(codename="change_application"))

    sync_roles()

    assert not curator.permissions.filter(codename="delete_booth").exists()
    assert curator.permissions.filter(codename="change_application").exists()


# What a field officer enters at the venue: the gate's counts, a stand's sales on paper.
FIELD_ENTRIES = ("outcomes_dailysales_add", "outcomes_gatecount_add")


def test_a_field_officer_reads_every_list_of_the_venue_and_changes_nothing_else(client, records):
    client.force_login(member(FIELD_OFFICER))
    before = snapshot()
    urls = admin_urls(records)

    gets = {name: outcome(request(client, "get", url)) for name, url in urls}
    for _name, url in urls:
        for action in ("delete_selected", "accept", "reject", "vacate"):
            data = {
                "action": action,
                "_selected_action": list(Application.objects.values_list("pk", flat=True)),
                "confirm": "1",
                "reason": "x",
            }
            request(client, "post", url, data)

    assert {
        gets[name]
        for name in (
            "exhibitors_application_changelist",
            "exhibitors_exhibitor_changelist",
            "booths_booth_changelist",
            "booths_assignment_changelist",
            "expo_edition_change",
            "outcomes_report",
            *FIELD_ENTRIES,
        )
    } == {200}
    writes = {name for name in gets if name.endswith(WRITES)} - set(FIELD_ENTRIES)
    assert {gets[name] for name in writes} <= {403, 405}
    assert gets["outcomes_order_add"] == 403
    assert gets["exhibitors_exhibitor_document"] == 403  # the papers are for curators
    assert snapshot() == before


def test_a_curator_decides_and_reads_the_papers_but_touches_no_booth_or_edition(client, records):
    client.force_login(member(CURATOR))
    application = ApplicationFactory(edition=records["edition"])
    urls = dict(admin_urls(records))

    document = request(client, "get", urls["exhibitors_exhibitor_document"])
    booth_pages = {
        name: outcome(request(client, "get", url))
        for name, url in urls.items()
        if name.startswith("booths_")
    }
    edition_change = request(
        client, "post", urls["expo_edition_change"], {"name": "Diganti Kurator"}
    )
    decided = decide(client, "waitlist", application)

    assert document.status_code == 200
    assert set(booth_pages.values()) <= {403, 404, 405}
    assert edition_change.status_code == 403
    assert Edition.objects.get(pk=records["edition"].pk).name != "Diganti Kurator"
    assert Application.objects.get(pk=application.pk).status == Application.Status.WAITLISTED
    assert decided.status_code == 200


def test_an_organiser_runs_the_edition_but_deletes_no_exhibitor(client, records):
    client.force_login(member(ORGANISER))
    urls = dict(admin_urls(records))

    gets = {
        name: outcome(request(client, "get", urls[name]))
        for name in (
            "booths_board",
            "booths_booth_add",
            "booths_booth_generate",
            "expo_edition_change",
            "exhibitors_application_export",
            "exhibitors_exhibitor_import",
            "exhibitors_exhibitor_delete",
            "auth_user_changelist",
        )
    }

    assert gets == {
        "booths_board": 200,
        "booths_booth_add": 200,
        "booths_booth_generate": 200,
        "expo_edition_change": 200,
        "exhibitors_application_export": 200,
        "exhibitors_exhibitor_import": 200,
        "exhibitors_exhibitor_delete": 403,
        "auth_user_changelist": 403,
    }
