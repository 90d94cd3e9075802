"""YouTube links: the only video host the portal embeds, and only once a visitor taps."""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}


def video_id(url):
    """The 11-character id of a YouTube video or live link, or ``None`` if it is not one."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or parts.hostname not in HOSTS:
        return None
    if parts.username or parts.port:
        return None
    path = parts.path.rstrip("/")
    if parts.hostname == "youtu.be":
        candidate = path.removeprefix("/")
    elif path == "/watch":
        candidate = parse_qs(parts.query).get("v", [""])[0]
    else:
        match = re.fullmatch(r"/(?:shorts|live|embed)/([^/]+)", path)
        candidate = match.group(1) if match else ""
    return candidate if VIDEO_ID.match(candidate) else None


def validate_video_url(url):
    if video_id(url) is None:
        raise ValidationError(
            _("Enter a YouTube video link, e.g. https://www.youtube.com/watch?v=…"),
            code="invalid_youtube",
        )
