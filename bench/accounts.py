"""The accounts the bench signs in, for real: their requests carry a real session."""

STAFF_USERNAME = "bench-panitia"
VISITOR_USERNAME = "bench-pengunjung"
OWNER_USERNAME = "bench-pemilik"  # given a scale-edition exhibitor (bench.upload)


def staff_client():
    """A test client signed in as the bench's staff account (a superuser, no password)."""
    return _signed_in(STAFF_USERNAME, is_staff=True, is_superuser=True)


def visitor_client():
    """A test client signed in as a visitor with an account and no business: the bench's
    signed-in visitor, whose pages read their session and their user."""
    return _signed_in(VISITOR_USERNAME)


def owner_client():
    """A test client signed in as the bench's UMKM owner."""
    return _signed_in(OWNER_USERNAME)


def _signed_in(username, **flags):
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, created = get_user_model().objects.get_or_create(username=username, defaults=flags)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    return client


def session_header(client):
    """``client``'s session cookie, as wrk's ``--header`` takes it."""
    from django.conf import settings

    name = settings.SESSION_COOKIE_NAME
    return f"Cookie: {name}={client.cookies[name].value}"
