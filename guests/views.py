from allauth.core.internal import ratelimit
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guests import selectors, services
from guests.forms import RsvpForm


def personal(response):
    """A guest's own page: kept by no shared cache nor the browser, found by no search
    engine."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """A guest's invitation: the edition, the days and the place, the QR code to show at
    the gate, and the answer (attending, not, or a representative)."""
    # allauth's limiter, which the accounts' pages use, counting page views (GET) too: a
    # token is guessed by opening pages.
    if not ratelimit.consume(
        request, app="allauth.account", action="guest_invitation", limit_get=True
    ):
        return personal(render(request, "guests/too_many.html", status=429))
    guest = selectors.guest_for_token(token)
    if guest is None:
        return personal(render(request, "guests/invitation_invalid.html", status=404))
    form = RsvpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_invitation(
                token=token,
                rsvp=form.cleaned_data["rsvp"],
                representative_name=form.cleaned_data["representative_name"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your answer has been recorded."))
            return redirect(request.path)
    if request.method == "GET" and guest.rsvp != guest.Rsvp.PENDING:
        form = RsvpForm(
            initial={"rsvp": guest.rsvp, "representative_name": guest.representative_name}
        )
    context = {
        "guest": guest,
        "edition": guest.edition,
        "qr_svg": selectors.invitation_qr_svg(guest),
        "form": form,
    }
    return personal(render(request, "guests/invitation.html", context))
