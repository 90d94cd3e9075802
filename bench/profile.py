"""``python -m bench.profile KEY [N] [--cached] [--all]``: where one page's time goes.

Renders the page N times (default 20) in this process, with the bench's production
settings and data, and prints pyinstrument's call tree and the CPU time per request.
The page is rendered anew each time, as the bench's "rendered anew" figure measures it;
with ``--cached`` it comes from the shared page cache instead; ``--all`` shows every frame.
KEY is one of the page keys in bench/pages.py (edition, directory, exhibitor, ...).
"""

import sys
import time


def main(argv):
    from bench.environment import use_production_settings

    use_production_settings()
    from django.test import Client
    from pyinstrument import Profiler

    from bench.load import UNCACHED_SESSION
    from bench.pages import public_pages

    pages = public_pages()
    if not argv or argv[0] not in pages:
        sys.exit(f"usage: python -m bench.profile {{{','.join(pages)}}} [N] [--cached] [--all]")
    cached, show_all = "--cached" in argv, "--all" in argv
    argv = [arg for arg in argv if not arg.startswith("--")]
    path, count = pages[argv[0]].path, int(argv[1]) if len(argv) > 1 else 20
    client = Client(SERVER_NAME="127.0.0.1")
    if not cached:
        client.cookies["sessionid"] = UNCACHED_SESSION  # rendered anew, as for a signed-in user
    client.get(path)  # the first request fills the process's caches: not what is measured

    def cpu_per_request():
        started = time.process_time()
        for _ in range(count):
            client.get(path)
        return (time.process_time() - started) / count * 1000

    plain = cpu_per_request()
    profiler = Profiler(interval=0.0005)
    with profiler:
        cpu_per_request()
    print(profiler.output_text(color=sys.stdout.isatty(), show_all=show_all))
    print(f"{path}: {plain:.1f} ms of CPU per request in Django (measured without the profiler)")


if __name__ == "__main__":
    main(sys.argv[1:])
