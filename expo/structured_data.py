"""schema.org description (JSON-LD) of an edition page: an Event, for search engines."""

from django.templatetags.static import static

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
