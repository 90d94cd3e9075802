from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exhibitors.models import Application
from expo.models import Edition

MODES_BY_FORMAT = {
    Edition.Format.OFFLINE: {Application.Mode.BOOTH},
    Edition.Format.VIRTUAL: {Application.Mode.VIRTUAL},
    Edition.Format.HYBRID: {Application.Mode.BOOTH, Application.Mode.VIRTUAL},
}
DECISIONS = {
    Application.Status.ACCEPTED,
    Application.Status.WAITLISTED,
    Application.Status.REJECTED,
}


@transaction.atomic
def apply_to_edition(*, exhibitor, edition, mode):
    """Submit an exhibitor's application to an edition; refused once it is not open."""
    if not edition.is_registration_open:
        raise ValidationError(
            _("Registration for %(edition)s is not open."), params={"edition": edition.name}
        )
    if mode not in MODES_BY_FORMAT[edition.format]:
        raise ValidationError(
            _("%(edition)s does not take applications of that kind."),
            params={"edition": edition.name},
        )
    try:
        with transaction.atomic():
            return Application.objects.create(exhibitor=exhibitor, edition=edition, mode=mode)
    except IntegrityError:
        raise ValidationError(
            _("%(exhibitor)s has already applied to %(edition)s."),
            params={"exhibitor": exhibitor.name, "edition": edition.name},
        ) from None


@transaction.atomic
def decide_application(*, application, status, reason="", by):
    """Accept, waitlist or reject an application, recording who decided and when."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if status not in DECISIONS:
        raise ValidationError(_("That is not a decision an organiser can take."))
    if application.status == Application.Status.WITHDRAWN:
        raise ValidationError(_("The exhibitor has withdrawn this application."))
    if status == Application.Status.REJECTED and not reason.strip():
        raise ValidationError(_("Give the exhibitor a reason for the rejection."))
    if status != Application.Status.ACCEPTED and application_has_booth(application):
        raise ValidationError(_("Vacate the booth of this participant first."))
    application.status = status
    application.decision_reason = reason.strip()
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    return application


@transaction.atomic
def withdraw_application(*, application):
    """The exhibitor takes back an application the organiser has not decided on yet."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(
            _("Only an application still waiting for a decision can be withdrawn.")
        )
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    return application


def application_has_booth(application):
    # Through the reverse relation: booths builds on this app, not the other way round.
    return Application.objects.filter(pk=application.pk, assignment__isnull=False).exists()
