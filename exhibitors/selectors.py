from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from exhibitors.models import Application, Product, ProductPhoto
from expo.models import Edition


def participants(*, edition):
    """The accepted applications of an edition: what visitors see as its exhibitors."""
    return (
        Application.objects.accepted()
        .filter(edition=edition)
        .select_related("exhibitor__region__province", "assignment__booth")
        .annotate(is_from_host_region=is_from_host_region())
        .order_by("exhibitor__name", "pk")
    )


def participant(*, edition, slug):
    """One exhibitor of an edition with its products; 404 unless it was accepted there."""
    return get_object_or_404(
        participants(edition=edition).prefetch_related(
            Prefetch(
                "exhibitor__products",
                queryset=products_with_photos().filter(is_published=True),
                to_attr="published_products",
            )
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


def is_from_host_region():
    """Whether the applicant's region is one of its edition's hosts, compared by code."""
    return Exists(
        Edition.host_regions.through.objects.filter(
            edition_id=OuterRef("edition_id"), region_id=OuterRef("exhibitor__region_id")
        )
    )


def profile_gaps(*, exhibitor):
    """What an owner still has to fill in, in the words the dashboard shows them."""
    checks = [
        (exhibitor.description, _("a description of the business")),
        (exhibitor.address, _("the address")),
        (exhibitor.whatsapp, _("a WhatsApp number")),
        (exhibitor.kind != exhibitor.Kind.UMKM or exhibitor.nib, _("the NIB")),
        (exhibitor.products.exists(), _("at least one product")),
    ]
    return [label for done, label in checks if not done]


def own_applications(*, exhibitor):
    return (
        Application.objects.filter(exhibitor=exhibitor)
        .select_related("edition", "assignment__booth")
        .order_by("-edition__starts_on")
    )


def own_products(*, exhibitor):
    return products_with_photos().filter(exhibitor=exhibitor)
