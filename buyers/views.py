"""The buyer's form ("Tanya / pesan") and the owner's inbox ("Pesan masuk").

The form sits on the cached public pages, which hold no CSRF token (a page with one
could not be kept for every visitor), and is sent here, outside the cache. It needs none:
no session or account is read or changed, so a forged request can do nothing a person
could not do from the form itself. What a forged one could do, make visitors' browsers
send inquiries from many addresses, is refused by the browser's own word on where the
form came from (``Origin``, ``Sec-Fetch-Site``); the honeypot and the limits per address
and per exhibitor (allauth's limiter, in the shared cache) stop the rest.
"""

import csv
import io

import tablib
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buyers import selectors, services
from buyers.forms import InquiryForm, InquiryOrderForm, InquiryStatusForm
from buyers.models import Inquiry
from core.admin import spreadsheet_safe
from exhibitors import managing
from outcomes.forms import COUNTRY_NAMES

CROSS_SITE = {"cross-site", "same-site"}
INBOX_PAGE = 50


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def _from_this_site(request):
    """Whether the browser says the form was sent from this site's pages (an old browser
    or a script that says nothing is let through: the limits still count it)."""
    if request.headers.get("Sec-Fetch-Site") in CROSS_SITE:
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin in {own, *settings.CSRF_TRUSTED_ORIGINS}


def _page(request, participant, form, *, status=200, refusal=None):
    context = {
        "participant": participant,
        "edition": participant.edition,
        "exhibitor": participant.exhibitor,
        "inquiry_form": form,
        "refusal": refusal,
    }
    return _private(render(request, "buyers/inquiry_page.html", context, status=status))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def send(request, edition_slug, slug):
    participant = selectors.participant_or_404(edition_slug=edition_slug, slug=slug)
    exhibitor = participant.exhibitor
    products = selectors.shown_products(exhibitor=exhibitor).order_by("position", "pk")
    if request.method == "GET":
        return _page(request, participant, InquiryForm.of(products))
    form = InquiryForm.of(products, data=request.POST)
    if not _from_this_site(request):
        refusal = _("The form was sent from another site. Send it from this page.")
        return _page(request, participant, form, status=403, refusal=refusal)
    if form.is_trapped:
        # A robot: it is told it succeeded, and nothing is stored.
        return redirect("inquiry_sent", edition_slug=edition_slug, slug=slug)
    if form.is_valid():
        # Counted once it would be stored: a person's typos do not use up the limit.
        if not ratelimit.consume(
            request, app="allauth.account", action="inquiry", key=f"exhibitor:{exhibitor.pk}"
        ):
            refusal = _("Too many messages were sent just now. Please try again in a few minutes.")
            return _page(request, participant, form, status=429, refusal=refusal)
        data = form.cleaned_data
        try:
            services.send_inquiry(
                exhibitor=exhibitor,
                edition=participant.edition,
                **{field: data[field] for field in InquiryForm.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("inquiry_sent", edition_slug=edition_slug, slug=slug)
    return _page(request, participant, form)


@require_GET
def sent(request, edition_slug, slug):
    participant = selectors.participant_or_404(edition_slug=edition_slug, slug=slug)
    context = {"participant": participant, "edition": participant.edition}
    return _private(render(request, "buyers/inquiry_sent.html", context))


# The owner's side: every view finds the inquiries among those of the profile the request
# works on (``exhibitors.managing``), so another profile's ids give 404.


def _own_inquiries(request):
    exhibitor = managing.working_exhibitor_or_404(request)
    return exhibitor, selectors.inbox(exhibitor=exhibitor)


def _own_inquiry(request, pk):
    _exhibitor, inquiries = _own_inquiries(request)
    return get_object_or_404(inquiries, pk=pk)


@login_required
def inbox(request):
    exhibitor, inquiries = _own_inquiries(request)
    status = request.GET.get("status")
    if status in Inquiry.Status.values:
        inquiries = inquiries.filter(status=status)
    context = {
        "exhibitor": exhibitor,
        "inquiries": Paginator(inquiries, INBOX_PAGE).get_page(request.GET.get("halaman")),
        "statuses": Inquiry.Status.choices,
        "chosen": status,
        "new": selectors.new_count(exhibitor=exhibitor),
    }
    return render(request, "buyers/inbox.html", context)


def _detail(request, inquiry, *, status_form=None, order_form=None):
    context = {
        "inquiry": inquiry,
        "status_form": status_form or InquiryStatusForm(instance=inquiry),
        "order_form": order_form or InquiryOrderForm(),
        "whatsapp_reply": selectors.whatsapp_reply(inquiry),
        "email_reply": selectors.email_reply(inquiry),
        "country": COUNTRY_NAMES.get(inquiry.country, inquiry.country),
    }
    return render(request, "buyers/inquiry_detail.html", context)


@login_required
def inquiry_detail(request, pk):
    return _detail(request, _own_inquiry(request, pk))


@login_required
@require_POST
def inquiry_update(request, pk):
    inquiry = _own_inquiry(request, pk)
    form = InquiryStatusForm(request.POST, instance=Inquiry.objects.get(pk=inquiry.pk))
    if form.is_valid():
        try:
            services.update_inquiry(
                inquiry=inquiry, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The inquiry is saved."))
            return redirect(inquiry)
    return _detail(request, inquiry, status_form=form)


@login_required
@require_POST
def inquiry_order(request, pk):
    inquiry = _own_inquiry(request, pk)
    form = InquiryOrderForm(request.POST)
    if form.is_valid():
        try:
            services.turn_into_order(
                inquiry=inquiry,
                value=form.cleaned_data["value"],
                status=form.cleaned_data["status"],
                confirm_large=form.cleaned_data["confirm_large"],
                by=request.user,
            )
        except ValidationError as error:
            if error.code == "large":
                form.confirm_asked = True
            form.add_error(None, error)
        else:
            messages.success(request, _("The order is added to your sales report."))
            return redirect(inquiry)
    return _detail(request, inquiry, order_form=form)


EXPORT_HEADERS = [
    "tanggal",
    "pameran",
    "nama",
    "whatsapp",
    "email",
    "jenis_pembeli",
    "negara",
    "daerah",
    "produk",
    "jumlah",
    "satuan",
    "pesan",
    "status",
    "catatan",
]


def _export_rows(inquiries):
    for inquiry in inquiries:
        yield [
            timezone.localtime(inquiry.created_at).strftime("%Y-%m-%d %H:%M"),
            inquiry.edition.name if inquiry.edition else "",
            inquiry.name,
            inquiry.whatsapp,
            inquiry.email,
            inquiry.get_buyer_kind_display(),
            inquiry.country,
            inquiry.place,
            ", ".join(product.name for product in inquiry.products.all()),
            inquiry.quantity or "",
            inquiry.unit,
            inquiry.message,
            inquiry.get_status_display(),
            inquiry.note,
        ]


@login_required
@require_GET
def inbox_export(request, file_format):
    """The owner's inquiries as a spreadsheet (CSV or Excel), every cell safe to open."""
    _exhibitor, inquiries = _own_inquiries(request)
    if file_format not in {"csv", "xlsx"}:
        raise Http404
    rows = [[spreadsheet_safe(value) for value in row] for row in _export_rows(inquiries)]
    if file_format == "csv":
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(EXPORT_HEADERS)
        writer.writerows(rows)
        # With its byte order mark, Excel opens the file as UTF-8.
        content, content_type = text.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    else:
        sheet = tablib.Dataset(*rows, headers=EXPORT_HEADERS, title="Pesan masuk")
        content = sheet.export("xlsx")
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="pesan-masuk.{file_format}"'
    return _private(response)
