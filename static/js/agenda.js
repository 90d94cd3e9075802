// Marks the sessions going on now and the next one of the agenda, from the times of its
// sessions (data-starts, data-ends) against the visitor's clock: the page itself is the
// same for everyone and kept in the cache until the agenda changes. Without script, the
// list shows every session's times. Marked again every minute.
function markAgenda() {
  const now = Date.now();
  let next = null;
  for (const session of document.querySelectorAll("ol.agenda li[data-starts]")) {
    session.classList.remove("now", "next");
    session.removeAttribute("aria-current");
    session.querySelector(".session-state")?.remove();
    const starts = Date.parse(session.dataset.starts);
    const ends = Date.parse(session.dataset.ends);
    if (starts <= now && now < ends) mark(session, "now");
    else if (starts > now && (next === null || starts < Date.parse(next.dataset.starts))) next = session;
  }
  if (next) mark(next, "next");
}

function mark(session, state) {
  const list = session.closest("ol.agenda");
  session.classList.add(state);
  if (state === "now") session.setAttribute("aria-current", "time");
  const badge = document.createElement("strong");
  badge.className = "session-state";
  badge.textContent = state === "now" ? list.dataset.nowLabel : list.dataset.nextLabel;
  session.querySelector(".session-time").prepend(badge, " ");
}

markAgenda();
setInterval(markAgenda, 60_000);
