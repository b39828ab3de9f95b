// The case file's "Tick all" button: ticks every record of the cite-once checklist.
// Without JavaScript the button stays hidden and each box is ticked by hand.
document.querySelectorAll("[data-tick-all]").forEach(function (button) {
  var list = document.getElementById(button.getAttribute("data-tick-all"));
  button.closest(".js-only").hidden = false;
  button.addEventListener("click", function () {
    list.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
      box.checked = true;
    });
  });
});

// Typing a note or a locator in a checklist row ticks that row: what you describe, you mean.
document.querySelectorAll(".field-list .row").forEach(function (row) {
  var box = row.querySelector('input[type="checkbox"]');
  row.querySelectorAll('input[type="text"]').forEach(function (input) {
    input.addEventListener("input", function () {
      if (box && input.value.trim()) { box.checked = true; }
    });
  });
});
