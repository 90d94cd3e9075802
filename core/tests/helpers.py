"""What the tests of every app share: files built in memory as owners upload them, the
profile form as an owner fills it in, pages read as a visitor reads them, and a rival
transaction for the races.

It imports no app of the project, so the tests of any app may use it without crossing
the layers.
"""

import html
import io
import re
import threading
import time
from contextlib import contextmanager

from django.db import connection, transaction
from PIL import ExifTags, Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import NameObject

RED = (220, 20, 20)

# The business profile form as an owner in Kabupaten Semarang fills it in.
PROFILE = {
    "kind": "umkm",
    "name": "Keripik Tempe Bu Sri",
    "category": "kuliner",
    "scale": "mikro",
    "description": "Keripik tempe renyah dari Ungaran.",
    "province": "33",
    "region": "33.22",
    "address": "Jl. Gatot Subroto 12, Ungaran",
    "whatsapp": "0812-3456-7890",
    "email": "bu.sri@example.com",
    "nib": "1234567890123",
    "pirt": "1234567890123-45",
    "halal_number": "",
    "bpom_number": "",
}

CARD_NAME = re.compile(r'<li class="card">\s*<h2><a href="[^"]+">([^<]*)</a>')
PRODUCT_CARD_NAME = re.compile(r'<li class="card product">.*?<h3><a href="[^"]+">([^<]*)</a>', re.S)


# Files


def encoded(image, image_format="JPEG", **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def jpeg(size=(400, 300), **options):
    """A red photo; ``options`` go to Pillow's encoder (``exif=gps_exif()``, ``quality``…)."""
    return encoded(Image.new("RGB", size, RED), "JPEG", **options)


def png(size=(400, 300), mode="RGB"):
    """A red PNG; in ``RGBA`` mode half transparent."""
    colour = (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)
    return encoded(Image.new(mode, size, colour), "PNG")


def gps_exif():
    """EXIF as a phone camera writes it, with where the photo was taken (in Central Java)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Kamera Ponsel"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (7.0, 8.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (110.0, 24.0, 15.0)
    return exif


def pdf(
    *, pages=1, catalogue=None, page=None, password=None, script=None, opens_at_first_page=False
):
    """A PDF as pypdf writes one: A4 pages, with entries added to the catalogue or to the
    first page, a password, a document-level script, or where it opens."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    for key, value in (catalogue or {}).items():
        writer._root_object[NameObject(key)] = value
    for key, value in (page or {}).items():
        writer.pages[0][NameObject(key)] = value
    if script:
        writer.add_open_action(JavaScript(script))
    if opens_at_first_page:
        # An /OpenAction that is only a page and a zoom, as office programs write.
        writer.open_destination = writer.pages[0]
    if password is not None:
        writer.encrypt(user_password=password, owner_password="panitia")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = pdf()


def stored_files(root):
    """The names of the files under ``root``, sorted."""
    return sorted(path.name for path in root.rglob("*") if path.is_file())


# Pages


def text_of(page):
    """A page's words as a reader sees them: tags dropped, spaces collapsed. ``page`` is
    the HTML or the response."""
    if not isinstance(page, str):
        page = page.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def shown_messages(response):
    return [str(message) for message in response.context["messages"]]


def card_names(response):
    """The exhibitors' names on the page's cards, as the visitor reads them."""
    return [html.unescape(name) for name in CARD_NAME.findall(response.content.decode())]


def product_card_names(response):
    """The products' names on the page's cards, as the visitor reads them."""
    return [html.unescape(name) for name in PRODUCT_CARD_NAME.findall(response.content.decode())]


# Races


@contextmanager
def rival_transaction(write, *, replica=False):
    """``write`` run in a second connection's transaction, left open: the test's own
    statements do not see its rows yet, and it commits as soon as one of them waits on it.

    For tests that commit for real (``django_db(transaction=True)``): the body of the
    ``with`` is what runs while the rival is open. ``replica``: the rival writes as a
    replication or bulk-load session does, its foreign keys unchecked, so it takes no
    lock on the rows they point to. Once the ``with`` is left, the yielded dict tells
    whether the test's statement waited on the rival (``"blocked"``) and whether the
    rival committed (``"committed"``).
    """
    connection.ensure_connection()
    waiting = connection.connection.info.backend_pid
    written, outcome = threading.Event(), {"blocked": False, "committed": False}

    def rival():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                if replica:
                    cursor.execute("SET LOCAL session_replication_role = replica")
                write()
                written.set()
                rival_pid = connection.connection.info.backend_pid
                deadline = time.monotonic() + 10
                while not outcome["blocked"] and time.monotonic() < deadline:
                    # Live lock data, not the statistics snapshot of pg_stat_activity.
                    cursor.execute("SELECT %s = ANY(pg_blocking_pids(%s))", [rival_pid, waiting])
                    outcome["blocked"] = cursor.fetchone()[0]
                    time.sleep(0.01)
            outcome["committed"] = True
        except Exception as error:  # raised again in the test's thread
            outcome["error"] = error
        finally:
            written.set()
            connection.close()  # the thread's own connection: a real second transaction

    thread = threading.Thread(target=rival)
    thread.start()
    try:
        written.wait(timeout=10)
        if "error" in outcome:
            raise outcome["error"]
        yield outcome
    finally:
        thread.join(timeout=30)
    if "error" in outcome:
        raise outcome["error"]
