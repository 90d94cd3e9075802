"""The admin's login page is held to the site's failed-login limits."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("admin:login")
PASSWORD = "kata-sandi-panitia-yang-panjang"
LIMITED = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."


def staff(username):
    return get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD, is_staff=True
    )


def log_in(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_the_right_password_after_five_wrong_ones_is_refused(client):
    staff("panitia")

    wrong = [log_in(client, "panitia", f"tebakan-{n}") for n in range(5)]
    right = log_in(client, "PANITIA".lower(), PASSWORD, ip="198.51.100.9")

    assert [LIMITED in response.content.decode() for response in wrong] == [False] * 5
    assert LIMITED in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_address_guessing_many_accounts_is_stopped(client):
    staff("panitia")

    for n in range(10):
        log_in(client, f"akun{n}", "tebakan")
    from_there = log_in(client, "panitia", PASSWORD)
    from_elsewhere = log_in(client, "panitia", PASSWORD, ip="198.51.100.9")

    assert LIMITED in from_there.content.decode()
    assert from_elsewhere.status_code == 302
    assert "_auth_user_id" in client.session


def test_right_passwords_do_not_count_as_failures(client):
    staff("panitia")

    answers = []
    for _attempt in range(7):
        answers.append(log_in(client, "panitia", PASSWORD).status_code)
        client.logout()

    assert answers == [302] * 7
