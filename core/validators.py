import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Marks and overrides that change the direction or order in which text is shown: in a
# name they only serve to make it read as something else (``gnp.exe`` shown as ``exe.png``).
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def no_bidi_controls(value):
    if BIDI_CONTROLS.search(value):
        raise ValidationError(
            _("A name cannot contain characters that reverse or reorder the text."),
            code="bidi_control",
        )
