"""What PostgreSQL says of a refused write, and the queries every app builds alike."""

from django.db.models import BigIntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def violated_constraint(error):
    """The name of the constraint an ``IntegrityError`` is about, or None."""
    diag = getattr(error.__cause__, "diag", None)
    return diag.constraint_name if diag else None


def total_per_row(queryset, aggregate, **outer):
    """``aggregate`` over the rows of ``queryset`` that belong to each row of an outer
    query, 0 where none do: a subquery to annotate the outer query with.

    ``outer`` maps each lookup of ``queryset``'s rows to the outer query's field it
    equals, e.g. ``application="pk"``, or ``edition="edition_id", exhibitor="exhibitor_id"``.
    """
    rows = queryset.filter(**{lookup: OuterRef(field) for lookup, field in outer.items()})
    return Coalesce(
        Subquery(
            rows.order_by().values(*outer).annotate(result=aggregate).values("result"),
            output_field=BigIntegerField(),
        ),
        0,
    )
