from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from django.views.i18n import set_language
from django.views.static import serve

from core.public_cache import cache_public_page
from expo import views
from visitors import views as visitor_views
from visitors.sitemaps import EditionSitemap, ParticipantSitemap

handler500 = "expo.views.server_error"

sitemaps = {"editions": EditionSitemap, "participants": ParticipantSitemap}

urlpatterns = [
    path("", cache_public_page(visitor_views.home), name="home"),
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
        "klaster/<slug:slug>/",
        cache_public_page(visitor_views.klaster_detail),
        name="klaster_detail",
    ),
    path("b/<slug:edition_slug>/<str:code>", visitor_views.booth_landing, name="booth_landing"),
    path("undangan/", include("guests.urls")),
    path("dasbor/laporan/", include("outcomes.urls")),
    path("dasbor/delegasi/", include("delegations.urls")),
    path("dasbor/temu-bisnis/", include("meetings.owner_urls")),
    path("temu-bisnis/", include("meetings.urls")),
    path("dasbor/", include("exhibitors.urls")),
    path("akun/", include("allauth.urls")),
    # Without a CSRF token: forging a visitor's choice of language gains nothing, and a
    # public page that holds no token sets no cookie, so any shared cache may keep it.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.BENCH:
    # The baseline `make bench` compares the pages to, on the server it starts; not a page
    # of the portal anywhere else.
    urlpatterns.append(path("bench/hello", views.hello, name="bench_hello"))

if settings.DEBUG:
    # Production serves uploads from the media volume through the front proxy.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
