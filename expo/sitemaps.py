from django.contrib.sitemaps import Sitemap

from expo.models import Edition


class EditionSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Edition.objects.public().order_by("-starts_on", "pk")

    def lastmod(self, edition):
        return edition.updated_at
