"""The embedded development server: shared, and stopped when the last command using it ends."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pytest

from core import embedded_db

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 40
# Starts the server for the folder it is given and waits.
# The signals as a terminal's process gets them, whatever the test run was started under:
# ``nohup`` or a shell's background job (``&``) leave SIGHUP or SIGINT ignored, and a
# child inherits an ignored signal through exec.
DEFAULT_SIGNALS = "import signal; [signal.signal(s, signal.SIG_DFL) for s in (1, 2, 15)]; "
STARTER = (
    DEFAULT_SIGNALS + "import sys, time; from pathlib import Path; from core import embedded_db; "
    "embedded_db.database_url(Path(sys.argv[1])); print('up', flush=True); time.sleep(60)"
)


@pytest.fixture
def data_dir():
    """The data folder of a server of the test's own: the one other tests use stays up.

    Not under ``tmp_path``: run as root, the server runs as a user of its own, and every
    pytest that starts makes the folder of all their ``tmp_path`` root's alone again.
    """
    with tempfile.TemporaryDirectory(prefix="expo-postgres-") as parent:
        data_dir = Path(parent) / "postgres"
        yield data_dir
        if (data_dir / "postmaster.pid").exists():  # a test that failed left it up
            subprocess.run(
                [sys.executable, "-m", "core.embedded_db", "stop"],
                cwd=ROOT,
                env={**os.environ, "EMBEDDED_POSTGRES_DIR": str(data_dir)},
                timeout=60,
            )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


# Run first in the new session: the pseudo-terminal on its standard input becomes the
# session's controlling terminal, as a shell's is, and the command replaces this process.
TAKE_TERMINAL = (
    DEFAULT_SIGNALS + "import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])"
)


def drain(master, output):
    """Read what the terminal shows, so that the commands never block on a full one."""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the last writer closed the terminal
            return
        if not chunk:
            return
        output.append(chunk)


def test_ctrl_c_on_runserver_stops_the_server_it_started(data_dir):
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(EMBEDDED_POSTGRES_DIR=str(data_dir), DEBUG="1")
    for command in (["migrate", "--no-input"], ["createcachetable"]):  # as `make run` does
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
    port = free_port()
    master, terminal = os.openpty()
    # `make run` ends with this command: the autoreloading parent and the child it starts,
    # which serves; Ctrl-C reaches both, as the terminal's foreground process group.
    runserver = subprocess.Popen(
        [sys.executable, "-c", TAKE_TERMINAL, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
    )
    os.close(terminal)
    output = []
    reader = threading.Thread(target=drain, args=(master, output), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while status(port, "/healthz") != 200:
            assert runserver.poll() is None, b"".join(output).decode(errors="replace")
            assert time.monotonic() < deadline, b"".join(output).decode(errors="replace")
            time.sleep(0.2)
        # A visitor's page: the serving child then listens for new generations too, which
        # makes its exit take up to a second, longer than the autoreloader waits before it
        # kills the child on Ctrl-C.
        assert status(port, "/") == 200
        postgres = psutil.Process(int((data_dir / "postmaster.pid").read_text().split()[0]))
        users = json.loads((data_dir / ".handle_pids.json").read_text())

        os.write(master, b"\x03")  # Ctrl-C
        # Bounds, not speeds: a machine busy with other work stops a server slowly.
        runserver.wait(timeout=120)
        _, still_running = psutil.wait_procs([postgres], timeout=30)

        assert still_running == []
        assert json.loads((data_dir / ".handle_pids.json").read_text()) == []
        assert not (data_dir / "postmaster.pid").exists()
        # One user, the parent: not the child it replaces on every reload.
        assert users == [runserver.pid]
    finally:
        if runserver.poll() is None:
            os.killpg(runserver.pid, signal.SIGKILL)
            runserver.wait()
        reader.join(timeout=5)
        os.close(master)


def test_embedded_server_survives_a_killed_run(data_dir):
    killed = subprocess.Popen(
        [sys.executable, "-c", STARTER, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert killed.stdout.readline() == "up\n"
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    killed.stdout.close()

    # The killed run left its pid behind; the next start joins the running server and,
    # being its last user, stops it cleanly on exit.
    joiner = subprocess.run(
        [sys.executable, "-c", STARTER.replace("time.sleep(60)", "pass"), str(data_dir)],
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


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_process_killed_by_a_signal_leaves_the_server_first(data_dir, signum):
    with subprocess.Popen(
        [sys.executable, "-c", STARTER, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    ) as user:
        assert user.stdout.readline() == "up\n"
        postgres = psutil.Process(int((data_dir / "postmaster.pid").read_text().split()[0]))

        user.send_signal(signum)
        user.wait(timeout=120)
    _, still_running = psutil.wait_procs([postgres], timeout=30)

    assert user.returncode == -signum  # it still dies of the signal
    assert still_running == []
    assert json.loads((data_dir / ".handle_pids.json").read_text()) == []
