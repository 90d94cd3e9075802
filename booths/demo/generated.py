"""Generated exhibitors for scale tests: `load_demo --exhibitors N`."""

import random
from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from booths.demo.kasmex import KASMEX
from booths.demo.plans import (
    JAKARTA,
    MOBILE_PREFIXES,
    SCALE_EDITION_SLUG,
    organiser_user,
)
from exhibitors.models import Application, Category, Exhibitor, Product
from expo.models import Edition, Region

SCALE_EDITION = {
    "name": "Expo Skala Uji",
    "year": 2021,
    "starts_on": date(2021, 12, 1),
    "ends_on": date(2021, 12, 31),
    "format": Edition.Format.VIRTUAL,
    "registration_opens_at": datetime(2021, 11, 1, 8, 0, tzinfo=JAKARTA),
    "registration_closes_at": datetime(2021, 11, 30, 16, 0, tzinfo=JAKARTA),
    "status": Edition.Status.PUBLISHED,
    "organiser": "Dinas Koperasi UKM Perindag Kabupaten Semarang",
    "host_share_percent": 80,
    "description": (
        "Edisi uji beban: peserta dan produknya dibuat otomatis oleh load_demo --exhibitors, "
        "bukan data nyata."
    ),
}

KECAMATAN_KABUPATEN_SEMARANG = (
    "Ambarawa", "Bancak", "Bandungan", "Banyubiru", "Bawen", "Bergas", "Bringin", "Getasan",
    "Jambu", "Kaliwungu", "Pabelan", "Pringapus", "Sumowono", "Suruh", "Susukan", "Tengaran",
    "Tuntang", "Ungaran Barat", "Ungaran Timur",
)  # fmt: skip


class GeneratedCategory(NamedTuple):
    weight: int
    name_starts: tuple[str, ...]
    goods: tuple[str, ...]
    variants: tuple[str, ...]
    price_range: tuple[int, int]

    @property
    def product_names(self):
        return [f"{good} {variant}" for good in self.goods for variant in self.variants]


# Weighted roughly as regional expos fill up: food first, then batik, fashion and crafts.
GENERATED_CATEGORIES = {
    Category.CULINARY: GeneratedCategory(
        35,
        ("Dapur", "Warung", "Keripik", "Kue", "Sambal", "Kopi", "Roti"),
        ("Keripik Singkong Balado", "Keripik Tempe Original", "Sambal Bawang", "Kopi Robusta",
         "Nastar", "Rengginang Terasi", "Emping Melinjo", "Dodol Nanas", "Abon Sapi",
         "Bakpia Kacang Hijau", "Kerupuk Ikan", "Jahe Merah Instan", "Kacang Bawang"),
        ("100 g", "250 g", "500 g", "1 kg"),
        (8_000, 120_000),
    ),
    Category.BATIK: GeneratedCategory(
        15,
        ("Batik", "Griya Batik", "Tenun", "Wastra"),
        ("Batik Tulis", "Batik Cap", "Batik Kombinasi", "Kain Tenun", "Selendang Batik",
         "Sarung Tenun"),
        ("Motif Parang", "Motif Kawung", "Motif Sekar Jagad", "Motif Truntum", "Motif Buketan",
         "Motif Jlamprang"),
        (95_000, 1_500_000),
    ),
    Category.FASHION: GeneratedCategory(
        15,
        ("Konveksi", "Butik", "Rajut", "Busana"),
        ("Kemeja Batik", "Gamis", "Hijab Segi Empat", "Kaos Sablon", "Daster", "Kardigan Rajut",
         "Mukena"),
        ("Ukuran S", "Ukuran M", "Ukuran L", "Ukuran XL", "Anak"),
        (45_000, 450_000),
    ),
    Category.CRAFT: GeneratedCategory(
        10,
        ("Kerajinan", "Anyaman", "Sanggar", "Galeri"),
        ("Tas Anyaman Pandan", "Keranjang Rotan", "Tampah Bambu", "Miniatur Kayu",
         "Topeng Kayu", "Vas Gerabah", "Kap Lampu Bambu"),
        ("Kecil", "Sedang", "Besar"),
        (15_000, 450_000),
    ),
    Category.ACCESSORIES: GeneratedCategory(
        5,
        ("Aksesoris", "Manik"),
        ("Kalung Manik", "Gelang Etnik", "Bros Hijab", "Dompet Kulit", "Gantungan Kunci"),
        ("Model A", "Model B", "Model C"),
        (10_000, 150_000),
    ),
    Category.FURNITURE: GeneratedCategory(
        3,
        ("Mebel", "Furnitur"),
        ("Kursi Jati", "Meja Kopi", "Rak Dinding", "Lemari Kecil", "Bangku Taman"),
        ("Jati", "Mahoni", "Bambu"),
        (250_000, 3_500_000),
    ),
    Category.BEAUTY: GeneratedCategory(
        7,
        ("Jamu", "Herbal", "Sabun"),
        ("Jamu Kunyit Asam Serbuk", "Beras Kencur Serbuk", "Sabun Sereh", "Lulur Rempah",
         "Minyak Urut Jahe"),
        ("Kemasan Kecil", "Kemasan Sedang", "Kemasan Besar"),
        (8_000, 90_000),
    ),
    Category.FARM: GeneratedCategory(
        7,
        ("Tani", "Kebun", "Madu"),
        ("Beras Organik", "Gula Semut Aren", "Madu Hutan", "Sayur Organik", "Jagung Pipil",
         "Telur Ayam Kampung"),
        ("500 g", "1 kg", "2 kg", "5 kg"),
        (10_000, 150_000),
    ),
    Category.SERVICES: GeneratedCategory(
        3,
        ("Jasa", "Rumah"),
        ("Desain Label", "Cetak Stiker", "Foto Produk", "Jahit Baju", "Sablon Kaos"),
        ("Paket Dasar", "Paket Usaha", "Paket Lengkap"),
        (25_000, 500_000),
    ),
}  # fmt: skip

BRAND_WORDS = (
    "Abadi", "Arum", "Asri", "Ayu", "Barokah", "Berkah", "Jaya", "Kencana", "Lestari", "Makmur",
    "Mandiri", "Manunggal", "Mekar", "Mulya", "Rasa", "Rejeki", "Rukun", "Sari", "Sehati",
    "Sejahtera", "Sekar", "Sentosa", "Sumber", "Tentrem", "Utama", "Wangi",
)  # fmt: skip
PRODUCTS_PER_GENERATED_EXHIBITOR = (5, 15)
SHARE_FROM_HOST_REGION = 0.8
BATCH_SIZE = 2000


def add_generated_exhibitors(*, count, pictures=None):
    """Add ``count`` generated UMKM, with products, as accepted virtual participants.

    They go into a separate scale edition, which is returned, so that the two real expos
    stay as reported. Each run adds new exhibitors; rows are written with ``bulk_create``
    in batches, since the point is to reach tens of thousands quickly. Given a pool of
    ``pictures`` (``exhibitors.demo_pictures.picture_pool``), each exhibitor names one of
    its logos and each product one of its photos, renditions and all: the upload pipeline
    once per product would take days at this scale.
    """
    edition, _created = Edition.objects.update_or_create(
        slug=SCALE_EDITION_SLUG, defaults=SCALE_EDITION
    )
    edition.host_regions.set([KASMEX.host_region])
    organiser = organiser_user(email=KASMEX.organiser_email, name=KASMEX.organiser_name)
    regions = list(Region.objects.select_related("province"))
    host = next(region for region in regions if region.code == KASMEX.host_region)
    outside = [region for region in regions if region != host]
    # A generated exhibitor's number is never above its own id, so numbering from the
    # highest id gives slugs that no exhibitor, generated or not, has yet.
    first = (Exhibitor.objects.aggregate(Max("pk"))["pk__max"] or 0) + 1
    rng = random.Random(first)

    exhibitors = []
    for number in range(first, first + count):
        from_host = rng.random() < SHARE_FROM_HOST_REGION
        exhibitors.append(
            _generated_exhibitor(number, rng, region=host if from_host else rng.choice(outside))
        )
    # Pictures are chosen with a generator of their own, so that the exhibitors and their
    # products come out the same with pictures or without.
    pictures_rng = random.Random(f"pictures:{first}")
    if pictures:
        for exhibitor in exhibitors:
            for field, value in pictures.logo(
                category=exhibitor.category, rng=pictures_rng
            ).items():
                setattr(exhibitor, field, value)
    Exhibitor.objects.bulk_create(exhibitors, batch_size=BATCH_SIZE)
    products = Product.objects.bulk_create(
        (product for exhibitor in exhibitors for product in _generated_products(exhibitor, rng)),
        batch_size=BATCH_SIZE,
    )
    if pictures:
        pictures.add_photos(products=products, rng=pictures_rng, batch_size=BATCH_SIZE)
    decided_at = timezone.now()
    Application.objects.bulk_create(
        (
            Application(
                exhibitor=exhibitor,
                edition=edition,
                mode=Application.Mode.VIRTUAL,
                status=Application.Status.ACCEPTED,
                decided_by=organiser,
                decided_at=decided_at,
            )
            for exhibitor in exhibitors
        ),
        batch_size=BATCH_SIZE,
    )
    return edition


def _generated_exhibitor(number, rng, *, region):
    category = rng.choices(
        list(GENERATED_CATEGORIES), weights=[c.weight for c in GENERATED_CATEGORIES.values()]
    )[0]
    first_word, second_word = rng.sample(BRAND_WORDS, 2)
    name = f"{rng.choice(GENERATED_CATEGORIES[category].name_starts)} {first_word} {second_word}"
    if region.code == KASMEX.host_region:
        address = f"Kec. {rng.choice(KECAMATAN_KABUPATEN_SEMARANG)}"
    else:
        address = f"{region.name}, {region.province.name}"
    is_food = category == Category.CULINARY
    return Exhibitor(
        name=name,
        slug=f"{slugify(name)}-{number}",
        category=category,
        scale=rng.choices(list(Exhibitor.Scale), weights=[85, 12, 3])[0],
        region=region,
        address=address,
        whatsapp=f"+62{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7, 10**8)}",
        nib=f"{rng.randrange(10**12, 10**13)}",
        pirt=f"{rng.randrange(10**14, 10**15)}" if is_food and rng.random() < 0.6 else "",
        halal_number=f"ID{rng.randrange(10**16, 10**17)}" if is_food and rng.random() < 0.4 else "",
    )


def _generated_products(exhibitor, rng):
    catalogue = GENERATED_CATEGORIES[exhibitor.category]
    low, high = catalogue.price_range
    # Distinct names within one catalogue, as a seller lists each item once.
    names = rng.sample(catalogue.product_names, rng.randint(*PRODUCTS_PER_GENERATED_EXHIBITOR))
    for position, name in enumerate(names):
        yield Product(
            exhibitor=exhibitor,
            name=name,
            category=exhibitor.category,
            position=position,
            # Rounded to Rp500, as prices are written on a stall's label.
            price=rng.randrange(low, high) // 500 * 500,
        )
