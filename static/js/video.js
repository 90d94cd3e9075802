// A tapped video thumbnail becomes YouTube's player (privacy-enhanced domain); until then
// the page loads nothing from YouTube but the thumbnail.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-youtube]");
  if (!link) return;
  event.preventDefault();
  const player = document.createElement("iframe");
  player.src = `https://www.youtube-nocookie.com/embed/${encodeURIComponent(link.dataset.youtube)}?autoplay=1`;
  player.title = link.textContent.trim();
  player.allow = "autoplay; encrypted-media; picture-in-picture";
  player.allowFullscreen = true;
  player.width = 560;
  player.height = 315;
  link.replaceWith(player);
});
