"""The triggers of the expo's tables, declared on their models and installed by the
migrations django-pgtrigger writes from them."""

import pgtrigger
from django.conf import settings

# An agenda session lies within its edition's days, at the venue or online, read in the
# portal's time zone (as ``AgendaSession.clean`` reads them, with its message). A session
# ending at midnight ends on the day before. The error names
# ``agendasession_within_edition``.
AGENDA_TRIGGERS = [
    pgtrigger.Trigger(
        name="agendasession_within_edition",
        level=pgtrigger.Row,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.UpdateOf("edition_id", "starts_at", "ends_at"),
        declare=[("first_day", "date"), ("last_day", "date")],
        func=f"""
        SELECT least(starts_on, coalesce(online_starts_on, starts_on)),
            greatest(ends_on, coalesce(online_ends_on, ends_on))
            INTO first_day, last_day FROM expo_edition WHERE id = NEW.edition_id;
        IF (NEW.starts_at AT TIME ZONE '{settings.TIME_ZONE}')::date < first_day
            OR (NEW.ends_at AT TIME ZONE '{settings.TIME_ZONE}' - interval '1 microsecond')::date
                > last_day THEN
            RAISE EXCEPTION 'the session is outside the days of its edition'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'agendasession_within_edition';
        END IF;
        RETURN NEW;
        """,
    )
]
