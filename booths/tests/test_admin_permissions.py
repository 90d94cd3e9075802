"""Every admin URL, enumerated from the URL resolver, under every role short of a full
organiser: nothing but the login page, a refusal or the read the role allows, and no
request that changes a row.

The data carries personal details no page may show to those who may not read them; the
roles are anonymous, a signed-in owner (not staff), staff without permissions, and staff
who may only view.
"""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from booths.resources import BoothResource
from booths.tests.helpers import (
    ADDRESS,
    EMAIL,
    NIB,
    WHATSAPP,
    admin_resolver,
    admin_urls,
    leaks,
    named_patterns,
    outcome,
    request,
    snapshot,
)
from exhibitors.models import Application, Exhibitor
from exhibitors.resources import ExhibitorResource, ParticipantResource
from exhibitors.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Reads a staff account without any permission may still make: its own account's pages,
# the empty index, the admin's scripts, and the public page of a record.
READS_WITHOUT_PERMISSION = {
    "login",  # back to the index
    "index",
    "password_change",
    "password_change_done",
    "jsi18n",
    "view_on_site",
}
# What a URL writes, whatever method it is called with: refused to anyone who may only view.
WRITES = ("_add", "_delete", "_import", "_process_import", "_generate", "logout")
# The booth board and draft are working tools for whoever may move assignments.
BOARD = ("booths_board", "booths_draft", "booths_venue_image")


def staff(*, username, permissions):
    user = UserFactory(username=username, is_staff=True)
    user.user_permissions.set(permissions)
    return user


def view_permissions():
    return Permission.objects.filter(codename__startswith="view_")


def test_admin_urls_are_enumerated_from_the_resolver(records):
    names = {name for name, _url in admin_urls(records)}

    # The library's and the project's own pages are all there, not only a hand-picked few.
    assert {
        "exhibitors_exhibitor_export",
        "exhibitors_exhibitor_import",
        "exhibitors_exhibitor_process_import",
        "exhibitors_application_export",
        "booths_booth_export",
        "exhibitors_exhibitor_document",
        "booths_board_assign",
        "auth_user_password_change",
        "autocomplete",
    } <= names
    assert names == set(named_patterns(admin_resolver().url_patterns))


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_every_admin_url_sends_anyone_not_staff_to_the_login_page(client, records, role):
    if role == "member":
        client.force_login(UserFactory(username="pak.joko"))
    before = snapshot()

    answers = {
        (name, method): outcome(request(client, method, url))
        for name, url in admin_urls(records)
        for method in ("get", "post")
    }

    # The login page itself, and logging out, which ends nothing but one's own session.
    assert {name for (name, _method), answer in answers.items() if answer != "login"} == {
        "login",
        "logout",
    }
    assert snapshot() == before


def test_staff_without_permissions_read_nothing_and_change_nothing(client, records):
    client.force_login(staff(username="staf.baru", permissions=[]))
    before = snapshot()
    urls = admin_urls(records)

    gets = {name: request(client, "get", url) for name, url in urls}
    posts = {
        name: request(client, "post", url, {"action": "delete_selected"}) for name, url in urls
    }

    allowed = {name for name, response in gets.items() if outcome(response) in (200, 302)}
    assert allowed == READS_WITHOUT_PERMISSION
    assert {name: leaks(r) for name, r in {**gets, **posts}.items() if leaks(r)} == {}
    assert {outcome(r) for name, r in gets.items() if name not in allowed} <= {403, 404, 405}
    assert snapshot() == before


def test_staff_who_may_only_view_read_but_change_nothing(client, records):
    client.force_login(staff(username="staf.lihat", permissions=view_permissions()))
    before = snapshot()
    urls = admin_urls(records)
    ids = [str(pk) for pk in Application.objects.values_list("pk", flat=True)]

    gets = {name: outcome(request(client, "get", url)) for name, url in urls}
    for _name, url in urls:
        for action in ("delete_selected", "accept", "reject", "vacate", "print_signs"):
            data = {"action": action, "_selected_action": ids, "confirm": "1", "reason": "x"}
            request(client, "post", url, data)

    refused = {name for name, answer in gets.items() if answer in (403, 405)}
    assert {name for name in gets if name.endswith(WRITES) or name.startswith(BOARD)} <= refused
    assert gets["exhibitors_exhibitor_export"] == gets["exhibitors_application_export"] == 200
    assert gets["exhibitors_exhibitor_change"] == gets["exhibitors_exhibitor_document"] == 200
    assert snapshot() == before


def export(client, name, resource):
    fields = {f"{resource.__name__.lower()}_{field}": "on" for field in resource._meta.fields}
    return request(
        client, "post", reverse(f"admin:{name}"), {"format": "0", "resource": "0", **fields}
    )


def import_exhibitors(client, exhibitor):
    text = io.StringIO()
    csv.writer(text).writerows(
        [["Nama", "WhatsApp", "Email", "Alamat", "NIB"], [exhibitor.name, "", "", "", NIB]]
    )
    upload = SimpleUploadedFile("peserta.csv", text.getvalue().encode(), "text/csv")
    return client.post(
        reverse("admin:exhibitors_exhibitor_import"), {"import_file": upload, "format": "0"}
    )


@pytest.mark.parametrize("permissions", [[], ["view_exhibitor", "view_application"]])
def test_exports_and_imports_need_the_models_permissions(client, records, permissions):
    user = staff(username="staf", permissions=Permission.objects.filter(codename__in=permissions))
    client.force_login(user)

    exports = [
        export(client, "exhibitors_exhibitor_export", ExhibitorResource),
        export(client, "exhibitors_application_export", ParticipantResource),
        export(client, "booths_booth_export", BoothResource),
    ]
    imported = import_exhibitors(client, records["exhibitor"])

    may_view = bool(permissions)
    assert [response.status_code for response in exports] == [
        200 if may_view else 403,
        200 if may_view else 403,
        403,
    ]
    assert [bool(leaks(response)) for response in exports] == [may_view, may_view, False]
    assert imported.status_code == 403
    exhibitor = Exhibitor.objects.get(pk=records["exhibitor"].pk)
    assert (exhibitor.whatsapp, exhibitor.email, exhibitor.address) == (WHATSAPP, EMAIL, ADDRESS)


def test_import_needs_both_adding_and_changing(client, records):
    client.force_login(
        staff(
            username="staf",
            permissions=Permission.objects.filter(
                codename__in=["view_exhibitor", "change_exhibitor"]
            ),
        )
    )

    assert import_exhibitors(client, records["exhibitor"]).status_code == 403
    assert Exhibitor.objects.get(pk=records["exhibitor"].pk).whatsapp == WHATSAPP
