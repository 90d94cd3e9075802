from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What no domain owns: the embedded database, the public page cache, stored files,
    htmx and CSP, the admin's shared tools and the accounts' forms."""

    name = "core"
    verbose_name = _("Portal")
