// Select the whole of a read-only link field when it gets focus, ready to copy.
// (A static file, not an inline handler: the Content-Security-Policy allows no inline script.)
document.querySelectorAll("input.copy-field").forEach(function (field) {
  field.addEventListener("focus", function () {
    field.select();
  });
});
