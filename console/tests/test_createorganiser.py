"""``manage.py createorganiser``: a staff account of an office, in a role, that sets its
own password from the link it is mailed."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from console.roles import CURATOR
from expo.models import Organisation

pytestmark = pytest.mark.django_db


def create(email="Kurator@Dinas.go.id", **options):
    options = {"organisation": "Dinas  Koperasi Kabupaten Semarang", "role": CURATOR, **options}
    call_command("createorganiser", email, **options, stdout=io.StringIO())


def test_the_account_sets_its_password_from_the_mailed_link_and_reaches_the_admin(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create()

    user = get_user_model().objects.get(email="kurator@dinas.go.id")
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert [group.name for group in user.groups.all()] == [CURATOR]
    assert user.membership.organisation.name == "Dinas Koperasi Kabupaten Semarang"
    [message] = mail.outbox
    assert message.to == ["kurator@dinas.go.id"]
    assert "Anda memiliki akun staf Dinas Koperasi Kabupaten Semarang" in message.body
    link = re.search(r"https?://\S+/akun/password/reset/key/\S+", message.body).group()

    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "Sandi-Baru-Kurator-2027", "password2": "Sandi-Baru-Kurator-2027"},
    )
    client.logout()
    logged_in = client.post(
        reverse("admin:login"),
        {"username": "kurator@dinas.go.id", "password": "Sandi-Baru-Kurator-2027"},
    )

    assert logged_in.status_code == 302
    assert client.get(reverse("admin:exhibitors_application_changelist")).status_code == 200


@pytest.mark.parametrize(
    ("email", "options", "message"),
    [
        ("bukan-alamat", {}, "Masukkan alamat email yang valid."),
        ("staf@dinas.go.id", {"organisation": "   "}, "Sebutkan nama organisasi."),
    ],
)
def test_bad_input_is_refused_and_creates_nothing(email, options, message):
    with pytest.raises(CommandError, match=message):
        create(email, **options)

    assert not get_user_model().objects.exists()
    assert not Organisation.objects.exists()


def test_an_address_with_an_account_is_refused(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        create("staf@dinas.go.id")

    with pytest.raises(CommandError, match="Akun dengan alamat email ini sudah ada."):
        create("STAF@dinas.go.id", organisation="Dinas Lain")

    assert get_user_model().objects.count() == 1
    assert len(mail.outbox) == 1
