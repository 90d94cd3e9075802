"""The first view of each public page in the real Chromium on a phone: what it downloads."""

from collections import Counter
from dataclasses import dataclass, field

from bench.outcome import NotMeasured

# Started as the browser tests start it: as root it needs --no-sandbox; offline, no Google.
from conftest import CHROMIUM, CHROMIUM_ARGS

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "id-ID",
}
KINDS = {"document": "html", "stylesheet": "css", "script": "js", "image": "images"}


@dataclass
class Weight:
    """Bytes as they came over the wire (compressed bodies and headers), by kind."""

    bytes_by_kind: Counter = field(default_factory=Counter)
    requests: int = 0
    failed: list = field(default_factory=list)

    @property
    def html_css_js(self):
        return sum(self.bytes_by_kind[kind] for kind in ("html", "css", "js"))


def measure(base_url, pages, keys):
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for key in keys:
                results[key] = _first_view(browser, base_url + pages[key].path)
        finally:
            browser.close()
    return results


def _first_view(browser, url):
    # A new context each time: an empty cache, as on a visitor's first tap of a link.
    context = browser.new_context(**PHONE)
    weight = Weight()

    def finished(request):
        sizes = request.sizes()
        kind = KINDS.get(request.resource_type, "other")
        weight.bytes_by_kind[kind] += sizes["responseHeadersSize"] + sizes["responseBodySize"]
        weight.requests += 1

    def failed(request):
        weight.requests += 1
        weight.failed.append(request.url)

    try:
        page = context.new_page()
        page.on("requestfinished", finished)
        page.on("requestfailed", failed)
        response = page.goto(url, wait_until="load")
        if response is None or response.status != 200:
            status = response.status if response else "nothing"
            return NotMeasured(f"answered HTTP {status}, not 200")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return weight
