from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView
from django.views.static import serve

from core.public_cache import cache_public_page
from expo import views
from visitors import views as visitor_views
from visitors.sitemaps import EditionSitemap, ParticipantSitemap

handler500 = "expo.views.server_error"

sitemaps = {"editions": EditionSitemap, "participants": ParticipantSitemap}

# Without a language in the address: for machines, for the booth signs' short QR links,
# and the admin, which a Dinas office's staff read in Indonesian.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("b/<slug:edition_slug>/<str:code>", visitor_views.booth_landing, name="booth_landing"),
    path("admin/", admin.site.urls),
]

# The site in Bahasa Indonesia at its addresses as they are, whatever the browser asks
# for, and in English under /en/: a shared link opens in the language it was shared in,
# and search engines find both (each page names the other in its hreflang links).
urlpatterns += i18n_patterns(
    path("", cache_public_page(visitor_views.home), name="home"),
    path(
        "pameran/<slug:slug>/",
        cache_public_page(visitor_views.EditionDetailView.as_view()),
        name="edition_detail",
    ),
    path(
        "pameran/<slug:edition_slug>/peserta/",
        cache_public_page(visitor_views.ParticipantListView.as_view()),
        name="participant_list",
    ),
    path(
        "pameran/<slug:edition_slug>/peserta/<slug:slug>/",
        cache_public_page(visitor_views.ParticipantDetailView.as_view()),
        name="participant_detail",
    ),
    path(
        "pameran/<slug:edition_slug>/peserta/<slug:slug>/produk/<int:pk>/",
        cache_public_page(visitor_views.ProductDetailView.as_view()),
        name="product_detail",
    ),
    path("pameran/<slug:edition_slug>/peserta/<slug:slug>/tanya/", include("buyers.public_urls")),
    path(
        "pameran/<slug:edition_slug>/produk/",
        cache_public_page(visitor_views.ProductSearchView.as_view()),
        name="product_search",
    ),
    path(
        "pameran/<slug:edition_slug>/denah/",
        cache_public_page(visitor_views.floor_plan),
        name="floor_plan",
    ),
    path(
        "pameran/<slug:edition_slug>/agenda/",
        cache_public_page(visitor_views.agenda),
        name="agenda",
    ),
    path(
        "pameran/<slug:edition_slug>/agenda.ics",
        cache_public_page(visitor_views.agenda_calendar),
        name="agenda_calendar",
    ),
    path(
        "klaster/<slug:slug>/",
        cache_public_page(visitor_views.klaster_detail),
        name="klaster_detail",
    ),
    path("undangan/", include("guests.urls")),
    path("dasbor/laporan/", include("outcomes.urls")),
    path("dasbor/delegasi/", include("delegations.urls")),
    path("dasbor/pesan/", include("buyers.urls")),
    path("dasbor/temu-bisnis/", include("meetings.owner_urls")),
    path("temu-bisnis/", include("meetings.urls")),
    path("dasbor/", include("exhibitors.urls")),
    path("akun/", include("allauth.urls")),
    prefix_default_language=False,
)

if settings.BENCH:
    # The baseline `make bench` compares the pages to, on the server it starts; not a page
    # of the portal anywhere else.
    urlpatterns.append(path("bench/hello", views.hello, name="bench_hello"))

if settings.DEBUG:
    # Production serves uploads from the media volume through the front proxy.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
