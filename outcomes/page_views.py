"""How often visitors read an edition's public pages, counted without slowing them down.

What is counted, per edition and day (the portal's day, ``TIME_ZONE``): the views of the
edition's own pages (its page, its list of participants, its floor plan), and of each
participant's page together with its products' pages. Not counted: HEAD requests, pages
that did not answer 200, htmx requests (a filter changed on a list already counted), and
visitors whose user agent is empty or names a robot (``ROBOTS``).

Nothing of the visitor is kept, in memory or in the database: no address, cookie, user
agent or visitor id. A view adds one to a number in the server process's memory, under
the slugs of its URL; a page served from the cache so stays without any query. A thread
of each server process writes the numbers gathered every ``FLUSH_SECONDS``, or as soon as
``FLUSH_VIEWS`` are, and the process writes what is left when it exits: one statement,
which adds them to the rows of ``PageViews`` (and finds the ids of the slugs). A process
killed outright (``SIGKILL``, out of memory) loses the batch it was gathering: at most a
minute or 500 views.
"""

import atexit
import logging
import os
import threading
from collections import Counter

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections
from django.utils import timezone

from core.htmx import wants_fragment
from exhibitors.models import Exhibitor
from expo.models import Edition
from outcomes.models import PageViews

FLUSH_SECONDS = 60
FLUSH_VIEWS = 500
# Parts of the user agents of search engines, link previews (Facebook, WhatsApp,
# Telegram, Slack…) and automated browsers, in lowercase: their requests are no visit.
ROBOTS = (
    "bot",  # Googlebot, bingbot, TelegramBot, Slackbot, Applebot…
    "crawl",
    "spider",
    "slurp",  # Yahoo
    "facebookexternalhit",
    "whatsapp",  # WhatsApp's link preview; a link tapped in WhatsApp opens the browser
    "preview",
    "headless",  # HeadlessChrome, as scrapers run it
)
# The public pages counted, by URL name: the edition's own, and a participant's.
EDITION_PAGES = {
    "edition_detail": "slug",
    "participant_list": "edition_slug",
    "floor_plan": "edition_slug",
}
PARTICIPANT_PAGES = ("participant_detail", "product_detail")

logger = logging.getLogger(__name__)

# One statement per batch, whatever its size: the counts come as four arrays, the slugs
# are matched to their rows (a slug gone meanwhile matches none and is dropped), and a
# row that exists already adds them up, even if another process writes it at the same
# moment (ON CONFLICT waits for it, then adds).
FLUSH_SQL = f"""
    INSERT INTO {PageViews._meta.db_table} (edition_id, exhibitor_id, day, views)
    SELECT edition.id, exhibitor.id, counted.day, counted.views
    FROM unnest(%s::text[], %s::text[], %s::date[], %s::bigint[])
        AS counted (edition_slug, exhibitor_slug, day, views)
    JOIN {Edition._meta.db_table} AS edition ON edition.slug = counted.edition_slug
    LEFT JOIN {Exhibitor._meta.db_table} AS exhibitor ON exhibitor.slug = counted.exhibitor_slug
    WHERE counted.exhibitor_slug IS NULL OR exhibitor.id IS NOT NULL
    ON CONFLICT (edition_id, exhibitor_id, day)
    DO UPDATE SET views = {PageViews._meta.db_table}.views + excluded.views
"""  # table names from the models; every value a parameter


def is_robot(user_agent):
    user_agent = user_agent.lower()
    return not user_agent or any(marker in user_agent for marker in ROBOTS)


class PageViewCounter:
    """The views a server process has counted and not written yet, safe across threads."""

    def __init__(self, *, flush_seconds=FLUSH_SECONDS, flush_views=FLUSH_VIEWS):
        self.flush_seconds = flush_seconds
        self.flush_views = flush_views
        self._counts = Counter()  # (edition slug, exhibitor slug or None, day) → views
        self._gathered = 0
        # The database the batch was counted against: one gathered against a test
        # database is never written into the one the process connects to afterwards.
        self._database = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._pid = None  # the process the writer writes for; a forked child starts its own
        self._thread = None

    def count(self, *, edition, exhibitor=None, day=None):
        """One view of a page of the edition with slug ``edition`` (of the participant with
        slug ``exhibitor``, if given)."""
        key = (edition, exhibitor, day or timezone.localdate())
        with self._lock:
            if not self._counts:
                self._database = _database_name()
            self._counts[key] += 1
            self._gathered += 1
            full = self._gathered >= self.flush_views
        if self._pid != os.getpid() and settings.PUBLIC_CACHE_LISTENS:
            # Where the process keeps its own copy of the pages, as servers do; the
            # tests turn it off (their changes are never committed) and flush themselves.
            self._start()
        if full:
            self._wake.set()

    def flush(self):
        """Write the views gathered: one statement, none when there are none."""
        with self._lock:
            batch, database = self._counts, self._database
            self._counts, self._gathered = Counter(), 0
        if not batch or database != _database_name():
            return
        columns = list(zip(*((*key, views) for key, views in batch.items()), strict=True))
        try:
            with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
                cursor.execute(FLUSH_SQL, [list(column) for column in columns])
        except Exception:
            # The database away for a moment: the views are written with the next batch.
            logger.warning("Page views not written, kept for the next batch", exc_info=True)
            with self._lock:
                self._counts.update(batch)
                self._gathered += sum(batch.values())

    def stop(self):
        """Stop the writer, and write what is left."""
        if self._thread is not None:
            self._stopping.set()
            self._wake.set()
            self._thread.join()
            self._thread = None
        self._pid = None
        self.flush()

    def _start(self):
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._stopping.clear()
            self._thread = threading.Thread(target=self._write, name="page views", daemon=True)
            self._thread.start()

    def _write(self):
        try:
            while not self._stopping.is_set():
                full = self._wake.wait(self.flush_seconds)
                self._wake.clear()
                close_old_connections()  # as between requests: renewed, checked
                self.flush()
                if not full:
                    # A quiet minute: no connection held until the next batch (nor, in
                    # a test run, the test database open).
                    connections[DEFAULT_DB_ALIAS].close()
        finally:
            connections.close_all()


def _database_name():
    return connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]


counter = PageViewCounter()
atexit.register(counter.stop)


def count_view(request, response, match):
    """Count a public page served, if it is one of an edition's pages read by a person
    (``core.public_cache.on_public_page_served``)."""
    if (
        request.method != "GET"
        or response.status_code != 200
        or wants_fragment(request)
        or is_robot(request.headers.get("User-Agent", ""))
    ):
        return
    if match.url_name in EDITION_PAGES:
        counter.count(edition=match.kwargs[EDITION_PAGES[match.url_name]])
    elif match.url_name in PARTICIPANT_PAGES:
        counter.count(edition=match.kwargs["edition_slug"], exhibitor=match.kwargs["slug"])
