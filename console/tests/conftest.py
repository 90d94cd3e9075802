from booths.tests.helpers import records  # noqa: F401 (the admin's rows)
