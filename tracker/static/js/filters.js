// The case list's filters sit in a <details>: closed on a phone so the cases come first,
// opened on wider screens where they fit beside each other.
document.addEventListener("DOMContentLoaded", function () {
  if (window.matchMedia("(min-width: 48rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }
});
