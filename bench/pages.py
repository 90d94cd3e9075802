"""The public pages the bench measures, on the seeded scale edition."""

import math
from dataclasses import dataclass

# The demo expo with a hall: the scale edition is virtual, so it has no floor plan.
FLOOR_PLAN_EDITION_SLUG = "kasmex-2021"
DIRECTORY_SEARCH = "batik"
PRODUCT_SEARCH = "keripik"
# Drawn anew: other words and orders of the same searches and lists.
DIRECTORY_WORDS = ("batik", "kopi", "keripik", "tenun", "sambal", "anyaman", "madu", "kerajinan")
DIRECTORY_ORDERS = ("nama", "stan", "asal")
PRODUCT_WORDS = ("keripik", "kopi", "batik", "sambal", "madu", "tas", "kue", "teh")
PRODUCT_ORDERS = ("relevansi", "termurah", "termahal", "nama")


@dataclass(frozen=True)
class Page:
    key: str
    name: str
    path: str
    # Addresses of the same kind of page, each drawn anew when asked for once after a new
    # generation: other pages of the list, its other orders, other exhibitors.
    drawn: tuple[str, ...] = ()


def public_pages():
    """Every page measured, by key, in the order the table lists them."""
    from django.db.models import Count

    from booths.demo.plans import SCALE_EDITION_SLUG
    from exhibitors.models import Application, Exhibitor
    from visitors.views import ParticipantListView, ProductSearchView

    accepted = Application.objects.accepted().filter(edition__slug=SCALE_EDITION_SLUG)
    per_page = ParticipantListView.paginate_by
    last_page = max(1, math.ceil(accepted.count() / per_page))
    # Nine tenths of the way down: a large OFFSET, yet a page that exists.
    deep_page = max(1, last_page * 9 // 10)
    # The participant with the longest catalogue: the heaviest exhibitor page.
    exhibitor = (
        Exhibitor.objects.filter(applications__in=accepted)
        .annotate(product_count=Count("products"))
        .order_by("-product_count", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    edition = f"/pameran/{SCALE_EDITION_SLUG}/"
    directory = f"{edition}peserta/"
    exhibitors = list(
        Exhibitor.objects.filter(applications__in=accepted)
        .order_by("pk")
        .values_list("slug", flat=True)
    )
    other = f"/pameran/{FLOOR_PLAN_EDITION_SLUG}/"
    other_slugs = Exhibitor.objects.filter(
        applications__status="accepted", applications__edition__slug=FLOOR_PLAN_EDITION_SLUG
    ).values_list("slug", flat=True)
    pages = [
        Page("hello", "hello world (baseline)", "/bench/hello"),
        Page("home", "home", "/"),
        Page("edition", "edition page", edition),
        Page(
            "directory",
            "directory page 1",
            directory,
            drawn=_pages(f"{directory}?", range(1, last_page + 1), DIRECTORY_ORDERS),
        ),
        Page(
            "deep",
            f"directory page {deep_page}",
            f"{directory}?page={deep_page}",
            drawn=_pages(
                f"{directory}?", range(max(1, deep_page - 100), last_page + 1), DIRECTORY_ORDERS
            ),
        ),
        Page(
            "search",
            "directory search",
            f"{directory}?q={DIRECTORY_SEARCH}",
            drawn=_searches(ParticipantListView, directory, DIRECTORY_WORDS, DIRECTORY_ORDERS),
        ),
        Page(
            "exhibitor",
            "exhibitor page",
            f"{directory}{exhibitor}/",
            # a crawl of every participant's page
            drawn=tuple(f"{directory}{slug}/" for slug in exhibitors),
        ),
        Page(
            "products",
            "product search",
            f"{edition}produk/?q={PRODUCT_SEARCH}",
            drawn=_searches(ProductSearchView, f"{edition}produk/", PRODUCT_WORDS, PRODUCT_ORDERS),
        ),
        Page("floor_plan", "floor plan", f"{other}denah/"),
        # The mixed workload: 500 exhibitor pages and 500 directory pages of the scale
        # edition, and the pages of another edition.
        Page(
            "mixed",
            "1,000 pages of the scale edition",
            directory,
            drawn=tuple(
                path
                for pair in zip(
                    (f"{directory}{slug}/" for slug in exhibitors[:500]),
                    _pages(f"{directory}?", range(1, last_page + 1), DIRECTORY_ORDERS)[:500],
                    strict=False,
                )
                for path in pair
            ),
        ),
        Page(
            "other",
            f"{FLOOR_PLAN_EDITION_SLUG}'s pages",
            other,
            drawn=(
                other,
                f"{other}peserta/",
                f"{other}denah/",
                *(f"{other}peserta/{slug}/" for slug in other_slugs),
            ),
        ),
    ]
    return {page.key: page for page in pages}


def _pages(path, numbers, orders):
    """The list's pages ``numbers`` in each of ``orders``, interleaved (``path`` ends with
    "?" or "&")."""
    return tuple(f"{path}urut={order}&page={number}" for number in numbers for order in orders)


def _searches(view, path, words, orders):
    """Each page of each of ``words`` searched in ``view`` (the list's class), in each of
    ``orders``: only pages that exist, a page past the last being a 404."""
    from booths.demo.plans import SCALE_EDITION_SLUG
    from expo.models import Edition

    lister = view()
    lister.setup(None, edition_slug=SCALE_EDITION_SLUG)
    lister.edition = Edition.objects.get(slug=SCALE_EDITION_SLUG)
    paths = []
    for word in words:
        kwargs = lister.get_filterset_kwargs()
        found = view.filterset_class(
            {"q": word}, queryset=lister.get_unfiltered_queryset(), **kwargs
        ).qs.count()
        last = math.ceil(found / view.paginate_by)
        paths += _pages(f"{path}?q={word}&", range(1, last + 1), orders)
    return tuple(paths)


THROUGHPUT = ("edition", "directory", "deep", "search", "exhibitor", "products")
MIXED = ("mixed", "other")
QUERIES = ("home", "edition", "directory", "deep", "search", "exhibitor", "products", "floor_plan")
WEIGHT = ("home", "edition", "directory", "exhibitor", "products", "floor_plan")
LIGHTHOUSE = ("edition", "directory", "exhibitor")
