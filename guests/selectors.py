import datetime
from dataclasses import dataclass

import segno
from django.core import signing
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from exhibitors.notifications import absolute_url, whatsapp_link
from guests.models import GUEST_LANGUAGE, TOKEN_SALT, CheckIn, Guest


def _key_of(token):
    try:
        return signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        return None


def guest_for_token(token, *, queryset=None):
    """The guest whose invitation ``token`` opens, with the edition; None for a token
    nobody signed (no query then), or an invitation revoked."""
    key = _key_of(token)
    if key is None:
        return None
    queryset = Guest.objects.all() if queryset is None else queryset
    return queryset.select_related("edition").filter(key=key, revoked_at__isnull=True).first()


def guest_for_code(code):
    """The guest whose invitation token is ``code`` (read at the gate: typed or scanned),
    revoked or not, so that the gate can tell which; None for a code nobody signed."""
    key = _key_of(code.strip())
    if key is None:
        return None
    return Guest.objects.filter(key=key).first()


def gate_guests(*, edition, search):
    """The guests of ``edition`` whose name, institution or position holds ``search``, for
    the gate to pick one typed by name: at most 20, with their check-ins."""
    search = " ".join(search.split())
    if len(search) < 2:
        return Guest.objects.none()
    return (
        Guest.objects.filter(edition=edition)
        .filter(
            Q(name__icontains=search)
            | Q(institution__icontains=search)
            | Q(position__icontains=search)
        )
        .prefetch_related("check_ins")
        .order_by("name", "pk")[:20]
    )


def check_in_of(*, guest, day):
    return CheckIn.objects.select_related("by").filter(guest=guest, day=day).first()


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


@dataclass(frozen=True)
class AttendanceRow:
    label: str  # a kind of institution, or the day's total
    invited: int
    confirmed: int  # attending or sending a representative
    checked_in: int


@dataclass(frozen=True)
class AttendanceDay:
    day: datetime.date
    by_kind: list  # AttendanceRow per kind of institution with guests invited that day
    total: AttendanceRow


CONFIRMED = (Guest.Rsvp.ATTENDING, Guest.Rsvp.REPRESENTED)


def attendance(*, edition):
    """Per day of ``edition`` at the venue: the guests invited (revoked invitations left
    out), those who confirmed and those checked in, by kind of institution. Two queries,
    whatever the number of guests."""
    guests = list(
        Guest.objects.filter(edition=edition, revoked_at__isnull=True).values(
            "pk", "institution_kind", "rsvp", "days"
        )
    )
    arrived = set(CheckIn.objects.filter(guest__edition=edition).values_list("guest_id", "day"))
    labels = dict(Guest.InstitutionKind.choices)
    result = []
    for day in edition.venue_days:
        rows = {}
        for guest in guests:
            if guest["days"] and day not in guest["days"]:
                continue
            counts = rows.setdefault(guest["institution_kind"], [0, 0, 0])
            counts[0] += 1
            counts[1] += guest["rsvp"] in CONFIRMED
            counts[2] += (guest["pk"], day) in arrived
        by_kind = [
            AttendanceRow(labels[kind], *rows[kind])
            for kind in Guest.InstitutionKind
            if kind in rows
        ]
        total = AttendanceRow(
            _("All guests"), *(sum(row[n] for row in rows.values()) for n in range(3))
        )
        result.append(AttendanceDay(day=day, by_kind=by_kind, total=total))
    return result


def invited_on(*, edition, day):
    """The guests invited to ``edition`` on ``day`` (revoked invitations left out), by
    kind of institution and name: the day's printed list."""
    return (
        Guest.objects.filter(edition=edition, revoked_at__isnull=True)
        .filter(Q(days=[]) | Q(days__contains=[day]))
        .select_related("region")
        .order_by("institution_kind", "name", "pk")
    )


def not_arrived(*, edition, day):
    """The guests invited to ``edition`` on ``day`` who have not been checked in that day."""
    return invited_on(edition=edition, day=day).exclude(check_ins__day=day)
