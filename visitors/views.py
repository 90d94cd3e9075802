"""What visitors see: the editions, each edition's exhibitor directory and product
search, exhibitor and product pages, and its floor plan with the short booth links.

The lists are plain GET forms and links; with htmx on, a request carrying ``HX-Request`` gets
only the results fragment, and the page's URL follows the filters.
"""

import contextlib
import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from booths import selectors as booth_selectors
from booths.models import Booth
from buyers.forms import InquiryForm
from core import icalendar, public_cache
from core.htmx import wants_fragment
from exhibitors import selectors
from expo import public_scopes
from expo import selectors as expo_selectors
from expo.models import Edition
from meetings import selectors as meeting_selectors
from outcomes.headline import edition_headline
from visitors import structured_data
from visitors.filters import DirectoryFilter, ProductFilter


def edition_lists(kwargs, slug="edition_slug"):
    """The scopes of an edition's lists and figures (``core.public_cache``)."""
    return public_scopes.edition_lists(kwargs[slug])


def exhibitor_pages(kwargs):
    """The scopes of an exhibitor's page in an edition, and of its products' pages."""
    return public_scopes.exhibitor_pages(kwargs["edition_slug"], kwargs["slug"])


class EditionMixin:
    public_scopes = staticmethod(edition_lists)

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(self.get_editions(), slug=kwargs["edition_slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_editions(self):
        return Edition.objects.public()

    def get_context_data(self, **kwargs):
        return super().get_context_data(edition=self.edition, **kwargs)


class IdsFirstPaginator(Paginator):
    """Pages of ids, each with its exhibitor's slug: only the cards not in the cache are
    then drawn, from their rows alone (``FilteredListView``).

    At most ``MAX_PAGES`` of them, and the matches counted only as far as they fill them
    (``LISTED``, and one more to tell there are others): counting all of them would read
    every match, 54 ms for the 100,000 participants of an edition against 1.2 ms, where
    the first page's ids take 0.2 ms (EXPLAIN ANALYZE, best of 3), and a page further
    down costs more with each page skipped. Nobody leafs through a hundred pages on a
    phone: past them, the list says to search or filter (``pagination.html``), and a
    later page is a 404.
    """

    MAX_PAGES = 100
    COLUMNS = ("pk", "exhibitor__slug")  # a card's id, and the scope it is kept in

    @property
    def listed(self):
        """How many matches the pages can hold."""
        return self.MAX_PAGES * self.per_page

    @cached_property
    def count(self):
        return self.object_list.order_by().values("pk")[: self.listed + 1].count()

    @cached_property
    def num_pages(self):
        return min(super().num_pages, self.MAX_PAGES)

    @property
    def is_capped(self):
        """Whether some matches are on no page: the search or the filters find them."""
        return self.count > self.listed

    def page(self, number):
        page = super().page(number)
        page.object_list = list(page.object_list.values_list(*self.COLUMNS))
        return page


class FilteredListView(EditionMixin, ListView):
    """A paginated list narrowed by ``filterset_class``, answering htmx with its results only.

    A page reads its ids first (``IdsFirstPaginator``), then its cards, each kept in the
    server process as drawn in the generations of its edition's and its exhibitor's
    scopes (``core.public_cache.fragments``): after an owner's change, the page is drawn
    anew with the cards of everyone else as they were, and only the rows of the cards to
    draw are read, with what they show.
    """

    paginate_by = 24
    paginator_class = IdsFirstPaginator
    filterset_class = None
    card_template = None
    card_context = {}
    EAGER_CARDS = 2  # whose images are fetched at once: the first view's

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.request.GET or None,
            queryset=self.get_unfiltered_queryset(),
            **self.get_filterset_kwargs(),
        )
        return self.filterset.qs

    def get_filterset_kwargs(self):
        return {}

    @classmethod
    def public_query(cls, query):
        """What of ``query`` the page shows: its filters' cleaned values and its page number
        (the key of the page in the shared cache, ``core.public_cache``)."""
        canonical = cls.filterset_class.canonical_query(query)
        page = query.get(cls.page_kwarg)
        if page:
            # As ListView reads it; "last" stays as it is, and any other word is a 404,
            # which the cache never keeps.
            with contextlib.suppress(ValueError):
                page = str(int(page))
            if page != "1":  # the list without a page number
                canonical[cls.page_kwarg] = page
        return canonical

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            filter=self.filterset,
            fragment=wants_fragment(self.request),
            **kwargs,
        )
        context["cards"] = self.cards(context["object_list"])
        if not context["fragment"]:
            context["filter_form"] = self.filter_form()
        return context

    def filter_form(self):
        """The filters' form, kept in the server process like the cards: the same for each
        page of a list, and for every list with the same filters until the edition's
        lists change (their origins are its choices)."""
        edition, request = self.edition, self.request
        query = {k: v for k, v in request.GET.items() if k != self.page_kwarg}
        address = f"{request.path}?{urlencode(sorted(query.items()))}"  # canonical already
        key = hashlib.sha256(address.encode()).hexdigest()
        scopes = public_scopes.edition_lists(edition.slug)
        context = {"filter": self.filterset, "search_label": self.search_label}
        (form,) = public_cache.fragments(
            [(f"public:filters:{request.LANGUAGE_CODE}:{key}", scopes)],
            lambda indexes: {
                0: render_to_string("visitors/filter_form.html", context, request=request)
            },
        )
        return form

    def cards(self, rows):
        """The HTML of the cards of ``rows`` (id, exhibitor's slug), in order."""
        edition = self.edition
        language = self.request.LANGUAGE_CODE
        entries = [
            (
                f"public:card:{self.card_template}:{language}:{edition.slug}:{pk}"
                f":{position < self.EAGER_CARDS}",
                public_scopes.exhibitor_pages(edition.slug, slug),
            )
            for position, (pk, slug) in enumerate(rows)
        ]

        def draw(indexes):
            # A row gone meanwhile has no card.
            found = self.card_rows([rows[index][0] for index in indexes])
            name = self.card_name
            return {
                index: render_to_string(
                    self.card_template,
                    {
                        **self.card_context,
                        name: found[rows[index][0]],
                        "edition": edition,
                        "eager": index < self.EAGER_CARDS,
                    },
                )
                for index in indexes
                if rows[index][0] in found
            }

        return public_cache.fragments(entries, draw)

    def card_rows(self, ids):
        """The rows of the cards to draw, by id."""
        return self.get_unfiltered_queryset().in_bulk(ids)

    def get_template_names(self):
        if wants_fragment(self.request):
            return [f"{self.template_name}#results"]
        return [self.template_name]

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        if self.filterset.errors:
            # A value the form refused once it read the database (a province no participant
            # comes from): the shared cache, whose key could not tell, must not keep the page.
            patch_cache_control(response, private=True)
        return response


class ParticipantListView(FilteredListView):
    template_name = "visitors/participant_list.html"
    filterset_class = DirectoryFilter
    search_label = _("Search exhibitors and products")
    card_template = "visitors/participant_card.html"
    card_name = "application"

    def get_unfiltered_queryset(self):
        return booth_selectors.with_booths(selectors.participants(edition=self.edition))

    def get_filterset_kwargs(self):
        return {"edition": self.edition}

    def card_rows(self, ids):
        # A card without a logo shows the exhibitor's first product photo.
        rows = selectors.with_cover_photos(self.get_unfiltered_queryset()).in_bulk(ids)
        for application in rows.values():
            application.picture = selectors.card_picture(application)
        return rows


class ProductSearchView(FilteredListView):
    template_name = "visitors/product_search.html"
    filterset_class = ProductFilter
    search_label = _("Search products")
    card_template = "visitors/product_card.html"
    card_name = "product"
    card_context = {"show_exhibitor": True}

    def get_unfiltered_queryset(self):
        return selectors.edition_products(edition=self.edition)


class ParticipantDetailView(EditionMixin, DetailView):
    template_name = "visitors/participant_detail.html"
    context_object_name = "participant"
    public_scopes = staticmethod(exhibitor_pages)

    def get_editions(self):
        # The small floor plan draws the venue image too; the link to business meetings
        # shows once the edition has their slots.
        return (
            super()
            .get_editions()
            .select_related("venue_image")
            .annotate(has_meeting_slots=meeting_selectors.has_slots())
        )

    def get_object(self, queryset=None):
        return selectors.participant(
            participants=booth_selectors.with_booths(selectors.participants(edition=self.edition)),
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = self.object.exhibitor.published_products
        # The image of a shared link: the first product photo there is.
        context["cover_photo"] = next(filter(None, (p.first_photo for p in published)), None)
        # A virtual booth shows its featured products first, and the others below them.
        if self.object.has_virtual_booth:
            context["featured"] = [product for product in published if product.is_featured]
        context["products"] = [p for p in published if p not in context.get("featured", ())]
        context["json_ld"] = structured_data.exhibitor(self.request, self.object)
        # Drawn from the products the page shows already: no query more.
        context["inquiry_form"] = InquiryForm.of(self.object.exhibitor.published_products)
        return context


class ProductDetailView(EditionMixin, DetailView):
    template_name = "visitors/product_detail.html"
    context_object_name = "product"
    public_scopes = staticmethod(exhibitor_pages)

    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.edition_products(edition=self.edition),
            exhibitor__slug=self.kwargs["slug"],
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participants = booth_selectors.with_booths(selectors.participants(edition=self.edition))
        context["participant"] = participants.get(exhibitor=self.object.exhibitor)
        context["json_ld"] = structured_data.product(self.request, self.object)
        context["inquiry_form"] = InquiryForm.of(
            [self.object], initial={"products": [self.object.pk]}
        )
        return context


def home(request):
    return render(request, "visitors/home.html", selectors.editions_for_home())


home.public_scopes = lambda kwargs: (public_scopes.EDITIONS,)


class EditionDetailView(DetailView):
    template_name = "visitors/edition_detail.html"
    context_object_name = "edition"

    @staticmethod
    def public_scopes(kwargs):
        return edition_lists(kwargs, slug="slug")

    def get_queryset(self):
        return Edition.objects.public().prefetch_related("host_regions", "partners")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = selectors.edition_figures(edition=self.object)
        context["agenda"] = list(expo_selectors.agenda(edition=self.object))
        context["headline"] = edition_headline(edition=self.object)
        context["json_ld"] = structured_data.event(self.request, self.object)
        return context


def agenda(request, edition_slug):
    """The edition's agenda, day by day. The current and the next session are marked in
    the visitor's browser (static/js/agenda.js, from each session's times): the page is
    the same for everyone and kept in the cache until the agenda changes, which a mark
    drawn here would outlive."""
    edition = get_object_or_404(Edition.objects.public(), slug=edition_slug)
    days = expo_selectors.agenda_by_day(edition=edition)
    return render(request, "visitors/agenda.html", {"edition": edition, "days": days})


agenda.public_scopes = lambda kwargs: (public_scopes.edition(kwargs["edition_slug"]),)


def agenda_calendar(request, edition_slug):
    """The edition's whole agenda as an iCalendar file, for a phone's calendar. Opened, a
    phone offers to add it; the links name the file (``download``): a header saying so
    would not be kept with the page in the cache."""
    edition = get_object_or_404(Edition.objects.public(), slug=edition_slug)
    page = request.build_absolute_uri(reverse("agenda", kwargs={"edition_slug": edition.slug}))
    events = [
        icalendar.Event(
            # The session's own id: stable whatever is changed of it, unique on the portal.
            uid=f"agenda-{session.pk}@{request.get_host()}",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            stamp=session.created_at,
            summary=session.title,
            location=session.place or session.livestream_url,
            description="\n".join(
                filter(None, [session.get_kind_display(), *session.speaker_list])
            ),
            url=session.livestream_url or page,
            categories=(session.get_kind_display(),),
        )
        for session in expo_selectors.agenda(edition=edition)
    ]
    text = icalendar.calendar(
        events, name=f"{edition.name} · {_('Agenda')}", time_zone=settings.TIME_ZONE
    )
    return HttpResponse(text, content_type="text/calendar; charset=utf-8")


agenda_calendar.public_scopes = agenda.public_scopes


def floor_plan(request, edition_slug):
    edition = get_object_or_404(
        Edition.objects.public().select_related("venue_image"), slug=edition_slug
    )
    context = {"edition": edition, **booth_selectors.floor_plan(edition=edition)}
    return render(request, "visitors/floor_plan.html", context)


floor_plan.public_scopes = edition_lists


def booth_landing(request, edition_slug, code):
    """The short address printed as a QR code on a booth sign: to the booth's exhibitor."""
    edition = get_object_or_404(Edition.objects.public(), slug=edition_slug)
    booth = get_object_or_404(
        Booth.objects.select_related("assignment__application__exhibitor"),
        edition=edition,
        code__iexact=code,
    )
    assignment = getattr(booth, "assignment", None)
    if assignment is None:
        return redirect("floor_plan", edition_slug=edition_slug)
    return redirect(
        "participant_detail",
        edition_slug=edition_slug,
        slug=assignment.application.exhibitor.slug,
    )


def klaster_detail(request, slug):
    klaster = selectors.klaster(slug=slug)
    members = selectors.public_members(klaster=klaster)
    return render(request, "visitors/klaster_detail.html", {"klaster": klaster, "members": members})


klaster_detail.public_scopes = lambda kwargs: (public_scopes.klaster(kwargs["slug"]),)
