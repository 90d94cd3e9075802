import segno
from django.core import signing
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from exhibitors.notifications import absolute_url, whatsapp_link
from guests.models import GUEST_LANGUAGE, TOKEN_SALT, Guest


def guest_for_token(token, *, queryset=None):
    """The guest whose invitation ``token`` opens, with the edition; None for a token
    nobody signed (no query then), or an invitation revoked."""
    try:
        key = signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        return None
    queryset = Guest.objects.all() if queryset is None else queryset
    return queryset.select_related("edition").filter(key=key, revoked_at__isnull=True).first()


def invitation_url(guest):
    return absolute_url(guest.get_absolute_url())


def invitation_qr_svg(guest):
    """The QR code of the invitation, as inline SVG: it holds the token alone, nothing
    of the guest's own, for the gate to read."""
    qr = segno.make(guest.invitation_token, error="m")
    # segno writes the SVG itself from the signed token.
    return mark_safe(qr.svg_inline(scale=1, border=2, omitsize=True))  # noqa: S308


def invitation_whatsapp_link(guest):
    """The WhatsApp chat with the guest, the invitation written in Indonesian for the
    organiser to send; None without a number."""
    if not guest.whatsapp:
        return None
    with translation.override(GUEST_LANGUAGE):
        message = render_to_string(
            "guests/email/invitation_body.txt",
            {"guest": guest, "edition": guest.edition, "url": invitation_url(guest)},
        )
    return whatsapp_link(guest.whatsapp_digits, message)
