"""The impact report of the scale edition (issue 16): its admin page under load, for a
staff member, and the CPU its Excel export takes.

The report is an admin page, drawn anew on every request (never in the public cache):
wrk asks for it with the session cookie of a staff account the bench signs in. The
export is asked for in the bench's own process, through Django's test client with the
same production settings; its figure is the process's CPU time (``time.process_time``),
not the wall clock, so PostgreSQL's share and a busy neighbour do not count.
"""

import shutil
import statistics
import time
from dataclasses import dataclass

from bench.load import RUNS, SECONDS, _median, wrk
from bench.outcome import NotMeasured
from bench.pages import Page
from bench.server import status_of

EXPORT_RUNS = 3
IDLE_TIMEOUT = 60
IDLE_ANSWER_SECONDS = 0.05  # hello world answers in a few milliseconds on an idle server


@dataclass(frozen=True)
class Export:
    cpu_seconds: float  # median of EXPORT_RUNS
    size: int  # bytes of the workbook


def report_pages():
    """The report page and its Excel export, for the scale edition."""
    from django.urls import reverse

    from booths.demo.plans import SCALE_EDITION_SLUG
    from expo.models import Edition

    edition = Edition.objects.get(slug=SCALE_EDITION_SLUG)
    report = reverse("admin:outcomes_report", args=[edition.pk])
    excel = reverse("admin:outcomes_report_excel", args=[edition.pk])
    return {
        "report": Page("report", "impact report (admin)", report),
        "excel": Page("excel", "impact report, Excel export", excel),
    }


def measure_export(client, page):
    """The CPU the bench's process spends on the Excel export, median of EXPORT_RUNS."""
    spent, size = [], 0
    for _ in range(EXPORT_RUNS):
        started = time.process_time()
        response = client.get(page.path)
        spent.append(time.process_time() - started)
        if response.status_code != 200:
            return NotMeasured(f"answered HTTP {response.status_code}, not 200")
        size = len(response.content)
    return Export(cpu_seconds=statistics.median(spent), size=size)


def measure_report(base_url, hello, page, header, log):
    """The report page's requests/s for a staff member, as a ratio to hello world measured
    right before it in each run (as ``bench.load.measure`` pairs the public pages)."""
    if not shutil.which("wrk"):
        return NotMeasured("wrk is not installed (apt-get install wrk)")
    status = status_of(base_url, page.path, header=header)
    if status != 200:
        return NotMeasured(f"answered HTTP {status}, not 200")
    samples, ratios = [], []
    for run in range(1, RUNS + 1):
        log(f"wrk run {run}/{RUNS}: {page.name}")
        _wait_until_idle(base_url, hello.path)
        before = wrk(base_url + hello.path, SECONDS)
        if not before.requests:
            return NotMeasured("hello world answered no request in its run")
        sample = wrk(base_url + page.path, SECONDS, header)
        samples.append(sample)
        ratios.append(sample.rps / before.rps)
    return _median(samples, ratios, 0)


def _wait_until_idle(base_url, path):
    """Wait until the server answers ``path`` at once again: when wrk stops, the server
    still draws the reports it had been asked for, and hello world would be measured
    against them."""
    deadline = time.monotonic() + IDLE_TIMEOUT
    while time.monotonic() < deadline:
        started = time.monotonic()
        status_of(base_url, path)
        if time.monotonic() - started < IDLE_ANSWER_SECONDS:
            return
        time.sleep(0.5)
