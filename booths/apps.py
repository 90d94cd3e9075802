from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoothsConfig(AppConfig):
    name = "booths"
    verbose_name = _("Booths")

    def ready(self):
        from booths import selectors
        from booths.models import Assignment, Booth, VenueImage
        from core.public_cache import invalidate_on_change
        from exhibitors.selectors import register_annotations

        invalidate_on_change(Booth, Assignment, VenueImage)
        # What the owner's pages and the decisions read of the booths, without naming them.
        register_annotations(
            applications={
                "booth_code": selectors.booth_code(),
                "booth_zone": selectors.booth_zone(),
            },
            own_applications={"outside_share_full": selectors.outside_share_full()},
            editions={"zones": selectors.zones(), "booth_count": selectors.booth_count()},
        )
