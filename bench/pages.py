"""The public pages the bench measures, on the seeded scale edition."""

import math
from dataclasses import dataclass

# The demo expo with a hall: the scale edition is virtual, so it has no floor plan.
FLOOR_PLAN_EDITION_SLUG = "kasmex-2021"
DIRECTORY_SEARCH = "batik"
PRODUCT_SEARCH = "keripik"
# Drawn anew: other filters, words and orders of the same lists and searches.
WORDS = ("batik", "kopi", "keripik", "tenun", "sambal", "anyaman", "madu", "kerajinan", "kue")
DIRECTORY_ORDERS = ("nama", "stan", "asal")
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
    from exhibitors.models import Application, Category, Exhibitor
    from visitors.views import IdsFirstPaginator, ParticipantListView, ProductSearchView

    accepted = Application.objects.accepted().filter(edition__slug=SCALE_EDITION_SLUG)
    per_page = ParticipantListView.paginate_by
    last_page = min(max(1, math.ceil(accepted.count() / per_page)), IdsFirstPaginator.MAX_PAGES)
    # Nine tenths of the way down the pages the list offers: a large OFFSET.
    deep_page = max(1, last_page * 9 // 10)
    categories = [{"kategori": category} for category in Category.values]
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
            drawn=_lists(ParticipantListView, directory, [{}, *categories], DIRECTORY_ORDERS),
        ),
        Page(
            "deep",
            f"directory page {deep_page}",
            f"{directory}?page={deep_page}",
            drawn=_lists(
                ParticipantListView, directory, [{}, *categories], DIRECTORY_ORDERS, deep=True
            ),
        ),
        Page(
            "search",
            "directory search",
            f"{directory}?q={DIRECTORY_SEARCH}",
            drawn=_lists(
                ParticipantListView, directory, [{"q": w} for w in WORDS], DIRECTORY_ORDERS
            ),
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
            drawn=_lists(
                ProductSearchView, f"{edition}produk/", [{"q": w} for w in WORDS], PRODUCT_ORDERS
            ),
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
                    _lists(ParticipantListView, directory, categories, DIRECTORY_ORDERS)[:500],
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


def _lists(view, path, queries, orders, deep=False):
    """Each page of ``view`` (a list's class) for each of ``queries`` (its filters) in
    each of ``orders``, interleaved; only pages that exist, a later one being a 404. With
    ``deep``, the last fifth of each list's pages."""
    from urllib.parse import urlencode

    from booths.demo.plans import SCALE_EDITION_SLUG
    from expo.models import Edition
    from visitors.views import IdsFirstPaginator

    lister = view()
    lister.setup(None, edition_slug=SCALE_EDITION_SLUG)
    lister.edition = Edition.objects.get(slug=SCALE_EDITION_SLUG)
    paths = []
    for query in queries:
        found = view.filterset_class(
            query, queryset=lister.get_unfiltered_queryset(), **lister.get_filterset_kwargs()
        ).qs.count()
        last = min(math.ceil(found / view.paginate_by), IdsFirstPaginator.MAX_PAGES)
        first = max(1, last * 4 // 5) if deep else 1
        paths += [
            f"{path}?{urlencode({**query, 'urut': order, 'page': number})}"
            for number in range(first, last + 1)
            for order in orders
        ]
    return tuple(paths)


THROUGHPUT = ("edition", "directory", "deep", "search", "exhibitor", "products")
MIXED = ("mixed", "other")
QUERIES = ("home", "edition", "directory", "deep", "search", "exhibitor", "products", "floor_plan")
WEIGHT = ("home", "edition", "directory", "exhibitor", "products", "floor_plan")
LIGHTHOUSE = ("edition", "directory", "exhibitor")
