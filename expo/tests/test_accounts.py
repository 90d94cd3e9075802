import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PASSWORD = "batik-sekar-jagad-2021"


def test_sign_up_needs_a_confirmed_email_before_logging_in(client, mailoutbox):
    client.post(
        "/akun/signup/",
        {"email": "bu.sri@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert get_user_model().objects.filter(email="bu.sri@example.com").count() == 1
    assert not client.session.get("_auth_user_id")
    [message] = mailoutbox
    assert message.to == ["bu.sri@example.com"]

    confirm_path = re.search(r"https?://[^/]+(/akun/confirm-email/\S+/)", message.body).group(1)
    client.post(confirm_path)
    response = client.post("/akun/login/", {"login": "bu.sri@example.com", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(
        get_user_model().objects.get(email="bu.sri@example.com").pk
    )


def test_sign_up_with_a_taken_email_changes_nothing(client, mailoutbox):
    get_user_model().objects.create_user("lama", "bu.sri@example.com", PASSWORD)

    client.post(
        "/akun/signup/",
        {"email": "BU.SRI@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert get_user_model().objects.filter(email__iexact="bu.sri@example.com").count() == 1


def test_sign_up_with_mismatched_passwords_says_so_in_indonesian(client):
    response = client.post(
        "/akun/signup/",
        {"email": "bu.sri@example.com", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )

    assert get_user_model().objects.count() == 0
    assert "Anda harus mengetikkan kata sandi yang sama setiap kali." in response.content.decode()
