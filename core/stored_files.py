"""Files kept beside database rows (photos, logos, documents, venue images).

A file is written before its row and removed after the change that drops it: so that a
row never names a missing file, whatever fails in between.
"""

import contextlib

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
