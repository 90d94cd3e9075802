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
# A session cookie keeps a request out of the shared page cache (public_cache serves cached
# pages only to visitors without one); an unknown session is an anonymous visitor.
UNCACHED_SESSION = "bench-not-cached"
UNCACHED = f"Cookie: sessionid={UNCACHED_SESSION}"


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
    uncached: "Throughput | None" = None  # the same page rendered anew for every request


def wrk(url, seconds, header=None):
    completed = subprocess.run(
        [
            "wrk",
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
    samples = {key: {"cached": [], "uncached": []} for key in measured}
    ratios = {key: {"cached": [], "uncached": []} for key in measured}
    for run in range(1, RUNS + 1):
        for key in measured:
            log(f"wrk run {run}/{RUNS}: {pages[key].name}")
            hello = wrk(base_url + pages["hello"].path, SECONDS)
            hello_samples.append(hello)
            for variant, header in (("cached", None), ("uncached", UNCACHED)):
                sample = wrk(base_url + pages[key].path, SECONDS, header)
                samples[key][variant].append(sample)
                ratios[key][variant].append(sample.rps / hello.rps)
    results["hello"] = _median(hello_samples, [1.0], warm_up["hello"])
    for key in measured:
        uncached = _median(samples[key]["uncached"], ratios[key]["uncached"], 0)
        results[key] = _median(
            samples[key]["cached"], ratios[key]["cached"], warm_up[key], uncached=uncached
        )
    return {key: results[key] for key in ("hello", *keys)}


def _median(samples, ratios, warm_up_requests, uncached=None):
    return Throughput(
        rps=statistics.median(s.rps for s in samples),
        ratio=statistics.median(ratios),
        p50=statistics.median(s.p50 for s in samples),
        p90=statistics.median(s.p90 for s in samples),
        p99=statistics.median(s.p99 for s in samples),
        errors=sum(s.errors for s in samples),
        requests=warm_up_requests
        + sum(s.requests for s in samples)
        + (uncached.requests if uncached else 0),
        uncached=uncached,
    )
