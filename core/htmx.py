"""Which htmx requests want a fragment of a page rather than the whole page."""


def wants_fragment(request):
    """An htmx request, except a history restore: the browser then needs the whole page."""
    headers = request.headers
    return bool(headers.get("HX-Request")) and not headers.get("HX-History-Restore-Request")
