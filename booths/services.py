import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from booths.models import Assignment, Booth
from exhibitors.models import Application

AISLE_METRES = Decimal(3)


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


@transaction.atomic
def generate_booths(*, edition, zone, count, per_row, width, depth, kind, price, x, y):
    """Lay out ``count`` booths of one zone in rows on the plan, coded ``B-01``, ``B-02``…

    Numbering goes on from the zone's highest number, so a second batch extends the
    zone. Rows of ``per_row`` booths stand side by side, one row behind the other with a
    3 m aisle between each pair of rows (back-to-back pairs, as halls are laid out).
    """
    zone = zone.strip().upper()
    if not re.fullmatch(r"[A-Z]{1,3}", zone):
        raise ValidationError(_("A zone is one to three letters, e.g. B."))
    taken = [
        int(code.rsplit("-", 1)[1])
        for code in Booth.objects.filter(edition=edition, code__regex=rf"^{zone}-\d+$")
        .select_for_update()
        .values_list("code", flat=True)
    ]
    first = max(taken, default=0) + 1
    digits = max(2, len(str(first + count - 1)))
    booths = []
    for index in range(count):
        row, place = divmod(index, per_row)
        aisles = row // 2
        booths.append(
            Booth(
                edition=edition,
                code=f"{zone}-{first + index:0{digits}d}",
                zone=zone,
                kind=kind,
                price=price,
                x=x + place * width,
                y=y + row * depth + aisles * AISLE_METRES,
                width=width,
                depth=depth,
            )
        )
    try:
        with transaction.atomic():
            return Booth.objects.bulk_create(booths)
    except IntegrityError:
        raise ValidationError(
            _("Booths were just added to zone %(zone)s by someone else; try again."),
            params={"zone": zone},
        ) from None
