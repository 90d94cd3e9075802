"""schema.org descriptions (JSON-LD) of edition, exhibitor and product pages, for search
engines."""

from django.templatetags.static import static

from exhibitors.models import Exhibitor
from expo.models import Edition

ATTENDANCE_MODES = {
    Edition.Format.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    Edition.Format.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    Edition.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def event(request, edition):
    url = request.build_absolute_uri(edition.get_absolute_url())
    locations = []
    if edition.has_venue:
        locations.append(
            {
                "@type": "Place",
                "name": edition.venue_name,
                "address": edition.venue_address or edition.venue_name,
            }
        )
    if edition.format != Edition.Format.OFFLINE:
        locations.append({"@type": "VirtualLocation", "url": url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": edition.name,
        "url": url,
        "startDate": edition.starts_on.isoformat(),
        "endDate": edition.ends_on.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[edition.format],
        "location": locations,
        "image": [request.build_absolute_uri(static("img/og-default.png"))],
        "organizer": {"@type": "Organization", "name": edition.organiser},
    }
    if edition.description:
        data["description"] = edition.description
    return data


def exhibitor(request, participant):
    exhibitor = participant.exhibitor
    url = request.build_absolute_uri(request.path)
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness" if exhibitor.kind == Exhibitor.Kind.UMKM else "Organization",
        "@id": url,
        "name": exhibitor.shown_name,
        "url": url,
        # What the page shows: the street only where the owner chose to show it.
        "address": {
            "@type": "PostalAddress",
            "addressLocality": exhibitor.region.name,
            "addressRegion": exhibitor.region.province.name,
            "addressCountry": "ID",
        },
    }
    if exhibitor.address_is_public and exhibitor.address:
        data["address"]["streetAddress"] = exhibitor.address
    if exhibitor.description:
        data["description"] = exhibitor.shown_description
    if exhibitor.whatsapp:
        data["telephone"] = exhibitor.whatsapp
    if exhibitor.logo:
        data["logo"] = request.build_absolute_uri(exhibitor.logo.url)
    if exhibitor.year_founded:
        data["foundingDate"] = str(exhibitor.year_founded)
    same_as = [link.url for link in exhibitor.links.all()]
    if exhibitor.website:
        same_as.insert(0, exhibitor.website)
    if same_as:
        data["sameAs"] = same_as
    return data


# A product's stock as schema.org says it.
AVAILABILITY = {
    "tersedia": "https://schema.org/InStock",
    "preorder": "https://schema.org/PreOrder",
    "habis": "https://schema.org/SoldOut",
}


def product(request, product):
    photos = [request.build_absolute_uri(photo.medium.url) for photo in product.photos.all()]
    offer = {"@type": "Offer", "priceCurrency": "IDR", "price": product.price}
    if product.price_max:
        offer = {
            "@type": "AggregateOffer",
            "priceCurrency": "IDR",
            "lowPrice": product.price,
            "highPrice": product.price_max,
        }
    offer["availability"] = AVAILABILITY[product.stock]
    if product.minimum_order:
        offer["eligibleQuantity"] = {
            "@type": "QuantitativeValue",
            "minValue": product.minimum_order,
            **({"unitText": product.minimum_order_unit} if product.minimum_order_unit else {}),
        }
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "@id": request.build_absolute_uri(request.path),
        "name": product.shown_name,
        "category": product.get_category_display(),
        "brand": {"@type": "Brand", "name": product.exhibitor.shown_name},
        "offers": offer,
    }
    if product.description:
        data["description"] = product.shown_description
    if photos:
        data["image"] = photos
    return data
