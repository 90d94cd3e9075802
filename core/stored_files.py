"""Files kept beside database rows (photos, logos, documents, venue images).

A file is written before its row and removed after the change that drops it: so that a
row never names a missing file, whatever fails in between.
"""

import contextlib
import copy
import uuid

from django.core.files.base import ContentFile
from django.db import transaction


def delete(field_files):
    for field_file in field_files:
        if field_file.name:
            field_file.storage.delete(field_file.name)


def delete_once_committed(field_files):
    """Remove the files a change dropped or replaced once it is committed; a change rolled
    back keeps them. Pass copies of files a field is about to be given anew: saving a new
    file renames the field's file object in place."""
    transaction.on_commit(lambda: delete(field_files), robust=True)


@contextlib.contextmanager
def removed_unless_saved(field_files):
    """Files written before their row are removed again if the row cannot be saved."""
    try:
        yield
    except Exception:
        delete(field_files)
        raise


def save_with_files(row, files, *, suffixes=None, **save_options):
    """Save ``row`` with new files in its file fields: ``files`` maps a field's name to
    what to store there (its ``content`` and ``extension``), ``suffixes`` a field's name
    to what follows the stem in its file's name (``-480`` for a smaller copy).

    The files get one fresh random stem: an uploaded file's name can say more about its
    owner than its content. They are written before the row is saved, and removed again
    if it cannot be; the files they replace are removed once the change is committed.
    """
    suffixes = suffixes or {}
    # Copies: saving a new file renames the field's file object in place.
    replaced = [copy.copy(getattr(row, field)) for field in files if getattr(row, field)]
    stem = uuid.uuid4().hex
    written = [getattr(row, field) for field in files]
    with removed_unless_saved(written):
        for field, stored in files.items():
            name = f"{stem}{suffixes.get(field, '')}.{stored.extension}"
            getattr(row, field).save(name, ContentFile(stored.content), save=False)
        row.save(**save_options)
    delete_once_committed(replaced)
    return row
