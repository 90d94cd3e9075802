"""The booth board and the automatic draft: the organiser's pages for placing participants.

Every page works as plain HTML forms (POST, then back to the board); with htmx the board
swaps in place: a request with the ``HX-Request`` header gets only the board's fragment.
Changes go through the services, which check every rule again at the moment of the change.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from booths import draft, selectors, services
from booths.forms import (
    BoardAssignForm,
    BoardMoveForm,
    BoardVacateForm,
    DraftConfirmForm,
    DraftOptionsForm,
    VenueImageForm,
)
from core.admin import form_page
from core.htmx import wants_fragment
from exhibitors.models import Category
from expo.selectors import editions_for

# The board shows and moves assignments; giving and taking a booth need the same
# permissions as adding and deleting an assignment anywhere else in the admin.
BOARD_PERMISSION = "booths.change_assignment"
ASSIGN_PERMISSIONS = (BOARD_PERMISSION, "booths.add_assignment")
VACATE_PERMISSIONS = (BOARD_PERMISSION, "booths.delete_assignment")
VENUE_PERMISSION = "booths.change_booth"


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _errors(form):
    return " ".join(message for messages_ in form.errors.values() for message in messages_)


# The board's query parameter each field of its forms stands for.
BOARD_QUERY = {"application": "pick", "booth": "booth", "to": "to"}


def _board_as_left(form):
    """The board as the organiser left it when ``form``'s change is refused: the
    participant and booths it was sent for, and the reason typed."""
    state = {
        key: _number(form.data.get(name))
        for name, key in BOARD_QUERY.items()
        if name in form.fields
    }
    if "override_reason" in form.fields:
        state["override_reason"] = form.data.get("override_reason", "")
    return state


class BoardAdminMixin:
    """Adds the board's pages to the booth admin; ``board_urls`` goes into ``get_urls``."""

    def board_urls(self):
        def view(function, *decorators):
            for decorator in decorators:
                function = decorator(function)
            return self.admin_site.admin_view(function)

        return [
            path("board/", view(self.board_index_view), name="booths_board_index"),
            path("board/<int:edition_id>/", view(self.board_view), name="booths_board"),
            path(
                "board/<int:edition_id>/assign/",
                view(self.board_assign_view, require_POST),
                name="booths_board_assign",
            ),
            path(
                "board/<int:edition_id>/move/",
                view(self.board_move_view, require_POST),
                name="booths_board_move",
            ),
            path(
                "board/<int:edition_id>/vacate/",
                view(self.board_vacate_view, require_POST),
                name="booths_board_vacate",
            ),
            path("board/<int:edition_id>/draft/", view(self.draft_view), name="booths_draft"),
            path(
                "board/<int:edition_id>/draft/confirm/",
                view(self.draft_confirm_view, require_POST),
                name="booths_draft_confirm",
            ),
            path(
                "board/<int:edition_id>/venue-image/",
                view(self.venue_image_view),
                name="booths_venue_image",
            ),
        ]

    # Pages

    def board_index_view(self, request):
        self._check(request, BOARD_PERMISSION)
        editions = (
            editions_for(request.user)
            .annotate(booth_count=Count("booths"))
            .order_by("-starts_on", "name")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Booth board"),
            "editions": editions,
        }
        return TemplateResponse(request, "admin/booths/board_index.html", context)

    def board_view(self, request, edition_id):
        self._check(request, BOARD_PERMISSION)
        edition = self._edition(request, edition_id)
        return self._render_board(
            request,
            edition,
            pick=_number(request.GET.get("pick")),
            booth=_number(request.GET.get("booth")),
            to=_number(request.GET.get("to")),
        )

    def board_assign_view(self, request, edition_id):
        self._check(request, *ASSIGN_PERMISSIONS)
        edition = self._edition(request, edition_id)
        return self._change_board(
            request,
            edition,
            BoardAssignForm(request.POST, edition=edition),
            change=partial(services.assign_booth, by=request.user),
            success=lambda data, assignment: (
                _("%(exhibitor)s is now at booth %(booth)s.")
                % {"exhibitor": assignment.application.exhibitor, "booth": assignment.booth}
            ),
        )

    def board_move_view(self, request, edition_id):
        self._check(request, BOARD_PERMISSION)
        edition = self._edition(request, edition_id)
        return self._change_board(
            request,
            edition,
            BoardMoveForm(request.POST, edition=edition),
            change=partial(services.move_occupant, by=request.user),
            success=lambda data, assignment: (
                _("%(exhibitor)s moved from booth %(from)s to booth %(to)s.")
                % {
                    "exhibitor": assignment.application.exhibitor,
                    "from": data["booth"],
                    "to": assignment.booth,
                }
            ),
        )

    def board_vacate_view(self, request, edition_id):
        self._check(request, *VACATE_PERMISSIONS)
        edition = self._edition(request, edition_id)
        return self._change_board(
            request,
            edition,
            BoardVacateForm(request.POST, edition=edition),
            change=services.vacate_booth,
            success=lambda data, _result: (
                _("Booth %(booth)s is free again; its participant stays accepted, without a booth.")
                % {"booth": data["booth"]}
            ),
        )

    def draft_view(self, request, edition_id, error=None):
        self._check(request, BOARD_PERMISSION)
        edition = self._edition(request, edition_id)
        # The options come with the link (GET), or with the draft whose confirmation failed.
        options = DraftOptionsForm(request.GET if request.method == "GET" else request.POST)
        recent = options.cleaned_data["recent_editions"] if options.is_valid() else None
        proposal = draft.propose(edition=edition, recent_editions=recent)
        plan = selectors.floor_plan(edition=edition)
        placements = {placement.booth_id: placement for placement in proposal.placements}
        labels = dict(Category.choices)
        for booth in plan["booths"]:
            booth.proposed = placements.get(booth.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Automatic draft for %(edition)s") % {"edition": edition},
            "edition": edition,
            "draft": proposal,
            "placements": [
                (placement, labels.get(placement.category, placement.category))
                for placement in proposal.placements
            ],
            "options_form": options,
            "form": DraftConfirmForm(
                initial={"fingerprint": proposal.fingerprint, "recent_editions": recent}
            ),
            "error": error,
            **plan,
        }
        return TemplateResponse(request, "admin/booths/draft.html", context)

    def draft_confirm_view(self, request, edition_id):
        self._check(request, *ASSIGN_PERMISSIONS)
        edition = self._edition(request, edition_id)
        form = DraftConfirmForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("The draft could not be read; make it again."))
            assignments = services.confirm_draft(
                edition=edition,
                fingerprint=form.cleaned_data["fingerprint"],
                by=request.user,
                recent_editions=form.cleaned_data["recent_editions"],
            )
        except ValidationError as error:
            return self.draft_view(request, edition_id, error=" ".join(error.messages))
        count = len(assignments)
        messages.success(
            request,
            ngettext(
                "The draft is confirmed: %(count)d booth assigned.",
                "The draft is confirmed: %(count)d booths assigned.",
                count,
            )
            % {"count": count},
        )
        return redirect("admin:booths_board", edition_id=edition.pk)

    def venue_image_view(self, request, edition_id):
        self._check(request, VENUE_PERMISSION)
        edition = self._edition(request, edition_id)
        board_url = reverse("admin:booths_board", kwargs={"edition_id": edition.pk})
        if request.method == "POST" and "remove" in request.POST:
            try:
                services.remove_venue_image(edition=edition)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The venue image is off the plan."))
            return redirect(board_url)
        form = VenueImageForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.set_venue_image(edition=edition, **form.cleaned_data)
            except ValidationError as error:
                form.add_error("image", error)
            else:
                messages.success(request, _("The venue image is now under the plan."))
                return redirect(board_url)
        return form_page(
            self,
            request,
            form=form,
            title=_("Venue image for %(edition)s") % {"edition": edition},
            template="admin/booths/venue_image.html",
            changelist_url=board_url,
            edition=edition,
            venue_image=getattr(edition, "venue_image", None),
        )

    # Helpers

    def _check(self, request, *permissions):
        if not request.user.has_perms(permissions):
            raise PermissionDenied

    def _edition(self, request, edition_id):
        return get_object_or_404(
            editions_for(request.user)
            .select_related("venue_image")
            .prefetch_related("host_regions"),
            pk=edition_id,
        )

    def _change_board(self, request, edition, form, *, change, success):
        """Make the change a form of the board asks for, through the service ``change``,
        and say so with ``success(cleaned_data, result)``. Refused, by the form or by the
        service, the board shows again as the organiser left it, with the reasons."""
        try:
            if not form.is_valid():
                raise ValidationError(_errors(form))
            result = change(**form.cleaned_data)
        except ValidationError as error:
            return self._render_board(
                request, edition, error=" ".join(error.messages), **_board_as_left(form)
            )
        messages.success(request, success(form.cleaned_data, result))
        return self._back_to_board(request, edition)

    def _back_to_board(self, request, edition):
        url = reverse("admin:booths_board", kwargs={"edition_id": edition.pk})
        if not wants_fragment(request):
            return redirect(url)
        response = self._render_board(request, edition)
        response["HX-Push-Url"] = url
        return response

    def _render_board(
        self, request, edition, *, pick=None, booth=None, to=None, error=None, override_reason=""
    ):
        board = selectors.board(edition=edition)
        picked = next((p for p in board["participants"] if p.pk == pick), None)
        selected = next((b for b in board["booths"] if b.pk == booth), None)
        target = next((b for b in board["free_booths"] if b.pk == to), None)
        urls = {
            name: reverse(f"admin:booths_{name}", kwargs={"edition_id": edition.pk})
            for name in ("board", "board_assign", "board_move", "board_vacate", "draft")
        }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Booth board: %(edition)s") % {"edition": edition},
            "edition": edition,
            "picked": picked,
            "selected": selected,
            "error": error,
            "urls": urls,
            # The panel's forms, for the booth selected.
            "assign_form": BoardAssignForm(
                edition=edition,
                initial={
                    "application": picked,
                    "booth": selected,
                    "override_reason": override_reason,
                },
            ),
            "move_form": BoardMoveForm(
                edition=edition,
                free_booths=board["free_booths"],
                initial={"booth": selected, "to": target},
            ),
            "vacate_form": BoardVacateForm(edition=edition, initial={"booth": selected}),
            "can_change_venue": request.user.has_perm(VENUE_PERMISSION),
            **board,
        }
        template = "admin/booths/board.html"
        if wants_fragment(request):
            template += "#board"
        return TemplateResponse(request, template, context)
