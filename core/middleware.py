from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

# Everything the portal serves comes from its own origin: no CDN, no inline script or
# style. YouTube is the one frame a page may load, and only once a visitor taps it.
POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data: https://i.ytimg.com",
        "frame-src https://www.youtube-nocookie.com",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The debug error page is all inline styles; it is only ever seen in development.
        if not (settings.DEBUG and response.status_code >= 500):
            response.headers.setdefault("Content-Security-Policy", POLICY)
        return response


class LanguageFromAddressMiddleware(LocaleMiddleware):
    """Django's, for a site whose language is in the address alone: ``/en/…`` in English,
    every other address in Bahasa Indonesia, whatever the browser asks for (``expo.urls``).

    Django's own says the pages vary with Accept-Language all the same; shared caches in
    front would then keep a copy of each page per browser's wording of that header. Its
    other work on the way out, redirecting to the default language's prefix, is for sites
    that give the default language one, which this one does not."""

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
