import textwrap
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from booths.selectors import editions_to_run
from expo.selectors import editions_for

register = template.Library()

# An occupant's name under the booth's code, in metres as the plan's CSS sets its font
# (static/css/admin.css): about this much width per letter and height per line, and this
# much space along the sides.
NAME_LETTER_WIDTH = Decimal("0.28")
NAME_LINE_HEIGHT = Decimal("0.55")
NAME_PADDING = Decimal("0.3")
NAME_MIN_LETTERS = 4
# From the code's middle to the first line of the name, and how deep a booth must be for
# one or two lines of name besides its code.
CODE_TO_NAME = Decimal("0.75")
DEPTH_FOR_LINES = ((Decimal("2.4"), 2), (Decimal("1.8"), 1))


def name_lines(name, *, width, depth):
    """``name`` in the lines that fit a booth ``width`` by ``depth`` metres, cut short with
    an ellipsis if it does not fit whole; none when not even a few letters fit."""
    letters = int((width - NAME_PADDING) / NAME_LETTER_WIDTH)
    lines = next((count for least, count in DEPTH_FOR_LINES if depth >= least), 0)
    if not name or letters < NAME_MIN_LETTERS or not lines:
        return []
    return textwrap.wrap(name, letters, max_lines=lines, placeholder="…")


@register.simple_tag
def booth_shape(booth, kinds=False, name=""):
    """A booth on the floor plan: its rectangle and its code, in metres as the SVG reads
    them (never localised: ``1,5`` is no coordinate), and under the code ``name`` (its
    occupant's) in the lines that fit; the page gives the full name in the booth's
    accessible name. A tag, not an include: a plan draws hundreds of booths, and each
    include costs a template context of its own."""
    lines = name_lines(name, width=booth.width, depth=booth.depth)
    # The code and the name's lines, centred together in the booth.
    code_y = booth.centre_y - len(lines) * NAME_LINE_HEIGHT / 2 if lines else booth.centre_y
    shape = format_html(
        '<rect x="{}" y="{}" width="{}" height="{}"{}></rect>\n<text x="{}" y="{}">{}</text>',
        str(booth.x),
        str(booth.y),
        str(booth.width),
        str(booth.depth),
        format_html(' class="kind-{}"', booth.kind) if kinds else "",
        str(booth.centre_x),
        str(code_y),
        booth.code,
    )
    return format_html_join(
        "\n",
        "{}",
        [(shape,)]
        + [
            (
                format_html(
                    '<text class="occupant" x="{}" y="{}" aria-hidden="true">{}</text>',
                    str(booth.centre_x),
                    str(code_y + CODE_TO_NAME + number * NAME_LINE_HEIGHT),
                    line,
                ),
            )
            for number, line in enumerate(lines)
        ],
    )


@register.simple_tag(takes_context=True)
def editions_of_staff(context):
    """The editions the staff member of the page runs, for the admin's first page, the
    ones still to come first (``booths.selectors.editions_to_run``)."""
    user = context["request"].user
    return editions_to_run(editions=editions_for(user), today=timezone.localdate())
