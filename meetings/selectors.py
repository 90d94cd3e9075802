from allauth.account.models import EmailAddress
from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext as _

from booths.selectors import booth_code
from exhibitors.models import Application
from meetings.models import Buyer, Meeting, Slot
from outcomes.report import Section


def buyer_of(user):
    """The buyer registration of ``user``, or None."""
    if not user.is_authenticated:
        return None
    return Buyer.objects.filter(user=user).select_related("user", "region").first()


def has_confirmed_email(user):
    """Whether ``user`` confirmed the address the portal writes to."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def bookable_participant(*, edition, slug):
    """The accepted participant of ``edition`` whose profile is ``slug``, or None."""
    return (
        Application.objects.accepted()
        .filter(edition=edition, exhibitor__slug=slug)
        .select_related("exhibitor", "edition")
        .annotate(booth_code=booth_code())
        .first()
    )


def free_slots(*, application):
    """The slots of the participant's edition still ahead and not taken by one of its
    accepted meetings, in order."""
    taken = Meeting.objects.accepted().filter(slot=OuterRef("pk"), application=application)
    return (
        Slot.objects.upcoming()
        .filter(edition_id=application.edition_id)
        .exclude(Exists(taken))
        .order_by("starts_at")
    )


def buyer_meetings(*, buyer):
    return (
        Meeting.objects.filter(buyer=buyer)
        .select_related("slot", "application__exhibitor", "application__edition")
        .annotate(booth_code=booth_code_of_meeting())
        .order_by("slot__starts_at", "pk")
    )


def exhibitor_meetings(*, exhibitor):
    """The meetings buyers asked of ``exhibitor``'s participations, those to decide first."""
    return (
        Meeting.objects.filter(application__exhibitor=exhibitor)
        .select_related("slot", "buyer__user", "buyer__region", "application__edition")
        .annotate(booth_code=booth_code_of_meeting())
        .order_by("slot__starts_at", "pk")
    )


def booth_code_of_meeting():
    """The code of the booth of a meeting's participant, or None: where a meeting at the
    booth takes place."""
    return F(f"application__{booth_code().name}")


def meeting_for_mail(meeting):
    """``meeting`` with what its confirmation names: the slot, edition, participant,
    buyer and booth."""
    return (
        Meeting.objects.select_related(
            "slot__edition", "application__exhibitor__owner", "buyer__user"
        )
        .annotate(booth_code=booth_code_of_meeting())
        .get(pk=meeting.pk)
    )


def has_slots():
    """Whether the organiser opened business meetings at an edition, annotated on it: its
    participants' pages then link to their booking pages."""
    return Exists(Slot.objects.filter(edition=OuterRef("pk")))


def report_section(edition):
    """The business meetings of ``edition``, for its impact report
    (``outcomes.report.register_section``): None when none was asked for."""
    figures = Meeting.objects.filter(slot__edition=edition).counts()
    if not figures["requested"]:
        return None
    return Section(
        key="meetings",
        title=_("Business matching"),
        rows=[
            (_("Meetings requested"), figures["requested"]),
            (_("Accepted"), figures["accepted"]),
            (_("Declined"), figures["declined"]),
            (_("Held"), figures["held"]),
        ],
    )
