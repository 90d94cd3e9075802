// The booth board (templates/admin/booths/board.html). htmx sends the request of a booth
// clicked on the plan, but it only stops the browser from following the link's href
// (the no-JavaScript way) for HTML links, not for the <a> elements of an SVG: stop it here.
document.addEventListener("click", (event) => {
  if (!window.htmx) return;
  const link = event.target.closest("#board svg a[data-hx-get], #board svg a[data-hx-post]");
  if (link) event.preventDefault();
});
