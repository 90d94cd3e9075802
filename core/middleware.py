from django.conf import settings

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
