from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Expo results")

    def ready(self):
        from core.public_cache import invalidate_on_change, on_public_page_served
        from exhibitors.models import Application
        from exhibitors.questions import ApplicationQuestion, register_application_question
        from exhibitors.selectors import register_annotations
        from expo import public_scopes
        from outcomes import forms, page_views, selectors, services
        from outcomes.models import DailySales, GateCount, Order

        # What the owner's dashboard reads of the sales reports, without naming them.
        register_annotations(
            own_applications={
                "days_reported": selectors.days_reported(),
                "sales_reported": selectors.sales_reported(),
                "page_views": selectors.page_views(),
            }
        )
        # The omzet before the expo is first asked in the application.
        register_application_question(
            ApplicationQuestion(
                name="monthly_omzet",
                field=forms.omzet_when_applying_field,
                save=services.omzet_when_applying,
            )
        )
        # The edition page shows the results once the expo is over (outcomes.headline).
        # Not the page views: they change all the time, and a public page drawn again
        # for each would keep none in the cache; the page shows them as of when it was
        # drawn, at most an hour before (core.public_cache.TIMEOUT).
        for model in (DailySales, Order):
            invalidate_on_change(
                model,
                lambda row: public_scopes.of_editions(
                    Application.objects.filter(pk=row.application_id).values("edition_id"),
                    scope=public_scopes.listing,
                ),
            )
        invalidate_on_change(
            GateCount,
            lambda row: public_scopes.of_editions([row.edition_id], scope=public_scopes.listing),
        )
        on_public_page_served(page_views.count_view)
