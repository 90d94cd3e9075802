"""The triggers that keep each exhibitor's catalogue row (``Catalogue``) in step with its
products, declared on ``Product`` and installed by the migrations django-pgtrigger writes
from them: a change to them here is a change to the model, and ``makemigrations`` writes
the migration.

They are statement-level triggers with transition tables: a bulk insert of 100,000
products (the scale edition) refreshes each exhibitor once per statement, not once per
product.
"""

import pgtrigger

# A tsvector holds at most 1 MB: the catalogue takes the first 100,000 characters of its
# products' words, well under it whatever the words are (each character at most four
# bytes of lexeme, each word a few bytes of position and entry).
CATALOGUE_CHARACTERS = 100_000


def refresh(exhibitor_ids):
    """Rewrite the catalogue rows of the exhibitors that ``exhibitor_ids`` selects: the
    words of their published products, as a product's own search vector reads them
    (names and descriptions in both languages, the 'indonesian' configuration), and how
    many there are."""
    return f"""
    INSERT INTO exhibitors_catalogue (exhibitor_id, search_vector, published_products)
    SELECT exhibitor.id,
        to_tsvector('indonesian', left(coalesce(published.words, ''), {CATALOGUE_CHARACTERS})),
        coalesce(published.count, 0)
    FROM exhibitors_exhibitor exhibitor
    LEFT JOIN LATERAL (
        SELECT string_agg(
                concat_ws(' ', product.name, product.name_en, product.description,
                    product.description_en),
                ' '
            ) AS words,
            count(*) AS count
        FROM exhibitors_product product
        WHERE product.exhibitor_id = exhibitor.id AND product.is_published
    ) published ON true
    WHERE exhibitor.id = ANY(ARRAY({exhibitor_ids}))
    ON CONFLICT (exhibitor_id) DO UPDATE SET
        search_vector = excluded.search_vector,
        published_products = excluded.published_products;
    RETURN NULL;
    """


# An update refreshes an exhibitor only when the words of one of its products changed:
# reordering a catalogue or pricing a product touches nothing the search reads.
CHANGED_EXHIBITORS = """
    SELECT unnest(ARRAY[old_row.exhibitor_id, new_row.exhibitor_id])
    FROM old_rows old_row JOIN new_rows new_row ON new_row.id = old_row.id
    WHERE (old_row.name, old_row.name_en, old_row.description, old_row.description_en,
            old_row.is_published, old_row.exhibitor_id)
        IS DISTINCT FROM
        (new_row.name, new_row.name_en, new_row.description, new_row.description_en,
            new_row.is_published, new_row.exhibitor_id)
"""

CATALOGUE_TRIGGERS = [
    pgtrigger.Trigger(
        name="catalogue_after_insert",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Insert,
        referencing=pgtrigger.Referencing(new="new_rows"),
        func=refresh("SELECT DISTINCT exhibitor_id FROM new_rows"),
    ),
    pgtrigger.Trigger(
        name="catalogue_after_update",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Update,
        referencing=pgtrigger.Referencing(old="old_rows", new="new_rows"),
        func=refresh(CHANGED_EXHIBITORS),
    ),
    pgtrigger.Trigger(
        name="catalogue_after_delete",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Delete,
        referencing=pgtrigger.Referencing(old="old_rows"),
        func=refresh("SELECT DISTINCT exhibitor_id FROM old_rows"),
    ),
]


# An application an organiser has decided on is the record of that edition: it is
# withdrawn or rejected, never deleted, whoever deletes it.
APPLICATION_TRIGGERS = [
    pgtrigger.Protect(
        name="application_decided_kept",
        operation=pgtrigger.Delete,
        condition=pgtrigger.Q(old__decided_at__isnull=False),
    )
]


# The statuses of a nomination that hold one of its delegation's places (also
# ``Application.HOLDING_PLACE``, which the delegate's page counts by), and the modes that
# take a booth.
HOLDING_PLACE = ("submitted", "accepted", "waitlisted")
HOLDS_PLACE = "(" + ", ".join(f"'{status}'" for status in HOLDING_PLACE) + ")"
TAKES_BOOTH = "mode IN ('booth', 'both')"

# A delegation's nominees fill no more places than the host allotted it: booths for those
# who take one, virtual places for the rest. The delegation's row is locked first, so two
# members nominating at the same moment are counted one after the other. A rejection or
# a withdrawal frees the place; the host reconsidering a rejection is the host's call, and
# is not counted again. The error names ``delegation_allotment``, which the nominating
# service turns into its message.
NOMINATION_TRIGGERS = [
    pgtrigger.Trigger(
        name="nomination_within_allotment",
        level=pgtrigger.Row,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.UpdateOf("delegation_id", "mode"),
        condition=pgtrigger.Q(new__delegation__isnull=False),
        declare=[("allotted", "integer"), ("taken", "integer")],
        func=f"""
        SELECT CASE WHEN NEW.{TAKES_BOOTH} THEN booth_places ELSE virtual_places END
            INTO allotted FROM expo_delegation WHERE id = NEW.delegation_id FOR UPDATE;
        SELECT count(*) INTO taken FROM exhibitors_application
            WHERE delegation_id = NEW.delegation_id AND id IS DISTINCT FROM NEW.id
            AND status IN {HOLDS_PLACE} AND ({TAKES_BOOTH}) = (NEW.{TAKES_BOOTH});
        IF NEW.status IN {HOLDS_PLACE} AND taken >= allotted THEN
            RAISE EXCEPTION 'the delegation''s places are taken'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'delegation_allotment';
        END IF;
        RETURN NEW;
        """,
    )
]


# How many products an exhibitor features at the top of its virtual booth, at most.
MAX_FEATURED_PRODUCTS = 6

# An exhibitor features at most ``MAX_FEATURED_PRODUCTS`` products on its virtual booth.
# The exhibitor's row is locked first, so two saves at the same moment are counted one
# after the other. The error names ``product_featured_limit``, which ``save_product``
# turns into its message.
FEATURED_TRIGGERS = [
    pgtrigger.Trigger(
        name="product_featured_limit",
        level=pgtrigger.Row,
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.UpdateOf("is_featured", "exhibitor_id"),
        condition=pgtrigger.Q(new__is_featured=True),
        declare=[("featured", "integer")],
        func=f"""
        PERFORM 1 FROM exhibitors_exhibitor WHERE id = NEW.exhibitor_id FOR UPDATE;
        SELECT count(*) INTO featured FROM exhibitors_product
            WHERE exhibitor_id = NEW.exhibitor_id AND is_featured AND id IS DISTINCT FROM NEW.id;
        IF featured >= {MAX_FEATURED_PRODUCTS} THEN
            RAISE EXCEPTION 'the exhibitor features its most products already'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'product_featured_limit';
        END IF;
        RETURN NEW;
        """,
    )
]
