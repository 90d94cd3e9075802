import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from booths import draft, selectors
from booths.models import Assignment, Booth, VenueImage, overlap_error
from core import public_cache, stored_files
from core.db import violated_constraint
from exhibitors import images, notifications
from exhibitors.models import Application
from expo import public_scopes
from expo.models import Edition

AISLE_METRES = Decimal(3)


def _lock_edition(edition_id):
    """Queue every change of an edition's assignments on the edition's row.

    The outside-share count of one assignment then cannot be overtaken by another,
    and locks are always taken in one order (edition, then booths), so two organisers'
    transactions wait for each other instead of deadlocking. ``no_key``: adding booths
    or applications to the edition meanwhile is not held up.
    """
    return (
        Edition.objects.select_for_update(no_key=True)
        .prefetch_related("host_regions")
        .get(pk=edition_id)
    )


@transaction.atomic
def assign_booth(*, booth, application, by, override_reason=""):
    """Place an accepted application on a free booth of its edition.

    The booth row is locked, so of two organisers assigning the same booth at once the
    second waits, then gets a clear refusal; the unique columns of ``Assignment`` hold
    the rule even for a writer that skips this function.

    A participant from outside the host regions gets a booth only while the outside
    participants hold fewer than the share the edition leaves them (see
    ``selectors.is_outside`` for who counts); beyond it only with ``override_reason``,
    which is stored with the assignment. Within the share nothing is overridden and no
    reason is kept.

    Once this is committed, the participant is told their booth by e-mail.
    """
    assignment = _assign(
        booth=booth, application=application, by=by, override_reason=override_reason
    )
    _mail_once_committed(
        "booths/email/assigned", assignment=assignment, plan_url=_booth_url(assignment.booth)
    )
    return assignment


def _assign(*, booth, application, by, override_reason):
    edition = _lock_edition(booth.edition_id)
    booth = Booth.objects.select_for_update().get(pk=booth.pk)
    # Locked too: a decision taken meanwhile (a rejection) must not leave it with a booth.
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("exhibitor")
        .get(pk=application.pk)
    )
    if application.edition_id != booth.edition_id:
        raise ValidationError(_("That booth belongs to another edition."))
    if application.status != Application.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted application can get a booth."))
    if not application.takes_booth:
        raise ValidationError(_("This participant takes part virtually, without a booth."))
    if Assignment.objects.filter(booth=booth).exists():
        raise ValidationError(_("Booth %(code)s is already taken."), params={"code": booth.code})
    if Assignment.objects.filter(application=application).exists():
        raise ValidationError(
            _("%(exhibitor)s already has a booth."), params={"exhibitor": application.exhibitor}
        )
    override_reason = override_reason.strip()
    if selectors.is_outside(exhibitor=application.exhibitor, host_codes=edition.host_region_codes):
        quota = selectors.outside_quota(edition=edition)
        if quota.taken < quota.limit:
            override_reason = ""
        elif not override_reason:
            raise ValidationError(
                _(
                    "Participants from outside the host regions already hold %(taken)d of "
                    "the %(limit)d booths left to them (%(share)d%% of all booths). To go "
                    "past that share, give a reason."
                ),
                code="outside_share_full",
                params={"taken": quota.taken, "limit": quota.limit, "share": quota.share_percent},
            )
    else:
        override_reason = ""
    try:
        with transaction.atomic():
            return Assignment.objects.create(
                booth=booth,
                application=application,
                assigned_by=by,
                override_reason=override_reason,
            )
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
    """Free a booth; its former occupant stays accepted, without a booth, and is told so
    by e-mail once this is committed."""
    assignment = _vacate(booth=booth)
    _mail_once_committed(
        "booths/email/vacated",
        assignment=assignment,
        plan_url=notifications.absolute_url(
            reverse("floor_plan", kwargs={"edition_slug": assignment.booth.edition.slug})
        ),
    )


def _vacate(*, booth):
    """Delete the booth's assignment and return it. Locked first: of two organisers
    freeing the booth at once, the second is told it is free already."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("booth__edition", "application__exhibitor")
        .filter(booth=booth)
        .first()
    )
    if assignment is None:
        raise ValidationError(_("Booth %(code)s is already free."), params={"code": booth.code})
    assignment.delete()
    return assignment


@transaction.atomic
def move_occupant(*, booth, to, by):
    """Move the occupant of ``booth`` to the free booth ``to``, as one step.

    If ``to`` was taken meanwhile nothing moves: the occupant keeps the first booth. A
    reason given to go past the outside share moves with them, since a move does not
    change how many outside participants hold a booth. Once this is committed the
    occupant gets one e-mail, with the old booth and the new.
    """
    _lock_edition(booth.edition_id)
    if to.pk == booth.pk:
        raise ValidationError(_("Choose another booth to move to."))
    vacated = _vacate(booth=booth)
    assignment = _assign(
        booth=to,
        application=vacated.application,
        by=by,
        override_reason=vacated.override_reason,
    )
    _mail_once_committed(
        "booths/email/moved",
        assignment=assignment,
        plan_url=_booth_url(assignment.booth),
        old_booth=vacated.booth,
    )
    return assignment


def _booth_url(booth):
    """The booth on the floor plan: the address on its sign leads to its participant's
    page, which marks it on the edition's plan."""
    return notifications.absolute_url(
        reverse("booth_landing", kwargs={"edition_slug": booth.edition.slug, "code": booth.code})
    )


def _mail_once_committed(template, *, assignment, plan_url, **context):
    """Tell the participant of ``assignment`` about their booth once the change is
    committed, with the booth, the edition's dates and place, and links to ``plan_url``
    and their dashboard.

    ``robust``, as for a decision: the change has happened when the mail goes out, so a
    mail server that is down is logged instead of failing the organiser's request (and
    the rest of a draft's assignments).
    """
    context = {
        "booth": assignment.booth,
        "edition": assignment.booth.edition,
        "plan_url": plan_url,
        **context,
    }
    exhibitor = assignment.application.exhibitor
    transaction.on_commit(
        lambda: notifications.mail_exhibitor(
            exhibitor=exhibitor, template=template, context=context
        ),
        robust=True,
    )


@transaction.atomic
def generate_booths(*, edition, zone, count, per_row, width, depth, kind, price, x, y):
    """Lay out ``count`` booths of one zone in rows on the plan, coded ``B-01``, ``B-02``…

    Numbering goes on from the zone's highest number, so a second batch extends the
    zone. Rows of ``per_row`` booths stand side by side, one row behind the other with a
    3 m aisle between each pair of rows (back-to-back pairs, as halls are laid out).

    Nothing is added if a new booth would cover one the edition has: the refusal names
    those in the way, also when someone else placed them a moment before.
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
    _refuse_overlap(edition=edition, booths=booths)
    try:
        with transaction.atomic():
            created = Booth.objects.bulk_create(booths)
            # bulk_create sends no signals: the public plan changed
            public_cache.changed(public_scopes.edition(edition.slug))
            return created
    except IntegrityError as error:
        if violated_constraint(error) == "booth_no_overlap":
            _refuse_overlap(edition=edition, booths=booths)
        raise ValidationError(
            _("Booths were just added to zone %(zone)s by someone else; try again."),
            params={"zone": zone},
        ) from None


def _refuse_overlap(*, edition, booths):
    error = overlap_error(
        _("The new booths would cover booth(s) %(codes)s."),
        in_the_way=Booth.objects.filter(edition=edition).overlapping(booths),
    )
    if error is not None:
        raise error


@transaction.atomic
def confirm_draft(*, edition, fingerprint, by, recent_editions=None):
    """Assign the booths of the automatic draft the organiser saw: all of them, or none.

    The draft is made again under the edition's lock, with the same preference for
    those who did not take part in the ``recent_editions`` (``draft.propose``). If it is
    not the one confirmed (``fingerprint``), because a booth was taken or a participant
    accepted or moved meanwhile, nothing is assigned. Each placement goes through
    ``assign_booth``, so every rule is checked once more; one refusal undoes the whole
    draft.
    """
    edition = _lock_edition(edition.pk)
    proposal = draft.propose(edition=edition, recent_editions=recent_editions)
    if proposal.fingerprint != fingerprint:
        raise ValidationError(
            _(
                "The booths or the participants changed after this draft was made, so "
                "nothing was assigned. Look at the new draft before confirming it."
            ),
            code="draft_changed",
        )
    if not proposal.placements:
        raise ValidationError(_("The draft places nobody; there is nothing to confirm."))
    booths = Booth.objects.in_bulk([placement.booth_id for placement in proposal.placements])
    applications = Application.objects.in_bulk(
        [placement.application_id for placement in proposal.placements]
    )
    return [
        assign_booth(
            booth=booths[placement.booth_id],
            application=applications[placement.application_id],
            by=by,
        )
        for placement in proposal.placements
    ]


@transaction.atomic
def set_venue_image(*, edition, image, width_m):
    """Put an image of the venue under an edition's floor plans, replacing any before it.

    The upload is checked by its content and only its re-encoded pixels are stored
    (see ``exhibitors.images``), under a fresh random name. The file it replaces is
    removed once the change is committed.
    """
    Edition.objects.select_for_update(no_key=True).get(pk=edition.pk)
    encoded = images.process_photo(image).original
    venue = VenueImage.objects.filter(edition=edition).first() or VenueImage(edition=edition)
    venue.width_px, venue.height_px, venue.width_m = encoded.width, encoded.height, width_m
    return stored_files.save_with_files(venue, {"image": encoded})


@transaction.atomic
def remove_venue_image(*, edition):
    """Take the venue image off an edition's plans, and its file once that is committed."""
    venue = VenueImage.objects.select_for_update().filter(edition=edition).first()
    if venue is None:
        raise ValidationError(_("This edition has no venue image."))
    venue.delete()
    stored_files.delete_once_committed([venue.image])
