#!/usr/bin/env python
import os
import sys

# Commands that never connect to the database: in development they run without starting
# the embedded server, in production without DATABASE_URL (the Dockerfile collects the
# static files at build time, with no database about).
WITHOUT_DATABASE = {
    "collectstatic",
    "compilemessages",
    "diffsettings",
    "findstatic",
    "help",
    "makemessages",
    "version",
}


def uses_database(argv):
    """Whether the command line of ``manage.py`` runs a command that connects."""
    command = argv[1] if len(argv) > 1 else "help"
    if command.startswith("-"):  # --help, --version
        return False
    if command == "check":  # connects only to check the databases it is given
        return any(argument.startswith("--database") for argument in argv[2:])
    return command not in WITHOUT_DATABASE


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "expo.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    if uses_database(sys.argv):
        from core.embedded_db import start_unless_configured

        start_unless_configured()
    try:
        execute_from_command_line(sys.argv)
    except OperationalError as error:
        # An unreachable or misconfigured database is a setup problem, not a bug: say so
        # in one line instead of a stack trace.
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        sys.exit(f"Cannot use the database: {first_line}")


if __name__ == "__main__":
    main()
