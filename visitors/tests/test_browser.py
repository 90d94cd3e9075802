"""Journey 5 as far as the foundation goes: a visitor on a phone finds an exhibitor."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Visitors without a session get pages from the server process's own copy, as in
    # production.
    pytest.mark.usefixtures("regions", "listening"),
]


def test_visitor_opens_the_demo_edition_and_an_exhibitor_page(live_server, phone):
    call_command("load_demo", verbosity=0)

    phone.goto(live_server.url)
    phone.get_by_role("link", name="Kabupaten Semarang Expo (Kasmex) 2021").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Kabupaten Semarang Expo (Kasmex) 2021"
    )
    expect(phone.get_by_text("12–14 November 2021")).to_be_visible()
    expect(phone.locator(".figures")).to_contain_text("32 peserta")
    expect(phone.locator(".figures")).to_contain_text("2 dari luar")

    phone.get_by_role("link", name="Lihat peserta").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Peserta")
    outside = phone.locator(".participants li", has_text="Kabupaten Sukoharjo")
    expect(outside).to_have_count(1)
    expect(outside.locator(".badge.outside")).to_have_text("di luar daerah tuan rumah")
    outside.get_by_role("link").click()

    expect(phone).to_have_url(re.compile(r"/pameran/kasmex-2021/peserta/[\w-]+/$"))
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Batik")
    expect(phone.locator("#booth")).to_have_text(re.compile(r"^Stan [A-Z]-\d{2}"))
    expect(phone.locator(".booth-spot .highlight")).to_have_count(1)
    expect(phone.locator(".products .price").first).to_have_text(
        re.compile(r"^Rp\d{1,3}(\.\d{3})+$")
    )
    whatsapp = phone.get_by_role("link", name="Chat lewat WhatsApp")
    expect(whatsapp).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/62\d+\?text=Halo%2C%20saya%20melihat%20")
    )


def test_visitor_searches_and_filters_without_reloading_the_page(live_server, phone):
    call_command("load_demo", verbosity=0)
    phone.goto(live_server.url + "/pameran/kasmex-2021/peserta/")
    # A marker on the page object survives only if the page is not reloaded.
    phone.evaluate("window.notReloaded = true")

    phone.get_by_label("Cari peserta dan produk").fill("batik")

    expect(phone).to_have_url(re.compile(r"\?q=batik"))
    expect(phone.locator("#results .meta").first).to_have_text(re.compile(r"^\d+ peserta$"))
    results = phone.locator(".participants > li")
    expect(results.first).to_contain_text("Batik")
    assert phone.evaluate("window.notReloaded") is True

    phone.get_by_text("Saring dan urutkan").click()
    phone.get_by_label("Asal").select_option("luar")

    expect(phone).to_have_url(re.compile(r"asal=luar"))
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Kabupaten Sukoharjo")
    assert phone.evaluate("window.notReloaded") is True

    # A province first; its regencies are then offered, still without a reload.
    expect(phone.get_by_label("Kabupaten/kota")).to_be_disabled()
    phone.get_by_label("Provinsi").select_option(label="Jawa Tengah")
    expect(phone.get_by_label("Kabupaten/kota")).to_be_enabled()
    phone.get_by_label("Kabupaten/kota").select_option(label="Kabupaten Sukoharjo")
    expect(phone).to_have_url(re.compile(r"wilayah=33\.11"))
    expect(results).to_have_count(1)
    assert phone.evaluate("window.notReloaded") is True

    # The URL is the state: opening it afresh gives the same results.
    phone.goto(phone.url)
    expect(results).to_have_count(1)
    expect(phone.get_by_label("Cari peserta dan produk")).to_have_value("batik")


def test_visitor_finds_a_product_and_asks_about_it(live_server, phone):
    call_command("load_demo", verbosity=0)
    phone.goto(live_server.url + "/pameran/kasmex-2021/")

    phone.get_by_role("link", name="Cari produk").click()
    expect(phone).to_have_url(re.compile(r"/produk/$"))
    phone.wait_for_load_state()  # htmx starts once the page has loaded
    phone.get_by_label("Cari produk").fill("kopi")
    expect(phone).to_have_url(re.compile(r"\?q=kopi"))
    phone.locator(".products h3 a").first.click()

    expect(phone.get_by_role("heading", level=1)).to_contain_text(re.compile("kopi", re.I))
    ask = phone.get_by_role("link", name="Tanya lewat WhatsApp")
    expect(ask).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/62\d+\?text=Halo%2C%20saya%20melihat%20")
    )


def test_language_switch_shows_the_page_in_english(live_server, phone):
    call_command("load_demo", verbosity=0)

    phone.goto(live_server.url + "/pameran/kasmex-2021/")
    phone.get_by_role("link", name="English").click()

    expect(phone.get_by_role("link", name="See the exhibitors")).to_be_visible()
    expect(phone).to_have_url(live_server.url + "/en/pameran/kasmex-2021/")
    # A link shared from here opens in English; the same address without /en/ in Indonesian.
    phone.get_by_role("link", name="See the exhibitors").click()
    expect(phone).to_have_url(live_server.url + "/en/pameran/kasmex-2021/peserta/")
    phone.get_by_role("link", name="Bahasa Indonesia").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Peserta")
