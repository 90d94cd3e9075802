# Dates as a Dinas office writes them, "12 Februari 2027", not Django's "12 Feb 2027";
# every other Indonesian format stays Django's own.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H.i"
