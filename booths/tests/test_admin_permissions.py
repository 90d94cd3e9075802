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
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse

from booths import services as booth_services
from booths.models import Assignment, Booth
from booths.resources import BoothResource
from booths.tests.factories import BoothFactory
from exhibitors import services
from exhibitors.models import Application, Exhibitor, LegalDocument, Product
from exhibitors.resources import ExhibitorResource, ParticipantResource
from exhibitors.tests.factories import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    UserFactory,
)
from exhibitors.tests.test_documents import PDF
from expo.models import Edition
from expo.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db

WHATSAPP = "+6281299990001"
EMAIL = "rahasia.pribadi@example.com"
ADDRESS = "Jalan Melati Rahasia 17"
NIB = "9876543210987"
PERSONAL_DATA = [WHATSAPP, EMAIL, ADDRESS, NIB, "81299990001"]
LOGIN_URL = reverse("admin:login")

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


@pytest.fixture
def records(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    owner = UserFactory(username="bu.sri", email=EMAIL)
    exhibitor = ExhibitorFactory(
        owner=owner, whatsapp=WHATSAPP, email=EMAIL, address=ADDRESS, nib=NIB
    )
    edition = EditionFactory()
    application = ApplicationFactory(exhibitor=exhibitor, edition=edition, accepted=True)
    organiser = UserFactory(username="panitia.utama", is_staff=True, is_superuser=True)
    booth_services.assign_booth(
        booth=BoothFactory(edition=edition, code="A-01"), application=application, by=organiser
    )
    BoothFactory(edition=edition, code="A-02")
    ProductFactory(exhibitor=exhibitor)
    document = services.upload_document(
        exhibitor=exhibitor, kind="nib", upload=SimpleUploadedFile("nib.pdf", PDF)
    )
    owner.emailaddress_set.create(email=EMAIL, verified=True, primary=True)
    return {"exhibitor": exhibitor, "edition": edition, "document": document}


def staff(*, username, permissions):
    user = UserFactory(username=username, is_staff=True)
    user.user_permissions.set(permissions)
    return user


def view_permissions():
    return Permission.objects.filter(codename__startswith="view_")


OBJECT_IDS = {"object_id", "id"}


def admin_urls(records):
    """(name, url) of every named admin URL, each parameter filled with a real row."""
    values = {
        "document_id": records["document"].pk,
        "edition_id": records["edition"].pk,
        "content_type_id": ContentType.objects.get_for_model(Edition).pk,
    }
    urls = []
    site_patterns = [(None, pattern) for pattern in admin.site.get_urls()]
    for model, model_admin in admin.site._registry.items():
        site_patterns += [(model, pattern) for pattern in model_admin.get_urls()]
    for model, pattern in site_patterns:
        # The model admins' URLs are reached through their own entries above; unnamed
        # patterns only redirect to named ones (or answer the catch-all 404).
        if isinstance(pattern, URLResolver) or pattern.name is None:
            continue
        parameters = set(pattern.pattern.regex.groupindex)
        if "app_label" in parameters:
            for app_label in sorted({m._meta.app_label for m in admin.site._registry}):
                url = reverse(f"admin:{pattern.name}", kwargs={"app_label": app_label})
                urls.append((pattern.name, url))
            continue
        kwargs = {name: values[name] for name in parameters - OBJECT_IDS}
        for name in parameters & OBJECT_IDS:
            # The user admin names its row ``id``; the public-page link points at an edition.
            kwargs[name] = (model or Edition)._default_manager.order_by("pk").first().pk
        urls.append((pattern.name, reverse(f"admin:{pattern.name}", kwargs=kwargs)))
    return urls


def admin_resolver():
    return next(
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == "admin"
    )


def named_patterns(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from named_patterns(entry.url_patterns)
        elif entry.name:
            yield entry.name


def snapshot():
    """Every row an admin page could change, as values."""
    models = [Edition, Exhibitor, Product, Application, Booth, Assignment, LegalDocument, Group]
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    rows["users"] = list(
        get_user_model()
        .objects.order_by("pk")
        .values("pk", "password", "email", "is_staff", "is_superuser")
    )
    rows["audit"] = LogEntry.objects.count()
    return rows


def request(client, method, url, data=None):
    """The response, its body read and its file (a document download) closed."""
    response = getattr(client, method)(url, data or {})
    if response.streaming:
        response.body = b"".join(response.streaming_content)
        if getattr(response, "file_to_stream", None):
            response.file_to_stream.close()
    else:
        response.body = response.content
    return response


def leaks(response):
    return [data for data in PERSONAL_DATA if data.encode() in response.body]


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(LOGIN_URL):
        return "login"
    return response.status_code


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
