import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher

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


NGINX = "172.18.0.5"


def log_in_behind_nginx(client, *, login, password, client_ip, forged=""):
    """A login as gunicorn receives it from nginx, which appends the address it saw."""
    forwarded = f"{forged}, {client_ip}" if forged else client_ip
    return client.post(
        "/akun/login/",
        {"login": login, "password": password},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_clients_behind_the_proxy_are_limited_each_on_its_own(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    user = get_user_model().objects.create_user("bu.sri", "bu.sri@example.com", PASSWORD)
    user.emailaddress_set.create(email="bu.sri@example.com", verified=True, primary=True)

    for n in range(10):
        log_in_behind_nginx(
            client, login=f"tebak{n}@example.com", password="salah", client_ip="203.0.113.7"
        )
    forging = log_in_behind_nginx(
        client,
        login="bu.sri@example.com",
        password=PASSWORD,
        client_ip="203.0.113.7",
        forged="192.0.2.44",
    )
    other = log_in_behind_nginx(
        client, login="bu.sri@example.com", password=PASSWORD, client_ip="198.51.100.9"
    )

    assert "Terlalu banyak percobaan masuk yang gagal" in forging.content.decode()
    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


class CountingHasher(PBKDF2PasswordHasher):
    """Django's hasher, counting how often a password is hashed."""

    iterations = 1
    calls = 0

    def encode(self, password, salt, iterations=None):
        CountingHasher.calls += 1
        return super().encode(password, salt, iterations)


def page_text(response):
    """The page as the visitor reads it, without the per-request CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_sign_up_answers_alike_for_a_taken_and_a_new_email(client, settings, mailoutbox):
    settings.PASSWORD_HASHERS = ["expo.tests.test_accounts.CountingHasher"]
    get_user_model().objects.create_user("lama", "bu.sri@example.com", PASSWORD)
    answers, hashed = [], []
    for email in ("bu.sri@example.com", "pak.joko@example.com"):
        CountingHasher.calls = 0
        response = client.post(
            "/akun/signup/",
            {"email": email, "password1": PASSWORD, "password2": PASSWORD},
            follow=True,
        )
        answers.append((response.redirect_chain, page_text(response).replace(email, "ALAMAT")))
        hashed.append(CountingHasher.calls)

    assert answers[0] == answers[1]
    # The same work on both paths: a taken address is not told apart by a faster answer.
    assert hashed == [1, 1]
    assert [message.to for message in mailoutbox] == [
        ["bu.sri@example.com"],
        ["pak.joko@example.com"],
    ]


def test_changing_to_a_taken_email_answers_as_a_free_one(client):
    get_user_model().objects.create_user("lama", "bu.sri@example.com", PASSWORD)
    user = get_user_model().objects.create_user("baru", "pak.joko@example.com", PASSWORD)
    user.emailaddress_set.create(email="pak.joko@example.com", verified=True, primary=True)
    client.force_login(user)

    answers = [
        page_text(
            client.post("/akun/email/", {"email": email, "action_add": ""}, follow=True)
        ).replace(email, "ALAMAT")
        for email in ("bu.sri@example.com", "bu.tini@example.com")
    ]

    assert answers[0] == answers[1]
