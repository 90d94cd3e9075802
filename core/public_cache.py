"""Public pages, and what they show, from the shared cache, dropped when content changes.

Every cached value is stored with the *generation* it was computed in. Any change to what
visitors can see (an edition, a profile, a product, a decision, a booth) starts a new
generation, through the signals each app connects to ``content_changed``; a value from an
older generation is a miss. Fetching a page and the current generation is one cache
round trip (``get_many``), so a cached page costs a single query even on the database cache.

Each server process also keeps its own copy of the pages visitors without a session get,
and a thread that hears of every new generation from PostgreSQL (``GenerationListener``):
while it listens, such a page needs no round trip at all. A visitor with a session always
asks the shared cache, so whoever made a change sees it on their very next page; visitors
without one see it once their process hears of it, a few milliseconds later.

A public page (a view marked ``cache_public_page``) is stored once per generation, for
GET and HEAD, per language and *canonical* URL, and separately for htmx requests, as a
visitor without a session sees it. The canonical URL keeps only the parameters the page
knows, each as its form cleans it (the view's ``public_query``): the page is drawn for that
URL, so a query string of the visitor's own (``?utm_source=…``, ``?x=<random>``, a search
written with other spaces) gets the same page from the same entry, and makes none of its
own. Every visitor gets it from there:

- without a session (not logged in, no pending message), straight from
  ``PublicPageCacheMiddleware``, before the session is even read;
- signed in, or with a message waiting, with their own account links and messages (the
  *visitor parts* of base.html) drawn in.

The CSRF token of the language switch form is per visitor too: pages are stored with a
placeholder and each visitor gets their own token. What is costly and the same on many
pages (the regions an edition's participants come from) is kept the same way, per
generation (``memoize``).
"""

import atexit
import hashlib
import logging
import os
import re
import threading
import uuid
from functools import wraps

import psycopg
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connection, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.connection import ConnectionProxy
from django.utils.http import urlencode

from core.htmx import wants_fragment

GENERATION_KEY = "public:generation"
CHANNEL = "public_generation"  # PostgreSQL's channel for "a new generation has started"
LISTENER_NAME = "expo: listening for new generations"
cache = ConnectionProxy(caches, "public")  # settings.CACHES["public"], as Django's own ``cache``
in_process = ConnectionProxy(caches, "public_in_process")
logger = logging.getLogger(__name__)
TIMEOUT = 60 * 60
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\\1--csrf--\\2"
CSRF_PLACEHOLDER_TEXT = b'name="csrfmiddlewaretoken" value="--csrf--"'
# The parts of base.html drawn for each visitor, each between <!--name--> and <!--/name-->.
VISITOR_PARTS = ("account", "messages")
VISITOR_PART = re.compile(rf"<!--({'|'.join(VISITOR_PARTS)})-->.*?<!--/\1-->".encode(), re.DOTALL)


# What else serving a public page sets off, registered by the apps it is for: core knows
# none of them (``outcomes.page_views`` counts the views). A hook here, rather than a
# middleware of theirs: a page from the cache never reaches a view, and this is the one
# place that knows a public page was served, whichever way, with its URL resolved already.
_served_hooks = []


def on_public_page_served(hook):
    """Call ``hook(request, response, match)`` after each public page is served (``match``:
    its URL's ``ResolverMatch``), from the cache or drawn, for any visitor. It runs on
    pages that take no query at all, so it must not query the database either."""
    if hook not in _served_hooks:
        _served_hooks.append(hook)


def _served(request, response, match):
    for hook in _served_hooks:
        hook(request, response, match)
    return response


def content_changed(**kwargs):
    """Signal receiver: whatever visitors see may have changed; start a new generation.

    Once the change is committed: a page rendered from the old rows meanwhile must not be
    stored under the new generation.
    """
    transaction.on_commit(_new_generation)


def _new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    _announce()


def _announce():
    """Tell every server process's listener that the generation has changed."""
    with connection.cursor() as cursor:
        cursor.execute(f"NOTIFY {CHANNEL}")


class GenerationListener:
    """The current generation, as this server process hears of it from PostgreSQL.

    A thread of its own LISTENs on ``CHANNEL``, reads the generation, and reads it again
    on every announcement, or after a second without one. ``generation`` is None while it
    does not listen (not started yet, or its connection lost and being made again): the
    shared cache is asked meanwhile.
    """

    def __init__(self):
        self.generation = None
        self._pid = None  # the process the thread listens for; a forked child starts its own
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = None
        # Stopped at exit before the embedded PostgreSQL is (its own handler is older).
        atexit.register(self.stop)

    def current(self):
        """The current generation, or None if this process cannot tell without asking."""
        if self._pid != os.getpid() and settings.PUBLIC_CACHE_LISTENS:
            self._start()
        return self.generation

    def _start(self):
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self.generation = os.getpid(), None
            self._stopping.clear()
            self._thread = threading.Thread(target=self._listen, name=CHANNEL, daemon=True)
            self._thread.start()

    def stop(self):
        """Stop listening and wait for the thread; ``current()`` starts it again."""
        if self._thread is not None:
            self._stopping.set()
            self._thread.join()
        self._pid = None

    def _listen(self):
        params = connections[DEFAULT_DB_ALIAS].get_connection_params()
        params["application_name"] = LISTENER_NAME  # as pg_stat_activity shows it
        while not self._stopping.is_set():
            try:
                with psycopg.connect(**params, autocommit=True) as listening:
                    listening.execute(f"LISTEN {CHANNEL}")
                    while not self._stopping.is_set():
                        close_old_connections()  # as between requests: renewed, checked
                        self.generation = cache.get(GENERATION_KEY)
                        list(listening.notifies(timeout=1, stop_after=1))
            except Exception as error:  # PostgreSQL restarted or unreachable: listen again
                self.generation = None
                logger.warning("Not hearing of new generations, listening again: %s", error)
                self._stopping.wait(1)
        self.generation = None
        connections.close_all()


listener = GenerationListener()


def invalidate_on_change(*models):
    """Start a new generation whenever a row of one of ``models`` is saved or deleted.

    Connected by each app for its own models (``AppConfig.ready``). Bulk writes send no
    signals: code that writes in bulk calls ``content_changed()`` itself.
    """
    for model in models:
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, sender=model, dispatch_uid=f"public:{signal}:{model}")


def _current(key):
    """The current generation, and the value stored under ``key`` in it (None if there is
    none): one cache round trip."""
    values = cache.get_many([GENERATION_KEY, key])
    generation = values.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, generation, None):  # another process was first
            generation = cache.get(GENERATION_KEY, generation)
    stored = values.get(key)
    return generation, stored[1] if stored is not None and stored[0] == generation else None


def memoize(key, compute):
    """``compute()``, computed once per generation: what many pages share (an edition's origins)."""
    generation, value = _current(key)
    if value is None:
        value = compute()
        cache.set(key, (generation, value), TIMEOUT)
    return value


def _without_session(request):
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)


def _page_key(request):
    variant = "fragment" if wants_fragment(request) else "page"
    # The whole URL, made canonical first (``_canonicalise``): pages hold absolute links
    # (canonical, Open Graph, JSON-LD). Hashed: a URL can be longer than a cache key may be,
    # and hold any character.
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"public:page:{request.LANGUAGE_CODE}:{variant}:{url}"


def _no_parameters(query):
    return {}


def _canonicalise(request, public_query):
    """Make ``request`` ask for its page's canonical URL, before the key is made of it.

    The view then draws the page from these parameters alone: were it to see the others,
    the first visitor's would be kept in the links everyone gets from the entry (the
    language form's ``next``, the pages of a list), and unknown ones change more than that
    (a list with ``?utm_source=…`` is a filtered one, with its empty state).
    """
    query = urlencode(sorted(public_query(request.GET).items()))
    request.META["QUERY_STRING"] = query  # what get_full_path and build_absolute_uri read
    request.GET = QueryDict(query, encoding=request.encoding)


def cache_public_page(view):
    """Serve ``view``'s successful pages from the shared cache, the same for every visitor.

    Visitors without a session get them from ``PublicPageCacheMiddleware``, before the
    session is read. Signed-in visitors, and those with a message waiting, get them here,
    with their own account links and messages (the *visitor parts* of base.html) drawn in.

    The page is drawn and kept for the parameters the view knows, and no others: its
    ``public_query`` (on the class of a class-based view) turns a request's ``GET``
    into a dict of them, each written as its form cleans it, so that two queries for the
    same page are one; it runs before anything else of the request, so it must not query
    the database. A view without one knows no parameter. A value it can only check against
    the database is the view's to check: a page it marks ``Cache-Control: private`` is
    served, not kept.
    """
    public_query = getattr(getattr(view, "view_class", view), "public_query", _no_parameters)

    @wraps(view)
    def public_page(request, *args, **kwargs):
        if request.method in ("GET", "HEAD") and not _without_session(request):
            response = _serve(
                request,
                lambda request: view(request, *args, **kwargs),
                public_query=public_query,
                visitor=True,
            )
            return _served(request, response, request.resolver_match)
        return view(request, *args, **kwargs)

    public_page.public_page = True
    public_page.public_query = public_query
    return public_page


class PublicPageCacheMiddleware:
    """Serve the pages of views marked ``cache_public_page`` to visitors without a session.

    It sits right after the CSRF middleware, which gives each visitor their own token and
    cookie, and before authentication, the audit log, messages and allauth: a page from
    the cache needs none of them, so it skips their work.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and _without_session(request):
            match = _public_match(request)
            if match is not None:
                response = _serve(
                    request, self.get_response, public_query=match.func.public_query, visitor=False
                )
                return _served(request, response, match)
        return self.get_response(request)


def _serve(request, get_response, *, public_query, visitor):
    """The page for ``request`` from the cache, stored first if it is not there.

    A page is stored as an anonymous visitor sees it, with a placeholder for the CSRF
    token; for a ``visitor`` with a session, their own visitor parts replace those.
    """
    _canonicalise(request, public_query)
    key = _page_key(request)
    known = None if visitor else listener.current()
    generation, stored = _stored_page(key, known)
    if stored is None:
        response = get_response(request)
        if hasattr(response, "render"):  # a view's TemplateResponse is not rendered yet
            response.render()
        if not _may_be_kept(response):
            return response
        content = CSRF_INPUT.sub(CSRF_PLACEHOLDER, response.content)
        if visitor:  # the page drawn for them, stored as anyone else sees it
            content = _with_visitor_parts(content, _anonymous_parts())
        stored = (content, response["Content-Type"], response.get("Vary", ""))
        cache.set(key, (generation, stored), TIMEOUT)
        if visitor:
            return response
        if known:
            in_process.set(key, (generation, stored), TIMEOUT)
    content, content_type, vary = stored
    if visitor:
        content = _with_visitor_parts(content, _visitor_parts(request))
    if CSRF_PLACEHOLDER_TEXT in content:
        token = get_token(request).encode()
        content = content.replace(
            CSRF_PLACEHOLDER_TEXT, b'name="csrfmiddlewaretoken" value="' + token + b'"'
        )
    response = HttpResponse(content, content_type=content_type)
    if vary:
        patch_vary_headers(response, [header.strip() for header in vary.split(",")])
    return response


def _may_be_kept(response):
    """Whether ``response`` is a page for everyone, as a shared cache may keep it."""
    directives = {
        directive.split("=", 1)[0].lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not directives & {"private", "no-store"}
    )


def _stored_page(key, known):
    """The current generation, and the page stored under ``key`` in it (None if there is none).

    ``known``: for a visitor without a session, the generation this process's listener
    knows (None if it does not listen). The page may then come from the process's own
    copy, and one from the shared cache is copied there.
    """
    if known:
        stored = in_process.get(key)
        if stored is not None and stored[0] == known:
            return known, stored[1]
    generation, stored = _current(key)
    if known and stored is not None:
        in_process.set(key, (generation, stored), TIMEOUT)
    return generation, stored


def _visitor_parts(request):
    return {name: _render_part(name, request=request) for name in VISITOR_PARTS}


def _anonymous_parts():
    context = {"user": AnonymousUser(), "messages": ()}
    return {name: _render_part(name, context) for name in VISITOR_PARTS}


def _render_part(name, context=None, request=None):
    return render_to_string(f"base.html#{name}", context, request=request).encode()


def _with_visitor_parts(content, parts):
    return VISITOR_PART.sub(lambda match: parts[match[1].decode()], content)


def _public_match(request):
    """The URL match of ``request`` if its view is marked ``cache_public_page``, else None."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    return match if getattr(match.func, "public_page", False) else None
