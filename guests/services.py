from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guests import selectors
from guests.models import GUEST_LANGUAGE, Guest


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
