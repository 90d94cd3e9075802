import sys

from django.db import connection
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token


def hello(request):
    """The cheapest page there is: the baseline ``make bench`` compares the real pages to.

    It goes through the whole middleware stack like every page, but touches neither the
    database nor the session, so its speed is that of the server and the framework alone.
    """
    return HttpResponse("hello\n", content_type="text/plain")


# Seconds a visitor's browser (or a proxy) waits before asking again while the database
# is away: a restart is back within a few.
RETRY_AFTER_SECONDS = 5


@requires_csrf_token
def server_error(request):
    """The 500 page, or a 503 with Retry-After while the database cannot be reached: the
    request changed nothing, and asking again in a moment will work."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(render_to_string("500.html"))


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
