from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DeleteView, UpdateView

from exhibitors import documents as documents_module
from exhibitors import managing, selectors, services
from exhibitors.forms import (
    ApplicationForm,
    DeleteAccountForm,
    ExhibitorForm,
    LegalDocumentForm,
    LogoForm,
    OnlineLinkForm,
    ProductForm,
    ProductPhotoForm,
)
from exhibitors.models import (
    MAX_PHOTOS_PER_PRODUCT,
    Application,
    Exhibitor,
    LegalDocument,
    OnlineLink,
    Product,
    ProductPhoto,
)
from exhibitors.questions import APPLICATION_QUESTIONS
from expo.models import Edition

# The owner's side: every view below works only on the profile the request works on
# (``managing.working_exhibitor``: the signed-in owner's own, or the one a Dinas member
# manages on its owner's behalf); ids of any other profile's rows find nothing and give 404.


def report(request, action, success, *, form=None):
    """Run ``action``, a service call, once ``form`` (if given) is valid, and tell the owner
    how it went: the form's first error, the reason the service refused, or ``success``."""
    if form is not None and not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return
    try:
        action()
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, success)


@login_required
def dashboard(request):
    exhibitor = managing.working_exhibitor(request)
    if exhibitor is None:
        # Dinas staff, who have no business of their own, start from their pendampingan.
        is_member = selectors.member_organisation(user=request.user) is not None
        return render(
            request, "exhibitors/dashboard.html", {"exhibitor": None, "is_member": is_member}
        )
    applications = selectors.own_applications(exhibitor=exhibitor)
    applied_to = {application.edition_id for application in applications}
    open_editions = [
        edition
        for edition in Edition.objects.open_for_registration().order_by("registration_closes_at")
        if edition.pk not in applied_to
    ]
    # The catalogue a page at a time: an owner's 661 products made a page of a megabyte.
    # A number that is no page (a word, 0, past the end) shows the first or the last one.
    products = Paginator(selectors.own_products(exhibitor=exhibitor), 24).get_page(
        request.GET.get("produk")
    )
    goes_online = any(
        application.status == Application.Status.ACCEPTED
        and application.mode != Application.Mode.BOOTH
        for application in applications
    )
    return render(
        request,
        "exhibitors/dashboard.html",
        {
            "exhibitor": exhibitor,
            "gaps": selectors.profile_gaps(exhibitor=exhibitor),
            "panels": selectors.dashboard_panels(exhibitor=exhibitor),
            "products": products,
            "product_pages": products.paginator.get_elided_page_range(
                products.number, on_each_side=2, on_ends=1
            ),
            # The checklist counts every product shown to visitors, not this page's alone.
            "online_steps": goes_online
            and selectors.online_stand_steps(
                exhibitor=exhibitor,
                products=selectors.own_products(exhibitor=exhibitor).filter(is_published=True),
            ),
            "applications": applications,
            "klaster": list(selectors.own_klaster(exhibitor=exhibitor)),
            "open_editions": open_editions,
        },
    )


@login_required
def profile_edit(request):
    # A new profile writes to its owner in the language they are using the site in.
    exhibitor = managing.working_exhibitor(request) or Exhibitor(language=request.LANGUAGE_CODE)
    if any(button in request.POST for button in ExhibitorForm.narrowing_buttons):
        # Without JavaScript a list narrows by a round trip: show the form again, as typed,
        # with the chosen province's regencies (or region's kecamatan, or kecamatan's desa)
        # and no errors yet.
        form = ExhibitorForm(initial=request.POST.dict(), instance=exhibitor)
    else:
        form = ExhibitorForm(request.POST or None, instance=exhibitor)
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            services.save_profile(exhibitor=form.instance, owner=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Your business profile is saved."))
            return redirect("dashboard")
    return render(
        request,
        "exhibitors/profile_form.html",
        {"form": form, "editing": exhibitor.pk, "exhibitor": exhibitor, "logo_form": LogoForm()},
    )


@login_required
@require_POST
def logo_upload(request):
    exhibitor = managing.working_exhibitor_or_404(request)
    form = LogoForm(request.POST, request.FILES)
    report(
        request,
        lambda: services.set_logo(exhibitor=exhibitor, upload=form.cleaned_data["logo"]),
        _("Logo saved."),
        form=form,
    )
    return redirect("profile_edit")


@login_required
@require_POST
def logo_remove(request):
    services.remove_logo(exhibitor=managing.working_exhibitor_or_404(request))
    messages.success(request, _("Logo removed."))
    return redirect("profile_edit")


@login_required
def links(request):
    exhibitor = managing.working_exhibitor_or_404(request)
    form = OnlineLinkForm(request.POST or None, exhibitor=exhibitor)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_link(link=form.instance)
        except ValidationError as error:
            form.add_error("url", error)
        else:
            messages.success(request, _("Link added."))
            return redirect("links")
    return render(
        request,
        "exhibitors/links.html",
        {"form": form, "links": exhibitor.links.order_by("platform", "pk")},
    )


@login_required
@require_POST
def link_delete(request, pk):
    link = get_object_or_404(OnlineLink, managing.of_working_profile(request), pk=pk)
    services.delete_link(link=link)
    messages.success(request, _("Link deleted."))
    return redirect("links")


@login_required
def documents(request):
    exhibitor = managing.working_exhibitor_or_404(request)
    if request.method == "POST":
        # Bound even to an empty body, so that a post without the form still gets its error.
        form = LegalDocumentForm(request.POST, request.FILES)
        report(
            request,
            lambda: services.upload_document(
                exhibitor=exhibitor,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            ),
            _("Document uploaded."),
            form=form,
        )
        return redirect("documents")
    return render(
        request,
        "exhibitors/documents.html",
        {
            "exhibitor": exhibitor,
            "documents": selectors.own_documents(exhibitor=exhibitor),
            "max_mb": documents_module.MAX_BYTES // (1024 * 1024),
        },
    )


@login_required
def document_download(request, pk):
    document = get_object_or_404(LegalDocument, managing.of_working_profile(request), pk=pk)
    return documents_module.download_response(document)


@login_required
@require_POST
def document_delete(request, pk):
    document = get_object_or_404(LegalDocument, managing.of_working_profile(request), pk=pk)
    services.delete_document(document=document)
    messages.success(request, _("Document deleted."))
    return redirect("documents")


class OwnProductMixin(LoginRequiredMixin):
    model = Product
    success_url = reverse_lazy("dashboard")

    def get_queryset(self):
        return Product.objects.filter(managing.of_working_profile(self.request))


class ProductFormMixin(OwnProductMixin):
    form_class = ProductForm
    template_name = "exhibitors/product_form.html"
    success_message = ""

    def get_exhibitor(self):
        return managing.working_exhibitor_or_404(self.request)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "exhibitor": self.get_exhibitor()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_service=self.get_exhibitor().is_institution, **kwargs)

    def form_valid(self, form):
        try:
            self.object = services.save_product(product=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())


class ProductCreateView(ProductFormMixin, CreateView):
    success_message = gettext_lazy("Saved in your catalogue.")


class ProductUpdateView(ProductFormMixin, UpdateView):
    success_message = gettext_lazy("Saved.")

    def get_exhibitor(self):
        return self.object.exhibitor

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            photos=self.object.photos.order_by("position"),
            photo_form=ProductPhotoForm(),
            max_photos=MAX_PHOTOS_PER_PRODUCT,
            **kwargs,
        )


class ProductDeleteView(OwnProductMixin, DeleteView):
    template_name = "exhibitors/product_confirm_delete.html"

    def form_valid(self, form):
        services.delete_product(product=self.object)
        messages.success(self.request, _("Deleted from your catalogue."))
        return redirect(self.success_url)


@login_required
@require_POST
def product_move(request, pk):
    product = get_object_or_404(Product, managing.of_working_profile(request), pk=pk)
    services.move_product(product=product, up=request.POST.get("direction") == "up")
    return back_to_catalogue(request)


@login_required
@require_POST
def product_visibility(request, pk):
    product = get_object_or_404(Product, managing.of_working_profile(request), pk=pk)
    is_published = request.POST.get("is_published") == "1"
    services.set_product_published(product=product, is_published=is_published)
    if is_published:
        messages.success(request, _("“%(name)s” is shown to visitors.") % {"name": product.name})
    else:
        messages.success(request, _("“%(name)s” is hidden from visitors.") % {"name": product.name})
    return back_to_catalogue(request)


def back_to_catalogue(request):
    """To the dashboard's catalogue, at the page of it the owner was on (``produk``)."""
    page = request.POST.get("produk", "")
    query = f"?{urlencode({'produk': page})}" if page.isdecimal() else ""
    return redirect(reverse("dashboard") + query + "#products")


@login_required
def apply(request, edition_slug):
    exhibitor = managing.working_exhibitor_or_404(request)
    edition = get_object_or_404(Edition.objects.public(), slug=edition_slug)
    form = ApplicationForm(
        request.POST or None,
        modes=services.MODES_BY_FORMAT[edition.format],
        zones=selectors.edition_zones(edition=edition),
        products=selectors.own_products(exhibitor=exhibitor).filter(is_published=True),
        has_rules=bool(edition.rules or edition.rules_document),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.apply_to_edition(
                exhibitor=exhibitor,
                edition=edition,
                mode=data["mode"],
                staff_count=data["staff_count"],
                preferred_zone=data["preferred_zone"],
                preferred_booth_kind=data["preferred_booth_kind"],
                featured_products=data["featured_products"],
                on_behalf=request.managing is not None,
                answers={question.name: data[question.name] for question in APPLICATION_QUESTIONS},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your application is submitted."))
            return redirect("dashboard")
    return render(
        request,
        "exhibitors/apply.html",
        {
            "form": form,
            "edition": edition,
            "needs_consent": request.managing is not None
            and not selectors.has_consent(exhibitor=exhibitor),
        },
    )


@login_required
@require_POST
def withdraw(request, pk):
    application = get_object_or_404(Application, managing.of_working_profile(request), pk=pk)
    report(
        request,
        lambda: services.withdraw_application(application=application),
        _("Your application is withdrawn."),
    )
    return redirect("dashboard")


@login_required
@require_POST
def product_photo_add(request, pk):
    product = get_object_or_404(Product, managing.of_working_profile(request), pk=pk)
    form = ProductPhotoForm(request.POST, request.FILES)
    report(
        request,
        lambda: services.add_product_photo(product=product, upload=form.cleaned_data["photo"]),
        _("Photo added."),
        form=form,
    )
    return redirect("product_update", pk=product.pk)


@login_required
@require_POST
def product_photo_delete(request, pk):
    photo = get_object_or_404(
        ProductPhoto, managing.of_working_profile(request, "product__exhibitor"), pk=pk
    )
    services.delete_product_photo(photo=photo)
    messages.success(request, _("Photo deleted."))
    return redirect("product_update", pk=photo.product_id)


@login_required
def account_delete(request):
    exhibitor = managing.working_exhibitor(request)
    if request.managing is not None:
        # The account is the staff member's, the profile its owner's: neither goes here.
        messages.error(
            request,
            _(
                "You are working on %(name)s on its owner's behalf: an account cannot be "
                "deleted from here. Stop managing it first."
            )
            % {"name": exhibitor.name},
        )
        return redirect("dashboard")
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Your account is deleted. Thank you for taking part."))
            return redirect("home")
    return render(
        request,
        "exhibitors/account_delete.html",
        {
            "form": form,
            "exhibitor": exhibitor,
            "keeps_history": exhibitor is not None and selectors.is_on_record(exhibitor=exhibitor),
        },
    )
