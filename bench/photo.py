"""CPU time to turn a 12-megapixel camera photo into the renditions the portal stores."""

import io
import statistics
import time

WIDTH, HEIGHT = 4000, 3000  # 12 megapixels, 4:3 as phone cameras take them
RUNS = 3


def camera_photo():
    """A JPEG about as large as a phone's (some 3 MB): gradients and grain, quality 92."""
    from PIL import Image

    grain = Image.effect_noise((WIDTH, HEIGHT), 30)
    image = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((WIDTH, HEIGHT)),
            Image.radial_gradient("L").resize((WIDTH, HEIGHT)),
            grain,
        ),
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def measure():
    """The median CPU seconds of ``process_photo`` over a few runs, and the photo's size."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from exhibitors.images import process_photo

    content = camera_photo()
    seconds = []
    for _ in range(RUNS):
        upload = SimpleUploadedFile("kamera.jpg", content, content_type="image/jpeg")
        started = time.process_time()
        process_photo(upload)
        seconds.append(time.process_time() - started)
    return statistics.median(seconds), len(content)
