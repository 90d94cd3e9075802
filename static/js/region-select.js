// With JavaScript, choosing a province shows its regencies and cities at once: the same
// round trip as the "Show regencies and cities" button, without the extra tap.
document.addEventListener("change", (event) => {
  const province = event.target.closest("select[data-narrows]");
  if (province) {
    province.form.querySelector(`button[name="${province.dataset.narrows}"]`).click();
  }
});
