"""The portal under gunicorn, as production runs it, on a free port of 127.0.0.1."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

# Two cores: one process per core and one spare, as the Dockerfile's command has it,
# each with a few threads so a request waiting on PostgreSQL does not hold a core.
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
HOST = "127.0.0.1"
START_TIMEOUT = 60


class ServerError(Exception):
    pass


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def status_of(base_url, path, header=None):
    """The status code of one GET, redirects not followed; an HTTP error becomes a code.
    ``header``: one more, as wrk's ``--header`` takes it (``Name: value``)."""
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = dict([[part.strip() for part in header.split(":", 1)]]) if header else {}
    try:
        connection.request("GET", path, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


class Gunicorn:
    """Start on enter, wait until /healthz answers, stop (and wait for) on exit."""

    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self.process = None

    def __enter__(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("w")
        # The access log on, as the Dockerfile runs it (there to standard output, here to
        # the server's log file): a line per request is part of what a request costs.
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "expo.wsgi",
            f"--bind={HOST}:{self.port}",
            "--worker-class=gthread",
            f"--workers={WORKERS}",
            f"--threads={THREADS}",
            # Workers recycled as the Dockerfile's command has them.
            "--max-requests=1000",
            "--max-requests-jitter=100",
            "--access-logfile=-",
            "--log-level=warning",
        ]
        # BENCH routes the hello-world baseline (expo/urls.py).
        self.process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "BENCH": "1"}
        )
        log.close()
        try:
            self._wait_for_health()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _wait_for_health(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(f"gunicorn exited at start; its log is {self.log_path}")
            try:
                if status_of(self.base_url, "/healthz") == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise ServerError(f"/healthz did not answer 200 in {START_TIMEOUT} s; see {self.log_path}")
