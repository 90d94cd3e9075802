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
        from expo import public_scopes

        # The floor plan, small on each participant's page: all the edition's pages.
        for model in (Booth, VenueImage):
            invalidate_on_change(model, lambda row: public_scopes.of_editions([row.edition_id]))
        invalidate_on_change(
            Assignment,
            lambda assignment: public_scopes.of_editions(
                Booth.objects.filter(pk=assignment.booth_id).values("edition_id")
            ),
        )
        # What the owner's pages and the decisions read of the booths, without naming them.
        register_annotations(
            applications={
                "booth_code": selectors.booth_code(),
                "booth_zone": selectors.booth_zone(),
            },
            own_applications={"outside_share_full": selectors.outside_share_full()},
            editions={"zones": selectors.zones(), "booth_count": selectors.booth_count()},
        )
