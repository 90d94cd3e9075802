"""The scopes of the public pages (``core.public_cache``): which pages a change shows on.

- ``edition(slug)``: every page of an edition. An edition's own fields, its partners and
  hosts, its decisions, booths and assignments change it.
- ``listing(slug)``: an edition's lists and figures (its page, directory, product search
  and floor plan). What a participant's owner changes shows there, as do the results.
- ``exhibitor(slug)``: an exhibitor's own pages, and its products', in every edition.
- ``klaster(slug)``: a klaster's page: the klaster, its members and their products.
- ``EDITIONS``: the home page's list of editions, with their participant counts.

Named from the URL alone, so a cached page is found without the database: the slugs are
the pages' addresses.
"""

EDITIONS = "editions"


def edition(slug):
    return f"edition:{slug}"


def listing(slug):
    return f"listing:{slug}"


def exhibitor(slug):
    return f"exhibitor:{slug}"


def edition_lists(slug):
    """What an edition's lists, figures and plan are drawn from (the scopes of those pages,
    and of the cards' and filters' fragments they share)."""
    return (edition(slug), listing(slug))


def exhibitor_pages(edition_slug, slug):
    """What an exhibitor's page in an edition, its products' pages and its card show."""
    return (edition(edition_slug), exhibitor(slug))


def of_editions(ids, *, scope=edition):
    """``scope`` of the editions with ``ids`` (a list, or a query of them)."""
    from expo.models import Edition

    return [
        scope(slug) for slug in Edition.objects.filter(pk__in=ids).values_list("slug", flat=True)
    ]


def klaster(slug):
    """A klaster's public page: its own fields, its members and what they show."""
    return f"klaster:{slug}"
