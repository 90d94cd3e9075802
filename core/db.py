"""What PostgreSQL says of a refused write."""


def violated_constraint(error):
    """The name of the constraint an ``IntegrityError`` is about, or None."""
    diag = getattr(error.__cause__, "diag", None)
    return diag.constraint_name if diag else None
