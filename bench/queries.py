"""Queries per page, each one's time under EXPLAIN ANALYZE, and sequential scans of big tables.

Run in the bench's own process with the same production settings as the server: Django's
test client asks for each page once to warm the process, then captures its queries three
ways: with the caches emptied (as after a content change: the page read and drawn), then
from the shared cache for a signed-in visitor, and for an anonymous one from the process's
own copy, once the process has heard of the generation the page was drawn in.
"""

import json
import statistics
import time
from dataclasses import dataclass

from bench.outcome import NotMeasured

# The tables that grow with an edition; one counts as large once it holds LARGE_ROWS rows
# (booths_booth, with a hundred booths a hall, rarely does: reading it whole is right).
GROWING_TABLES = (
    "exhibitors_exhibitor",
    "exhibitors_product",
    "exhibitors_application",
    "booths_booth",
)
LARGE_ROWS = 10_000
EXPLAIN_RUNS = 3


@dataclass(frozen=True)
class Query:
    sql: str
    milliseconds: float  # median of planning + execution time under EXPLAIN ANALYZE
    seq_scans: tuple[str, ...]  # large tables read from end to end


@dataclass(frozen=True)
class PageQueries:
    drawn: tuple[Query, ...]  # the page's own queries to draw it, the shared cache emptied
    cache_round_trips: int  # reads and writes of the cache table then (none on Redis)
    signed_in_count: int  # queries of the page from the cache for a signed-in visitor
    cached_count: int  # and for an anonymous visitor, from the process's copy

    @property
    def slowest(self):
        return max(self.drawn, key=lambda query: query.milliseconds, default=None)

    @property
    def seq_scans(self):
        return sorted({table for query in self.drawn for table in query.seq_scans})


def measure(pages, keys):
    """Each page's queries: drawn after a content change, then from the cache."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.accounts import visitor_client

    visitor = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    signed_in = visitor_client()
    signed_in.raise_request_exception = False
    large = _large_tables()
    results = {}
    for key in keys:
        path = pages[key].path
        if (status := visitor.get(path).status_code) != 200:
            results[key] = NotMeasured(f"answered HTTP {status}, not 200")
            continue
        _change_everything()
        # Each list copied at once: a request's start empties the connection's log, which
        # ``captured_queries`` reads.
        with CaptureQueriesContext(connection) as capture:
            visitor.get(path)
        drawn = list(capture.captured_queries)
        with CaptureQueriesContext(connection) as capture:
            signed_in.get(path)
        for_signed_in = list(capture.captured_queries)
        _listen()
        visitor.get(path)  # the process learns the generations, and copies the page
        with CaptureQueriesContext(connection) as capture:
            visitor.get(path)
        cached = list(capture.captured_queries)
        own = [query["sql"] for query in drawn if not _is_cache(query["sql"])]
        results[key] = PageQueries(
            drawn=tuple(_explained(sql, large) for sql in own),
            cache_round_trips=len(drawn) - len(own),
            # The visitor's session is looked up, then their user.
            signed_in_count=sum("django_session" not in query["sql"] for query in for_signed_in),
            cached_count=len(cached),
        )
    return results


def _change_everything():
    """A new generation of the whole site, once this process's listener has heard of it
    (as a server's processes do within milliseconds): every page is then drawn anew."""
    from core import public_cache

    _listen()
    heard = public_cache.listener.epoch
    public_cache.changed()  # outside a transaction: at once
    for _attempt in range(500):
        if public_cache.listener.epoch != heard:
            return
        time.sleep(0.01)
    raise RuntimeError("this process did not hear of the change from PostgreSQL")


def _listen():
    """Wait for this process's listener to hear of new generations from PostgreSQL."""
    from core import public_cache

    for _attempt in range(500):
        if public_cache.listener.known(()) is not None:
            return
        time.sleep(0.01)
    raise RuntimeError("this process does not hear of new generations from PostgreSQL")


def _is_cache(sql):
    from django.conf import settings

    tables = [
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if cache["BACKEND"].endswith("DatabaseCache")
    ]
    # The database cache writes in a transaction of its own; the pages open none.
    return bool(tables) and (sql in ("BEGIN", "COMMIT") or any(table in sql for table in tables))


def _large_tables():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND reltuples >= %s",
            [list(GROWING_TABLES), LARGE_ROWS],
        )
        return {name for (name,) in cursor.fetchall()}


def _explained(sql, large):
    """Time and scan a captured query; only reads are run again (EXPLAIN ANALYZE runs it)."""
    from django.db import connection

    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return Query(sql, 0.0, ())
    times, plan = [], None
    with connection.cursor() as cursor:
        for _ in range(EXPLAIN_RUNS):
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            (result,) = cursor.fetchone()
            result = json.loads(result) if isinstance(result, str) else result
            plan = result[0]
            times.append(plan["Planning Time"] + plan["Execution Time"])
    scans = _seq_scans(plan["Plan"]) & large
    return Query(sql, statistics.median(times), tuple(sorted(scans)))


def _seq_scans(node):
    found = set()
    if node.get("Node Type") in ("Seq Scan", "Parallel Seq Scan"):
        found.add(node.get("Relation Name"))
    for child in node.get("Plans", ()):
        found |= _seq_scans(child)
    return found
