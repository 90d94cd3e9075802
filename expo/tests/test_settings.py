"""Starting the portal: production settings, an unreachable database, the embedded server."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import psutil

from core import embedded_db

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "test-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN",
    "ALLOWED_HOSTS": "expo.example.go.id",
    "DATABASE_URL": "postgresql://expo@127.0.0.1:1/expo",
}


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in PRODUCTION}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": ""})

    assert result.returncode != 0
    assert "set SECRET_KEY to a random string of at least 50 characters" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", **{**PRODUCTION, "ALLOWED_HOSTS": ""})

    assert result.returncode != 0
    assert "set ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )


def test_unreachable_database_is_one_clear_line():
    result = manage("migrate", DATABASE_URL="postgresql://expo@127.0.0.1:1/expo")

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Cannot use the database: connection failed:")


def test_embedded_server_survives_a_killed_run(tmp_path):
    data_dir = tmp_path / "postgres"
    starter = (
        "import sys, time; from pathlib import Path; from core import embedded_db; "
        "embedded_db.database_url(Path(sys.argv[1])); print('up', flush=True); time.sleep(60)"
    )
    killed = subprocess.Popen(
        [sys.executable, "-c", starter, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert killed.stdout.readline() == "up\n"
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    killed.stdout.close()

    # The killed run left its pid behind; the next start joins the running server and,
    # being its last user, stops it cleanly on exit.
    joiner = subprocess.run(
        [sys.executable, "-c", starter.replace("time.sleep(60)", "pass"), str(data_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert (joiner.returncode, joiner.stdout) == (0, "up\n")
    assert not (data_dir / "postmaster.pid").exists()


def test_stale_postmaster_pid_of_another_process_is_cleared(tmp_path):
    # A pid the system gave to some other program since the server was killed.
    (tmp_path / "postmaster.pid").write_text(f"{os.getpid()}\n{tmp_path}\n")
    (tmp_path / ".handle_pids.json").write_text(f"[{os.getpid()}, {max(psutil.pids()) + 10000}]")

    embedded_db._forget_dead_processes(tmp_path)

    assert not (tmp_path / "postmaster.pid").exists()
    assert (tmp_path / ".handle_pids.json").read_text() == f"[{os.getpid()}]"
