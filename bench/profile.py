"""``python -m bench.profile KEY [N] [--cached | --emptied | --owner-saved] [--all]``:
where a page's time goes.

Asks for the page N times (default 20) in this process, with the bench's production
settings and data, and prints pyinstrument's call tree and the CPU time per request.
By default it asks as the bench's "signed-in visitor" does: the page from the shared cache,
the visitor's account links drawn in. With ``--cached`` it asks as an anonymous visitor;
with ``--emptied`` every page of the site changes before each request, and the page and
its cards are drawn as for the first visitor after such a change; with ``--owner-saved``
the scale edition's lists change, as after an owner's save there (the cards of the others
stay kept; ``bench.load.an_owners_change``). ``--all`` shows every frame. KEY is one of
the page keys in bench/pages.py (edition, directory, exhibitor, ...).
"""

import sys
import time


def main(argv):
    from bench.environment import use_production_settings

    use_production_settings()
    from django.test import Client
    from pyinstrument import Profiler

    from bench.accounts import visitor_client
    from bench.load import an_owners_change
    from bench.pages import public_pages
    from core import public_cache

    pages = public_pages()
    if not argv or argv[0] not in pages:
        sys.exit(
            f"usage: python -m bench.profile {{{','.join(pages)}}} [N] "
            "[--cached | --emptied | --owner-saved] [--all]"
        )
    cached, emptied, show_all = "--cached" in argv, "--emptied" in argv, "--all" in argv
    owner_saved = "--owner-saved" in argv
    argv = [arg for arg in argv if not arg.startswith("--")]
    path, count = pages[argv[0]].path, int(argv[1]) if len(argv) > 1 else 20
    client = Client(SERVER_NAME="127.0.0.1") if cached else visitor_client()
    client.get(path)  # the first request fills the process's caches: not what is measured

    def cpu_per_request():
        spent = 0.0
        for _ in range(count):
            if emptied:
                public_cache.changed()  # every page drawn anew, as after a change
            elif owner_saved:
                an_owners_change()
            started = time.process_time()
            client.get(path)
            spent += time.process_time() - started
        return spent / count * 1000

    plain = cpu_per_request()
    profiler = Profiler(interval=0.0005)
    with profiler:
        cpu_per_request()
    print(profiler.output_text(color=sys.stdout.isatty(), show_all=show_all))
    print(f"{path}: {plain:.1f} ms of CPU per request in Django (measured without the profiler)")


if __name__ == "__main__":
    main(sys.argv[1:])
