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
