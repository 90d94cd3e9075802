"""Bar charts of the impact report, drawn as SVG on the server: no script, no external
service, and readable printed in black and white (hatched bars, outlines, every value
written beside its bar). The numbers are also in a table beside each chart."""

from dataclasses import dataclass

from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from core.templatetags.formats import rupiah

register = template.Library()

WIDTH = 860
LABEL_WIDTH = 210
BAR_AREA = 300
ROW_HEIGHT = 30
BAR_HEIGHT = 18
TOP = 24  # room for the target's label above the first bar
# A target chart reaches this far past the target before its bars stop growing.
MOST_PERCENT = 150


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str
    pattern: str = "hatch"  # or "dots": a second series, told apart without colour


def _chart(chart_id, title, bars, *, scale=None, marker=None, marker_label=""):
    """The geometry of a horizontal bar chart: one row per bar, lengths in proportion to
    the values (or to ``scale``), and an optional vertical line at ``marker``."""
    scale = scale or max((bar.value for bar in bars), default=0) or 1
    rows = []
    for index, bar in enumerate(bars):
        length = round(BAR_AREA * min(bar.value, scale) / scale)
        y = TOP + index * ROW_HEIGHT
        rows.append(
            {
                "bar": bar,
                "y": y,
                "text_y": y + BAR_HEIGHT - 4,
                "length": length,
                "text_x": LABEL_WIDTH + length + 8,
            }
        )
    height = TOP + len(bars) * ROW_HEIGHT + 8
    marker_x = LABEL_WIDTH + round(BAR_AREA * marker / scale) if marker is not None else None
    return {
        "id": chart_id,
        "title": title,
        "rows": rows,
        "width": WIDTH,
        "height": height,
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "marker_x": marker_x,
        "marker_label": marker_label,
        "marker_bottom": height - 4,
    }


@register.inclusion_tag("admin/outcomes/bar_chart.html")
def day_chart(report):
    bars = [
        Bar(date_format(day.day, "D j M"), day.retail, rupiah(day.retail))
        for day in report.days
        if day.is_expo_day or day.retail
    ]
    return _chart("chart-days", _("Retail sales by day"), bars)


@register.inclusion_tag("admin/outcomes/bar_chart.html")
def category_chart(report):
    bars = [
        Bar(row.label, row.figures.total, rupiah(row.figures.total)) for row in report.by_category
    ]
    return _chart("chart-categories", _("Transactions by category"), bars)


@register.inclusion_tag("admin/outcomes/bar_chart.html")
def target_chart(report):
    """Each target as the share of it reached, against a line at 100%."""
    bars = []
    if report.sales_target:
        target = report.sales_target
        text = _("%(achieved)s of %(target)s (%(percent)s%%)") % {
            "achieved": rupiah(target.achieved),
            "target": rupiah(target.target),
            "percent": number_format(target.percent, decimal_pos=1),
        }
        bars.append(Bar(_("Transactions"), target.percent, text))
    if report.visitors_target:
        target = report.visitors_target
        text = _("%(achieved)s of %(target)s (%(percent)s%%)") % {
            "achieved": number_format(target.achieved, force_grouping=True),
            "target": number_format(target.target, force_grouping=True),
            "percent": number_format(target.percent, decimal_pos=1),
        }
        bars.append(Bar(_("Visitors"), target.percent, text, pattern="dots"))
    return _chart(
        "chart-targets",
        _("Targets reached"),
        bars,
        scale=MOST_PERCENT,
        marker=100,
        marker_label=_("target (100%)"),
    )
