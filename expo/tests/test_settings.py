"""Starting the portal: production settings, an unreachable database, what needs none."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "test-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN",
    "ALLOWED_HOSTS": "expo.example.go.id",
}
# Each test sets these itself, whatever the test run has (its own DATABASE_URL, say).
UNSET = {*PRODUCTION, "DATABASE_URL", "BENCH", "EMBEDDED_POSTGRES_DIR"}


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in UNSET}
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


def test_production_refuses_to_use_the_database_without_database_url():
    result = manage("migrate", **PRODUCTION)

    assert result.returncode != 0
    assert "DEBUG is off: set DATABASE_URL to the PostgreSQL server." in result.stderr


def test_check_deploy_is_clean_with_production_settings_and_no_database():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )


def test_static_files_are_collected_without_a_database(tmp_path):
    # As the Dockerfile collects them at build time.
    result = manage("collectstatic", "--no-input", STATIC_ROOT=str(tmp_path), **PRODUCTION)

    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"css/' in manifest


def test_commands_that_never_connect_start_no_database_server(tmp_path):
    data_dir = tmp_path / "postgres"

    result = manage("check", EMBEDDED_POSTGRES_DIR=str(data_dir))

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )
    assert not data_dir.exists()


def test_unreachable_database_is_one_clear_line():
    result = manage("migrate", DATABASE_URL="postgresql://expo@127.0.0.1:1/expo")

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Cannot use the database: connection failed:")


def test_bench_baseline_is_not_a_page_of_the_portal(client):
    response = client.get("/bench/hello")

    assert response.status_code == 404
    assert response.content != b"hello\n"


def test_bench_setting_routes_its_baseline():
    # What the server `make bench` starts answers (bench/server.py sets BENCH for it).
    asks = (
        "import django; django.setup(); from django.test import Client; "
        "print(Client(SERVER_NAME='127.0.0.1').get('/bench/hello').content)"
    )
    environment = {key: value for key, value in os.environ.items() if key not in UNSET}
    result = subprocess.run(
        [sys.executable, "-c", asks],
        cwd=ROOT,
        env={
            **environment,
            "BENCH": "1",
            "DJANGO_SETTINGS_MODULE": "expo.settings",
            "DATABASE_URL": "postgresql://expo@127.0.0.1:1/expo",  # it needs none
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert (result.returncode, result.stdout) == (0, "b'hello\\n'\n"), result.stderr
