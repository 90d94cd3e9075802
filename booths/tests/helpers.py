"""The admin walked as a whole, for the tests of who may do what there (the roles of
``console`` too): rows that carry personal data, every named admin URL filled with one of
them, and what a request did."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from booths import services as booth_services
from booths.models import Assignment, Booth
from booths.tests.factories import BoothFactory
from buyers.models import Inquiry
from core.tests.helpers import PDF
from exhibitors import services
from exhibitors.models import (
    Application,
    Exhibitor,
    Klaster,
    KlasterStatusChange,
    LegalDocument,
    Product,
)
from exhibitors.tests.factories import (
    ApplicationFactory,
    ExhibitorFactory,
    ProductFactory,
    UserFactory,
)
from expo.models import AgendaSession, Delegation, Edition, Organisation
from expo.tests.factories import EditionFactory
from guests.models import CheckIn, Guest
from meetings.models import Buyer, Meeting, Slot
from outcomes.models import DailySales, GateCount, OmzetReport, Order

WHATSAPP = "+6281299990001"
EMAIL = "rahasia.pribadi@example.com"
ADDRESS = "Jalan Melati Rahasia 17"
NIB = "9876543210987"
BUYER_EMAIL = "pembeli.rahasia@example.com"
PERSONAL_DATA = [WHATSAPP, EMAIL, ADDRESS, NIB, "81299990001", BUYER_EMAIL]
LOGIN_URL = reverse("admin:login")


@pytest.fixture
def records(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    owner = UserFactory(username="bu.sri", email=EMAIL)
    exhibitor = ExhibitorFactory(
        owner=owner, whatsapp=WHATSAPP, email=EMAIL, address=ADDRESS, nib=NIB
    )
    organisation = Organisation.objects.create(name="Dinas Kabupaten A")
    edition = EditionFactory(organisation=organisation)
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
    # The results of the edition: a day's sales, an order, the omzet and the gate.
    day = edition.starts_on
    DailySales.objects.create(application=application, day=day, amount=1, transactions=1)
    Order.objects.create(
        application=application,
        buyer_name="Toko A",
        buyer_kind="reseller",
        value=1,
        status="pesanan",
    )
    OmzetReport.objects.create(application=application, moment="before", monthly_omzet=1)
    GateCount.objects.create(edition=edition, day=day, visitors=1)
    # A partner office's delegation to it.
    Delegation.objects.create(
        edition=edition,
        organisation=Organisation.objects.create(name="Dinas Kabupaten Mitra", region_id="33.11"),
        booth_places=2,
    )
    # The office's klaster, the owner's business a member.
    klaster = services.save_klaster(
        klaster=Klaster(
            name="Klaster Rahasia Kabupaten A",
            slug="klaster-rahasia",
            product="Keripik",
            organisation=organisation,
            kecamatan_id="33.22.18",
        ),
        by=organiser,
    )
    klaster.members.add(exhibitor)
    # A guest invited to it, with a personal number and address.
    Guest.objects.create(
        edition=edition,
        name="Tamu Rahasia",
        institution="Bappeda Kabupaten A",
        institution_kind="opd",
        whatsapp=WHATSAPP,
        email=EMAIL,
    )
    # A session of its agenda.
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    AgendaSession.objects.create(
        edition=edition,
        kind="talkshow",
        title="Talkshow Rahasia Kabupaten A",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
    )
    # A buyer's inquiry to the owner from the edition's pages, with the buyer's contact.
    Inquiry.objects.create(
        exhibitor=exhibitor,
        edition=edition,
        name="Pembeli Rahasia",
        whatsapp=WHATSAPP,
        email=EMAIL,
        buyer_kind="reseller",
        message="Pesan rahasia",
    )
    # A buyer's request for a business meeting with the owner, in one of its slots.
    start = datetime.datetime.combine(
        day, datetime.time(10), tzinfo=timezone.get_current_timezone()
    )
    slot = Slot.objects.create(
        edition=edition,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
        place="stan",
    )
    buyer = Buyer.objects.create(
        user=UserFactory(username="pembeli.rahasia", email=BUYER_EMAIL),
        name="Pembeli Rahasia",
        kind="eksportir",
        region_id="33.74",
        whatsapp=WHATSAPP,
    )
    meeting = Meeting.objects.create(
        slot=slot, application=application, buyer=buyer, message="Pesan rahasia"
    )
    return {
        "exhibitor": exhibitor,
        "edition": edition,
        "document": document,
        "organisation": organisation,
        "meeting": meeting,
    }


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
    models = [
        Edition,
        Exhibitor,
        Product,
        Application,
        Booth,
        Assignment,
        LegalDocument,
        Group,
        DailySales,
        Order,
        OmzetReport,
        GateCount,
        Delegation,
        Klaster,
        KlasterStatusChange,
        Guest,
        AgendaSession,
        CheckIn,
        Inquiry,
        Slot,
        Buyer,
        Meeting,
    ]
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    rows["klaster members"] = list(Klaster.members.through.objects.order_by("pk").values())
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
