"""What visitors see of an edition: the exhibitor directory, exhibitor and product pages.

The lists are plain GET forms and links; with htmx on, a request carrying ``HX-Request`` gets
only the results fragment, and the page's URL follows the filters.
"""

import hashlib

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import get_template, render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from exhibitors import selectors, structured_data
from exhibitors.filters import DirectoryFilter, ProductFilter
from expo import public_cache
from expo.htmx import wants_fragment
from expo.models import Edition


def cards(*, template_name, object_name, edition, ids, queryset):
    """The cards of ``ids`` in their order, drawn by ``template_name`` from ``queryset``'s
    rows; a row gone meanwhile is left out."""
    template = get_template(template_name)
    rows = queryset.in_bulk(ids)
    return [
        template.render({object_name: rows[pk], "edition": edition}) for pk in ids if pk in rows
    ]


class EditionMixin:
    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(self.get_editions(), slug=kwargs["edition_slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_editions(self):
        return Edition.objects.public()

    def get_context_data(self, **kwargs):
        return super().get_context_data(edition=self.edition, **kwargs)


class IdsFirstPaginator(Paginator):
    """Pages of ids: the rows themselves are drawn as cached cards (see ``FilteredListView``).

    Ordering thousands of matches or skipping thousands of rows is cheap as ids and costly
    with every join and annotation a card shows: on the 10,000-participant edition,
    page 375 takes 14 + 2 ms against 53 ms, a search for "batik" (2,770 matches) about
    15 + 2 ms against 38 ms, under EXPLAIN ANALYZE.
    """

    def page(self, number):
        page = super().page(number)
        page.object_list = list(page.object_list.values_list("pk", flat=True))
        return page


class FilteredListView(EditionMixin, ListView):
    """A paginated list narrowed by ``filterset_class``, answering htmx with its results only.

    What a list's URL shows (its results, and the filter form around them) is rendered once
    per content generation, language and URL, and kept in the shared cache for every
    visitor, signed in or not: on a big edition, counting, ordering and drawing the matches
    was most of a page's rendering. Each row is drawn by ``card_template``.
    """

    paginate_by = 24
    paginator_class = IdsFirstPaginator
    filterset_class = None
    card_template = None
    card_object_name = None
    search_label = None

    def get(self, request, *args, **kwargs):
        fragment = wants_fragment(request)
        query = hashlib.sha256(request.META.get("QUERY_STRING", "").encode()).hexdigest()
        parts = public_cache.memoize(
            f"public:list:{self.template_name}:{get_language()}:{self.edition.pk}:"
            f"{'fragment' if fragment else 'page'}:{query}",
            lambda: self.render_parts(fragment),
        )
        if fragment:
            response = HttpResponse(parts["results"])
        else:
            response = self.render_to_response(self.get_context_data(**parts))
        patch_vary_headers(response, ["HX-Request"])
        return response

    def render_parts(self, fragment):
        """The list's results and, on a whole page, its filter form, as HTML."""
        self.object_list = self.get_queryset()
        context = super().get_context_data(filter=self.filterset, fragment=fragment)
        context["cards"] = cards(
            template_name=self.card_template,
            object_name=self.card_object_name,
            edition=self.edition,
            ids=context["object_list"],
            queryset=self.get_unfiltered_queryset(),
        )
        parts = {
            "results": render_to_string(
                f"{self.template_name}#results", context, request=self.request
            )
        }
        if not fragment:
            parts["filter_form"] = render_to_string(
                "exhibitors/filter_form.html",
                {"filter": self.filterset, "search_label": self.search_label},
                request=self.request,
            )
        return parts

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.request.GET or None,
            queryset=self.get_unfiltered_queryset(),
            **self.get_filterset_kwargs(),
        )
        return self.filterset.qs

    def get_filterset_kwargs(self):
        return {}

    def get_context_data(self, **kwargs):
        return {"edition": self.edition, "view": self, **kwargs}

    def get_template_names(self):
        return [self.template_name]


class ParticipantListView(FilteredListView):
    template_name = "exhibitors/participant_list.html"
    filterset_class = DirectoryFilter
    card_template = "exhibitors/participant_card.html"
    card_object_name = "application"
    search_label = _("Search exhibitors and products")

    def get_unfiltered_queryset(self):
        return selectors.participants(edition=self.edition)

    def get_filterset_kwargs(self):
        return {"edition": self.edition}


class ProductSearchView(FilteredListView):
    template_name = "exhibitors/product_search.html"
    filterset_class = ProductFilter
    card_template = "exhibitors/product_search_card.html"
    card_object_name = "product"
    search_label = _("Search products")

    def get_unfiltered_queryset(self):
        return selectors.edition_products(edition=self.edition)


class ParticipantDetailView(EditionMixin, DetailView):
    """An exhibitor's page. Its rows (the participant with its region, booth and online
    links, the first photo) and its product cards are read and drawn once per content
    generation and language, and kept in the shared cache for every visitor."""

    template_name = "exhibitors/participant_detail.html"
    context_object_name = "participant"

    def get_editions(self):
        # The small floor plan draws the venue image too.
        return super().get_editions().select_related("venue_image")

    def get_object(self, queryset=None):
        participant, self.product_cards, self.cover_photo_url = public_cache.memoize(
            f"public:participant:{get_language()}:{self.edition.pk}:{self.kwargs['slug']}",
            self.find,
        )
        return participant

    def find(self):
        participant = selectors.participant(edition=self.edition, slug=self.kwargs["slug"])
        ids, cover_photo_url = selectors.published_products(exhibitor=participant.exhibitor)
        product_cards = cards(
            template_name="exhibitors/product_card.html",
            object_name="product",
            edition=self.edition,
            ids=ids,
            queryset=selectors.products_with_photos().select_related("exhibitor"),
        )
        return participant, product_cards, cover_photo_url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["json_ld"] = structured_data.exhibitor(self.request, self.object)
        context["cover_photo_url"] = self.cover_photo_url
        context["product_cards"] = self.product_cards
        return context


class ProductDetailView(EditionMixin, DetailView):
    template_name = "exhibitors/product_detail.html"
    context_object_name = "product"

    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.edition_products(edition=self.edition),
            exhibitor__slug=self.kwargs["slug"],
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participant"] = selectors.participants(edition=self.edition).get(
            exhibitor=self.object.exhibitor
        )
        context["json_ld"] = structured_data.product(self.request, self.object)
        return context
