from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from booths.models import Assignment, Booth
from exhibitors.models import Application


@transaction.atomic
def assign_booth(*, booth, application, by):
    """Place an accepted application on a free booth of its edition.

    The booth row is locked first, so of two organisers assigning the same booth at
    once the second waits, then gets a clear refusal; the unique columns of
    ``Assignment`` hold the rule even for a writer that skips this function.
    """
    booth = Booth.objects.select_for_update().get(pk=booth.pk)
    application = Application.objects.select_related("exhibitor").get(pk=application.pk)
    if application.edition_id != booth.edition_id:
        raise ValidationError(_("That booth belongs to another edition."))
    if application.status != Application.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted application can get a booth."))
    if application.mode != Application.Mode.BOOTH:
        raise ValidationError(_("This participant takes part virtually, without a booth."))
    try:
        with transaction.atomic():
            return Assignment.objects.create(booth=booth, application=application, assigned_by=by)
    except IntegrityError:
        if Assignment.objects.filter(booth=booth).exists():
            raise ValidationError(
                _("Booth %(code)s is already taken."), params={"code": booth.code}
            ) from None
        raise ValidationError(
            _("%(exhibitor)s already has a booth."), params={"exhibitor": application.exhibitor}
        ) from None


@transaction.atomic
def vacate_booth(*, booth):
    """Free a booth; its former occupant stays accepted, without a booth."""
    deleted, _rows = Assignment.objects.filter(booth=booth).delete()
    if not deleted:
        raise ValidationError(_("Booth %(code)s is already free."), params={"code": booth.code})
