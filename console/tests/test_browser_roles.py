"""The roles at work, in the browser: a Kurator reviews an application, checks its NIB
document and accepts it; a Penyelenggara places the participant on the booth board. Each
sees what the group allows, and nothing of another office's edition."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from booths.models import Assignment
from booths.tests.factories import BoothFactory
from console.roles import CURATOR, ORGANISER
from core.tests.helpers import PDF
from exhibitors import services
from exhibitors.models import Application, LegalDocument
from exhibitors.tests.factories import ApplicationFactory, UserFactory
from expo.models import Membership, Organisation
from expo.tests.factories import EditionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

PASSWORD = "rahasia-dinas-kabupaten-semarang"


@pytest.fixture
def admin_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def offices(settings, tmp_path):
    """Office A's edition with an application waiting, its NIB uploaded; office B's edition."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    office_a = Organisation.objects.create(name="Dinas Kabupaten Semarang")
    office_b = Organisation.objects.create(name="Dinas Kabupaten Kendal")
    edition = EditionFactory(name="Kasmex 2031", organisation=office_a)
    BoothFactory(edition=edition, code="A-01", x=0)
    BoothFactory(edition=edition, code="A-02", x=3)
    application = ApplicationFactory(edition=edition, exhibitor__name="Keripik Tempe Bu Sri")
    services.upload_document(
        exhibitor=application.exhibitor, kind="nib", upload=SimpleUploadedFile("nib.pdf", PDF)
    )
    other = EditionFactory(name="Kendal Expo 2031", organisation=office_b)
    ApplicationFactory(edition=other, exhibitor__name="Batik Kendal")
    return {"a": office_a, "edition": edition, "application": application, "other": other}


def log_in(page, live_server, *, role, office, next_url):
    username = f"{role.lower().replace(' ', '.')}.semarang"
    user = UserFactory(username=username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    Membership.objects.create(user=user, organisation=office)
    page.goto(f"{live_server.url}{reverse('admin:login')}?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    return user


def test_a_curator_checks_the_nib_and_accepts(live_server, admin_page, offices):
    page = admin_page
    changelist = reverse("admin:exhibitors_application_changelist")
    log_in(page, live_server, role=CURATOR, office=offices["a"], next_url=changelist)

    # Only the office's own applications are listed.
    expect(page.locator("#result_list")).to_contain_text("Keripik Tempe Bu Sri")
    expect(page.locator("#result_list")).not_to_contain_text("Batik Kendal")
    page.get_by_role("link", name="Keripik Tempe Bu Sri").click()

    legality = page.locator("section", has=page.get_by_role("heading", name="Legalitas"))
    expect(legality.get_by_role("row", name="NIB")).to_contain_text("Belum diperiksa")
    expect(legality.get_by_role("link", name="Unduh")).to_be_visible()
    check = legality.get_by_role("group", name="Periksa dokumen NIB")
    check.get_by_role("radio", name="Sesuai", exact=True).check()
    check.get_by_role("button", name="Simpan hasil pemeriksaan").click()
    expect(page.locator(".messagelist")).to_have_text("Hasil pemeriksaan dokumen NIB disimpan.")
    expect(legality.get_by_role("row", name="NIB")).to_contain_text("Sesuai")

    page.get_by_role("button", name="Terima", exact=True).click()
    expect(page.locator(".messagelist")).to_have_text("1 pendaftaran diterima.")
    assert Application.objects.get(pk=offices["application"].pk).status == "accepted"
    document = LegalDocument.objects.get(exhibitor=offices["application"].exhibitor)
    assert document.verification == "valid"

    # A curator touches no booth: the board is not theirs, the index does not offer it.
    board = reverse("admin:booths_board", kwargs={"edition_id": offices["edition"].pk})
    assert page.goto(live_server.url + board).status == 403
    page.goto(live_server.url + reverse("admin:index"))
    expect(page.locator("#content-main")).not_to_contain_text("Kendal Expo 2031")
    expect(page.get_by_role("link", name="Stan", exact=True)).to_have_count(0)


def test_an_organiser_places_the_accepted_participant(live_server, admin_page, offices):
    page = admin_page
    services.decide_application(
        application=offices["application"], status="accepted", by=UserFactory()
    )
    board = reverse("admin:booths_board", kwargs={"edition_id": offices["edition"].pk})
    log_in(page, live_server, role=ORGANISER, office=offices["a"], next_url=board)

    expect(page.get_by_role("heading", level=1)).to_have_text("Papan stan: Kasmex 2031")
    page.get_by_role("link", name="Keripik Tempe Bu Sri").click()
    page.get_by_role("link", name="A-02: kosong (Standar), tempatkan di sini").click()
    expect(page.locator(".messagelist")).to_have_text(
        "Keripik Tempe Bu Sri sekarang menempati stan A-02."
    )
    assert Assignment.objects.get().booth.code == "A-02"

    # The organiser opens no legality check, and no board of another office.
    review = reverse("admin:exhibitors_application_change", args=[offices["application"].pk])
    page.goto(live_server.url + review)
    expect(page.get_by_role("button", name="Simpan hasil pemeriksaan")).to_have_count(0)
    other_board = reverse("admin:booths_board", kwargs={"edition_id": offices["other"].pk})
    assert page.goto(live_server.url + other_board).status == 404
