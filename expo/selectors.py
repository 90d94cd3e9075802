"""Who runs which editions: the one rule every admin list, page, action, export and
autocomplete reads to keep an organisation's staff to its own editions; and an edition's
agenda, as the public pages read it."""

import datetime

from django.utils import timezone

from expo.models import AgendaSession, Edition, Membership


def organisation_of(user):
    """The id of the organisation whose editions alone ``user`` runs, or None for an
    account that runs every edition: a superuser, or staff of no organisation."""
    if user.is_superuser:
        return None
    if not hasattr(user, "_organisation_id"):  # read once per request's user
        membership = Membership.objects.filter(user_id=user.pk).values("organisation_id")
        user._organisation_id = next(iter(membership), {}).get("organisation_id")
    return user._organisation_id


def editions_for(user):
    """The editions ``user`` may run in the admin."""
    organisation = organisation_of(user)
    if organisation is None:
        return Edition.objects.all()
    return Edition.objects.filter(organisation=organisation)


def gate_days_for(user, *, today):
    """The editions at a venue ``user`` runs that are on, coming, or ended at most a week
    before ``today`` (the gate and the tally are still filled in after the expo), each as
    ``(edition, days)`` with its days at the venue."""
    editions = (
        editions_for(user)
        .exclude(format="virtual")
        .filter(ends_on__gte=today - datetime.timedelta(days=7))
        .order_by("starts_on", "name")
    )
    return [(edition, edition.venue_days) for edition in editions]


def agenda(*, edition):
    """The sessions of ``edition``'s agenda, in the order of their times."""
    return AgendaSession.objects.filter(edition=edition).order_by("starts_at", "ends_at", "pk")


def agenda_by_day(*, edition):
    """``edition``'s agenda as ``(day, sessions)`` pairs, day by day in the portal's time
    zone, each day's sessions in their order."""
    days = {}
    for session in agenda(edition=edition):
        days.setdefault(timezone.localdate(session.starts_at), []).append(session)
    return list(days.items())
