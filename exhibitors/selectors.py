from dataclasses import dataclass

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.db import total_per_row
from exhibitors.models import (
    Application,
    ClaimLink,
    Exhibitor,
    Klaster,
    LegalDocument,
    OwnerConsent,
    Product,
    ProductPhoto,
)
from expo import public_scopes
from expo.models import Edition, Organisation

# What the apps above add to the applications and editions this app reads, registered
# from their AppConfig.ready (booths: each application's ``booth_code``, each edition's
# booth ``zones``), so that this app names none of their tables. Until an app registers
# them, no application has a booth and no edition has zones.
APPLICATION_ANNOTATIONS = {
    "booth_code": Value(None, output_field=CharField()),
    "booth_zone": Value(None, output_field=CharField()),
}
# Read for an owner's own few applications alone: subqueries too dear for the lists of
# every application an organiser pages through.
OWN_APPLICATION_ANNOTATIONS = {
    "outside_share_full": Value(False, output_field=BooleanField()),
    "days_reported": Value(0, output_field=IntegerField()),
    "sales_reported": Value(0, output_field=IntegerField()),
    "page_views": Value(0, output_field=IntegerField()),
}
EDITION_ANNOTATIONS = {
    "zones": Value([], output_field=ArrayField(CharField())),
    "booth_count": Value(0, output_field=IntegerField()),
}


# Parts of the owner's dashboard the apps above provide (buyers: the inbox and its
# counter), each ``panel(exhibitor)`` giving ``(template name, context)`` or None.
DASHBOARD_PANELS = []


def register_dashboard_panel(panel):
    if panel not in DASHBOARD_PANELS:
        DASHBOARD_PANELS.append(panel)


def dashboard_panels(*, exhibitor):
    """The dashboard's parts from the apps above, as ``(template name, context)``."""
    return [part for part in (panel(exhibitor) for panel in DASHBOARD_PANELS) if part]


def register_annotations(*, applications=None, own_applications=None, editions=None):
    APPLICATION_ANNOTATIONS.update(applications or {})
    OWN_APPLICATION_ANNOTATIONS.update(own_applications or {})
    EDITION_ANNOTATIONS.update(editions or {})


def participants(*, edition):
    """The accepted applications of an edition: what visitors see as its exhibitors."""
    return (
        Application.objects.accepted()
        .filter(edition=edition)
        .select_related("exhibitor__region__province", "exhibitor__kecamatan")
        .annotate(is_from_host_region=is_from_host_region())
        .order_by("exhibitor__name", "exhibitor_id")
    )


def participant(*, participants, slug):
    """One of ``participants`` (the edition's, as the caller composed them) with its
    online links, the products it shows visitors (``exhibitor.published_products``,
    with their photos) and the kinds of its verified legality documents
    (``exhibitor.verified_kinds``); 404 unless it is one of them."""
    application = get_object_or_404(
        participants.prefetch_related(
            "exhibitor__links",
            "exhibitor__klaster",
            Prefetch(
                "exhibitor__products",
                queryset=products_with_photos().filter(is_published=True),
                to_attr="published_products",
            ),
            Prefetch(
                "exhibitor__documents",
                queryset=LegalDocument.objects.filter(
                    verification=LegalDocument.Verification.VALID
                ).only("exhibitor_id", "kind"),
                to_attr="verified_documents",
            ),
        ),
        exhibitor__slug=slug,
    )
    # The legality a curator found to match its document: what visitors see as verified.
    exhibitor = application.exhibitor
    exhibitor.verified_kinds = {document.kind for document in exhibitor.verified_documents}
    return application


def edition_products(*, edition):
    """The published products of an edition's accepted participants, for the product search."""
    return (
        products_with_photos()
        .filter(
            is_published=True,
            exhibitor__in=Application.objects.accepted()
            .filter(edition=edition)
            .values("exhibitor_id"),
        )
        .select_related("exhibitor")
    )


def products_with_photos():
    """Products with their photos in order, so ``first_photo`` costs no query per product."""
    return Product.objects.prefetch_related(
        Prefetch("photos", queryset=ProductPhoto.objects.order_by("position"))
    )


def with_cover_photos(applications):
    """``applications`` with the small rendition of their exhibitor's first photo (of its
    first published product that has one) and its size, for a card without a logo
    (``card_picture``). Subqueries on the rows read, so a page of cards costs no query
    more."""
    first = ProductPhoto.objects.filter(
        product__exhibitor_id=OuterRef("exhibitor_id"), product__is_published=True
    ).order_by("product__position", "product_id", "position")
    return applications.annotate(
        cover_small=Subquery(first.values("small")[:1]),
        cover_width=Subquery(first.values("small_width")[:1]),
        cover_height=Subquery(first.values("small_height")[:1]),
    )


@dataclass(frozen=True)
class Picture:
    url: str
    width: int
    height: int
    is_logo: bool


def card_picture(application):
    """What a directory card shows beside the name: the exhibitor's logo, else the cover
    photo ``with_cover_photos`` read, else None."""
    exhibitor = application.exhibitor
    if exhibitor.logo:
        return Picture(exhibitor.logo.url, exhibitor.logo_width, exhibitor.logo_height, True)
    if application.cover_small:
        storage = ProductPhoto._meta.get_field("small").storage
        url = storage.url(application.cover_small)
        return Picture(url, application.cover_width, application.cover_height, False)
    return None


def public_scopes_of(**exhibitors):
    """The scopes of the public pages that show the exhibitors of the lookup
    ``exhibitors`` (``pk=…``, ``products=…``): their own pages, and the lists of the
    editions they take part in (``expo.public_scopes``)."""
    accepted = Q(applications__status=Application.Status.ACCEPTED)
    rows = (
        Exhibitor.objects.filter(**exhibitors)
        .annotate(
            editions=ArrayAgg(
                "applications__edition__slug", filter=accepted, default=Value([]), distinct=True
            ),
            # The pages of their klaster, which list them with their products.
            klaster_slugs=ArrayAgg(
                "klaster__slug", filter=Q(klaster__isnull=False), default=Value([]), distinct=True
            ),
        )
        .values_list("slug", "editions", "klaster_slugs")
    )
    return [
        scope
        for slug, editions, klaster in rows
        for scope in (
            public_scopes.exhibitor(slug),
            *map(public_scopes.listing, editions),
            *map(public_scopes.klaster, klaster),
        )
    ]


def klaster_scopes(**klaster):
    """The scopes of the pages of the klaster of the lookup ``klaster``: their own, their
    members' pages, which name them, and the lists of the editions the members take part
    in, which offer the klaster as a filter."""
    accepted = Q(members__applications__status=Application.Status.ACCEPTED)
    rows = (
        Klaster.objects.filter(**klaster)
        .annotate(
            member_slugs=ArrayAgg(
                "members__slug",
                filter=Q(members__isnull=False),
                default=Value([]),
                distinct=True,
            ),
            editions=ArrayAgg(
                "members__applications__edition__slug",
                filter=accepted,
                default=Value([]),
                distinct=True,
            ),
        )
        .values_list("slug", "member_slugs", "editions")
    )
    return [
        scope
        for slug, members, editions in rows
        for scope in (
            public_scopes.klaster(slug),
            *map(public_scopes.exhibitor, members),
            *map(public_scopes.listing, editions),
        )
    ]


def klaster(*, slug):
    """The klaster of the page ``slug``, with its place and office; 404 if there is none."""
    return get_object_or_404(
        Klaster.objects.select_related("kecamatan__region", "desa", "organisation"), slug=slug
    )


def public_members(*, klaster):
    """The members of ``klaster`` visitors may see, as the directory decides who is
    public: those accepted in an edition that is not a draft. Each with ``edition_slug``,
    its latest such edition (its page there is the member's link), and the products it
    shows visitors (``published_products``, with their photos). A member that never took
    part is the office's record, not the public's."""
    latest = (
        Application.objects.accepted()
        .filter(exhibitor=OuterRef("pk"), edition__in=Edition.objects.public())
        .order_by("-edition__starts_on", "-edition_id")
        .values("edition__slug")[:1]
    )
    return (
        klaster.members.annotate(edition_slug=Subquery(latest))
        .filter(edition_slug__isnull=False)
        .select_related("region", "kecamatan")
        .prefetch_related(
            Prefetch(
                "products",
                queryset=products_with_photos().filter(is_published=True),
                to_attr="published_products",
            )
        )
        .order_by("name", "pk")
    )


def own_klaster(*, exhibitor):
    """The klaster an owner's business is a member of, with their kecamatan and office."""
    return exhibitor.klaster.select_related("kecamatan__region", "organisation").order_by(
        "name", "pk"
    )


def of_organisation(*, organisation):
    """The exhibitors an organisation's staff may read: the ones they registered, and the
    ones that applied to one of its editions (a condition on exhibitors)."""
    applied = Application.objects.filter(
        exhibitor=OuterRef("pk"), edition__organisation=organisation
    )
    return Q(registered_by=organisation) | Q(Exists(applied))


def is_from_host_region():
    """Whether the applicant's region is one of its edition's hosts, compared by code."""
    return Exists(
        Edition.host_regions.through.objects.filter(
            edition_id=OuterRef("edition_id"), region_id=OuterRef("exhibitor__region_id")
        )
    )


def is_outside(*, exhibitor, host_codes):
    """Whether a participant counts against the share left to outside participants.

    Only an UMKM from a region that is not one of the hosts (compared by Kemendagri
    code) counts. An institution (instansi: a Dinas, a bank, a ministry) takes a stand
    at the organiser's invitation, whatever the region of its office, so it counts on
    neither side of the host-region share.
    """
    return exhibitor.kind == Exhibitor.Kind.UMKM and exhibitor.region_id not in host_codes


def outside_limit(*, booth_count, host_share_percent):
    """How many booths may go to outside participants: what the host share leaves.

    Rounded down, so the host regions keep at least their share: 80% of 30 booths
    leaves 6, 80% of 32 leaves 6 (not 6.4).
    """
    return booth_count * (100 - host_share_percent) // 100


@dataclass(frozen=True)
class OutsideShare:
    """The booths an edition leaves to outside participants, and how many outside
    participants it has accepted for a booth already."""

    share_percent: int
    limit: int
    accepted: int

    @property
    def is_full(self):
        return self.accepted >= self.limit


def outside_share(*, application):
    """The outside share as it stands for accepting ``application``, or None when the
    application does not count against it (from a host region, an institution, or
    without a booth)."""
    edition = Edition.objects.annotate(booth_count=EDITION_ANNOTATIONS["booth_count"]).get(
        pk=application.edition_id
    )
    host_codes = edition.host_region_codes
    if not application.takes_booth or not is_outside(
        exhibitor=application.exhibitor, host_codes=host_codes
    ):
        return None
    accepted = (
        Application.objects.accepted()
        .filter(
            edition=edition,
            mode__in=Application.BOOTH_MODES,
            exhibitor__kind=Exhibitor.Kind.UMKM,
        )
        .exclude(exhibitor__region__in=host_codes)
        .exclude(pk=application.pk)
        .count()
    )
    return OutsideShare(
        share_percent=100 - edition.host_share_percent,
        limit=outside_limit(
            booth_count=edition.booth_count, host_share_percent=edition.host_share_percent
        ),
        accepted=accepted,
    )


def legality_numbers(*, exhibitor):
    """Each kind of legality document with the number the exhibitor gave for it."""
    Kind = LegalDocument.Kind
    return {
        Kind.NIB: exhibitor.nib,
        Kind.PIRT: exhibitor.pirt,
        Kind.HALAL: exhibitor.halal_number,
        Kind.BPOM: exhibitor.bpom_number,
    }


def profile_gaps(*, exhibitor):
    """What an owner still has to fill in or upload, in the words the dashboard shows.

    An UMKM needs its NIB and the NIB document; every other legality number given needs
    its document, and every document uploaded needs its number.
    """
    Kind = LegalDocument.Kind
    uploaded = set(exhibitor.documents.values_list("kind", flat=True))
    numbers = legality_numbers(exhibitor=exhibitor)
    is_umkm = exhibitor.kind == exhibitor.Kind.UMKM
    number_labels = {
        Kind.NIB: _("the NIB"),
        Kind.PIRT: _("the P-IRT number"),
        Kind.HALAL: _("the halal certificate number"),
        Kind.BPOM: _("the BPOM MD/ML number"),
    }
    document_labels = {
        Kind.NIB: _("the NIB document"),
        Kind.PIRT: _("the P-IRT document"),
        Kind.HALAL: _("the halal certificate document"),
        Kind.BPOM: _("the BPOM document"),
    }
    checks = [
        (exhibitor.description, _("a description of the business")),
        (exhibitor.kecamatan_id, _("the kecamatan")),
        (exhibitor.address, _("the address")),
        (exhibitor.whatsapp, _("a WhatsApp number")),
    ]
    for kind in Kind:
        needs_number = kind in uploaded or (kind == Kind.NIB and is_umkm)
        checks.append((numbers[kind] or not needs_number, number_labels[kind]))
        needs_document = numbers[kind] or (kind == Kind.NIB and is_umkm)
        checks.append((kind in uploaded or not needs_document, document_labels[kind]))
    checks.append(
        (
            exhibitor.products.exists(),
            _("at least one product") if is_umkm else _("at least one service"),
        )
    )
    return [label for done, label in checks if not done]


def own_applications(*, exhibitor):
    return (
        Application.objects.filter(exhibitor=exhibitor)
        .select_related("edition")
        .annotate(
            **APPLICATION_ANNOTATIONS,
            **OWN_APPLICATION_ANNOTATIONS,
            outside_share_percent=100 - F("edition__host_share_percent"),
        )
        .prefetch_related(Prefetch("featured_products", queryset=Product.objects.order_by("name")))
        .order_by("-edition__starts_on")
    )


def own_products(*, exhibitor):
    return products_with_photos().filter(exhibitor=exhibitor).order_by("position", "pk")


def own_documents(*, exhibitor):
    """The four kinds of legality document, each with the exhibitor's upload or None."""
    uploaded = {document.kind: document for document in exhibitor.documents.all()}
    return [(kind, uploaded.get(kind)) for kind in LegalDocument.Kind]


def edition_zones(*, edition):
    """The zones of an edition's booths, once it has them, in order."""
    editions = Edition.objects.filter(pk=edition.pk).annotate(**EDITION_ANNOTATIONS)
    return editions.values_list("zones", flat=True).get()


def has_booth(*, application):
    return (
        Application.objects.filter(pk=application.pk)
        .annotate(**APPLICATION_ANNOTATIONS)
        .filter(booth_code__isnull=False)
        .exists()
    )


def is_on_record(*, exhibitor):
    """Whether an organiser has decided on one of the exhibitor's applications, which
    makes its profile part of that edition's history."""
    return exhibitor.applications.filter(decided_at__isnull=False).exists()


def free_slug(*, name):
    """A slug for a new exhibitor named ``name`` that no exhibitor has yet:
    ``keripik-tempe``, else ``keripik-tempe-2``, ``-3``…"""
    base = slugify(name)[:100] or "umkm"
    taken = set(Exhibitor.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def editions_for_home(*, today=None):
    """Public editions split for the home page: running and upcoming first, then the archive."""
    today = today or timezone.localdate()
    editions = Edition.objects.public().annotate(
        participant_count=Count("applications", filter=Q(applications__status="accepted"))
    )
    return {
        "current_editions": editions.filter(ends_on__gte=today).order_by("starts_on"),
        "past_editions": editions.filter(ends_on__lt=today).order_by("-starts_on"),
    }


def edition_figures(*, edition):
    """Key figures of an edition's accepted participants, inside and outside its hosts."""
    # Products are added up from each participant's catalogue count (kept by PostgreSQL):
    # joining every product would take a while on a big edition, and multiply the rows
    # every other figure counts.
    figures = (
        Application.objects.accepted()
        .filter(edition=edition)
        .aggregate(
            participants=Count("pk"),
            inside=Count("pk", filter=Q(exhibitor__region__in=edition.host_region_codes)),
            regions=Count("exhibitor__region", distinct=True),
            products=Coalesce(Sum("exhibitor__catalogue__published_products"), 0),
        )
    )
    figures["outside"] = figures["participants"] - figures["inside"]
    return figures


def editions_before():
    """How many editions that started before an application's own the exhibitor took
    part in (was accepted at): annotated on applications, for rotation."""
    earlier = Application.objects.accepted().filter(
        edition__starts_on__lt=OuterRef("edition__starts_on")
    )
    return total_per_row(earlier, Count("pk"), exhibitor_id="exhibitor_id")


@dataclass(frozen=True)
class Review:
    """What a curator reads to decide on an application."""

    application: Application
    documents: list  # (kind, LegalDocument or None, the number given)
    products: list
    other_applications: list
    outside_share: OutsideShare | None


def application_review(*, application):
    """The business behind ``application``, its legality with the documents and their
    checks, its products with photos, and its applications to the other editions."""
    exhibitor = application.exhibitor
    Kind = LegalDocument.Kind
    numbers = legality_numbers(exhibitor=exhibitor)
    uploaded = {document.kind: document for document in exhibitor.documents.all()}
    return Review(
        application=application,
        documents=[(kind, uploaded.get(kind), numbers[kind]) for kind in Kind],
        products=list(products_with_photos().filter(exhibitor=exhibitor).order_by("position")),
        other_applications=list(
            Application.objects.filter(exhibitor=exhibitor)
            .exclude(pk=application.pk)
            .select_related("edition")
            .annotate(**APPLICATION_ANNOTATIONS)
            .order_by("-edition__starts_on")
        ),
        outside_share=outside_share(application=application),
    )


# How many products shown to visitors, each with a photo, make an online stand worth
# a visit.
ONLINE_STAND_PRODUCTS = 3


@dataclass(frozen=True)
class Step:
    """One thing to have ready: whether it is done, and if not, where the owner does it."""

    label: str
    done: bool
    action: str
    url: str


def online_stand_steps(*, exhibitor, products):
    """What makes an owner's profile and catalogue ready for visitors online, checked on
    its data; ``products`` are its own, with their photos (``own_products``)."""
    shown = sum(1 for product in products if product.is_published and product.first_photo)
    profile = reverse("profile_edit")
    if exhibitor.is_institution:
        catalogue = ngettext(
            "At least %(count)d service shown to visitors, with a photo (now %(shown)d)",
            "At least %(count)d services shown to visitors, each with a photo (now %(shown)d)",
            ONLINE_STAND_PRODUCTS,
        )
    else:
        catalogue = ngettext(
            "At least %(count)d product shown to visitors, with a photo (now %(shown)d)",
            "At least %(count)d products shown to visitors, each with a photo (now %(shown)d)",
            ONLINE_STAND_PRODUCTS,
        )
    return [
        Step(_("A logo"), bool(exhibitor.logo), _("Upload a logo"), profile),
        Step(
            _("A description of the business"),
            bool(exhibitor.description),
            _("Write a description"),
            profile,
        ),
        Step(
            catalogue % {"count": ONLINE_STAND_PRODUCTS, "shown": shown},
            shown >= ONLINE_STAND_PRODUCTS,
            _("Go to your catalogue"),
            reverse("dashboard") + "#products",
        ),
        Step(
            _("A link to your online shop or social media"),
            exhibitor.links.exists(),
            _("Add a link"),
            reverse("links"),
        ),
        Step(_("A WhatsApp number"), bool(exhibitor.whatsapp), _("Add a WhatsApp number"), profile),
    ]


def member_organisation(*, user):
    """The organisation whose staff ``user`` is (``expo.Membership``), or None."""
    return Organisation.objects.filter(members__user_id=user.pk).first()


def manageable_profiles(*, user):
    """The profiles ``user`` may work on for their owner (pendampingan): those registered
    by ``user``'s organisation that nobody has claimed yet. Once claimed, only the owner
    (and the organisers, in the admin) change a profile."""
    return Exhibitor.objects.filter(owner__isnull=True, registered_by__members__user_id=user.pk)


def assisted_profiles(*, organisation):
    """The profiles ``organisation``'s staff registered for their owners, those not
    claimed yet first, then by name; ``is_claimed`` says which, ``consented_at`` and
    ``consent_method`` when and how the owner's latest consent was recorded, ``link_…``
    when the latest claim link was sent, expires and was used."""
    consents = OwnerConsent.objects.filter(
        exhibitor=OuterRef("pk"), recorded_at__isnull=False
    ).order_by("-recorded_at")
    links = ClaimLink.objects.filter(exhibitor=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        Exhibitor.objects.filter(registered_by=organisation)
        .select_related("region")
        .annotate(
            is_claimed=Q(owner__isnull=False),
            consented_at=Subquery(consents.values("recorded_at")[:1]),
            consent_method=Subquery(consents.values("method")[:1]),
            link_sent_at=Subquery(links.values("created_at")[:1]),
            link_expires_at=Subquery(links.values("expires_at")[:1]),
            link_used_at=Subquery(links.values("used_at")[:1]),
        )
        .order_by("is_claimed", "name", "pk")
    )


def secret_digest(secret):
    """What is kept of a confirmation code or a claim token: a keyed hash, which the
    database alone cannot turn back into the secret."""
    return salted_hmac("exhibitors.assisted", secret, algorithm="sha256").hexdigest()


def claim_link(*, token, queryset=None):
    """The claim link of ``token`` with its profile, or None."""
    queryset = ClaimLink.objects.all() if queryset is None else queryset
    return queryset.select_related("exhibitor").filter(token_hash=secret_digest(token)).first()


def has_consent(*, exhibitor):
    return exhibitor.consents.filter(recorded_at__isnull=False).exists()


def consents(*, exhibitor):
    """The owner's consents to the profile being registered for them, newest first, with
    who asked and who recorded each; a code not confirmed yet is one of them."""
    return exhibitor.consents.select_related("requested_by", "recorded_by").order_by(
        "-requested_at", "-pk"
    )


# pg_trgm's default threshold for ``%`` (``trigram_similar``): what counts as similar.
TRIGRAM_LIMIT = 0.3
# At most this many possible duplicates are shown before a profile is registered.
MAX_DUPLICATES = 10


def possible_duplicates(*, name, region, nib="", whatsapp=""):
    """Profiles that may be the business about to be registered: the same NIB, the same
    WhatsApp number (both as stored: digits, and E.164), or a similar name (PostgreSQL's
    trigram similarity) in the same regency or city. Each has ``reasons``, in words."""
    match = Q(region=region, name__trigram_similar=name)
    if nib:
        match |= Q(nib=nib)
    if whatsapp:
        match |= Q(whatsapp=whatsapp)
    duplicates = list(
        Exhibitor.objects.filter(match)
        .select_related("region", "registered_by")
        .annotate(similarity=TrigramSimilarity("name", name))
        .order_by("-similarity", "name", "pk")[:MAX_DUPLICATES]
    )
    for exhibitor in duplicates:
        exhibitor.reasons = [
            reason
            for matches, reason in (
                (nib and exhibitor.nib == nib, _("the same NIB")),
                (whatsapp and exhibitor.whatsapp == whatsapp, _("the same WhatsApp number")),
                (
                    exhibitor.region_id == region.pk and exhibitor.similarity >= TRIGRAM_LIMIT,
                    _("a similar name in the same regency or city"),
                ),
            )
            if matches
        ]
    return duplicates
