"""The shipped nginx (deploy/nginx.conf) in front of the bench's gunicorn, beside nginx
serving a static file: the physical limit of this machine for a page.

The shipped file is a server block for the nginx image's ``conf.d``; the bench puts it in
a configuration of its own, with the upstream, the port, the microcache's directory and
the media directory replaced by the bench's, and the access log on, as the image has it.
The static file is the directory page itself, as an anonymous visitor gets it: the same
bytes, without the portal.
"""

import contextlib
import os
import pwd
import re
import shutil
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.load import BROWSER, RUNS, SECONDS, WARM_UP_SECONDS, wrk
from bench.outcome import NotMeasured
from bench.server import HOST, free_port

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "deploy" / "nginx.conf"
STATIC_NAME = "page.html"


@dataclass(frozen=True)
class ThroughNginx:
    page_rps: float  # the page through the microcache, median of the runs
    static_rps: float  # the same bytes as a static file
    ratio: float  # median of the runs' page / static
    cache_status: str  # X-Cache of a request after the warm-up: HIT when kept


def measure(gunicorn_url, page, media_root, log):
    """The anonymous ``page`` through the shipped nginx, against a static copy of it."""
    if not shutil.which("nginx") or not shutil.which("wrk"):
        return NotMeasured("nginx or wrk is not installed (apt-get install nginx wrk)")
    scratch = ROOT / "var" / "bench" / "nginx"
    shutil.rmtree(scratch, ignore_errors=True)
    (scratch / "static").mkdir(parents=True)
    with urllib.request.urlopen(gunicorn_url + page.path) as response:
        (scratch / "static" / STATIC_NAME).write_bytes(response.read())
    with running(scratch, gunicorn_url, media_root) as (proxied, static):
        wrk(proxied + page.path, WARM_UP_SECONDS)
        asked = urllib.request.Request(  # as wrk asks: the variant it is served
            proxied + page.path, headers=dict(line.split(": ", 1) for line in BROWSER)
        )
        with urllib.request.urlopen(asked) as response:
            cache_status = response.headers.get("X-Cache", "none")
        pages, statics, ratios = [], [], []
        for run in range(1, RUNS + 1):
            log(f"wrk run {run}/{RUNS}: through nginx")
            served = wrk(static + "/" + STATIC_NAME, SECONDS)
            through = wrk(proxied + page.path, SECONDS)
            statics.append(served.rps)
            pages.append(through.rps)
            ratios.append(through.rps / served.rps)
    return ThroughNginx(
        page_rps=statistics.median(pages),
        static_rps=statistics.median(statics),
        ratio=statistics.median(ratios),
        cache_status=cache_status,
    )


@contextlib.contextmanager
def running(scratch, gunicorn_url, media_root):
    """nginx with the shipped configuration in front of ``gunicorn_url``, its files in
    ``scratch`` (whose "static" directory it also serves as files, on a port of its own):
    the two addresses, until the block ends."""
    (scratch / "temp").mkdir(parents=True, exist_ok=True)
    (scratch / "static").mkdir(exist_ok=True)
    port, static_port = free_port(), free_port()
    config = scratch / "nginx.conf"
    config.write_text(configuration(scratch, gunicorn_url, port, static_port, media_root))
    process = subprocess.Popen(
        ["nginx", "-c", str(config), "-p", str(scratch), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # its error log is in scratch
    )
    try:
        static = f"http://{HOST}:{static_port}"
        _wait(static + "/")
        yield f"http://{HOST}:{port}", static
    finally:
        process.terminate()
        process.wait(timeout=30)


def configuration(scratch, gunicorn_url, port, static_port, media_root):
    """A whole nginx configuration around the shipped server block, its paths in
    ``scratch``, in front of ``gunicorn_url``."""
    server = SHIPPED.read_text()
    replacements = {
        r"proxy_pass http://web:8000;": f"proxy_pass {gunicorn_url};",
        r"listen 80;": f"listen {HOST}:{port};",
        r"/var/cache/nginx/pages": str(scratch / "cache"),
        r"alias /data/media/;": f"alias {media_root}/;",
    }
    for shipped, bench in replacements.items():
        server, found = re.subn(re.escape(shipped), bench, server)
        if not found:
            raise ValueError(f"deploy/nginx.conf no longer has {shipped!r}")
    temp = scratch / "temp"
    # The workers run as whoever runs the bench (nginx would take "nobody" under root),
    # so that they may write the microcache into the bench's directory.
    user = pwd.getpwuid(os.geteuid()).pw_name
    return f"""
user {user};
worker_processes auto;
pid {scratch}/nginx.pid;
error_log {scratch}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log {scratch}/access.log;
    sendfile on;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{server}
    server {{
        listen {HOST}:{static_port};
        root {scratch}/static;
    }}
}}
"""


def _wait(url):
    for _attempt in range(100):
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # nginx answers
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nginx did not start (its error.log)")
