import datetime
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import icalendar, public_cache
from core.db import violated_constraint
from exhibitors.models import Application, Exhibitor
from exhibitors.notifications import absolute_url
from expo import public_scopes
from meetings import selectors
from meetings.models import MAX_LENGTH, MIN_LENGTH, Meeting, Slot


def meeting_days(edition, place):
    """The days an edition holds meetings ``place``: its days at the venue, and for an
    online meeting its online days too."""
    spans = [(edition.starts_on, edition.ends_on)]
    if place == Slot.Place.ONLINE and edition.online_starts_on:
        spans.append((edition.online_starts_on, edition.online_ends_on))
    return spans


@transaction.atomic
def open_slots(*, edition, day, starts, ends, minutes, place, by):
    """Open the meeting slots of ``day`` from ``starts`` to ``ends`` (times of the day),
    each ``minutes`` long, ``place`` at the booth or online. The day is one of the
    edition's, the length divides the time, and no slot of the edition is there already;
    otherwise nothing is opened."""
    if not any(first <= day <= last for first, last in meeting_days(edition, place)):
        raise ValidationError(
            _("Meeting slots are on the days of the edition, %(first)s to %(last)s.")
            % {"first": date_format(edition.starts_on), "last": date_format(edition.ends_on)},
            code="day_outside_edition",
        )
    if ends <= starts:
        raise ValidationError(_("The end comes after the start."), code="ends_before_start")
    if not MIN_LENGTH <= minutes <= MAX_LENGTH:
        raise ValidationError(
            _("A meeting lasts %(min)d to %(max)d minutes.")
            % {"min": MIN_LENGTH, "max": MAX_LENGTH},
            code="length",
        )
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(day, starts, tzinfo=zone)
    last = datetime.datetime.combine(day, ends, tzinfo=zone)
    length = datetime.timedelta(minutes=minutes)
    if (last - first) % length:
        raise ValidationError(
            _("The time from start to end is not a whole number of %(minutes)d-minute meetings.")
            % {"minutes": minutes},
            code="length_does_not_divide",
        )
    # The edition's row locked: two organisers opening the same morning wait in turn.
    type(edition).objects.select_for_update().get(pk=edition.pk)
    if Slot.objects.filter(edition=edition, starts_at__lt=last, ends_at__gt=first).exists():
        raise ValidationError(
            _("The edition already has meeting slots in this time."), code="slot_taken"
        )
    count = (last - first) // length
    created = Slot.objects.bulk_create(
        Slot(
            edition=edition,
            starts_at=first + n * length,
            ends_at=first + (n + 1) * length,
            place=place,
        )
        for n in range(count)
    )
    # bulk_create sends no signals: the participants' pages now offer business meetings.
    public_cache.changed(public_scopes.edition(edition.slug))
    return created


@transaction.atomic
def register_buyer(*, buyer):
    """Save ``buyer``'s registration (its account's first, or a change of it). Staff and
    owners of a business profile meet buyers from their own side, not as one."""
    if buyer.user.is_staff:
        raise ValidationError(_("Staff accounts cannot register as buyers."), code="staff")
    if Exhibitor.objects.filter(owner=buyer.user).exists():
        raise ValidationError(
            _(
                "This account keeps a business profile. To meet exhibitors as a buyer, "
                "sign up with another e-mail address."
            ),
            code="owner",
        )
    if buyer.country != "ID":
        buyer.region = None
    buyer.full_clean(exclude=["user"])
    buyer.save()
    return buyer


@transaction.atomic
def request_meeting(*, buyer, slot, application, message=""):
    """Ask ``application``'s participant for a meeting in ``slot``. The buyer's e-mail
    address is confirmed, the participant accepted in the slot's edition, the slot still
    ahead and not taken by the participant or the buyer. The participant's owner is told
    by e-mail."""
    if not selectors.has_confirmed_email(buyer.user):
        raise ValidationError(
            _("Confirm your e-mail address first: open the link we sent you."),
            code="unconfirmed",
        )
    slot = Slot.objects.select_for_update().select_related("edition").get(pk=slot.pk)
    application = Application.objects.select_related("exhibitor__owner", "edition").get(
        pk=application.pk
    )
    if (
        application.status != Application.Status.ACCEPTED
        or application.edition_id != slot.edition_id
    ):
        raise ValidationError(
            _("Meetings are with the accepted participants of the edition."),
            code="not_a_participant",
        )
    if slot.starts_at <= timezone.now():
        raise ValidationError(_("This time has passed: choose a later one."), code="past")
    taken = Meeting.objects.accepted().filter(slot=slot)
    if taken.filter(application=application).exists():
        raise ValidationError(
            _("This time is already taken: choose another one."), code="slot_taken"
        )
    if taken.filter(buyer=buyer).exists():
        raise ValidationError(_("You already have a meeting at this time."), code="buyer_busy")
    if Meeting.objects.filter(
        slot=slot, application=application, buyer=buyer, status=Meeting.Status.REQUESTED
    ).exists():
        raise ValidationError(
            _("You have already asked for this time; wait for the exhibitor's answer."),
            code="asked_already",
        )
    meeting = Meeting.objects.create(
        slot=slot, application=application, buyer=buyer, message=message.strip()
    )
    transaction.on_commit(
        lambda: mail_owner(selectors.meeting_for_mail(meeting), "meetings/email/requested")
    )
    return meeting


@transaction.atomic
def decide_meeting(*, meeting, accept, by):
    """Accept or decline a requested meeting. An accepted one is confirmed to both, the
    buyer and the participant's owner, with the calendar file, and the other requests
    for the participant's time are declined; a declined one is told to the buyer. The
    slot is locked first, so two acceptances of one time wait in turn and the second is
    refused; the database's constraints hold it even without."""
    Slot.objects.select_for_update().get(pk=meeting.slot_id)
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("slot__edition", "application__exhibitor__owner", "buyer__user")
        .get(pk=meeting.pk)
    )
    if meeting.status != Meeting.Status.REQUESTED:
        raise ValidationError(_("This request has been answered already."), code="decided")
    if accept and meeting.slot.starts_at <= timezone.now():
        raise ValidationError(_("This time has passed."), code="past")
    meeting.status = Meeting.Status.ACCEPTED if accept else Meeting.Status.DECLINED
    meeting.decided_at = timezone.now()
    meeting.decided_by = by
    try:
        with transaction.atomic():
            meeting.save(update_fields=["status", "decided_at", "decided_by"])
    except IntegrityError as error:
        if violated_constraint(error) == "meeting_one_per_buyer_and_slot":
            raise ValidationError(
                _("The buyer already has another meeting at this time."), code="buyer_busy"
            ) from error
        raise ValidationError(
            _("You already have a meeting at this time."), code="slot_taken"
        ) from error
    if accept:
        transaction.on_commit(lambda: confirm_meeting(meeting))
        # The participant's time is taken now: the other buyers who asked for it hear so.
        others = list(
            Meeting.objects.select_for_update().filter(
                slot_id=meeting.slot_id,
                application_id=meeting.application_id,
                status=Meeting.Status.REQUESTED,
            )
        )
        Meeting.objects.filter(pk__in=[other.pk for other in others]).update(
            status=Meeting.Status.DECLINED, decided_at=meeting.decided_at, decided_by=by
        )
    else:
        others = [meeting]
    for declined in others:
        transaction.on_commit(partial(tell_declined, declined))
    return meeting


def tell_declined(meeting):
    mail_buyer(selectors.meeting_for_mail(meeting), "meetings/email/declined")


# The e-mails. A buyer's are in Indonesian (the site's default): a buyer keeps no language.


def mail(*, to, template, context, language, attachment=None):
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    if attachment is not None:
        message.attach("temu-bisnis.ics", attachment, "text/calendar; method=PUBLISH")
    message.send()


def context_of(meeting):
    return {
        "meeting": meeting,
        "slot": meeting.slot,
        "edition": meeting.slot.edition,
        "exhibitor": meeting.application.exhibitor,
        "buyer": meeting.buyer,
        "place": place_of(meeting),
        "owner_url": absolute_url(reverse("meetings_owner")),
        "buyer_url": absolute_url(reverse("meetings_buyer")),
    }


def place_of(meeting):
    if meeting.slot.place == Slot.Place.ONLINE:
        return _("Online")
    code = getattr(meeting, "booth_code", None)
    edition = meeting.slot.edition
    where = f"{edition.venue_name}, {_('booth')} {code}" if code else edition.venue_name
    return where or _("At the exhibitor's booth")


def owner_email(exhibitor):
    owner = exhibitor.owner
    return owner.email if owner is not None and owner.email else exhibitor.email


def mail_owner(meeting, template, attachment=None):
    exhibitor = meeting.application.exhibitor
    recipient = owner_email(exhibitor)
    if recipient:
        mail(
            to=recipient,
            template=template,
            context=context_of(meeting),
            language=exhibitor.language,
            attachment=attachment,
        )


def mail_buyer(meeting, template, attachment=None):
    mail(
        to=meeting.buyer.email,
        template=template,
        context=context_of(meeting),
        language=settings.LANGUAGE_CODE,
        attachment=attachment,
    )


def calendar_of(meeting):
    with translation.override(settings.LANGUAGE_CODE):
        summary = _("Business meeting: %(buyer)s and %(exhibitor)s") % {
            "buyer": meeting.buyer,
            "exhibitor": meeting.application.exhibitor,
        }
        event = icalendar.Event(
            uid=f"meeting-{meeting.pk}@{settings.PORTAL_URL.split('://')[-1].strip('/')}",
            starts_at=meeting.slot.starts_at,
            ends_at=meeting.slot.ends_at,
            summary=summary,
            stamp=timezone.now(),
            location=place_of(meeting),
            description=meeting.message,
        )
        return icalendar.calendar(
            [event],
            name=summary,
            time_zone=settings.TIME_ZONE,
            product="-//Portal Pameran UMKM//Temu bisnis//ID",
        )


def confirm_meeting(meeting):
    meeting = selectors.meeting_for_mail(meeting)
    attachment = calendar_of(meeting)
    mail_buyer(meeting, "meetings/email/accepted", attachment)
    mail_owner(meeting, "meetings/email/accepted", attachment)
