"""The booth board in the admin: plain forms, htmx fragments, permissions, queries."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from booths.models import Assignment, VenueImage
from booths.services import assign_booth
from booths.tests.factories import BoothFactory
from core.tests.helpers import png
from exhibitors.models import Application, BoothKind, Category, Exhibitor
from exhibitors.tests.factories import ApplicationFactory, UserFactory
from expo.tests.factories import KOTA_SEMARANG, EditionFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def edition():
    """Ten booths A-01…A-10, 80% kept for Kabupaten Semarang: two left for outsiders."""
    edition = EditionFactory(host_share_percent=80)
    for number in range(1, 11):
        BoothFactory(edition=edition, code=f"A-{number:02d}")
    return edition


def url(name, edition, query=""):
    return reverse(f"admin:booths_{name}", kwargs={"edition_id": edition.pk}) + query


def booth(edition, code):
    return edition.booths.get(code=code)


def accepted(edition, name="Batik Sekar Jagad", **kwargs):
    return ApplicationFactory(edition=edition, accepted=True, exhibitor__name=name, **kwargs)


def page(response):
    return response.content.decode()


def test_board_lists_accepted_booth_participants_without_a_booth(client, organiser, edition):
    accepted(
        edition,
        "Keripik Tempe Bu Rini",
        exhibitor__category=Category.CULINARY,
        exhibitor__region_id=KOTA_SEMARANG,
        preferred_zone="Zona Kuliner",
        preferred_booth_kind=BoothKind.FOOD,
    )
    accepted(
        edition, "Dinas Koperasi", exhibitor__kind=Exhibitor.Kind.INSTITUTION, exhibitor__scale=""
    )
    placed = accepted(edition, "Sudah Punya Stan")
    assign_booth(booth=booth(edition, "A-01"), application=placed, by=organiser)
    accepted(edition, "Ikut Virtual", mode=Application.Mode.VIRTUAL)
    ApplicationFactory(edition=edition, exhibitor__name="Belum Diputus")

    response = client.get(url("board", edition))

    names = [a.exhibitor.name for a in response.context["participants"]]
    assert names == ["Dinas Koperasi", "Keripik Tempe Bu Rini"]
    html = page(response)
    assert '<span class="swatch cat-kuliner"></span>Kuliner' in html
    assert '<strong class="outside">luar</strong> (Kota Semarang)' in html
    assert "ingin Zona Kuliner, kuliner (dengan air)" in html
    assert "instansi (Kabupaten Semarang)" in html
    assert 'aria-label="A-01: Sudah Punya Stan"' in html
    assert "9 dari 10 stan kosong" in html
    assert "Luar daerah tuan rumah: 0 dari 2 stan yang disisakan untuk mereka (20%)" in html


OCCUPANT_LABEL = re.compile(r'<text class="occupant"[^>]*>([^<]*)</text>')


def test_the_plan_names_each_occupant_in_what_fits_its_booth(client, organiser, edition):
    for code, name in [("A-01", "Keripik Tempe Bu Rini Ungaran"), ("A-02", "Batik Sri")]:
        assign_booth(booth=booth(edition, code), application=accepted(edition, name), by=organiser)
    # One metre wide: no room for a name, which the booth's accessible name still gives.
    narrow = BoothFactory(edition=edition, code="K-01", x=100, width=1)
    assign_booth(booth=narrow, application=accepted(edition, "Jamu Sehat"), by=organiser)

    html = page(client.get(url("board", edition)))

    # Three metres across: nine letters a line, two lines under the code.
    assert OCCUPANT_LABEL.findall(html) == ["Keripik", "Tempe Bu…", "Batik Sri"]
    assert 'aria-label="A-01: Keripik Tempe Bu Rini Ungaran"' in html
    assert "<title>A-01: Keripik Tempe Bu Rini Ungaran</title>" in html
    assert 'aria-label="K-01: Jamu Sehat"' in html
    # Free booths carry their code alone.
    assert html.count("<rect ") == 11
    assert html.count("<text ") == 11 + 3
    # The public plan stays as it was: codes, and the names in each booth's title.
    public = page(client.get(reverse("floor_plan", kwargs={"edition_slug": edition.slug})))
    assert OCCUPANT_LABEL.findall(public) == []
    assert "<title>A-01 · Keripik Tempe Bu Rini Ungaran</title>" in public


def test_the_draft_names_the_participants_it_proposes_on_the_plan(client, organiser):
    edition = EditionFactory()
    BoothFactory(edition=edition, code="A-01", zone="A")
    accepted(edition, "Batik Sri")

    html = page(client.get(url("draft", edition)))

    assert OCCUPANT_LABEL.findall(html) == ["Batik Sri"]


@pytest.mark.parametrize("count", [1, 12])
def test_board_queries_do_not_grow_with_booths_and_participants(
    client, organiser, django_assert_num_queries, count
):
    edition = EditionFactory()
    for number in range(count):
        occupant = accepted(edition, f"Peserta {number}")
        Assignment.objects.create(booth=BoothFactory(edition=edition), application=occupant)
        BoothFactory(edition=edition)
        accepted(edition, f"Menunggu {number}", exhibitor__region_id=KOTA_SEMARANG)

    with django_assert_num_queries(6):
        response = client.get(url("board", edition))

    occupants = [booth.occupant.name for booth in response.context["booths"] if booth.occupant]
    waiting = [application.exhibitor.name for application in response.context["participants"]]
    assert sorted(occupants) == sorted(f"Peserta {number}" for number in range(count))
    assert waiting == sorted(f"Menunggu {number}" for number in range(count))
    assert len(response.context["free_booths"]) == count
    html = page(response)
    assert all(f"Peserta {number}" in html for number in range(count))
    assert all(f"Menunggu {number}" in html for number in range(count))


def test_picking_a_participant_makes_free_booths_assign_targets(client, organiser, edition):
    application = accepted(edition)

    html = page(client.get(url("board", edition, f"?pick={application.pk}")))

    assert "Klik stan kosong untuk <strong>Batik Sekar Jagad</strong>." in html
    assert html.count("tempatkan di sini") == 10
    target = booth(edition, "A-03").pk
    assert f'data-hx-vals=\'{{"application": "{application.pk}", "booth": "{target}"}}\'' in html


def test_without_javascript_a_clicked_booth_asks_to_confirm_with_a_form(client, organiser, edition):
    application = accepted(edition)
    a_booth = booth(edition, "A-03")

    html = page(client.get(url("board", edition, f"?pick={application.pk}&booth={a_booth.pk}")))

    assert "Batik Sekar Jagad ke stan A-03" in html
    assert f'<input type="hidden" name="booth" value="{a_booth.pk}">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert Assignment.objects.count() == 0


def test_plain_form_assigns_and_goes_back_to_the_board(client, organiser, edition):
    application = accepted(edition)

    response = client.post(
        url("board_assign", edition),
        {"application": application.pk, "booth": booth(edition, "A-03").pk},
        follow=True,
    )

    assert response.redirect_chain == [(url("board", edition), 302)]
    assert "Batik Sekar Jagad sekarang menempati stan A-03." in page(response)
    assert Assignment.objects.get().booth.code == "A-03"
    assert Assignment.objects.get().assigned_by == organiser


def test_htmx_assign_answers_with_the_board_fragment(client, organiser, edition):
    application = accepted(edition)

    response = client.post(
        url("board_assign", edition),
        {"application": application.pk, "booth": booth(edition, "A-03").pk},
        **HTMX,
    )

    html = page(response)
    assert html.lstrip().startswith('<div id="board"')
    assert "<html" not in html
    assert "Batik Sekar Jagad sekarang menempati stan A-03." in html
    assert 'aria-label="A-03: Batik Sekar Jagad"' in html
    assert response["HX-Push-Url"] == url("board", edition)


def test_booth_taken_meanwhile_is_explained_and_nothing_changes(client, organiser, edition):
    first, second = accepted(edition, "Pertama"), accepted(edition, "Kedua")
    assign_booth(booth=booth(edition, "A-03"), application=first, by=organiser)

    response = client.post(
        url("board_assign", edition),
        {"application": second.pk, "booth": booth(edition, "A-03").pk},
        **HTMX,
    )

    assert '<p class="errornote" role="alert">Stan A-03 sudah terisi.</p>' in page(response)
    assert list(Assignment.objects.values_list("application", flat=True)) == [first.pk]


def test_quota_refusal_offers_the_reason_field_and_the_reason_then_assigns(
    client, organiser, edition
):
    for code in ("A-01", "A-02"):
        assign_booth(
            booth=booth(edition, code),
            application=accepted(edition, f"Luar {code}", exhibitor__region_id=KOTA_SEMARANG),
            by=organiser,
        )
    application = accepted(edition, "Luar Ketiga", exhibitor__region_id=KOTA_SEMARANG)
    data = {"application": application.pk, "booth": booth(edition, "A-03").pk}

    refused = client.post(url("board_assign", edition), data, **HTMX)
    client.post(url("board_assign", edition), {**data, "override_reason": "Undangan Bupati."})

    assert (
        '<p class="errornote" role="alert">Peserta dari luar daerah tuan rumah sudah '
        "menempati 2 dari 2 stan"
    ) in page(refused)
    assert 'name="override_reason"' in page(refused)
    assert "Luar Ketiga ke stan A-03" in page(refused)
    assert Assignment.objects.get(application=application).override_reason == "Undangan Bupati."


def test_clicking_an_occupied_booth_offers_move_and_vacate(client, organiser, edition):
    assign_booth(booth=booth(edition, "A-01"), application=accepted(edition), by=organiser)

    html = page(client.get(url("board", edition, f"?booth={booth(edition, 'A-01').pk}")))

    assert "Stan A-01: Batik Sekar Jagad" in html
    assert "Kosongkan stan A-01" in html
    assert html.count("pindahkan ke sini") == 9


def test_move_on_the_board(client, organiser, edition):
    application = accepted(edition)
    assign_booth(booth=booth(edition, "A-01"), application=application, by=organiser)

    response = client.post(
        url("board_move", edition),
        {"booth": booth(edition, "A-01").pk, "to": booth(edition, "A-07").pk},
        **HTMX,
    )

    assert "Batik Sekar Jagad dipindah dari stan A-01 ke stan A-07." in page(response)
    assert Assignment.objects.get(application=application).booth.code == "A-07"


def test_vacate_on_the_board(client, organiser, edition):
    application = accepted(edition)
    assign_booth(booth=booth(edition, "A-01"), application=application, by=organiser)

    response = client.post(
        url("board_vacate", edition), {"booth": booth(edition, "A-01").pk}, follow=True
    )

    assert "Stan A-01 kosong lagi; pesertanya tetap diterima, tanpa stan." in page(response)
    assert Assignment.objects.count() == 0
    assert [a.pk for a in response.context["participants"]] == [application.pk]


def test_a_booth_of_another_edition_is_refused_on_the_board(client, organiser, edition):
    elsewhere = BoothFactory()

    response = client.post(
        url("board_assign", edition),
        {"application": accepted(edition).pk, "booth": elsewhere.pk},
    )

    assert response.context["error"] == "Stan itu tidak ada di edisi ini."
    assert Assignment.objects.count() == 0


def test_board_needs_the_permission_to_change_assignments(client, edition):
    clerk = UserFactory(username="staf", is_staff=True)
    client.force_login(clerk)
    application = accepted(edition)
    data = {"application": application.pk, "booth": booth(edition, "A-01").pk}

    refused = [
        client.get(url("board", edition)).status_code,
        client.post(url("board_assign", edition), data).status_code,
    ]
    clerk.user_permissions.add(Permission.objects.get(codename="change_assignment"))
    allowed = client.get(url("board", edition))

    assert refused == [403, 403]
    assert Assignment.objects.count() == 0
    assert allowed.context["edition"] == edition


def test_giving_and_taking_booths_needs_the_add_and_delete_permissions_too(client, edition):
    clerk = UserFactory(username="staf", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="change_assignment"))
    client.force_login(clerk)
    data = {"application": accepted(edition).pk, "booth": booth(edition, "A-01").pk}

    refused = client.post(url("board_assign", edition), data).status_code
    clerk.user_permissions.add(Permission.objects.get(codename="add_assignment"))
    client.post(url("board_assign", edition), data)
    assignment = Assignment.objects.get()
    refused_vacate = client.post(
        url("board_vacate", edition), {"booth": assignment.booth_id}
    ).status_code

    assert (refused, refused_vacate) == (403, 403)
    assert Assignment.objects.filter(pk=assignment.pk).exists()


def test_booth_list_links_to_the_board(client, organiser, edition):
    html = page(client.get(reverse("admin:booths_booth_changelist")))
    index = page(client.get(reverse("admin:booths_board_index")))

    assert f'href="{reverse("admin:booths_board_index")}"' in html
    assert f'<a href="{url("board", edition)}">{edition.name}</a>' in index


def test_draft_page_shows_placements_with_reasons_and_who_could_not_be_placed(client, organiser):
    edition = EditionFactory()
    BoothFactory(edition=edition, code="F-01", zone="F", kind=BoothKind.FOOD)
    BoothFactory(edition=edition, code="A-01", zone="A")
    accepted(edition, "Soto Bu Tini", exhibitor__category=Category.CULINARY)
    accepted(edition, "Bakso Pak Min", exhibitor__category=Category.CULINARY)

    response = client.get(url("draft", edition))

    html = page(response)
    [placement] = response.context["draft"].placements
    assert placement.booth_code == "F-01"
    assert "Kuliner, di stan dengan air; tidak bersebelahan dengan kategori yang sama." in html
    assert "Tidak ada stan dengan air yang kosong untuk kuliner." in html
    assert "Setujui: tempatkan 1 stan" in html
    assert Assignment.objects.count() == 0


def test_confirming_the_draft_assigns_every_placement(client, organiser, edition):
    applications = [accepted(edition, f"Peserta {n}") for n in range(4)]
    proposal = client.get(url("draft", edition)).context["draft"]

    response = client.post(
        url("draft_confirm", edition), {"fingerprint": proposal.fingerprint}, follow=True
    )

    assert "Draf disetujui: 4 stan ditempatkan." in page(response)
    assert sorted(Assignment.objects.values_list("application", "booth")) == sorted(
        (p.application_id, p.booth_id) for p in proposal.placements
    )
    assert {a.pk for a in applications} == {p.application_id for p in proposal.placements}


def test_confirming_a_draft_that_changed_meanwhile_assigns_nothing(client, organiser, edition):
    applications = [accepted(edition, f"Peserta {n}") for n in range(3)]
    proposal = client.get(url("draft", edition)).context["draft"]
    # Meanwhile another organiser places one of them by hand, on a booth of the draft.
    taken = proposal.placements[0]
    assign_booth(
        booth=edition.booths.get(pk=taken.booth_id),
        application=next(a for a in applications if a.pk != taken.application_id),
        by=organiser,
    )

    response = client.post(url("draft_confirm", edition), {"fingerprint": proposal.fingerprint})

    assert response.context["error"] == (
        "Stan atau peserta berubah setelah draf ini dibuat, jadi tidak ada yang "
        "ditempatkan. Periksa draf yang baru sebelum menyetujuinya."
    )
    assert Assignment.objects.count() == 1
    assert response.context["draft"].fingerprint != proposal.fingerprint


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def venue_plan(size=(400, 200)):
    return SimpleUploadedFile("denah gedung.png", png(size), content_type="image/png")


def test_venue_image_is_checked_reencoded_and_drawn_under_both_plans(
    client, organiser, edition, media
):
    response = client.post(
        url("venue_image", edition), {"image": venue_plan(), "width_m": "40"}, follow=True
    )

    venue = VenueImage.objects.get(edition=edition)
    assert "Gambar lokasi kini tampil di bawah denah." in page(response)
    assert (venue.width_px, venue.height_px, venue.height_m) == (400, 200, 20)
    assert venue.image.name.endswith(".jpg")
    assert "denah" not in venue.image.name
    with Image.open(venue.image.path) as stored:
        assert stored.format == "JPEG"
    drawn = f'<image href="{venue.image.url}" x="0" y="0" width="40.0" height="20.0"'
    assert drawn in page(response)
    public = client.get(reverse("floor_plan", kwargs={"edition_slug": edition.slug}))
    assert drawn in page(public)
    assert public.context["venue_image"] == venue


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_stored(
    client, organiser, edition, media
):
    fake = SimpleUploadedFile("denah.png", b"%PDF-1.4 not a picture", content_type="image/png")

    response = client.post(url("venue_image", edition), {"image": fake, "width_m": "40"})

    assert response.context["form"].errors == {
        "image": ["Berkas ini bukan gambar JPEG, PNG, atau WebP."]
    }
    assert VenueImage.objects.count() == 0
    assert list(media.rglob("*.*")) == []


def test_removing_the_venue_image_takes_it_off_the_plan(
    client, organiser, edition, media, django_capture_on_commit_callbacks
):
    client.post(url("venue_image", edition), {"image": venue_plan(), "width_m": "40"})
    assert len(list(media.rglob("*.jpg"))) == 1

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("venue_image", edition), {"remove": "1"})

    assert VenueImage.objects.count() == 0
    assert list(media.rglob("*.jpg")) == []
