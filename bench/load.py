"""Requests per second and latency with wrk, each page side by side with hello world."""

import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
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
PATHS_SCRIPT = Path(__file__).with_name("wrk_paths.lua")
# As a phone's browser asks: wrk sends no user agent of its own, and a request without one
# is a robot's, whose view the portal does not count (outcomes.page_views). With one, the
# figures include counting each view. Compressed, as every browser accepts.
BROWSER = (
    "User-Agent: Mozilla/5.0 (Linux; Android 13) Chrome/120.0 Mobile Safari/537.36",
    "Accept-Encoding: gzip, deflate, br",
)
SAVE_RATES = (1, 5)  # owners saving their profiles, per second, in the mixed workload


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
    drawn: "Throughput | None" = None  # the page drawn anew for each request


def wrk(url, seconds, header=None, paths=None, start=0):
    """One wrk run on ``url``, or on each of ``paths`` in turn from ``start`` on (of the
    same server)."""
    with tempfile.TemporaryDirectory() as scratch:
        script, arguments = SUMMARY_SCRIPT, []
        if paths:
            script = Path(scratch, "paths.lua")
            script.write_text(PATHS_SCRIPT.read_text() + SUMMARY_SCRIPT.read_text())
            listed = Path(scratch, "paths.txt")
            listed.write_text("\n".join(paths) + "\n")
            arguments = ["--", str(listed), str(WRK_THREADS), str(start)]
        completed = subprocess.run(
            [
                "wrk",
                *(argument for line in BROWSER for argument in ("--header", line)),
                *(["--header", header] if header else []),
                f"--threads={WRK_THREADS}",
                f"--connections={CONNECTIONS}",
                f"--duration={seconds}s",
                "--timeout=10s",
                f"--script={script}",
                url,
                *arguments,
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


def an_owners_change():
    """The scale edition's lists drawn anew from now on, in every server process, as after
    an owner's save there (``expo.public_scopes.listing``); the cards of the others stay as
    they were drawn."""
    from booths.demo.plans import SCALE_EDITION_SLUG
    from core import public_cache
    from expo import public_scopes

    public_cache.changed(public_scopes.listing(SCALE_EDITION_SLUG))  # at once: no transaction


def measure(base_url, pages, keys, signed_in_header, log):
    """Each page's throughput, by key, with hello world's under "hello".

    A run measures hello world, then the page: from the cache for an anonymous visitor
    and for a signed-in one (``signed_in_header``, their session cookie), and drawn anew on
    each request (the page's ``drawn`` paths, each asked for once after an owner's change;
    each run starts a third further down the list).
    Every page in turn; the ratio is taken within the run, so a neighbour's load on the
    shared machine moves both sides alike.
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
    variants = ("cached", "signed_in", "drawn")
    samples = {key: {variant: [] for variant in variants} for key in measured}
    ratios = {key: {variant: [] for variant in variants} for key in measured}
    for run in range(1, RUNS + 1):
        for key in measured:
            log(f"wrk run {run}/{RUNS}: {pages[key].name}")
            hello = wrk(base_url + pages["hello"].path, SECONDS)
            hello_samples.append(hello)
            for variant, header in (("cached", None), ("signed_in", signed_in_header)):
                sample = wrk(base_url + pages[key].path, SECONDS, header)
                samples[key][variant].append(sample)
                ratios[key][variant].append(sample.rps / hello.rps)
            if paths := pages[key].drawn:
                an_owners_change()
                start = (run - 1) * len(paths) // RUNS
                sample = wrk(base_url, SECONDS, paths=paths, start=start)
                samples[key]["drawn"].append(sample)
                ratios[key]["drawn"].append(sample.rps / hello.rps)
    results["hello"] = _median(hello_samples, [1.0], warm_up["hello"])
    for key in measured:
        signed_in = _median(samples[key]["signed_in"], ratios[key]["signed_in"], 0)
        drawn = samples[key]["drawn"] and _median(samples[key]["drawn"], ratios[key]["drawn"], 0)
        results[key] = _median(
            samples[key]["cached"],
            ratios[key]["cached"],
            warm_up[key],
            signed_in=signed_in,
            drawn=drawn or None,
        )
    return {key: results[key] for key in ("hello", *keys)}


@dataclass(frozen=True)
class Mixed:
    """Visitors' requests/s and p99 while owners save, as a share of the figure without."""

    saves_per_second: int
    rps: float
    p99: float
    ratio: float  # to the same visitors' requests/s with no owner saving
    saves: int  # made during the runs


def measure_mixed(base_url, pages, log):
    """Visitors across ``pages["mixed"].drawn`` (1,000 URLs of the scale edition) and of
    another edition (``pages["other"].drawn``) while owners of the scale edition save their
    profiles ``SAVE_RATES`` times a second, each figure against the same visitors' without
    a save, median of the runs."""
    if not shutil.which("wrk"):
        return dict.fromkeys(("mixed", "other"), NotMeasured("wrk is not installed"))
    results = {}
    for key in ("mixed", "other"):
        rates = (0, *SAVE_RATES) if key == "mixed" else (0, max(SAVE_RATES))
        samples = {rate: [] for rate in rates}
        saves = dict.fromkeys(rates, 0)
        for run in range(1, RUNS + 1):
            for rate in rates:
                log(f"wrk run {run}/{RUNS}: {pages[key].name}, {rate} saves/s")
                wrk(base_url, WARM_UP_SECONDS, paths=pages[key].drawn)  # in the cache again
                with _OwnersSaving(rate) as saving:
                    samples[rate].append(wrk(base_url, SECONDS, paths=pages[key].drawn))
                saves[rate] += saving.saves
        calm = statistics.median(sample.rps for sample in samples[0])
        results[key] = [
            Mixed(
                saves_per_second=rate,
                rps=statistics.median(sample.rps for sample in samples[rate]),
                p99=statistics.median(sample.p99 for sample in samples[rate]),
                ratio=statistics.median(sample.rps for sample in samples[rate]) / calm,
                saves=saves[rate],
            )
            for rate in rates
        ]
    return results


class _OwnersSaving:
    """A thread of the bench saving a scale-edition exhibitor's profile ``rate`` times a
    second, as owners do from the dashboard: a model save, whose signals start the new
    generations of that exhibitor's pages and its edition's lists."""

    def __init__(self, rate):
        self.rate, self.saves = rate, 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._save, daemon=True)

    def __enter__(self):
        if self.rate:
            self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stopping.set()
        if self.rate:
            self._thread.join()

    def _save(self):
        from django.db import connection

        from booths.demo.plans import SCALE_EDITION_SLUG
        from exhibitors.models import Exhibitor

        owners = list(
            Exhibitor.objects.filter(applications__edition__slug=SCALE_EDITION_SLUG).order_by("?")[
                :500
            ]
        )
        try:
            while not self._stopping.wait(1 / self.rate):
                # The same values again: to the cache and the catalogue's triggers a save
                # is a save, and the seeded data stays as it was.
                owners[self.saves % len(owners)].save()
                self.saves += 1
        finally:
            connection.close()


def _median(samples, ratios, warm_up_requests, signed_in=None, drawn=None):
    return Throughput(
        rps=statistics.median(s.rps for s in samples),
        ratio=statistics.median(ratios),
        p50=statistics.median(s.p50 for s in samples),
        p90=statistics.median(s.p90 for s in samples),
        p99=statistics.median(s.p99 for s in samples),
        errors=sum(s.errors for s in samples),
        requests=warm_up_requests
        + sum(s.requests for s in samples)
        + (signed_in.requests if signed_in else 0)
        + (drawn.requests if drawn else 0),
        signed_in=signed_in,
        drawn=drawn,
    )
