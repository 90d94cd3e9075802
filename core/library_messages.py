"""Words of the libraries the admin shows, in the portal's own wording.

Listed here so that ``make translations`` keeps them in the portal's catalogue, which
Django reads before the libraries' own (``LOCALE_PATHS``): the audit log reads "Riwayat
perubahan" and names its actions, instead of the library's English or none.
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    # django-auditlog: the app, its model and its actions.
    gettext_noop("Audit log"),
    gettext_noop("log entry"),
    gettext_noop("log entries"),
    gettext_noop("create"),
    gettext_noop("update"),
    gettext_noop("delete"),
    gettext_noop("access"),
]
