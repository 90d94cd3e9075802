"""A 12-megapixel photo uploaded through the owner's form, as a phone sends it, to the
bench's gunicorn: the wall time of the request, the peak memory of the server's workers,
and what visitors' pages do while owners upload three photos a second.

The owner is an account of the bench's own (``bench-pemilik``) given one of the scale
edition's generated exhibitors; the photos it adds are deleted again after each run, so
the seeded data stays as it was and the products keep room under their five photos.
"""

import re
import statistics
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from bench.load import RUNS, SECONDS, wrk
from bench.photo import camera_photo

UPLOADS_PER_SECOND = 3
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Uploads:
    wall_seconds: float  # one upload alone, median of RUNS
    size: int  # bytes of the photo
    peak_rss_mb: float  # the largest peak of the server's workers afterwards
    visitors_ratio: float  # the directory page's requests/s during uploads, to without
    uploads_during: int  # made while wrk ran, all runs


def measure(base_url, page, server_pid, log):
    from bench.accounts import owner_client
    from exhibitors.models import ProductPhoto

    owner = owner_client()
    products = _owners_products(owner)
    content = camera_photo()
    before = set(ProductPhoto.objects.filter(product__in=products).values_list("pk", flat=True))
    uploading = _Uploading(base_url, owner, products, content)
    try:
        walls = []
        for _run in range(RUNS):
            walls.append(uploading.one())
            _delete_added(products, before)
        calm, busy, made = [], [], 0
        for run in range(1, RUNS + 1):
            log(f"wrk run {run}/{RUNS}: {page.name}, owners uploading photos")
            calm.append(wrk(base_url + page.path, SECONDS).rps)
            with uploading.running(UPLOADS_PER_SECOND) as running:
                busy.append(wrk(base_url + page.path, SECONDS).rps)
            made += running.made
            _delete_added(products, before)
    finally:
        _delete_added(products, before)
    return Uploads(
        wall_seconds=statistics.median(walls),
        size=len(content),
        peak_rss_mb=_workers_peak_rss_mb(server_pid),
        visitors_ratio=statistics.median(b / c for b, c in zip(busy, calm, strict=True)),
        uploads_during=made,
    )


def _owners_products(owner):
    """The products of the scale-edition exhibitor the bench's owner account keeps."""
    from django.contrib.auth import get_user_model

    from bench.accounts import OWNER_USERNAME
    from booths.demo.plans import SCALE_EDITION_SLUG
    from exhibitors.models import Exhibitor, Product

    user = get_user_model().objects.get(username=OWNER_USERNAME)
    exhibitor = Exhibitor.objects.filter(owner=user).first()
    if exhibitor is None:
        exhibitor = (
            Exhibitor.objects.filter(
                owner__isnull=True, applications__edition__slug=SCALE_EDITION_SLUG
            )
            .order_by("pk")
            .first()
        )
        exhibitor.owner = user
        exhibitor.save(update_fields=["owner"])
    return list(Product.objects.filter(exhibitor=exhibitor).order_by("pk"))


def _delete_added(products, before):
    from exhibitors import services
    from exhibitors.models import ProductPhoto

    for photo in ProductPhoto.objects.filter(product__in=products).exclude(pk__in=before):
        services.delete_product_photo(photo=photo)


class _Uploading:
    """Uploads through the form, as the owner's browser sends them: the product's page for
    the CSRF token, then the photo as multipart/form-data."""

    def __init__(self, base_url, owner, products, content):
        from django.conf import settings

        self.base_url, self.products, self.content = base_url, products, content
        self.session = owner.cookies[settings.SESSION_COOKIE_NAME].value
        self.made = 0
        self._turn = 0
        self._lock = threading.Lock()

    def one(self):
        """Upload once, to the product whose turn it is; the request's wall time."""
        with self._lock:
            product = self.products[self._turn % len(self.products)]
            self._turn += 1
        token, csrf_cookie = self._form(product)
        boundary = uuid.uuid4().hex
        body = b"".join(
            [
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"'
                f"\r\n\r\n{token}\r\n".encode(),
                f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; '
                'filename="kamera.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode(),
                self.content,
                f"\r\n--{boundary}--\r\n".encode(),
            ]
        )
        request = urllib.request.Request(
            f"{self.base_url}/dasbor/produk/{product.pk}/foto/",
            data=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Cookie": f"sessionid={self.session}; csrftoken={csrf_cookie}",
            },
        )
        started = time.perf_counter()
        try:
            with _no_redirects().open(request, timeout=60) as response:
                status = response.status
        except urllib.error.HTTPError as answer:  # the redirect, not followed
            status = answer.code
        if status != 302:
            raise RuntimeError(f"the upload answered {status}, not 302 to the product")
        with self._lock:
            self.made += 1
        return time.perf_counter() - started

    def _form(self, product):
        request = urllib.request.Request(
            f"{self.base_url}/dasbor/produk/{product.pk}/",
            headers={"Cookie": f"sessionid={self.session}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            page = response.read().decode()
            cookie = response.headers.get("Set-Cookie", "")
        token = CSRF_INPUT.search(page)[1]
        csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie)[1]
        return token, csrf_cookie

    def running(self, per_second):
        return _Running(self, per_second)


class _Running:
    def __init__(self, uploading, per_second):
        self.uploading, self.per_second, self.made = uploading, per_second, 0
        self._stopping = threading.Event()
        self._threads = []

    def __enter__(self):
        self._started = self.uploading.made
        for _ in range(self.per_second):  # each thread one upload a second
            thread = threading.Thread(target=self._upload, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _upload(self):
        while not self._stopping.is_set():
            started = time.monotonic()
            self.uploading.one()
            self._stopping.wait(max(0, 1 - (time.monotonic() - started)))

    def __exit__(self, *exc_info):
        self._stopping.set()
        for thread in self._threads:
            thread.join()
        self.made = self.uploading.made - self._started


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _no_redirects():
    return urllib.request.build_opener(_NoRedirect)


def _workers_peak_rss_mb(server_pid):
    """The largest ``VmHWM`` among the server's workers (the children of its master)."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue
        if fields.get("PPid", "").strip() == str(server_pid) and "VmHWM" in fields:
            peaks.append(int(fields["VmHWM"].split()[0]) / 1024)
    return max(peaks, default=0.0)
