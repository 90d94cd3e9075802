"""Every URL of the public site and the dashboard, walked under every kind of account:
anonymous, an owner of another business, a member of another office (a partner
office's delegate, not staff) and another buyer. Each URL that names someone else's row
gives nothing and changes nothing; each private page sends the anonymous to log in. A
URL added without a place below fails the walk, so a new page cannot skip it. The admin
has its own walk
(``console/tests/test_organisations.py``, ``booths/tests/test_admin_permissions.py``)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from booths.models import Booth
from booths.tests.helpers import (  # noqa: F401
    ADDRESS,
    BUYER_EMAIL,
    EMAIL,
    NIB,
    WHATSAPP,
    records,
    snapshot,
)
from buyers.models import Inquiry
from core.tests.helpers import PDF, jpeg
from exhibitors import services
from exhibitors.models import Exhibitor, OnlineLink
from exhibitors.tests.factories import ExhibitorFactory, UserFactory
from expo.models import Delegation, Membership, Organisation
from meetings.tests.factories import BuyerFactory
from outcomes.models import Order

pytestmark = pytest.mark.django_db

# The site's own pages: the admin, the accounts (django-allauth's), the language switch
# and the media files of development are walked elsewhere or are no app's own.
OWN_MODULES = (
    "visitors.",
    "expo.",
    "exhibitors.",
    "outcomes.",
    "delegations.",
    "guests.",
    "buyers.",
    "meetings.",
)
# Anyone may read these, whoever they are: the public site, and the claim page and a
# guest's invitation (their token is the key; a wrong one is told so).
PUBLIC = {
    "home",
    "healthz",
    "edition_detail",
    "participant_list",
    "participant_detail",
    "product_detail",
    "product_search",
    "floor_plan",
    "agenda",
    "agenda_calendar",
    "booth_landing",
    "klaster_detail",
    "claim",
    "invitation",
    "inquiry_send",
    "inquiry_sent",
    # A participant's business meeting times, and for a buyer the request of one.
    "meetings_book",
}
# Private pages whose parameter names something public, not another's row: the owner's
# application form to an edition, and the inbox's export in a file format.
OWN_PAGES_WITH_PARAMETERS = {"apply", "inbox_export"}
# What a private page without an id may show an account: its own, never another's.
PRIVATE_DATA = [
    WHATSAPP,
    EMAIL,
    ADDRESS,
    NIB,
    "81299990001",
    "persetujuan-rahasia",
    BUYER_EMAIL,
    "Pesan rahasia",
]


def own_patterns(patterns=None):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                yield from own_patterns(entry.url_patterns)
        elif (
            isinstance(entry, URLPattern)
            and entry.name
            and entry.callback.__module__.startswith(OWN_MODULES)
        ):
            yield entry


@pytest.fixture
def rows(records):  # noqa: F811 (the fixture)
    """Office A's rows for each id a URL takes: its participant's product, photo, link,
    document, application, order, booth; its delegation and nominee; a profile it
    registered for an owner who is not online, with the consent kept privately."""
    exhibitor = records["exhibitor"]
    product = exhibitor.products.get()
    photo = services.add_product_photo(product=product, upload=SimpleUploadedFile("a.jpg", jpeg()))
    application = exhibitor.applications.get()
    office = records["organisation"]
    assisted = services.register_assisted_profile(
        exhibitor=Exhibitor(
            name="Gerabah Rahasia", category="kriya", scale="mikro", region_id="33.22"
        ),
        organisation=office,
    )
    consent = services.record_paper_consent(
        exhibitor=assisted,
        upload=SimpleUploadedFile("persetujuan-rahasia.pdf", PDF),
        by=UserFactory(username="staf.a"),
    )
    delegation = Delegation.objects.get()
    nominee = services.nominate(
        delegation=delegation,
        exhibitor=ExhibitorFactory(region_id="33.11", owner=UserFactory(username="mitra.umkm")),
        mode="booth",
    )
    inquiry = Inquiry.objects.get()
    participant = {"edition_slug": records["edition"].slug, "slug": exhibitor.slug}
    return {
        "inquiry_detail": {"pk": inquiry.pk},
        "inquiry_update": {"pk": inquiry.pk},
        "inquiry_order": {"pk": inquiry.pk},
        "inquiry_send": participant,
        "inquiry_sent": participant,
        "inbox_export": {"file_format": "csv"},
        "product_update": {"pk": product.pk},
        "product_delete": {"pk": product.pk},
        "product_move": {"pk": product.pk},
        "product_visibility": {"pk": product.pk},
        "product_photo_add": {"pk": product.pk},
        "product_photo_delete": {"pk": photo.pk},
        "link_delete": {
            "pk": OnlineLink.objects.create(
                exhibitor=exhibitor, platform="shopee", url="https://shopee.co.id/a"
            ).pk
        },
        "document_download": {"pk": records["document"].pk},
        "document_delete": {"pk": records["document"].pk},
        "withdraw": {"pk": application.pk},
        "report": {"application_id": application.pk},
        "report_day": {"application_id": application.pk},
        "omzet": {"application_id": application.pk},
        "order_create": {"application_id": application.pk},
        "order_update": {"application_id": application.pk, "order_id": Order.objects.get().pk},
        "order_delete": {"application_id": application.pk, "order_id": Order.objects.get().pk},
        "delegation": {"pk": delegation.pk},
        "delegation_nominate": {"pk": delegation.pk},
        "delegation_replace": {"pk": delegation.pk, "nomination_pk": nominee.pk},
        "delegation_withdraw": {"pk": delegation.pk, "nomination_pk": nominee.pk},
        "assisted_manage": {"pk": assisted.pk},
        "consent_download": {"pk": consent.pk},
        # The public pages, with office A's edition, participant and booth.
        "edition_detail": {"slug": records["edition"].slug},
        "participant_list": {"edition_slug": records["edition"].slug},
        "participant_detail": {"edition_slug": records["edition"].slug, "slug": exhibitor.slug},
        "product_detail": {
            "edition_slug": records["edition"].slug,
            "slug": exhibitor.slug,
            "pk": product.pk,
        },
        "product_search": {"edition_slug": records["edition"].slug},
        "floor_plan": {"edition_slug": records["edition"].slug},
        "agenda": {"edition_slug": records["edition"].slug},
        "agenda_calendar": {"edition_slug": records["edition"].slug},
        "booth_landing": {
            "edition_slug": records["edition"].slug,
            "code": Booth.objects.filter(edition=records["edition"]).first().code,
        },
        "klaster_detail": {"slug": "klaster-rahasia"},
        "apply": {"edition_slug": records["edition"].slug},
        "claim": {"token": "bukan-tautan-yang-sah"},
        "invitation": {"token": "bukan-undangan-yang-sah"},
        "meetings_book": {"edition_slug": records["edition"].slug, "slug": exhibitor.slug},
        "meetings_accept": {"pk": records["meeting"].pk},
        "meetings_decline": {"pk": records["meeting"].pk},
    }


def accounts():
    """Someone else in each kind of account, logged in by the test's client."""
    owner = UserFactory(username="pemilik.lain")
    ExhibitorFactory(owner=owner, name="Usaha Lain")
    member = UserFactory(username="delegasi.lain")
    Membership.objects.create(
        user=member, organisation=Organisation.objects.create(name="Dinas Lain", region_id="35.07")
    )
    buyer = BuyerFactory(user__username="pembeli.lain", name="Pembeli Lain").user
    return {
        "anonymous": None,
        "another owner": owner,
        "another office's member": member,
        "another buyer": buyer,
    }


def test_every_url_under_every_account_reaches_nothing_of_another(client, rows):
    patterns = list(own_patterns())
    names = {pattern.name for pattern in patterns}
    with_ids = {p.name for p in patterns if p.pattern.regex.groupindex} - OWN_PAGES_WITH_PARAMETERS
    parameters = with_ids | OWN_PAGES_WITH_PARAMETERS
    assert parameters <= set(rows), f"a URL with ids has no row to walk: {parameters - set(rows)}"
    everyone = accounts()
    before = snapshot()
    found = []
    for account_name, account in everyone.items():
        client.logout()
        if account is not None:
            client.force_login(account)
        for name in sorted(names):
            url = reverse(name, kwargs=rows.get(name, {}))
            for method in ("get", "post"):
                if method == "post" and name not in with_ids:
                    continue  # the account's own page: a form of its own to fill
                response = getattr(client, method)(url, {})
                status = response.status_code
                body = b"" if response.streaming else response.content
                location = response.get("Location", "")
                if name in PUBLIC:
                    allowed = status in {200, 302, 404, 405}
                elif account is None:
                    allowed = status == 302 and location.startswith(reverse("account_login"))
                elif name in with_ids:
                    allowed = status in {404, 405}
                else:
                    allowed = status in {200, 302, 404, 405} and not any(
                        data.encode() in body for data in PRIVATE_DATA
                    )
                if not allowed:
                    found.append((account_name, method, url, status, location))
                if getattr(response, "file_to_stream", None):
                    response.file_to_stream.close()

    assert found == []
    assert snapshot() == before
