from decimal import Decimal

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from booths.models import Assignment, Booth
from exhibitors.models import Application, BoothKind
from expo.models import Edition


class BoothRowsForm(forms.Form):
    """Booths generated in rows: "zone B, 12 booths of 3×3 m in two rows"."""

    edition = forms.ModelChoiceField(label=_("Edition"), queryset=Edition.objects.all())
    zone = forms.CharField(label=_("Zone"), max_length=3, help_text=_("One to three letters."))
    count = forms.IntegerField(label=_("Number of booths"), min_value=1, max_value=300)
    per_row = forms.IntegerField(label=_("Booths per row"), min_value=1, max_value=100)
    width = forms.DecimalField(
        label=_("Width (m)"), min_value=Decimal("1"), max_value=Decimal("20"), decimal_places=1
    )
    depth = forms.DecimalField(
        label=_("Depth (m)"), min_value=Decimal("1"), max_value=Decimal("20"), decimal_places=1
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=BoothKind.choices)
    price = forms.IntegerField(
        label=_("Price (Rp)"), min_value=0, initial=0, help_text=_("0 means free.")
    )
    x = forms.DecimalField(
        label=_("Left edge on the plan (m)"), min_value=0, decimal_places=1, initial=0
    )
    y = forms.DecimalField(
        label=_("Top edge on the plan (m)"), min_value=0, decimal_places=1, initial=0
    )

    def __init__(self, *args, editions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions


def override_reason_field(*, attrs=None, **options):
    return forms.CharField(
        label=_("Reason to go past the outside share"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60, **(attrs or {})}),
        help_text=_(
            "Only needed when the participants from outside the host regions already hold "
            "all the booths the edition leaves them. The reason is kept with the assignment."
        ),
        **options,
    )


class AssignmentForm(forms.Form):
    """Place an accepted participant on a free booth; the service checks the rest."""

    application = forms.ModelChoiceField(
        label=_("Participant"),
        queryset=Application.objects.accepted().filter(assignment__isnull=True),
        widget=AutocompleteSelect(Assignment._meta.get_field("application"), admin.site),
        error_messages={"invalid_choice": _("Choose an accepted participant without a booth.")},
    )
    booth = forms.ModelChoiceField(
        label=_("Booth"),
        queryset=Booth.objects.free(),
        widget=AutocompleteSelect(Assignment._meta.get_field("booth"), admin.site),
        error_messages={"invalid_choice": _("Choose a free booth.")},
    )
    override_reason = override_reason_field()

    def __init__(self, *args, editions, **kwargs):
        """``editions``: the ones whose participants and booths the staff member runs."""
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = field.queryset.filter(edition__in=editions)


def board_booth_field():
    """The booth a button of the board acts on."""
    return forms.ModelChoiceField(
        label=_("Booth"),
        queryset=Booth.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("That booth is not in this edition.")},
    )


class EditionBoardForm(forms.Form):
    """A form of the booth board: only the edition's own booths and participants are
    valid choices; whether a booth is free or a participant accepted, the service checks,
    at the moment of the change.

    The board shows several of them at once: only a visible field has an id, its
    widget's own, so that two forms' hidden booth inputs do not share one."""

    template_name = "admin/booths/board.html#form"

    def __init__(self, *args, edition, **kwargs):
        kwargs.setdefault("auto_id", False)
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = field.queryset.filter(edition=edition)


class BoardAssignForm(EditionBoardForm):
    application = forms.ModelChoiceField(
        label=_("Participant"),
        queryset=Application.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("That participant is not in this edition.")},
    )
    booth = board_booth_field()
    override_reason = override_reason_field(
        attrs={"id": "override-reason", "cols": 50},
        template_name="admin/booths/board.html#form_row",
    )


class BoardMoveForm(EditionBoardForm):
    booth = board_booth_field()
    to = forms.ModelChoiceField(
        label=_("Move to"),
        queryset=Booth.objects.all(),
        empty_label=_("a free booth…"),
        widget=forms.Select(attrs={"id": "move-to"}),
        error_messages={
            "required": _("Choose the free booth to move to."),
            "invalid_choice": _("That booth is not in this edition."),
        },
    )

    def __init__(self, *args, free_booths=(), **kwargs):
        """``free_booths``: the booths to offer, from the board's own list, so that the
        form asks the database nothing more; any booth of the edition is still a valid
        choice, and the service checks it is free at the moment of the move."""
        super().__init__(*args, **kwargs)
        to = self.fields["to"]
        to.choices = [
            ("", to.empty_label),
            *((booth.pk, f"{booth.code} ({booth.get_kind_display()})") for booth in free_booths),
        ]


class BoardVacateForm(EditionBoardForm):
    booth = board_booth_field()


def recent_editions_field(**options):
    """Rotation in the automatic draft (``booths.draft``): how many earlier editions count."""
    return forms.IntegerField(required=False, min_value=1, max_value=10, **options)


class DraftOptionsForm(forms.Form):
    """How the automatic draft orders the turns; sent with GET, so the draft is a link."""

    recent_editions = recent_editions_field(
        label=_("Newcomers first: did not take part in the last … editions"),
        help_text=_(
            "Participants who did not take part in this many of your earlier editions get "
            "their turn before those who did, so that they get the booths when booths are "
            "short. Leave it empty to draw every turn by lot."
        ),
    )


class DraftConfirmForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=40)
    # The options of the draft confirmed: it is made again with them, and must match.
    recent_editions = recent_editions_field(widget=forms.HiddenInput)


class VenueImageForm(forms.Form):
    image = forms.FileField(
        label=_("Image of the venue"),
        help_text=_("A JPEG, PNG or WebP of at most 10 MB, e.g. the hall's plan."),
        error_messages={"required": _("Choose an image of the venue.")},
    )
    width_m = forms.DecimalField(
        label=_("Width on the plan (m)"),
        min_value=Decimal("1"),
        max_value=Decimal("9999"),
        decimal_places=1,
        help_text=_(
            "How many metres the image spans from its left edge to its right edge. Its "
            "top-left corner is where the plan's x and y start."
        ),
    )
