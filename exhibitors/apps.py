from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Exhibitors")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_save, pre_delete

        from core.public_cache import changed, invalidate_all_on_rename, invalidate_on_change
        from exhibitors.models import (
            Application,
            Exhibitor,
            Klaster,
            LegalDocument,
            OnlineLink,
            Product,
            ProductPhoto,
        )
        from exhibitors.selectors import klaster_scopes, public_scopes_of
        from expo import public_scopes
        from expo.models import Edition

        invalidate_on_change(Exhibitor, lambda exhibitor: public_scopes_of(pk=exhibitor.pk))
        invalidate_all_on_rename(Exhibitor)
        # A document's check shows as a verified badge on the public pages.
        for model in (OnlineLink, Product, LegalDocument):
            invalidate_on_change(model, lambda row: public_scopes_of(pk=row.exhibitor_id))
        invalidate_on_change(
            ProductPhoto, lambda photo: public_scopes_of(products=photo.product_id)
        )
        # A decision changes the edition's pages, and its count on the home page, and
        # whether the applicant shows on its klaster's page.
        invalidate_on_change(
            Application,
            lambda application: [
                *public_scopes.of_editions([application.edition_id]),
                public_scopes.EDITIONS,
                *klaster_scopes(members=application.exhibitor_id),
            ],
        )
        invalidate_on_change(
            Klaster,
            lambda klaster: [public_scopes.klaster(klaster.slug), *klaster_scopes(pk=klaster.pk)],
        )
        # Its members' pages name it: read them before the rows go.
        pre_delete.connect(
            lambda sender, instance, **kwargs: changed(*klaster_scopes(pk=instance.pk)),
            sender=Klaster,
            weak=False,
            dispatch_uid="klaster_deleted",
        )
        invalidate_all_on_rename(Klaster)

        def members_changed(sender, instance, action, reverse, pk_set, **kwargs):
            # Before a removal too: a member taken out no longer names the klaster, which
            # afterwards no longer names it among its members.
            if action not in ("pre_remove", "pre_clear", "post_add", "post_remove", "post_clear"):
                return
            if reverse:  # the exhibitor's klaster changed
                scopes = (
                    klaster_scopes(pk__in=pk_set) if pk_set else klaster_scopes(members=instance)
                )
                changed(*scopes, public_scopes.exhibitor(instance.slug))
            else:  # the klaster's members changed: their pages and their editions' lists
                members = {"pk__in": pk_set} if pk_set else {"klaster": instance}
                changed(public_scopes.klaster(instance.slug), *public_scopes_of(**members))

        m2m_changed.connect(
            members_changed, sender=Klaster.members.through, weak=False, dispatch_uid="klaster"
        )

        def edition_saved(sender, instance, raw=False, **kwargs):
            # Published or back to a draft: its participants show on their klaster's page
            # or not.
            scopes = [] if raw else klaster_scopes(members__applications__edition=instance)
            if scopes:  # none would change every page
                changed(*scopes)

        post_save.connect(edition_saved, sender=Edition, weak=False, dispatch_uid="klaster")
