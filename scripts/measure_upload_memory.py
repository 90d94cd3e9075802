"""Peak memory of the photo pipeline on the heaviest uploads, one fresh process per case.

Each case goes through ``process_photo`` in a new interpreter, so that no case inherits
the high-water mark of the one before. The figures are the process's peak resident memory
(VmHWM), how far it rose over the resident memory just before the call, and how much of
the rise was still resident after it. The last case sends eight uploads at once from as
many threads, as one owner's browser can to one gunicorn worker.

Usage: scripts/measure_upload_memory.py [--revision REV]

With ``--revision``, the pipeline measured is ``exhibitors/images.py`` as committed at REV
(for example HEAD, before a change to it is committed) instead of the working tree's.
"""

import argparse
import collections
import importlib.util
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 6250, 4000  # 25.0 megapixels: the most exhibitors.images accepts


def transparent_webp(width, height):
    """A few kilobytes of lossless WebP that decode to a canvas of any size."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 0, 0, 0)).save(buffer, "WEBP", lossless=True)
    return buffer.getvalue()


def drawn(mode, grain):
    """Gradients, with the grain of a camera photo if asked (bench/photo.py draws a phone
    photo so), and a half-transparent alpha channel in RGBA. Under 10 MB as PNG only
    without grain: a PNG that large is a drawing or a screenshot."""
    from PIL import Image

    bands = [
        Image.linear_gradient("L").resize((WIDTH, HEIGHT)),
        Image.radial_gradient("L").resize((WIDTH, HEIGHT)),
        Image.effect_noise((WIDTH, HEIGHT), 30) if grain else Image.new("L", (WIDTH, HEIGHT)),
    ]
    if mode == "RGBA":
        bands.append(Image.new("L", (WIDTH, HEIGHT), 128))
    return Image.merge(mode, bands)


def encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


# Name, file, uploads at once.
CASES = [
    ("webp-39.9mp-transparent", lambda: transparent_webp(7300, 5466), 1),
    ("webp-25.0mp-transparent", lambda: transparent_webp(WIDTH, HEIGHT), 1),
    ("jpeg-25.0mp", lambda: encoded(drawn("RGB", grain=True), "JPEG", quality=92), 1),
    ("png-25.0mp-rgb", lambda: encoded(drawn("RGB", grain=False), "PNG"), 1),
    ("png-25.0mp-rgba", lambda: encoded(drawn("RGBA", grain=False), "PNG"), 1),
    ("8 x webp-25.0mp at once", lambda: transparent_webp(WIDTH, HEIGHT), 8),
]


def kilobytes(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise LookupError(field)


def measure_one(images_path, file_path, at_once):
    """In the child: process the file, as many times at once as asked; print the figures
    as one line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "expo.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    spec = importlib.util.spec_from_file_location("measured_images", images_path)
    images = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(images)

    content = Path(file_path).read_bytes()
    outcomes = collections.Counter()
    all_ready = threading.Barrier(at_once)

    def process():
        upload = SimpleUploadedFile("upload", content)
        all_ready.wait()
        try:
            images.process_photo(upload)
            outcomes["stored"] += 1
        except ValidationError as error:
            outcomes[f"refused ({error.code})"] += 1

    threads = [threading.Thread(target=process) for _ in range(at_once)]
    before = kilobytes("VmRSS")
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    peak, after = kilobytes("VmHWM"), kilobytes("VmRSS")
    megabytes = [f"{kb / 1024:.0f}" for kb in (peak, peak - before, after - before)]
    outcome = ", ".join(f"{count} {what}" for what, count in sorted(outcomes.items()))
    print("\t".join([*megabytes, f"{seconds:.2f}", outcome]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revision", help="measure exhibitors/images.py as of this commit")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        images_path, file_path, at_once = arguments.child
        measure_one(images_path, file_path, int(at_once))
        return

    with tempfile.TemporaryDirectory() as workdir:
        images_path = ROOT / "exhibitors" / "images.py"
        if arguments.revision:
            images_path = Path(workdir) / "images.py"
            images_path.write_bytes(
                subprocess.run(
                    ["git", "show", f"{arguments.revision}:exhibitors/images.py"],
                    cwd=ROOT,
                    check=True,
                    capture_output=True,
                ).stdout
            )
        print(f"pipeline: {arguments.revision or 'working tree'}")
        print(
            f"{'case':<26}{'size':>8}{'peak MiB':>10}{'rise':>6}{'kept':>6}{'seconds':>9}  outcome"
        )
        for name, build, at_once in CASES:
            file_path = Path(workdir) / "upload"
            file_path.write_bytes(build())
            child = [sys.executable, __file__, "--child", images_path, file_path, str(at_once)]
            figures = subprocess.run(child, check=True, capture_output=True, text=True).stdout
            peak, rise, kept, seconds, outcome = figures.rstrip("\n").split("\t")
            size = f"{file_path.stat().st_size / 1024:.0f} KB"
            print(f"{name:<26}{size:>8}{peak:>10}{rise:>6}{kept:>6}{seconds:>9}  {outcome}")


if __name__ == "__main__":
    main()
