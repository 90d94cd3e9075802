"""The admin as the portal's organiser console: it speaks of the portal, not of Django."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("UMKM Expo Portal")
admin.site.site_title = _("UMKM Expo Portal")
admin.site.index_title = _("Running the expos")
