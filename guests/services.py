import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce, Greatest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit import forget_history
from guests import selectors
from guests.models import GUEST_LANGUAGE, KEEP_PERSONAL_DATA_DAYS, CheckIn, Guest


@transaction.atomic
def send_invitation(*, guest, by):
    """E-mail ``guest`` their personal invitation link, once the transaction commits, and
    note when. A revoked invitation, or a guest without an e-mail address, is refused."""
    guest = Guest.objects.select_for_update().select_related("edition").get(pk=guest.pk)
    if guest.is_revoked:
        raise ValidationError(_("This invitation has been revoked."))
    if not guest.email:
        raise ValidationError(_("Add the guest's e-mail address first."))
    context = {"guest": guest, "edition": guest.edition, "url": selectors.invitation_url(guest)}
    with translation.override(GUEST_LANGUAGE):
        subject = " ".join(render_to_string("guests/email/invitation_subject.txt", context).split())
        body = render_to_string("guests/email/invitation_body.txt", context)
    recipient = guest.email
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    )
    guest.invitation_sent_at = timezone.now()
    guest.save(update_fields=["invitation_sent_at"])
    return guest


@transaction.atomic
def revoke_invitation(*, guest, by):
    """End ``guest``'s invitation: its link and QR code no longer open it. Revoking one
    revoked already keeps the first time."""
    guest = Guest.objects.select_for_update().get(pk=guest.pk)
    if not guest.is_revoked:
        guest.revoked_at = timezone.now()
        guest.save(update_fields=["revoked_at"])
    return guest


@transaction.atomic
def answer_invitation(*, token, rsvp, representative_name=""):
    """Record the guest's answer to the invitation of ``token``: attending, not
    attending, or sending a representative, who is then named. The guest may change
    the answer while the invitation stands."""
    guest = selectors.guest_for_token(token, queryset=Guest.objects.select_for_update())
    if guest is None:
        raise ValidationError(_("This invitation is not valid, or it has been revoked."))
    if rsvp not in Guest.Rsvp.values or rsvp == Guest.Rsvp.PENDING:
        raise ValidationError(_("Choose whether you will attend."))
    representative_name = " ".join(representative_name.split())
    if rsvp == Guest.Rsvp.REPRESENTED and not representative_name:
        raise ValidationError(_("Give the name of the person who will represent you."))
    guest.rsvp = rsvp
    guest.representative_name = representative_name if rsvp == Guest.Rsvp.REPRESENTED else ""
    guest.answered_at = timezone.now()
    guest.save(update_fields=["rsvp", "representative_name", "answered_at"])
    return guest


def _staff_name(user):
    if user is None:
        return _("a staff member no longer registered")
    return user.get_full_name() or user.email or user.get_username()


def already_checked_in_message(check_in):
    return _("Already checked in at %(time)s on %(day)s by %(by)s.") % {
        "time": date_format(timezone.localtime(check_in.checked_in_at), "H:i"),
        "day": date_format(check_in.day, "j F Y"),
        "by": _staff_name(check_in.by),
    }


@transaction.atomic
def check_in(*, edition, day, by, code=None, guest=None, scanned_at=None):
    """Let a guest in at the gate of ``edition`` on ``day``: the guest whose invitation
    token is ``code`` (typed or scanned), or ``guest`` picked by name. ``scanned_at`` is
    when a phone kept the scan while offline; the check-in is of the day it was made,
    even once that day is over.

    Refused, with nothing stored, each with its own message: a code nobody issued, a
    revoked invitation, an invitation of another edition, a day that is not the edition's
    or not the guest's, a guest already checked in that day (code ``already``)."""
    if guest is not None:
        guest = Guest.objects.filter(pk=guest.pk).first()
    elif code:
        guest = selectors.guest_for_code(code)
    if guest is None:
        raise ValidationError(
            _("This code is not one of our invitations. Ask the guest for the invitation."),
            code="unknown",
        )
    if guest.edition_id != edition.pk:
        # Another organisation's edition is not named to this one's staff.
        if guest.edition.organisation_id == edition.organisation_id:
            message = _("This invitation is for another expo: %(edition)s.") % {
                "edition": guest.edition
            }
        else:
            message = _("This invitation is for another expo.")
        raise ValidationError(message, code="other_edition")
    if not edition.starts_on <= day <= edition.ends_on:
        raise ValidationError(
            _("%(day)s is not a day of %(edition)s.")
            % {"day": date_format(day, "j F Y"), "edition": edition},
            code="not_a_day",
        )
    if guest.is_revoked:
        raise ValidationError(
            _("This invitation has been revoked: the guest is not let in with it."),
            code="revoked",
        )
    # The guest's row is the lock: a second gate checking the same guest in waits here,
    # then finds the first one's check-in.
    guest = Guest.objects.select_for_update().select_related("edition").get(pk=guest.pk)
    if day not in guest.invited_days:
        raise ValidationError(
            _("This guest is invited on %(days)s, not on %(day)s.")
            % {
                "days": ", ".join(date_format(invited, "j F") for invited in guest.invited_days),
                "day": date_format(day, "j F Y"),
            },
            code="not_invited",
        )
    existing = selectors.check_in_of(guest=guest, day=day)
    if existing is not None:
        raise ValidationError(already_checked_in_message(existing), code="already")
    now = timezone.now()
    return CheckIn.objects.create(
        guest=guest, day=day, by=by, checked_in_at=min(scanned_at or now, now)
    )


@transaction.atomic
def anonymise_past_guests(*, today=None):
    """Remove the name, position, contact, notes and representative of the guests of the
    editions that ended more than ``KEEP_PERSONAL_DATA_DAYS`` ago, with what the audit
    log kept of them, and revoke their invitations. What the report counts stays: the
    institution and its kind, the days, the answer and the check-ins. Returns how many."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=KEEP_PERSONAL_DATA_DAYS)
    # The edition's last day, at the venue or online (``Edition.last_day``).
    last_day = Greatest("edition__ends_on", Coalesce("edition__online_ends_on", "edition__ends_on"))
    past = Guest.objects.alias(last_day=last_day).filter(
        last_day__lt=cutoff, anonymised_at__isnull=True
    )
    forget_history(past)
    now = timezone.now()
    return past.update(
        name="",
        position="",
        whatsapp="",
        email="",
        notes="",
        representative_name="",
        revoked_at=Coalesce("revoked_at", Value(now)),
        anonymised_at=now,
    )
