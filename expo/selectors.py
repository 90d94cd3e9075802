"""Who runs which editions: the one rule every admin list, page, action, export and
autocomplete reads to keep an organisation's staff to its own editions."""

from expo.models import Edition, Membership


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
