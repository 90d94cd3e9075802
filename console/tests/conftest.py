from booths.tests.test_admin_permissions import records  # noqa: F401 (the admin's rows)
