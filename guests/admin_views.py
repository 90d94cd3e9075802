"""The gate: the page a member of the staff holds on a phone at the venue's entrance to
let the invited guests in, and the address its script sends the scans to.

It is an admin page, not a page of the public site: the staff sign in to the admin
already, where their role (``guests.add_checkin``) and their organisation's editions are
checked on every page, and the gate needs nothing of the public site's look. Without
JavaScript it is two plain forms (a typed code, a name search); with it, the camera
reads the QR code and scans made offline wait on the phone (``static/js/gate.js``).
"""

from allauth.core.internal import ratelimit
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from expo.selectors import editions_for, gate_days_for
from guests import selectors, services
from guests.forms import GateCodeForm, GateGuestForm, GateSearchForm

CHECK_IN_PERMISSION = "guests.add_checkin"


class GateAdminMixin:
    """Adds the gate's pages to the guest admin; ``gate_urls`` goes into ``get_urls``."""

    def gate_urls(self):
        view = self.admin_site.admin_view
        return [
            path("gate/", view(self.gate_index_view), name="guests_gate_index"),
            path("gate/<int:edition_id>/", view(self.gate_view), name="guests_gate"),
            path(
                "attendance/<int:edition_id>/",
                view(self.attendance_view),
                name="guests_attendance",
            ),
            path(
                "list/<int:edition_id>/",
                view(self.day_list_view),
                name="guests_day_list",
            ),
            path(
                "gate/<int:edition_id>/scan/",
                view(require_POST(self.gate_scan_view)),
                name="guests_gate_scan",
            ),
        ]

    def _gate_edition(self, request, edition_id):
        if not request.user.has_perm(CHECK_IN_PERMISSION):
            raise PermissionDenied
        return get_object_or_404(
            editions_for(request.user).exclude(format="virtual"), pk=edition_id
        )

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **extra}

    def gate_index_view(self, request):
        if not request.user.has_perm(CHECK_IN_PERMISSION):
            raise PermissionDenied
        today = timezone.localdate()
        editions = gate_days_for(request.user, today=today)
        context = self._context(
            request, title=_("Gate"), editions=editions, today=today, day_url="admin:guests_gate"
        )
        return TemplateResponse(request, "admin/guests/gate_index.html", context)

    def gate_view(self, request, edition_id):
        edition = self._gate_edition(request, edition_id)
        day = edition.gate_day(request.POST.get("day") or request.GET.get("day"))
        answer = None
        code_form = GateCodeForm(initial={"day": day})
        if request.method == "POST":
            answer, code_form = self._check_in(request, edition)
        search = GateSearchForm(request.GET)
        found = selectors.gate_guests(
            edition=edition, search=search.data.get("q", "") if search.is_valid() else ""
        )
        context = self._context(
            request,
            title=_("Gate: %(edition)s") % {"edition": edition.name},
            edition=edition,
            day=day,
            days=edition.venue_days,
            answer=answer,
            code_form=code_form,
            search_form=search,
            found=[(guest, _checked_in(guest, day)) for guest in found],
        )
        # A refusal is an answer to show, not a failed page; only the limit is told apart.
        status = 429 if answer is not None and answer.status == 429 else 200
        return TemplateResponse(request, "admin/guests/gate.html", context, status=status)

    def attendance_view(self, request, edition_id):
        """Who was invited, who confirmed and who came, per day and kind of institution,
        and who of the day's guests has not come yet: for the organisers, live."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        edition = get_object_or_404(editions_for(request.user), pk=edition_id)
        day = edition.gate_day(request.GET.get("day"))
        context = self._context(
            request,
            title=_("Guest attendance: %(edition)s") % {"edition": edition.name},
            edition=edition,
            day=day,
            days=selectors.attendance(edition=edition),
            missing=selectors.not_arrived(edition=edition, day=day),
        )
        return TemplateResponse(request, "admin/guests/attendance.html", context)

    def day_list_view(self, request, edition_id):
        """The guests invited on one day, on paper: for the reception desk, the
        protocol staff and a gate without a phone, with a column to tick or sign."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        edition = get_object_or_404(editions_for(request.user), pk=edition_id)
        day = edition.gate_day(request.GET.get("day"))
        context = self._context(
            request,
            title=_("Guests of %(day)s: %(edition)s")
            % {"day": date_format(day, "j F Y"), "edition": edition.name},
            edition=edition,
            day=day,
            days=edition.venue_days,
            guests=selectors.invited_on(edition=edition, day=day),
        )
        return TemplateResponse(request, "admin/guests/day_list.html", context)

    def gate_scan_view(self, request, edition_id):
        """A scan sent by the gate's script: now, or later from the phone's queue. The
        same scan sent twice is answered as done, not as an error: the queue may resend
        what the server kept before the connection dropped."""
        edition = self._gate_edition(request, edition_id)
        answer, _form = self._check_in(request, edition)
        return JsonResponse(answer.as_json(), status=answer.status)

    def _check_in(self, request, edition):
        """The answer to a check-in posted by code or by a guest picked by name, and the
        code form to show again."""
        picked = "guest" in request.POST
        form = (GateGuestForm if picked else GateCodeForm)(request.POST)
        if not form.is_valid():
            return Answer.refused(_("Type the code of the invitation.")), form
        # Codes are typed and scanned: guessing them is limited as opening invitations is.
        if not picked and not ratelimit.consume(
            request, app="allauth.account", action="gate_check_in"
        ):
            return Answer.refused(_("Too many codes in a minute. Wait a moment."), status=429), form
        data = form.cleaned_data
        guest = None
        if picked:
            guest = self.get_queryset(request).filter(edition=edition, pk=data["guest"]).first()
            if guest is None:
                raise Http404
        try:
            check_in = services.check_in(
                edition=edition,
                day=data["day"],
                by=request.user,
                code=data.get("code"),
                guest=guest,
                scanned_at=data.get("scanned_at"),
            )
        except ValidationError as error:
            if error.code == "already":
                existing = selectors.check_in_of(
                    guest=guest or selectors.guest_for_code(data["code"]), day=data["day"]
                )
                return Answer.already(existing, error.messages[0]), GateCodeForm(
                    initial={"day": data["day"]}
                )
            return Answer.refused(error.messages[0]), form
        return Answer.checked_in(check_in), GateCodeForm(initial={"day": data["day"]})


def _checked_in(guest, day):
    return next((check_in for check_in in guest.check_ins.all() if check_in.day == day), None)


class Answer:
    """What the gate shows after a check-in: the guest let in, already in, or refused."""

    def __init__(self, *, kind, message, guest=None, status=200):
        self.kind, self.message, self.guest, self.status = kind, message, guest, status

    @classmethod
    def checked_in(cls, check_in):
        return cls(kind="checked_in", message=_("Welcome!"), guest=check_in.guest)

    @classmethod
    def already(cls, check_in, message):
        return cls(kind="already", message=message, guest=check_in.guest)

    @classmethod
    def refused(cls, message, *, status=400):
        return cls(kind="refused", message=message, status=status)

    def as_json(self):
        guest = self.guest
        return {
            "status": self.kind,
            "message": self.message,
            "guest": None
            if guest is None
            else {
                "name": guest.name,
                "position": guest.position,
                "institution": guest.institution,
                "companions": guest.companions,
            },
        }
