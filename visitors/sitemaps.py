from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exhibitors.models import Application
from expo.models import Edition


class InBothLanguages:
    """Each page at its Indonesian and its English address, each naming the other."""

    i18n = True
    alternates = True
    x_default = True


class ParticipantSitemap(InBothLanguages, Sitemap):
    """Exhibitor pages of public editions: accepted participants only."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Application.objects.accepted()
            .filter(edition__in=Edition.objects.public())
            .select_related("edition", "exhibitor")
            .order_by("pk")
        )

    def location(self, application):
        return reverse(
            "participant_detail",
            kwargs={"edition_slug": application.edition.slug, "slug": application.exhibitor.slug},
        )

    def lastmod(self, application):
        return application.exhibitor.updated_at


class EditionSitemap(InBothLanguages, Sitemap):
    changefreq = "weekly"

    def items(self):
        return Edition.objects.public().order_by("-starts_on", "pk")

    def lastmod(self, edition):
        return edition.updated_at
