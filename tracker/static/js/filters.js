// The case list's filters sit in a <details>: closed on a phone so the cases come first,
// opened on wider screens where they fit beside each other.
document.addEventListener("DOMContentLoaded", function () {
  if (window.matchMedia("(min-width: 48rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }
});

// The officer box: suggest names as one types (a city's officers are too many for a menu).
// Without JavaScript the box still works: the full name, typed, filters the list.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-lookup]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (input.value.trim().length < 2) return;
        fetch(input.dataset.lookup + "?q=" + encodeURIComponent(input.value))
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (names) {
            list.replaceChildren.apply(list, names.map(function (name) {
              var option = document.createElement("option");
              option.value = name;
              return option;
            }));
          })
          .catch(function () {});
      }, 200);
    });
  });
});
