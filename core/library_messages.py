"""Words of the libraries the admin shows, in the portal's own wording.

Listed here so that ``make translations`` keeps them in the portal's catalogue, which
Django reads before the libraries' own (``LOCALE_PATHS``): the audit log reads "Riwayat
perubahan" and names its actions, and the spreadsheet pages of django-import-export, which
has no Indonesian catalogue, read in Indonesian, instead of the library's English or none.
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
    # django-import-export: the list's buttons, the import and export pages' titles,
    # forms and refusals.
    gettext_noop("Import"),
    gettext_noop("Export"),
    gettext_noop("Resource"),
    gettext_noop("Format"),
    gettext_noop("File to import"),
    gettext_noop("Submit"),
    gettext_noop("This importer will import the following fields: "),
    gettext_noop("This exporter will export the following fields: "),
    gettext_noop(
        "No valid data to import. Ensure your file has the correct headers or data for import."
    ),
    gettext_noop('Select at least 1 field for "%(resource_name)s" to export'),
    gettext_noop("export failed due to IllegalCharacterError"),
    # Django's own, whose Indonesian ("Masukkan keseluruhan angka bilangan") reads oddly.
    gettext_noop("Enter a whole number."),
]
