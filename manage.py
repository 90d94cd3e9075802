#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "expo.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as error:
        # An unreachable or misconfigured database is a setup problem, not a bug: say so
        # in one line instead of a stack trace.
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        sys.exit(f"Cannot use the database: {first_line}")


if __name__ == "__main__":
    main()
