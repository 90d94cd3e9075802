from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DeleteView, UpdateView

from exhibitors import selectors, services
from exhibitors.forms import ApplicationForm, ExhibitorForm, ProductForm, ProductPhotoForm
from exhibitors.models import MAX_PHOTOS_PER_PRODUCT, Application, Exhibitor, Product, ProductPhoto
from expo.models import Edition

# The owner's side: every view below works only on the signed-in owner's own profile;
# another owner's ids find nothing and give 404.


def own_exhibitor(request):
    return Exhibitor.objects.filter(owner=request.user).first()


def own_exhibitor_or_404(request):
    return get_object_or_404(Exhibitor, owner=request.user)


@login_required
def dashboard(request):
    exhibitor = own_exhibitor(request)
    if exhibitor is None:
        return render(request, "exhibitors/dashboard.html", {"exhibitor": None})
    applications = selectors.own_applications(exhibitor=exhibitor)
    applied_to = {application.edition_id for application in applications}
    open_editions = [
        edition
        for edition in Edition.objects.open_for_registration().order_by("registration_closes_at")
        if edition.pk not in applied_to
    ]
    return render(
        request,
        "exhibitors/dashboard.html",
        {
            "exhibitor": exhibitor,
            "gaps": selectors.profile_gaps(exhibitor=exhibitor),
            "products": selectors.own_products(exhibitor=exhibitor),
            "applications": applications,
            "open_editions": open_editions,
        },
    )


@login_required
def profile_edit(request):
    exhibitor = own_exhibitor(request) or Exhibitor()
    if "choose_province" in request.POST:
        # Without JavaScript the region list narrows by a round trip: show the form again,
        # as typed, with the chosen province's regencies and cities and no errors yet.
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
    return render(request, "exhibitors/profile_form.html", {"form": form, "editing": exhibitor.pk})


class OwnProductMixin(LoginRequiredMixin):
    model = Product
    success_url = reverse_lazy("dashboard")

    def get_queryset(self):
        return Product.objects.filter(exhibitor__owner=self.request.user)


class ProductCreateView(OwnProductMixin, CreateView):
    form_class = ProductForm
    template_name = "exhibitors/product_form.html"

    def get_initial(self):
        return {"category": own_exhibitor_or_404(self.request).category}

    def form_valid(self, form):
        form.instance.exhibitor = own_exhibitor_or_404(self.request)
        messages.success(self.request, _("Product added."))
        return super().form_valid(form)


class ProductUpdateView(OwnProductMixin, UpdateView):
    form_class = ProductForm
    template_name = "exhibitors/product_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            photos=self.object.photos.order_by("position"),
            photo_form=ProductPhotoForm(),
            max_photos=MAX_PHOTOS_PER_PRODUCT,
            **kwargs,
        )

    def form_valid(self, form):
        messages.success(self.request, _("Product saved."))
        return super().form_valid(form)


class ProductDeleteView(OwnProductMixin, DeleteView):
    template_name = "exhibitors/product_confirm_delete.html"

    def form_valid(self, form):
        services.delete_product(product=self.object)
        messages.success(self.request, _("Product deleted."))
        return redirect(self.success_url)


@login_required
def apply(request, edition_slug):
    exhibitor = own_exhibitor_or_404(request)
    edition = get_object_or_404(Edition.objects.public(), slug=edition_slug)
    form = ApplicationForm(request.POST or None, modes=services.MODES_BY_FORMAT[edition.format])
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_to_edition(
                exhibitor=exhibitor, edition=edition, mode=form.cleaned_data["mode"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your application is submitted."))
            return redirect("dashboard")
    return render(request, "exhibitors/apply.html", {"form": form, "edition": edition})


@login_required
@require_POST
def withdraw(request, pk):
    application = get_object_or_404(Application, pk=pk, exhibitor__owner=request.user)
    try:
        services.withdraw_application(application=application)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("dashboard")


@login_required
@require_POST
def product_photo_add(request, pk):
    product = get_object_or_404(Product, pk=pk, exhibitor__owner=request.user)
    form = ProductPhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form.errors["photo"][0])
        return redirect("product_update", pk=product.pk)
    try:
        services.add_product_photo(product=product, upload=form.cleaned_data["photo"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Photo added."))
    return redirect("product_update", pk=product.pk)


@login_required
@require_POST
def product_photo_delete(request, pk):
    photo = get_object_or_404(ProductPhoto, pk=pk, product__exhibitor__owner=request.user)
    services.delete_product_photo(photo=photo)
    messages.success(request, _("Photo deleted."))
    return redirect("product_update", pk=photo.product_id)
