"""Requests per second and latency with wrk, each page side by side with hello world."""

import json
import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.outcome import NotMeasured
from bench.server import status_of

CONNECTIONS = 16
WRK_THREADS = 2
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
WARM_UP_SECONDS = 2
SUMMARY_SCRIPT = Path(__file__).with_name("wrk_summary.lua")
# A session cookie makes a request a signed-in visitor's: it goes past the session,
# authentication and messages to the view, which takes the page from the shared cache and
# draws the visitor's own account links in (core.public_cache). The bench's made-up session
# is looked up and found in no row; a real one also reads its user.
SIGNED_IN_SESSION = "bench-signed-in"
SIGNED_IN = f"Cookie: sessionid={SIGNED_IN_SESSION}"
# As a phone's browser asks: wrk sends no user agent of its own, and a request without one
# is a robot's, whose view the portal does not count (outcomes.page_views). With one, the
# figures include counting each view.
BROWSER = "User-Agent: Mozilla/5.0 (Linux; Android 13) Chrome/120.0 Mobile Safari/537.36"


@dataclass(frozen=True)
class Sample:
    requests: int
    rps: float
    p50: float  # milliseconds
    p90: float
    p99: float
    errors: int


@dataclass(frozen=True)
class Throughput:
    """The median of the runs; ``ratio`` is to hello world measured just before."""

    rps: float
    ratio: float
    p50: float
    p90: float
    p99: float
    errors: int
    requests: int  # all sent to this page, warm-up included
    signed_in: "Throughput | None" = None  # the same page for a signed-in visitor


def wrk(url, seconds, header=None):
    completed = subprocess.run(
        [
            "wrk",
            "--header",
            BROWSER,
            *(["--header", header] if header else []),
            f"--threads={WRK_THREADS}",
            f"--connections={CONNECTIONS}",
            f"--duration={seconds}s",
            "--timeout=10s",
            f"--script={SUMMARY_SCRIPT}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in completed.stdout.splitlines() if line.startswith("BENCH-RESULT "))
    result = json.loads(line.removeprefix("BENCH-RESULT "))
    return Sample(
        requests=result["requests"],
        rps=result["requests"] / (result["duration_us"] / 1e6),
        p50=result["p50_us"] / 1000,
        p90=result["p90_us"] / 1000,
        p99=result["p99_us"] / 1000,
        errors=result["errors"],
    )


def measure(base_url, pages, keys, log):
    """Each page's throughput, by key, with hello world's under "hello".

    A run measures hello world, then the page, for every page in turn; the ratio is taken
    within the pair, so a neighbour's load on the shared machine moves both alike.
    """
    if not shutil.which("wrk"):
        missing = NotMeasured("wrk is not installed (apt-get install wrk)")
        return dict.fromkeys(("hello", *keys), missing)
    statuses = {key: status_of(base_url, pages[key].path) for key in ("hello", *keys)}
    if statuses["hello"] != 200:
        broken = NotMeasured(f"hello world answered HTTP {statuses['hello']}")
        return dict.fromkeys(("hello", *keys), broken)
    results = {
        key: NotMeasured(f"answered HTTP {statuses[key]}, not 200")
        for key in keys
        if statuses[key] != 200
    }
    measured = [key for key in keys if key not in results]
    warm_up = {
        key: wrk(base_url + pages[key].path, WARM_UP_SECONDS).requests
        for key in ("hello", *measured)
    }
    hello_samples = []
    samples = {key: {"cached": [], "signed_in": []} for key in measured}
    ratios = {key: {"cached": [], "signed_in": []} for key in measured}
    for run in range(1, RUNS + 1):
        for key in measured:
            log(f"wrk run {run}/{RUNS}: {pages[key].name}")
            hello = wrk(base_url + pages["hello"].path, SECONDS)
            hello_samples.append(hello)
            for variant, header in (("cached", None), ("signed_in", SIGNED_IN)):
                sample = wrk(base_url + pages[key].path, SECONDS, header)
                samples[key][variant].append(sample)
                ratios[key][variant].append(sample.rps / hello.rps)
    results["hello"] = _median(hello_samples, [1.0], warm_up["hello"])
    for key in measured:
        signed_in = _median(samples[key]["signed_in"], ratios[key]["signed_in"], 0)
        results[key] = _median(
            samples[key]["cached"], ratios[key]["cached"], warm_up[key], signed_in=signed_in
        )
    return {key: results[key] for key in ("hello", *keys)}


def _median(samples, ratios, warm_up_requests, signed_in=None):
    return Throughput(
        rps=statistics.median(s.rps for s in samples),
        ratio=statistics.median(ratios),
        p50=statistics.median(s.p50 for s in samples),
        p90=statistics.median(s.p90 for s in samples),
        p99=statistics.median(s.p99 for s in samples),
        errors=sum(s.errors for s in samples),
        requests=warm_up_requests
        + sum(s.requests for s in samples)
        + (signed_in.requests if signed_in else 0),
        signed_in=signed_in,
    )
