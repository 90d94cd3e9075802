"""``python -m bench`` (``make bench``): measure everything, print and keep the table."""

import os
import platform
import signal
import subprocess
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path

from bench import (
    accounts,
    impact,
    lighthouse,
    load,
    nginx,
    photo,
    queries,
    report,
    upload,
    weight,
)
from bench.environment import prepare_database, use_production_settings
from bench.outcome import NotMeasured
from bench.pages import LIGHTHOUSE, MIXED, QUERIES, THROUGHPUT, WEIGHT, public_pages
from bench.server import THREADS, WORKERS, Gunicorn, ServerError

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results" / "latest.md"
SERVER_LOG = ROOT / "var" / "bench" / "gunicorn.log"


def log(message):
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def guarded(keys, measure, *args):
    """Run one measure; a tool that breaks marks its pages "not measured", not the whole run."""
    try:
        return measure(*args)
    except Exception as error:
        log(f"{measure.__module__} failed:\n{traceback.format_exc()}")
        return dict.fromkeys(keys, NotMeasured(f"{type(error).__name__}: {error}"[:200]))


def database_sessions():
    """Sessions ever opened to the database (PostgreSQL counts them since its statistics reset)."""
    from django.db import connection

    time.sleep(2)  # a backend reports its statistics when idle, at most once a second
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def about_this_run(load_before):
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    database = settings.DATABASES["default"]
    return [
        f"- Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; code: `{commit or 'unknown'}`",
        f"- Machine: {os.cpu_count()} × {cpu}, {memory_kb / 1024**2:.0f} GiB memory "
        f"(shared with other work: figures move with the neighbours' load)",
        f"- Python {platform.python_version()}, PostgreSQL {postgres}, gunicorn gthread "
        f"{WORKERS} workers × {THREADS} threads, DEBUG=0, CONN_MAX_AGE={database['CONN_MAX_AGE']}",
        f"- Load average (1 min) before the run: {load_before:.1f}, after: "
        f"{os.getloadavg()[0]:.1f}",
        f"- Load: wrk, {load.CONNECTIONS} keep-alive connections, {load.SECONDS} s per page, "
        f"each page right after hello world, median of {load.RUNS} runs",
    ]


def main():
    # `make` or a CI stopping the bench: leave through the `with` blocks, so gunicorn stops.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    load_before = os.getloadavg()[0]
    try:
        use_production_settings()
        log("migrate, collectstatic, seed")
        prepare_database(log)
        pages = public_pages()
        report_pages = impact.report_pages()
        staff = accounts.staff_client()
        visitor = accounts.session_header(accounts.visitor_client())
    except Exception:
        log(f"could not prepare the database:\n{traceback.format_exc()}")
        return 1

    from django.conf import settings

    log("queries per page, EXPLAIN ANALYZE")
    query_results = guarded(QUERIES, queries.measure, pages, QUERIES)
    log("impact report, Excel export")
    export = guarded(
        ["excel"], lambda: {"excel": impact.measure_export(staff, report_pages["excel"])}
    )
    log("photo to renditions")
    try:
        photo_seconds, photo_size = photo.measure()
        photo_rows = [report.photo_row(photo_seconds, photo_size)]
    except Exception as error:
        log(traceback.format_exc())
        outcome = NotMeasured(f"{type(error).__name__}: {error}")
        photo_rows = [report.not_measured("photo to renditions, CPU", "—", "≤ 0.5 s", outcome)]

    try:
        with Gunicorn(SERVER_LOG) as server:
            log(f"gunicorn answers on {server.base_url}")
            sessions_before, load_started = database_sessions(), time.monotonic()
            throughput = guarded(
                ("hello", *THROUGHPUT),
                load.measure,
                server.base_url,
                pages,
                THROUGHPUT,
                visitor,
                log,
            )
            load_seconds = time.monotonic() - load_started
            sessions_opened = database_sessions() - sessions_before
            mixed = guarded(MIXED, load.measure_mixed, server.base_url, pages, log)
            uploads = guarded(
                ["uploads"],
                lambda: {
                    "uploads": upload.measure(
                        server.base_url, pages["directory"], server.process.pid, log
                    )
                },
            )
            through_nginx = guarded(
                ["nginx"],
                lambda: {
                    "nginx": nginx.measure(
                        server.base_url, pages["directory"], settings.MEDIA_ROOT, log
                    )
                },
            )
            impact_report = guarded(
                ["report"],
                lambda: {
                    "report": impact.measure_report(
                        server.base_url,
                        pages["hello"],
                        report_pages["report"],
                        accounts.session_header(staff),
                        log,
                    )
                },
            )
            log("page weight in Chromium")
            weights = guarded(WEIGHT, weight.measure, server.base_url, pages, WEIGHT)
            scores = guarded(
                LIGHTHOUSE, lighthouse.measure, server.base_url, pages, LIGHTHOUSE, log
            )
    except ServerError as error:
        log(f"could not serve the portal: {error}")
        return 1

    database = settings.DATABASES["default"]
    rows = [
        *report.throughput_rows(pages, throughput),
        *report.mixed_rows(pages, mixed),
        report.nginx_row(pages["directory"], through_nginx["nginx"]),
        *report.upload_rows(pages["directory"], uploads["uploads"]),
        *report.impact_rows(impact_report["report"], export["excel"]),
        report.connection_row(
            opened=sessions_opened,
            sent=sum(getattr(result, "requests", 0) for result in throughput.values()),
            seconds=load_seconds,
            workers=WORKERS,
            threads=THREADS,
            max_age=database["CONN_MAX_AGE"],
            health_checks=database["CONN_HEALTH_CHECKS"],
        ),
        *report.query_rows(pages, query_results),
        *report.weight_rows(pages, weights),
        *report.lighthouse_rows(pages, scores),
        *photo_rows,
    ]
    text = "\n".join(
        [
            "# `make bench`: the latest figures",
            "",
            *about_this_run(load_before),
            "",
            report.table(rows),
            "",
        ]
    )
    details = report.query_details(pages, query_results)
    if details:
        text += f"\n## Queries over budget or scanning a large table\n\n{details}\n"
    print(text)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text)
    log(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
