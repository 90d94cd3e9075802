"""The public pages the bench measures, on the seeded scale edition."""

import math
from dataclasses import dataclass

# The demo expo with a hall: the scale edition is virtual, so it has no floor plan.
FLOOR_PLAN_EDITION_SLUG = "kasmex-2021"
DIRECTORY_SEARCH = "batik"
PRODUCT_SEARCH = "keripik"


@dataclass(frozen=True)
class Page:
    key: str
    name: str
    path: str


def public_pages():
    """Every page measured, by key, in the order the table lists them."""
    from django.db.models import Count

    from booths.demo.plans import SCALE_EDITION_SLUG
    from exhibitors.models import Application, Exhibitor
    from visitors.views import ParticipantListView

    accepted = Application.objects.accepted().filter(edition__slug=SCALE_EDITION_SLUG)
    per_page = ParticipantListView.paginate_by
    # Nine tenths of the way down: a large OFFSET, yet a page that exists.
    deep_page = max(1, math.ceil(accepted.count() / per_page) * 9 // 10)
    # The participant with the longest catalogue: the heaviest exhibitor page.
    exhibitor = (
        Exhibitor.objects.filter(applications__in=accepted)
        .annotate(product_count=Count("products"))
        .order_by("-product_count", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    edition = f"/pameran/{SCALE_EDITION_SLUG}/"
    pages = [
        Page("hello", "hello world (baseline)", "/bench/hello"),
        Page("home", "home", "/"),
        Page("edition", "edition page", edition),
        Page("directory", "directory page 1", f"{edition}peserta/"),
        Page("deep", f"directory page {deep_page}", f"{edition}peserta/?page={deep_page}"),
        Page("search", "directory search", f"{edition}peserta/?q={DIRECTORY_SEARCH}"),
        Page("exhibitor", "exhibitor page", f"{edition}peserta/{exhibitor}/"),
        Page("products", "product search", f"{edition}produk/?q={PRODUCT_SEARCH}"),
        Page("floor_plan", "floor plan", f"/pameran/{FLOOR_PLAN_EDITION_SLUG}/denah/"),
    ]
    return {page.key: page for page in pages}


THROUGHPUT = ("edition", "directory", "deep", "search", "exhibitor", "products")
QUERIES = ("home", "edition", "directory", "deep", "search", "exhibitor", "products", "floor_plan")
WEIGHT = ("home", "edition", "directory", "exhibitor", "products", "floor_plan")
LIGHTHOUSE = ("edition", "directory", "exhibitor")
