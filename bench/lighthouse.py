"""Lighthouse's mobile scores: the npm package in var/bench, on the system Chromium."""

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.outcome import NotMeasured

CLI = Path(__file__).resolve().parent.parent / "var/bench/node_modules/lighthouse/cli/index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


@dataclass(frozen=True)
class Scores:
    scores: dict  # category → 0-100
    metrics: dict  # short name → Lighthouse's display value
    failed_audits: tuple[str, ...]  # accessibility, best practices or SEO audits not passed


def measure(base_url, pages, keys, log):
    if not CLI.exists():
        missing = NotMeasured(f"Lighthouse is not installed in {CLI.parent.parent}")
        return dict.fromkeys(keys, missing)
    results = {}
    for key in keys:
        log(f"lighthouse: {pages[key].name}")
        results[key] = _run(base_url + pages[key].path)
        if isinstance(results[key], NotMeasured):
            # Lighthouse sometimes loses the page load's trace on a busy machine (NO_NAVSTART,
            # "please run Lighthouse again"): once more before giving up.
            log(f"lighthouse: {pages[key].name}, again ({results[key]})")
            results[key] = _run(base_url + pages[key].path)
    return results


def _run(url):
    completed = subprocess.run(
        [
            "node",
            str(CLI),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        timeout=300,
    )
    if completed.returncode != 0:
        return NotMeasured(f"Lighthouse failed: {completed.stderr.strip()[-200:]}")
    report = json.loads(completed.stdout)
    if report.get("runtimeError"):
        return NotMeasured(f"Lighthouse: {report['runtimeError']['message']}")
    categories = report["categories"]
    audits = report["audits"]
    failed = []
    for category in CATEGORIES[1:]:
        for ref in categories[category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failed.append(ref["id"])
    return Scores(
        scores={
            category: round((categories[category]["score"] or 0) * 100) for category in CATEGORIES
        },
        metrics={
            short: audits[audit_id].get("displayValue", "?") for audit_id, short in METRICS.items()
        },
        failed_audits=tuple(failed),
    )
