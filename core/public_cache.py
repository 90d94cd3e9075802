"""Public pages, and what they show, from the shared cache, dropped when content changes.

Each public page belongs to a few *scopes*, named by the apps (``expo.public_scopes``):
an edition's pages, its lists, an exhibitor's pages, the home page's list, and ``SITE``,
which every page belongs to. Each scope has a *generation* in the shared cache, and every
cached value is stored with the generations of its scopes as they were when it was
computed: once any of them has moved on, the value is a miss. A change to what visitors can
see starts a new generation of the scopes that show it, through the signals each app
connects (``invalidate_on_change``), so one owner saving a profile redraws their own pages
and their editions' lists, and no other edition's. Fetching a page and its scopes'
generations is one cache round trip (``get_many``), so a cached page costs a single query
even on the database cache.

Each server process also keeps its own copy of the pages visitors without a session get,
and a thread that hears of every new generation from PostgreSQL (``ScopeListener``): while
it listens, the process knows the generations it has read, and such a page needs no round
trip at all. A visitor with a session always asks the shared cache, so whoever made a
change sees it on their very next page; visitors without one see it once their process
hears of it, a few milliseconds later.

A public page (a view marked ``cache_public_page``) is stored once per generation of its
scopes, for GET and HEAD, per language and *canonical* URL, and separately for htmx
requests, as a visitor without a session sees it. The canonical URL keeps only the
parameters the page knows, each as its form cleans it (the view's ``public_query``): the
page is drawn for that URL, so a query string of the visitor's own (``?utm_source=…``,
``?x=<random>``, a search written with other spaces) gets the same page from the same
entry, and makes none of its own. Every visitor gets it from there:

- without a session (not logged in, no pending message), straight from
  ``PublicPageCacheMiddleware``, before the session is even read;
- signed in, or with a message waiting, with their own account links and messages (the
  *visitor parts* of base.html) drawn in.

A page for visitors without a session carries ``Cache-Control: public`` for a few seconds,
so that the front proxy's microcache (``deploy/nginx.conf``) or a CDN may keep it too: it
holds no CSRF token and sets no cookie. What is costly and the same on many
pages (the regions an edition's participants come from) is kept the same way, per
generation of its scopes (``memoize``).
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
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers
from django.utils.connection import ConnectionProxy
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from core.htmx import wants_fragment

CHANNEL = "public_generation"  # PostgreSQL's channel for "these scopes have a new generation"
LISTENER_NAME = "expo: listening for new generations"
cache = ConnectionProxy(caches, "public")  # settings.CACHES["public"], as Django's own ``cache``
in_process = ConnectionProxy(caches, "public_in_process")
in_process_fragments = ConnectionProxy(caches, "public_fragments")
logger = logging.getLogger(__name__)
TIMEOUT = 60 * 60
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken"')
# What a shared cache in front (deploy/nginx.conf, a CDN) may do with a page for visitors
# without a session: keep it a few seconds, and serve it a little longer while it asks
# for a fresh one. Its language is in its address (/en/… or none).
HTTP_CACHE_SECONDS, HTTP_STALE_SECONDS = 10, 30
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


SITE = "site"  # the scope every page belongs to


def generation_key(scope):
    return f"public:generation:{scope}"


def changed(*scopes):
    """Start a new generation of ``scopes`` (of every page, without any) once the current
    transaction commits: a page drawn from the old rows meanwhile must not be stored under
    the new generation.

    Bulk writes send no signals: code that writes in bulk calls this itself.
    """
    scopes = frozenset(scopes or (SITE,))
    transaction.on_commit(lambda: _new_generations(scopes))


def _new_generations(scopes):
    cache.set_many({generation_key(scope): uuid.uuid4().hex for scope in scopes}, None)
    _announce(scopes)


def _announce(scopes):
    """Tell every server process's listener which scopes have a new generation."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, " ".join(sorted(scopes))])


class ScopeListener:
    """The generations this server process has read, kept while it hears of new ones.

    A thread of its own LISTENs on ``CHANNEL``; each announcement names the scopes that
    have a new generation, and the thread forgets what it knew of them, and of all of them
    once a second. ``known(scopes)``
    is None while the process cannot tell without asking the shared cache: a scope not
    read since it last changed, or the thread not listening (not started yet, or its
    connection lost and being made again, when it forgets everything).

    What a request read from the shared cache is kept only if no announcement came in
    meanwhile (``epoch``): it may be older than the announcement.
    """

    def __init__(self):
        self.listening = False
        self.epoch = 0
        self._known = {}
        self._pid = None  # the process the thread listens for; a forked child starts its own
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = None
        # Stopped at exit before the embedded PostgreSQL is (its own handler is older).
        atexit.register(self.stop)

    def known(self, scopes):
        """The generations of ``scopes`` in this process, or None if it does not know them all."""
        if self._pid != os.getpid() and settings.PUBLIC_CACHE_LISTENS:
            self._start()
        if not self.listening:
            return None
        try:
            return tuple(self._known[scope] for scope in scopes)
        except KeyError:
            return None

    def learn(self, generations, epoch):
        """Keep ``generations`` (scope: generation), read when ``epoch`` was current."""
        with self._lock:
            if self.listening and epoch == self.epoch:
                self._known.update(generations)

    def _forget(self, scopes=None):
        with self._lock:
            self.epoch += 1
            if scopes is None:
                self._known.clear()
            else:
                for scope in scopes:
                    self._known.pop(scope, None)

    def _start(self):
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self.listening = os.getpid(), False
            self._stopping.clear()
            self._thread = threading.Thread(target=self._listen, name=CHANNEL, daemon=True)
            self._thread.start()

    def stop(self):
        """Stop listening and wait for the thread; ``known()`` starts it again."""
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
                    self._forget()  # what was read before listening may be old
                    self.listening = True
                    while not self._stopping.is_set():
                        for notify in listening.notifies(timeout=1):
                            self._forget(notify.payload.split())
                        # And all of it each second: an announcement lost (behind a
                        # pooler in transaction mode none arrive) costs a second at most.
                        self._forget()
            except Exception as error:  # PostgreSQL restarted or unreachable: listen again
                self.listening = False
                logger.warning("Not hearing of new generations, listening again: %s", error)
                self._stopping.wait(1)
            finally:
                self.listening = False
        self._forget()


listener = ScopeListener()


def invalidate_on_change(model, scopes):
    """Start a new generation of ``scopes(row)`` whenever a row of ``model`` is saved or
    deleted (and of ``scopes(instance)`` when a many-to-many ``model`` changes).

    Connected by each app for its own models (``AppConfig.ready``). ``scopes`` may query
    the database; an empty answer changes every page (``SITE``).
    """

    def receiver(sender, instance, **kwargs):
        if kwargs.get("action", "post_").startswith("post_"):
            changed(*scopes(instance))

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"public:{signal}:{model}")


def invalidate_all_on_rename(model, field="slug"):
    """Change every page when a saved row of ``model`` gets a new ``field`` (its pages'
    address): the pages under the old one are in scopes the row no longer names."""

    def receiver(sender, instance, raw=False, **kwargs):
        if instance.pk is None or raw:
            return
        stored = model._base_manager.filter(pk=instance.pk).values_list(field, flat=True)
        if stored.first() not in (None, getattr(instance, field)):
            changed(SITE)

    pre_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"public:rename:{model}")


def _current(key, scopes):
    """The generations of ``scopes``, and the value stored under ``key`` in them (None if
    there is none): one cache round trip."""
    generations, values = _read_generations(scopes, key)
    stored = values.get(key)
    return generations, stored[1] if stored is not None and stored[0] == generations else None


def _known_generations(scopes):
    """The generations of ``scopes``: this process's listener's when it knows them all,
    else read from the shared cache."""
    known = listener.known(scopes) if settings.PUBLIC_CACHE_LISTENS else None
    return known if known is not None else _read_generations(scopes)[0]


def _read_generations(scopes, *keys):
    """The generations of ``scopes`` in the shared cache, and the values under ``keys``,
    in one round trip. A scope without a generation yet gets one; this process's listener
    learns them."""
    epoch = listener.epoch  # before reading: an announcement meanwhile makes them old
    values = cache.get_many([*map(generation_key, scopes), *keys])
    generations = []
    for scope in scopes:
        scope_key = generation_key(scope)
        generation = values.get(scope_key)
        if generation is None:
            generation = uuid.uuid4().hex
            if not cache.add(scope_key, generation, None):  # another process was first
                generation = cache.get(scope_key, generation)
        generations.append(generation)
    generations = tuple(generations)
    listener.learn(dict(zip(scopes, generations, strict=True)), epoch)
    return generations, values


def fragments(entries, draw):
    """The HTML of each of ``entries`` (``(key, scopes)``: a card of a list), as drawn in
    the current generations of its scopes, in order.

    Kept in this server process's memory (``CACHES["public_fragments"]``), not in the
    shared cache: a list page drawn anew, after any change to its edition's lists, reads
    its cards from there, and draws again only those whose own scopes changed (the
    exhibitor who saved), which ``draw(indexes)`` does, returning ``{index: html}`` (a
    card it leaves out is not kept). The scopes' generations are the listener's when it
    knows them all, else one round trip to the shared cache.
    """
    scopes = list(dict.fromkeys(scope for _key, own in entries for scope in (SITE, *own)))
    generation_of = dict(zip(scopes, _known_generations(scopes), strict=True))
    wanted = [tuple(generation_of[scope] for scope in (SITE, *own)) for _key, own in entries]
    stored = in_process_fragments.get_many([key for key, _own in entries])
    html = [None] * len(entries)
    for index, (key, _own) in enumerate(entries):
        kept = stored.get(key)
        if kept is not None and kept[0] == wanted[index]:
            html[index] = kept[1]
    missing = [index for index, value in enumerate(html) if value is None]
    if missing:
        drawn = draw(missing)
        in_process_fragments.set_many(
            {entries[index][0]: (wanted[index], drawn[index]) for index in drawn}, TIMEOUT
        )
        for index, value in drawn.items():
            html[index] = value
    return [mark_safe(value) for value in html if value is not None]


def memoize(key, compute, scopes=()):
    """``compute()``, computed once per generation of ``scopes``: what many pages share (an
    edition's origins)."""
    scopes = _with_site(scopes)
    generations, value = _current(key, scopes)
    if value is None:
        value = compute()
        cache.set(key, (generations, value), TIMEOUT)
    return value


def _with_site(scopes):
    return (SITE, *scopes)


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


def _no_scopes(kwargs):
    return ()


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

    The page belongs to the scopes its ``public_scopes`` names from the URL's keyword
    arguments (without the database too), and to ``SITE``: it is drawn again once any of
    them changes. A view without one belongs to ``SITE`` alone.
    """
    view_class = getattr(view, "view_class", view)
    public_query = getattr(view_class, "public_query", _no_parameters)
    public_scopes = getattr(view_class, "public_scopes", _no_scopes)

    @wraps(view)
    def public_page(request, *args, **kwargs):
        if request.method in ("GET", "HEAD") and not _without_session(request):
            response = _serve(
                request,
                lambda request: view(request, *args, **kwargs),
                public_query=public_query,
                scopes=public_scopes(kwargs),
                visitor=True,
            )
            return _served(request, response, request.resolver_match)
        return view(request, *args, **kwargs)

    public_page.public_page = True
    public_page.public_query = public_query
    public_page.public_scopes = public_scopes
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
                    request,
                    self.get_response,
                    public_query=match.func.public_query,
                    scopes=match.func.public_scopes(match.kwargs),
                    visitor=False,
                )
                return _served(request, response, match)
        return self.get_response(request)


def _serve(request, get_response, *, public_query, scopes, visitor):
    """The page for ``request`` from the cache, stored first if it is not there.

    A page is stored as an anonymous visitor sees it; for a ``visitor`` with a session,
    their own visitor parts replace those. A page holding a CSRF token, a form only its own
    visitor may send, is served and not kept: it would give every visitor the first one's.
    """
    _canonicalise(request, public_query)
    key = _page_key(request)
    in_process_copy = not visitor and settings.PUBLIC_CACHE_LISTENS
    generation, stored = _stored_page(key, _with_site(scopes), in_process_copy)
    if stored is None:
        response = get_response(request)
        if hasattr(response, "render"):  # a view's TemplateResponse is not rendered yet
            response.render()
        if not _may_be_kept(response):
            return response
        content = response.content
        if visitor:  # the page drawn for them, stored as anyone else sees it
            content = _with_visitor_parts(content, _anonymous_parts())
        if CSRF_INPUT.search(content):
            return response
        stored = (content, response["Content-Type"], response.get("Vary", ""))
        cache.set(key, (generation, stored), TIMEOUT)
        if visitor:
            return _for_visitor(response)
        if in_process_copy:
            in_process.set(key, (generation, stored), TIMEOUT)
    content, content_type, vary = stored
    if visitor:
        content = _with_visitor_parts(content, _visitor_parts(request))
    response = HttpResponse(content, content_type=content_type)
    if vary:
        patch_vary_headers(response, [header.strip() for header in vary.split(",")])
    if visitor:
        return _for_visitor(response)
    # The same for every visitor without a session: a shared cache in front may keep it.
    patch_cache_control(
        response,
        public=True,
        max_age=HTTP_CACHE_SECONDS,
        stale_while_revalidate=HTTP_STALE_SECONDS,
    )
    patch_vary_headers(response, ["Cookie"])  # with a session, it is another page
    return response


def _for_visitor(response):
    """A page with a visitor's own account links: for no cache but their browser's."""
    patch_cache_control(response, private=True)
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


def _stored_page(key, scopes, in_process_copy):
    """The generations of ``scopes``, and the page stored under ``key`` in them (None if
    there is none).

    ``in_process_copy``: for a visitor without a session, while this process's listener
    listens, the page may come from the process's own copy, and one from the shared cache
    is copied there.
    """
    if in_process_copy:
        known = listener.known(scopes)
        if known is not None:
            stored = in_process.get(key)
            if stored is not None and stored[0] == known:
                return known, stored[1]
    generations, stored = _current(key, scopes)
    if in_process_copy and stored is not None:
        in_process.set(key, (generations, stored), TIMEOUT)
    return generations, stored


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
