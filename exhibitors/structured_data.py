"""schema.org descriptions (JSON-LD) of exhibitor and product pages, for search engines."""

from exhibitors.models import Exhibitor


def exhibitor(request, participant):
    exhibitor = participant.exhibitor
    url = request.build_absolute_uri(request.path)
    data = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness" if exhibitor.kind == Exhibitor.Kind.UMKM else "Organization",
        "@id": url,
        "name": exhibitor.name,
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
        data["description"] = exhibitor.description
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
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "@id": request.build_absolute_uri(request.path),
        "name": product.name,
        "category": product.get_category_display(),
        "brand": {"@type": "Brand", "name": product.exhibitor.name},
        "offers": offer,
    }
    if product.description:
        data["description"] = product.description
    if photos:
        data["image"] = photos
    return data
