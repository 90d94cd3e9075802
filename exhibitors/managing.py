"""Dinas staff working on an UMKM's profile on its owner's behalf (pendampingan).

A member of an organisation (``expo.Membership``), admin staff or a partner office's
delegate alike, may manage the profiles their organisation registered for as long as
nobody has claimed them. The profile a member chose to manage is kept in the session and
checked again against that rule on every request, so a profile claimed meanwhile, or one
of another office, is never worked on. The owner's own pages find the profile they work
on here and nowhere else.
"""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from exhibitors import selectors
from exhibitors.models import Exhibitor

SESSION_KEY = "exhibitors_managed_profile"


def working_exhibitor(request):
    """The profile this request works on: the one the signed-in member manages for its
    owner, else the account's own; None without either. Sets ``request.managing`` to the
    managed profile, for the banner of every page."""
    if not hasattr(request, "_working_exhibitor"):
        request._working_exhibitor = _find(request)
    return request._working_exhibitor


def working_exhibitor_or_404(request):
    exhibitor = working_exhibitor(request)
    if exhibitor is None:
        raise Http404
    return exhibitor


def of_working_profile(request, path="exhibitor"):
    """A condition on rows that belong to the profile this request works on, ``path``
    leading from them to it. An owner's costs no query of its own."""
    if request.session.get(SESSION_KEY) is None:
        return Q(**{f"{path}__owner": request.user})
    exhibitor = working_exhibitor(request)
    return Q(**{f"{path}_id": exhibitor.pk if exhibitor is not None else None})


def start(request, *, exhibitor_id):
    """Work on the profile ``exhibitor_id`` from now on, if the member may manage it;
    404 otherwise."""
    if not selectors.manageable_profiles(user=request.user).filter(pk=exhibitor_id).exists():
        raise Http404
    request.session[SESSION_KEY] = exhibitor_id


def stop(request):
    request.session.pop(SESSION_KEY, None)


def _find(request):
    request.managing = None
    managed_id = request.session.get(SESSION_KEY)
    if managed_id is not None:
        exhibitor = (
            selectors.manageable_profiles(user=request.user)
            .select_related("region", "kecamatan")
            .filter(pk=managed_id)
            .first()
        )
        if exhibitor is not None:
            request.managing = exhibitor
            return exhibitor
        stop(request)
        messages.info(
            request,
            _(
                "The profile you were managing can no longer be managed by your office: "
                "its owner has taken it over."
            ),
        )
    return (
        Exhibitor.objects.select_related("region", "kecamatan").filter(owner=request.user).first()
    )
