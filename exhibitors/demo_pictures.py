"""Pictures for the demo data: product photos and logos drawn with Pillow, put through the
upload pipeline as an owner's uploads are, and the scale edition's share of them.

Drawn rather than downloaded, so that ``load_demo`` works offline and shows no one's real
photo. A product photo is drawn as a phone takes one (12 megapixels, a camera's JPEG
quality, grain), so that the pipeline does for it the work it does for an upload, and its
renditions weigh about what a real photo's do: the bench counts them in a page's weight.
Everything drawn follows from a seed, so every run draws the same pictures.
"""

import colorsys
import functools
import io
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from exhibitors import services
from exhibitors.models import Category, Exhibitor, ProductPhoto

# 12 megapixels, 3:4: a product as a phone held upright takes it (turned for a landscape).
PHONE_PHOTO = (3000, 4000)
CAMERA_QUALITY = 90
# The scene is drawn at a quarter of the size and enlarged: its shapes are soft anyway,
# and drawing them at 12 megapixels would cost more time than the pipeline itself.
SKETCH_DIVISOR = 4
# An owner's logo as a phone or a design app exports it: a square PNG, transparent corners.
LOGO_SIZE = 1024
# How many photos a demo product has: mostly one, as in a real catalogue, some two or three.
PHOTO_COUNTS = (1, 2, 3)
PHOTO_COUNT_WEIGHTS = (6, 3, 1)
# A hue per category (0-1 round the colour wheel), near the floor plan's colours, so that
# a category's products look related; each product's own colour varies around it.
CATEGORY_HUES = {
    Category.CULINARY: 0.06,
    Category.FASHION: 0.89,
    Category.BATIK: 0.72,
    Category.CRAFT: 0.11,
    Category.ACCESSORIES: 0.94,
    Category.FURNITURE: 0.08,
    Category.BEAUTY: 0.5,
    Category.FARM: 0.27,
    Category.SERVICES: 0.6,
    Category.OTHER: 0.4,
}
PRODUCT_SHAPES = ("jar", "pouch", "box", "cloth")
# How many pictures of each category the scale edition's rows share (``picture_pool``).
POOL_PER_CATEGORY = 4


def product_photo(*, seed, category, photo_seed=None):
    """A phone-sized JPEG of a product: its shape and colour follow from ``seed`` (the
    same for all of one product's photos), the scene around it from ``photo_seed``."""
    product = random.Random(seed)
    scene = random.Random(photo_seed if photo_seed is not None else seed)
    size = PHONE_PHOTO if scene.random() < 0.7 else PHONE_PHOTO[::-1]
    sketch = _scene(
        (size[0] // SKETCH_DIVISOR, size[1] // SKETCH_DIVISOR),
        colour=_colour(category, product),
        shape=product.choice(PRODUCT_SHAPES),
        rng=scene,
    )
    photo = ImageChops.add(
        sketch.resize(size, Image.Resampling.BICUBIC), _grain(size), scale=1, offset=-128
    )
    return _encoded(photo, "JPEG", quality=CAMERA_QUALITY)


def logo(*, name, category):
    """A square PNG logo: a badge in a colour of the business's category with its initials."""
    rng = random.Random(f"logo:{name}")
    colour = _colour(category, rng)
    image = Image.new("RGBA", (LOGO_SIZE, LOGO_SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    margin = LOGO_SIZE // 16
    box = (margin, margin, LOGO_SIZE - margin, LOGO_SIZE - margin)
    if rng.random() < 0.5:
        draw.ellipse(box, fill=colour)
        inner = LOGO_SIZE // 8
        draw.ellipse(
            (inner, inner, LOGO_SIZE - inner, LOGO_SIZE - inner), outline=_light(colour), width=12
        )
    else:
        draw.rounded_rectangle(box, radius=LOGO_SIZE // 6, fill=colour)
        draw.line(
            (LOGO_SIZE // 4, LOGO_SIZE * 3 // 4, LOGO_SIZE * 3 // 4, LOGO_SIZE * 3 // 4),
            fill=_light(colour),
            width=16,
        )
    font = ImageFont.load_default(size=LOGO_SIZE * 3 // 8)
    draw.text(
        (LOGO_SIZE / 2, LOGO_SIZE * 0.47), _initials(name), fill="white", font=font, anchor="mm"
    )
    return _encoded(image, "PNG")


def planned_photos(*, exhibitor, product):
    """How many photos a demo product has: the same on every run."""
    rng = random.Random(f"photos:{exhibitor.slug}/{product.name}")
    return rng.choices(PHOTO_COUNTS, weights=PHOTO_COUNT_WEIGHTS)[0]


def give_pictures(*, exhibitor):
    """Give a demo exhibitor a logo and each of its products its planned photos, drawn for
    them, through the services an owner's uploads take (``set_logo``,
    ``add_product_photo``): checked, re-encoded and resized by the upload pipeline, with
    their renditions. What it has already stays, so loading again adds nothing.

    Returns how many logos (0 or 1) and photos were added.
    """
    logos = photos = 0
    # What the database holds, whatever the caller's copy of the row says.
    if not Exhibitor.objects.filter(pk=exhibitor.pk).exclude(logo="").exists():
        content = logo(name=exhibitor.name, category=exhibitor.category)
        services.set_logo(exhibitor=exhibitor, upload=_upload("logo.png", content, "image/png"))
        logos = 1
    products = exhibitor.products.annotate(photo_count=Count("photos")).order_by("position", "pk")
    missing = [
        (product, number)
        for product in products
        for number in range(
            product.photo_count, planned_photos(exhibitor=exhibitor, product=product)
        )
    ]

    def draw(job):
        product, number = job
        seed = f"{exhibitor.slug}/{product.name}"
        return product_photo(seed=seed, category=product.category, photo_seed=f"{seed}/{number}")

    for (product, _number), content in _drawn_ahead(missing, draw):
        services.add_product_photo(
            product=product, upload=_upload("foto.jpg", content, "image/jpeg")
        )
        photos += 1
    return logos, photos


def _drawn_ahead(jobs, draw):
    """Each of ``jobs`` with what ``draw`` makes of it, the next one drawn in a second
    thread while the caller processes this one: Pillow lets go of the interpreter while it
    draws and encodes, so on two cores drawing adds little to the pipeline's time."""
    with ThreadPoolExecutor(max_workers=1) as drawer:
        ahead = None
        for job in jobs:
            drawing = (job, drawer.submit(draw, job))
            if ahead:
                yield ahead[0], ahead[1].result()
            ahead = drawing
        if ahead:
            yield ahead[0], ahead[1].result()


@dataclass(frozen=True)
class Pool:
    """Logos and photos already through the pipeline, for rows written in bulk to name:
    per category, each logo's ``Exhibitor`` fields and each photo's ``ProductPhoto`` ones."""

    logos: dict
    photos: dict

    def logo(self, *, category, rng):
        """The ``Exhibitor`` fields of one of the pool's logos, of ``category`` if it has any."""
        return rng.choice(self.logos.get(category) or _flat(self.logos))

    def add_photos(self, *, products, rng, batch_size):
        """Give each of ``products`` (new, without photos) one of the pool's photos, of its
        category if it has any, written in batches."""
        for start in range(0, len(products), batch_size):
            ProductPhoto.objects.bulk_create(
                ProductPhoto(
                    product=product,
                    position=0,
                    **rng.choice(self.photos.get(product.category) or _flat(self.photos)),
                )
                for product in products[start : start + batch_size]
            )


def picture_pool(*, exhibitors):
    """A pool of the pictures of ``exhibitors`` (the demo's, drawn and processed by
    ``give_pictures``): a few per category, copied to files of their own; None if they
    have none.

    The scale edition's rows name these files instead of having pictures of their own. A
    photo takes some 0.35 s of CPU in the pipeline and 0.25 s to draw, and its three files
    some 500 kB: the million products of 100,000 generated exhibitors would take days and
    500 GB, where pointing rows at a pool costs next to nothing a row. Deleting such a row
    through the services (``delete_exhibitor``, ``delete_product_photo``) deletes the files
    it names, which other rows of its pool name too: those lose their picture, as
    load-test data may, and the copies keep the demo's own pictures out of it.
    """
    chosen = Exhibitor.objects.filter(pk__in=exhibitors.values("pk")).exclude(logo="")
    logos = {}
    for exhibitor in chosen.order_by("category", "pk"):
        taken = logos.setdefault(exhibitor.category, [])
        if len(taken) < POOL_PER_CATEGORY:
            taken.append(
                {
                    "logo": _copy(exhibitor.logo),
                    "logo_width": exhibitor.logo_width,
                    "logo_height": exhibitor.logo_height,
                }
            )
    first_photos = ProductPhoto.objects.filter(
        product__exhibitor__in=exhibitors.values("pk"), position=0
    ).select_related("product")
    photos = {}
    for photo in first_photos.order_by(
        "product__category", "product__exhibitor", "product__position", "product"
    ):
        taken = photos.setdefault(photo.product.category, [])
        if len(taken) < POOL_PER_CATEGORY:
            taken.append(
                {
                    "image": _copy(photo.image),
                    "small": _copy(photo.small),
                    "medium": _copy(photo.medium),
                    **{
                        field: getattr(photo, field)
                        for field in (
                            "width",
                            "height",
                            "small_width",
                            "small_height",
                            "medium_width",
                            "medium_height",
                        )
                    },
                }
            )
    if not logos or not photos:
        return None
    return Pool(logos=logos, photos=photos)


def _scene(size, *, colour, shape, rng):
    """A product on a table before a wall, with blurred things behind it, at ``size``."""
    width, height = size
    wall, table = _wall_colour(colour, rng), _table_colour(rng)
    horizon = int(height * rng.uniform(0.55, 0.7))
    image = Image.composite(
        Image.new("RGB", size, _shade(wall, 0.8)),
        Image.new("RGB", size, wall),
        Image.linear_gradient("L").resize(size),
    )
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, horizon, width, height), fill=table)

    # Things out of focus behind the product, and its shadow on the table.
    behind = Image.new("RGBA", size, (0, 0, 0, 0))
    blurred = ImageDraw.Draw(behind)
    for _ in range(rng.randint(3, 6)):
        x, y = rng.randrange(width), rng.randrange(int(horizon * 1.1))
        radius = rng.randrange(width // 12, width // 4)
        tint = _colour_near(colour, rng)
        blurred.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(*tint, 170))
    middle, base = width // 2 + rng.randint(-width // 10, width // 10), int(height * 0.86)
    half = int(width * rng.uniform(0.22, 0.3))
    blurred.ellipse(
        (middle - half * 1.2, base - height // 30, middle + half * 1.2, base + height // 30),
        fill=(0, 0, 0, 120),
    )
    behind = behind.filter(ImageFilter.GaussianBlur(width // 60))
    image.paste(behind, mask=behind)

    top = int(height * rng.uniform(0.28, 0.4))
    _draw_product(
        ImageDraw.Draw(image), shape, (middle - half, top, middle + half, base), colour, rng
    )
    return image


def _draw_product(draw, shape, box, colour, rng):
    left, top, right, bottom = box
    width = right - left
    dark, light = _shade(colour, 0.7), _light(colour)
    if shape == "jar":
        lid = top + (bottom - top) // 8
        draw.rounded_rectangle((left, lid, right, bottom), radius=width // 6, fill=colour)
        draw.rectangle((left + width // 8, top, right - width // 8, lid + 4), fill=dark)
    elif shape == "pouch":
        draw.polygon(
            [
                (left + width // 10, top),
                (right - width // 10, top),
                (right, bottom),
                (left, bottom),
            ],
            fill=colour,
        )
        draw.rectangle((left + width // 10, top, right - width // 10, top + width // 12), fill=dark)
    elif shape == "box":
        depth = width // 5
        draw.polygon(
            [(left, top + depth), (left + depth, top), (right, top), (right - depth, top + depth)],
            fill=light,
        )
        draw.polygon(
            [
                (right - depth, top + depth),
                (right, top),
                (right, bottom - depth),
                (right - depth, bottom),
            ],
            fill=dark,
        )
        draw.rectangle((left, top + depth, right - depth, bottom), fill=colour)
        right -= depth
    else:  # a folded cloth: stacked layers with a motif of dots
        layers = rng.randint(3, 5)
        step = (bottom - top) // layers
        for layer in range(layers):
            y = top + layer * step
            draw.rounded_rectangle(
                (left, y, right, y + step - 3), radius=step // 4, fill=colour if layer % 2 else dark
            )
            for x in range(left + step // 2, right - step // 4, step // 2):
                draw.ellipse((x - 4, y + step // 2 - 4, x + 4, y + step // 2 + 4), fill=light)
        return
    # The label, with lines where its words would be.
    label_top = top + (bottom - top) * 2 // 5
    label = (left + width // 7, label_top, right - width // 7, label_top + (bottom - top) // 3)
    draw.rounded_rectangle(label, radius=width // 20, fill=light)
    line_left, line_right = label[0] + width // 14, label[2] - width // 14
    for number in range(3):
        y = label[1] + (label[3] - label[1]) * (number + 1) // 4
        shorten = rng.randint(0, (line_right - line_left) // 3) if number else 0
        draw.line((line_left, y, line_right - shorten, y), fill=dark, width=max(2, width // 30))


@functools.cache
def _grain(size):
    """Grain and blotches round mid-grey, added to every photo: the fine detail a camera's
    sensor leaves, which makes a JPEG as large as a phone's and a rendition as heavy as a
    real photo's. The same for every photo, since only the scene needs to differ."""
    rng = random.Random("grain")
    width, height = size

    def noise(divisor, amplitude):
        small = (width // divisor, height // divisor)
        image = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
        lut = [128 + round((value - 128) * amplitude / 128) for value in range(256)]
        return image.point(lut)

    fine = noise(2, 24).resize(size, Image.Resampling.BILINEAR)
    blotches = noise(24, 10).resize(size, Image.Resampling.BICUBIC)
    grain = ImageChops.add(fine, blotches, scale=1, offset=-128)
    return Image.merge("RGB", (grain, grain, grain))


def _colour(category, rng):
    hue = (CATEGORY_HUES.get(category, 0.4) + rng.uniform(-0.05, 0.05)) % 1
    red, green, blue = colorsys.hsv_to_rgb(hue, rng.uniform(0.45, 0.8), rng.uniform(0.45, 0.8))
    return (round(red * 255), round(green * 255), round(blue * 255))


def _colour_near(colour, rng):
    return tuple(max(0, min(255, channel + rng.randint(-60, 60))) for channel in colour)


def _wall_colour(colour, rng):
    # A pale tint of the product's colour, as a backdrop chosen to match it.
    return tuple(round(235 - (235 - channel) * rng.uniform(0.1, 0.25)) for channel in colour)


def _table_colour(rng):
    return rng.choice(((150, 105, 70), (196, 170, 130), (220, 220, 215), (90, 70, 55)))


def _shade(colour, factor):
    return tuple(round(channel * factor) for channel in colour)


def _light(colour):
    return tuple(round(255 - (255 - channel) * 0.2) for channel in colour)


def _initials(name):
    letters = [word[0] for word in name.split() if word[0].isalpha()]
    return "".join(letters[:2]).upper() or "U"


def _encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def _upload(name, content, content_type):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _copy(field_file):
    """A copy of a stored file under a new name beside it, in the same storage."""
    stem, extension = field_file.name.rsplit(".", 1)
    with field_file.open("rb") as source:
        # The storage makes the name unique when the same picture is copied again.
        return default_storage.save(f"{stem}-pool.{extension}", ContentFile(source.read()))


def _flat(per_category):
    return [item for items in per_category.values() for item in items]
