"""What visitors filter by: an edition's exhibitor directory and its product search.

Both are plain GET forms, so every filtered view has a URL to share. A value that does not
fit (an unknown category, a page of text as a price) is dropped by the form and the filter
ignored; the search text is cut to a sane length and handed to PostgreSQL's
``websearch_to_tsquery``, which accepts anything a visitor types.

The shared cache keeps one page per set of cleaned values (``canonical_query``), however a
visitor writes them.
"""

import copy
import functools
import re

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core import public_cache
from exhibitors.forms import RupiahField
from exhibitors.models import (
    SEARCH_CONFIG,
    Application,
    Catalogue,
    Category,
    Exhibitor,
)
from expo import public_scopes

MAX_QUERY_LENGTH = 100
MAX_PREFIX_WORDS = 8
WORD = re.compile(r"[^\W_]+")


class SearchTextField(forms.CharField):
    """Search text as typed, cut to ``MAX_QUERY_LENGTH``; NUL, which PostgreSQL refuses, dropped."""

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")[:MAX_QUERY_LENGTH].strip()


class SearchFilter(django_filters.CharFilter):
    field_class = SearchTextField


class SortFilter(django_filters.ChoiceFilter):
    """The visitor's order; it only validates the value, ``sorted_by_choice`` applies it last."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Sort by"), empty_label=None, method=lambda queryset, *_: queryset, **kwargs
        )


class PriceFilter(django_filters.Filter):
    field_class = RupiahField


class PublicFilterSet(django_filters.FilterSet):
    """A filter set that tells, without the database, which query shows the same page.

    The key of a list page in the shared cache (``core.public_cache``), and the query the
    page is then drawn from: each filter's value as its form field cleans it, written back
    as text, a value the field refuses left out as the filter leaves it out.
    """

    # Filters whose choices come from the database, each with the form its values have:
    # such a value is kept when it has that form, and the view keeps a page whose value
    # the form then refused out of the cache (``FilteredListView``).
    DATABASE_CHOICES = {}

    @classmethod
    def canonical_query(cls, data):
        query = {}
        # Each field as the form cleans it, without a form, which would copy every field at
        # each request, cached pages included: a millisecond, against a quarter of one.
        for name, field in _cleaning_fields(cls).items():
            try:
                value = field.clean(field.widget.value_from_datadict(data, {}, name))
            except ValidationError:
                continue
            query[name] = _as_text(value)
        for name, pattern in cls.DATABASE_CHOICES.items():
            value = data.get(name, "")
            query[name] = value if pattern.fullmatch(value) else ""
        return {name: text for name, text in query.items() if text}


@functools.cache
def _cleaning_fields(filterset_class):
    """``filterset_class``'s form fields, but those whose choices need the database."""
    return {
        # Of a copy: the filter would keep the field, and each filter set's copy of it the
        # same field, blind to the choices it then sets (the origins).
        name: copy.deepcopy(filter_).field
        for name, filter_ in filterset_class.base_filters.items()
        if name not in filterset_class.DATABASE_CHOICES
    }


def _as_text(value):
    """A cleaned value as a query writes it; "" for one that filters nothing."""
    if value is True:
        return "on"  # as a ticked checkbox sends it
    if value is None or value is False:
        return ""
    return str(value)


def sorted_by_choice(filterset, queryset):
    """Order by the visitor's ``urut``; relevance first when there is search text, else name."""
    searching = bool(filterset.form.cleaned_data.get("q"))
    sort = filterset.form.cleaned_data.get("urut") or ("relevansi" if searching else "nama")
    if sort == "relevansi" and not searching:
        sort = "nama"
    return queryset.order_by(*filterset.SORTS[sort])


def search_query(text):
    """The visitor's words as typed (websearch syntax), or with the last word as a prefix.

    So that ``kopi bub`` finds "Kopi Bubuk" while the visitor is still typing. The prefix
    form is built only from letters and digits, which cannot break the query syntax.
    """
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    words = WORD.findall(text)[:MAX_PREFIX_WORDS]
    if words:
        prefix = " & ".join([*words[:-1], f"{words[-1]}:*"])
        query |= SearchQuery(prefix, search_type="raw", config=SEARCH_CONFIG)
    return query


class DirectoryFilter(PublicFilterSet):
    """Filters over an edition's participants (see ``selectors.participants``)."""

    class Origin:
        INSIDE = "dalam"
        OUTSIDE = "luar"

    LEGALITY = {
        "nib": ("exhibitor__nib", _("Has an NIB")),
        "pirt": ("exhibitor__pirt", _("Has a P-IRT")),
        "halal": ("exhibitor__halal_number", _("Halal certified")),
        "bpom": ("exhibitor__bpom_number", _("Registered with BPOM")),
    }
    SORTS = {
        "relevansi": ["-relevance", "exhibitor__name", "exhibitor_id"],
        "nama": ["exhibitor__name", "exhibitor_id"],
        "stan": [
            F("assignment__booth__code").asc(nulls_last=True),
            "exhibitor__name",
            "exhibitor_id",
        ],
        "asal": ["exhibitor__region__name", "exhibitor__name", "exhibitor_id"],
    }
    # Kemendagri codes: which ones an edition offers, its participants' origins, needs the
    # database (see __init__).
    DATABASE_CHOICES = {
        "provinsi": re.compile(r"[0-9]{2}"),
        "wilayah": re.compile(r"[0-9]{2}\.[0-9]{2}"),
        "kecamatan": re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}"),
        "klaster": re.compile(r"[-a-z0-9]{1,120}"),
    }

    q = SearchFilter(label=_("Search"), method="filter_search")
    kategori = django_filters.ChoiceFilter(
        label=_("Category"), field_name="exhibitor__category", choices=Category.choices
    )
    asal = django_filters.ChoiceFilter(
        label=_("Origin"),
        method="filter_origin",
        choices=[
            (Origin.INSIDE, _("From the host region")),
            (Origin.OUTSIDE, _("From outside")),
        ],
    )
    provinsi = django_filters.ChoiceFilter(
        label=_("Province"), field_name="exhibitor__region__province_id"
    )
    wilayah = django_filters.ChoiceFilter(
        label=_("Regency or city"), field_name="exhibitor__region_id"
    )
    kecamatan = django_filters.ChoiceFilter(
        label=_("Kecamatan"), field_name="exhibitor__kecamatan_id"
    )
    klaster = django_filters.ChoiceFilter(label=_("Klaster"), field_name="exhibitor__klaster__slug")
    mode = django_filters.ChoiceFilter(
        label=_("Taking part"),
        method="filter_mode",
        choices=[
            (Application.Mode.BOOTH, _("At a booth at the venue")),
            (Application.Mode.VIRTUAL, _("Online")),
        ],
    )
    legalitas = django_filters.ChoiceFilter(
        label=_("Legality"),
        method="filter_legality",
        choices=[(key, label) for key, (_field, label) in LEGALITY.items()],
    )
    urut = SortFilter(
        choices=[
            ("relevansi", _("Relevance")),
            ("nama", _("Name")),
            ("stan", _("Booth")),
            ("asal", _("Origin")),
        ]
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        # Only the provinces, regencies, cities, kecamatan and klaster the participants come
        # from; the regencies of one province at a time (a big edition draws on all 514 of
        # them), the kecamatan of one regency (or of the hosts) at a time.
        origins = public_cache.memoize(
            f"public:origins:{edition.pk}",
            scopes=public_scopes.edition_lists(edition.slug),
            compute=lambda: list(
                self.queryset.order_by()
                .values_list(
                    "exhibitor__region__province_id",
                    "exhibitor__region__province__name",
                    "exhibitor__region_id",
                    "exhibitor__region__name",
                    "exhibitor__kecamatan_id",
                    "exhibitor__kecamatan__name",
                    "is_from_host_region",
                    # and their klaster (an exhibitor is in a few at most)
                    "exhibitor__klaster__slug",
                    "exhibitor__klaster__name",
                )
                .distinct()
            ),
        )
        regions = sorted({origin[:4] for origin in origins}, key=lambda r: (r[1], r[3]))
        self.filters["provinsi"].extra["choices"] = list(
            dict.fromkeys((province, name) for province, name, _code, _name in regions)
        )
        # A regency's code starts with its province's: a link naming only the regency works.
        data = self.data or {}
        province = data.get("provinsi") or data.get("wilayah", "")[:2]
        self.filters["wilayah"].extra["choices"] = [
            (code, name)
            for in_province, _province, code, name in regions
            if in_province == province
        ]
        self.filters["kecamatan"].extra["choices"] = self.kecamatan_choices(
            origins, region=data.get("wilayah") or data.get("kecamatan", "")[:5]
        )
        self.filters["klaster"].extra["choices"] = sorted(
            {origin[-2:] for origin in origins if origin[-2]}, key=lambda klaster: klaster[::-1]
        )

    @staticmethod
    def kecamatan_choices(origins, *, region):
        """The kecamatan the participants come from: those of the regency or city chosen,
        else those of the host regions (where most participants are), by regency when
        there are several; a few dozen, never the 7,285 of the country."""
        places = sorted(
            {
                (region_name, name, in_region, code, is_host)
                for *_p, in_region, region_name, code, name, is_host, _ks, _kn in origins
                if code
            },
        )
        if region:
            return [
                (code, name) for _r, name, in_region, code, _host in places if in_region == region
            ]
        by_region = {}
        for region_name, name, _region, code, is_host in places:
            if is_host:
                by_region.setdefault(region_name, []).append((code, name))
        if len(by_region) == 1:
            return next(iter(by_region.values()))
        return list(by_region.items())

    @classmethod
    def canonical_query(cls, data):
        query = super().canonical_query(data)
        # As __init__ offers them: a regency of another province than the one chosen is none.
        province = query.get("provinsi")
        if province and not query.get("wilayah", province).startswith(province):
            del query["wilayah"]
        region = query.get("wilayah") or province
        if region and not query.get("kecamatan", region).startswith(region):
            del query["kecamatan"]
        return query

    def filter_mode(self, queryset, name, mode):
        # A participant with a booth and a virtual stand is found both ways.
        if mode == Application.Mode.BOOTH:
            return queryset.filter(mode__in=Application.BOOTH_MODES)
        return queryset.exclude(mode=Application.Mode.BOOTH)

    def filter_search(self, queryset, name, text):
        if not text:
            return queryset
        query = search_query(text)
        # Among the edition's participants first, then by their words: a small edition's
        # search reads its own rows however many exhibitors the portal holds, a big one's
        # the GIN indexes. One set of exhibitors (a UNION) rather than ORed subqueries, so
        # that PostgreSQL may read each index; the products' words through the catalogue,
        # a row per exhibitor.
        members = Application.objects.accepted().filter(edition=self.edition).values("exhibitor_id")
        exhibitors = Exhibitor.objects.filter(pk__in=members).order_by()
        matching = (
            exhibitors.filter(search_vector=query)
            .values("pk")
            .union(
                exhibitors.filter(name__trigram_word_similar=text).values("pk"),
                Catalogue.objects.filter(exhibitor__in=members, search_vector=query).values(
                    "exhibitor_id"
                ),
            )
        )
        # Ranked by the exhibitor's own words; a match by a typo alone ranks 0 (then by name).
        return queryset.filter(exhibitor__in=matching).annotate(
            relevance=SearchRank(F("exhibitor__search_vector"), query)
        )

    def filter_origin(self, queryset, name, value):
        return queryset.filter(is_from_host_region=value == self.Origin.INSIDE)

    def filter_legality(self, queryset, name, value):
        field, _label = self.LEGALITY[value]
        return queryset.exclude(**{field: ""})

    def filter_queryset(self, queryset):
        return sorted_by_choice(self, super().filter_queryset(queryset))


class ProductFilter(PublicFilterSet):
    """Filters over an edition's published products (see ``selectors.edition_products``)."""

    SORTS = {
        "relevansi": ["-relevance", "name", "pk"],
        "termurah": ["price", "name", "pk"],
        "termahal": [F("highest_price").desc(), "name", "pk"],
        "nama": ["name", "pk"],
    }

    q = SearchFilter(label=_("Search"), method="filter_search")
    kategori = django_filters.ChoiceFilter(
        label=_("Category"), field_name="category", choices=Category.choices
    )
    harga_min = PriceFilter(label=_("Lowest price"), method="filter_price_from")
    harga_max = PriceFilter(label=_("Highest price"), method="filter_price_to")
    halal = django_filters.BooleanFilter(
        label=_("Halal only"),
        field_name="is_halal",
        widget=forms.CheckboxInput,
        method="filter_halal",
    )
    urut = SortFilter(
        choices=[
            ("relevansi", _("Relevance")),
            ("termurah", _("Lowest price")),
            ("termahal", _("Highest price")),
            ("nama", _("Name")),
        ]
    )

    def filter_search(self, queryset, name, text):
        if not text:
            return queryset
        query = search_query(text)
        return queryset.filter(search_vector=query).annotate(
            relevance=SearchRank(F("search_vector"), query)
        )

    def filter_price_from(self, queryset, name, amount):
        # A price range counts when any part of it is in the range asked for.
        return queryset.filter(highest_price__gte=amount)

    def filter_price_to(self, queryset, name, amount):
        return queryset.filter(price__lte=amount)

    def filter_halal(self, queryset, name, value):
        return queryset.filter(is_halal=True) if value else queryset

    def filter_queryset(self, queryset):
        queryset = queryset.annotate(highest_price=Coalesce("price_max", "price"))
        return sorted_by_choice(self, super().filter_queryset(queryset))
