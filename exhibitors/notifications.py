"""The portal's e-mails to an exhibitor: in the language its owner chose, with links that
work from a mail client."""

from urllib.parse import quote

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute_url(path):
    """``path`` on the portal as people reach it: a mail has no page to be relative to."""
    return settings.PORTAL_URL.rstrip("/") + path


def mail_exhibitor(*, exhibitor, template, context):
    """Send ``exhibitor`` the mail of the templates ``<template>_subject.txt`` and
    ``<template>_body.txt``, rendered in the exhibitor's language.

    It goes to the owner's account address, else the exhibitor's own; with neither, it is
    not sent. Besides ``context`` the templates get ``exhibitor`` and ``dashboard_url``.
    """
    owner = exhibitor.owner
    recipient = owner.email if owner is not None and owner.email else exhibitor.email
    if not recipient:
        return
    context = {
        "exhibitor": exhibitor,
        "dashboard_url": absolute_url(reverse("dashboard")),
        **context,
    }
    with translation.override(exhibitor.language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    # A header must be one line, whatever a translation or an edition name contains.
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [recipient])


def whatsapp_link(number_digits, message):
    """A link that opens a WhatsApp chat with ``number_digits`` (country code first) and
    ``message`` written, for the sender to send."""
    return f"https://wa.me/{number_digits}?text={quote(' '.join(message.split()))}"
