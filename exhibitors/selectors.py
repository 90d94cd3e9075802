from django.contrib.postgres.fields import ArrayField
from django.db.models import CharField, Count, Exists, OuterRef, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from exhibitors.models import Application, Exhibitor, LegalDocument, Product, ProductPhoto
from expo.models import Edition

# What the apps above add to the applications and editions this app reads, registered
# from their AppConfig.ready (booths: each application's ``booth_code``, each edition's
# booth ``zones``), so that this app names none of their tables. Until an app registers
# them, no application has a booth and no edition has zones.
APPLICATION_ANNOTATIONS = {"booth_code": Value(None, output_field=CharField())}
EDITION_ANNOTATIONS = {"zones": Value([], output_field=ArrayField(CharField()))}


def register_annotations(*, applications=None, editions=None):
    APPLICATION_ANNOTATIONS.update(applications or {})
    EDITION_ANNOTATIONS.update(editions or {})


def participants(*, edition):
    """The accepted applications of an edition: what visitors see as its exhibitors."""
    return (
        Application.objects.accepted()
        .filter(edition=edition)
        .select_related("exhibitor__region__province")
        .annotate(is_from_host_region=is_from_host_region())
        .order_by("exhibitor__name", "exhibitor_id")
    )


def participant(*, participants, slug):
    """One of ``participants`` (the edition's, as the caller composed them) with its
    online links and the products it shows visitors (``exhibitor.published_products``,
    with their photos); 404 unless it is one of them."""
    return get_object_or_404(
        participants.prefetch_related(
            "exhibitor__links",
            Prefetch(
                "exhibitor__products",
                queryset=products_with_photos().filter(is_published=True),
                to_attr="published_products",
            ),
        ),
        exhibitor__slug=slug,
    )


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


def profile_gaps(*, exhibitor):
    """What an owner still has to fill in or upload, in the words the dashboard shows.

    An UMKM needs its NIB and the NIB document; every other legality number given needs
    its document, and every document uploaded needs its number.
    """
    Kind = LegalDocument.Kind
    uploaded = set(exhibitor.documents.values_list("kind", flat=True))
    numbers = {
        Kind.NIB: exhibitor.nib,
        Kind.PIRT: exhibitor.pirt,
        Kind.HALAL: exhibitor.halal_number,
        Kind.BPOM: exhibitor.bpom_number,
    }
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
        (exhibitor.kecamatan, _("the kecamatan")),
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
        .annotate(**APPLICATION_ANNOTATIONS)
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
