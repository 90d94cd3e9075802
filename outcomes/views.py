from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exhibitors import managing
from exhibitors.models import Application
from outcomes import selectors, services
from outcomes.forms import COUNTRY_NAMES, DailySalesForm, OmzetForm, OrderForm
from outcomes.models import Order

# The owner's side: every view finds the application or order among those of the profile
# the request works on (the signed-in owner's own, or the one a Dinas member manages on its
# owner's behalf: ``exhibitors.managing``), so another profile's ids give 404.


def _own_application(request, application_id):
    return get_object_or_404(
        Application.objects.select_related("edition", "exhibitor"),
        managing.of_working_profile(request),
        pk=application_id,
    )


def _own_order(application, order_id):
    return get_object_or_404(Order, pk=order_id, application=application)


def _report_url(application, anchor=""):
    return reverse("report", kwargs={"application_id": application.pk}) + anchor


def _day_form(report_day):
    sales = report_day.sales
    initial = {"day": report_day.day}
    if sales is not None:
        initial.update(
            amount=sales.amount,
            transactions=sales.transactions,
            non_cash_amount=sales.non_cash_amount,
        )
    return DailySalesForm(initial=initial, auto_id=f"{_day_id(report_day.day)}-%s")


def _day_id(day):
    """The id of a day's row on the page, and the prefix of its fields' ids."""
    return f"day-{day.isoformat()}"


def _refused(form, error):
    """Show the service's refusal on ``form``; an amount to confirm brings the box for it."""
    if error.code == "large":
        form.confirm_asked = True
    form.add_error(None, error)


def _unplaced(request, form):
    """A form sent with errors that the page has no place for (a day posted by hand, a
    report closed meanwhile): its errors are told as messages."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _render_report(request, application, *, day_form=None, omzet_form=None):
    """The report page; a form sent with errors takes the place of its empty one."""
    other = selectors.reportable_applications(exhibitor=application.exhibitor).exclude(
        pk=application.pk
    )
    context = {"application": application, "edition": application.edition, "other": other}
    if not (application.status == Application.Status.ACCEPTED and application.reports_sales):
        for form in (day_form, omzet_form):
            if form is not None:
                _unplaced(request, form)
        return render(request, "outcomes/sales.html", context)
    report = selectors.owner_report(application=application)
    is_open = selectors.reports_open(edition=application.edition)
    for order in report.orders:
        order.country_name = COUNTRY_NAMES.get(order.buyer_country, order.buyer_country)
    day_forms = {}
    if is_open:
        day_forms = {row.day: _day_form(row) for row in report.days if row.is_reporting_day}
    if day_form is not None:
        if day_form.cleaned_data.get("day") in day_forms:
            day_form.auto_id = f"{_day_id(day_form.cleaned_data['day'])}-%s"
            day_forms[day_form.cleaned_data["day"]] = day_form
        else:
            _unplaced(request, day_form)
    omzet_forms = {
        moment: OmzetForm(
            initial={
                "moment": moment,
                "monthly_omzet": getattr(report.omzet.get(moment), "monthly_omzet", None),
            },
            auto_id=f"{moment}-%s",
        )
        for moment in selectors.open_omzet_moments(application=application)
    }
    if omzet_form is not None:
        if omzet_form.cleaned_data.get("moment") in omzet_forms:
            omzet_form.auto_id = f"{omzet_form.cleaned_data['moment']}-%s"
            omzet_forms[omzet_form.cleaned_data["moment"]] = omzet_form
        else:
            _unplaced(request, omzet_form)
    context.update(
        report=report,
        is_open=is_open,
        day_rows=[(row, day_forms.get(row.day)) for row in report.days],
        omzet_forms=list(omzet_forms.values()),
    )
    return render(request, "outcomes/sales.html", context)


@login_required
def report(request, application_id):
    return _render_report(request, _own_application(request, application_id))


@login_required
@require_POST
def report_day(request, application_id):
    application = _own_application(request, application_id)
    form = DailySalesForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.report_day(
                application=application,
                day=data["day"],
                amount=data["amount"],
                transactions=data["transactions"],
                non_cash_amount=data["non_cash_amount"],
                by=request.user,
                confirm_large=data["confirm_large"],
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            day = date_format(data["day"], "l, j F Y")
            messages.success(request, _("The sales of %(day)s are saved.") % {"day": day})
            return redirect(_report_url(application, f"#{_day_id(data['day'])}"))
    return _render_report(request, application, day_form=form)


@login_required
@require_POST
def omzet(request, application_id):
    application = _own_application(request, application_id)
    form = OmzetForm(request.POST)
    if form.is_valid():
        try:
            services.report_omzet(
                application=application,
                moment=form.cleaned_data["moment"],
                monthly_omzet=form.cleaned_data["monthly_omzet"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your monthly omzet is saved."))
            return redirect(_report_url(application, "#omzet"))
    return _render_report(request, application, omzet_form=form)


def _order_form(request, application, order=None):
    if "choose_province" in request.POST:
        # Without JavaScript the region list narrows by a round trip: the form again, as
        # typed, with the chosen province's regencies and cities and no errors yet.
        form = OrderForm(initial=request.POST.dict())
    elif request.method == "POST":
        form = OrderForm(request.POST)
    elif order is not None:
        form = OrderForm.for_order(order)
    else:
        form = OrderForm()
    if request.method == "POST" and form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_order(
                application=application,
                by=request.user,
                buyer_name=data["buyer_name"],
                buyer_kind=data["buyer_kind"],
                buyer_region=data["buyer_region"],
                buyer_country=data["buyer_country"],
                value=data["value"],
                status=data["status"],
                confirm_large=data["confirm_large"],
                order=order,
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The order is saved."))
            return redirect(_report_url(application, "#orders"))
    return render(
        request,
        "outcomes/order_form.html",
        {"form": form, "application": application, "order": order},
    )


@login_required
def order_create(request, application_id):
    return _order_form(request, _own_application(request, application_id))


@login_required
def order_update(request, application_id, order_id):
    application = _own_application(request, application_id)
    return _order_form(request, application, _own_order(application, order_id))


@login_required
@require_POST
def order_delete(request, application_id, order_id):
    application = _own_application(request, application_id)
    order = _own_order(application, order_id)
    try:
        services.delete_order(order=order, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The order is deleted."))
    return redirect(_report_url(application, "#orders"))
