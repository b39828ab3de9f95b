// "Not listed? Create a new person": with JavaScript the panel opens as a small dialog that
// saves the new record on its own (JSON) and chooses it in the field; the record form stays
// as typed. Without JavaScript the panel's button posts the whole form instead (see
// tracker/manage/quick_create.py). A static file: the Content-Security-Policy allows no
// inline script.
(function () {
  "use strict";

  function token(form) {
    var input = form.querySelector('input[name="csrf_token"]');
    return input ? input.value : "";
  }

  function showErrors(body, errors) {
    body.querySelectorAll(".error.quick-error").forEach(function (node) { node.remove(); });
    Object.keys(errors).forEach(function (id) {
      var input = document.getElementById(id);
      if (!input) { return; }
      var message = document.createElement("p");
      message.className = "error quick-error";
      message.id = id + "-quick-error";
      message.textContent = errors[id].join(" ");
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", message.id);
      input.insertAdjacentElement("afterend", message);
    });
  }

  document.querySelectorAll("details.quick-create").forEach(function (panel) {
    var form = panel.closest("form");
    var body = panel.querySelector(".quick-create-body");
    var summary = panel.querySelector("summary");
    var target = document.getElementById(panel.getAttribute("data-target"));
    var dialog = document.createElement("dialog");
    dialog.className = "quick-create-dialog";
    dialog.setAttribute("aria-label", summary.textContent.trim());
    var heading = document.createElement("h2");
    heading.textContent = summary.textContent.trim();
    dialog.appendChild(heading);
    dialog.appendChild(body);
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "link-button";
    cancel.textContent = "Cancel";
    body.appendChild(cancel);
    // The dialog stays inside the form, so its inputs are still the form's when it posts whole.
    panel.insertAdjacentElement("afterend", dialog);
    var button = body.querySelector('button[type="submit"]');

    summary.addEventListener("click", function (event) {
      event.preventDefault();
      dialog.showModal();
      var first = body.querySelector("input, select");
      if (first) { first.focus(); }
    });
    cancel.addEventListener("click", function () { dialog.close(); summary.focus(); });
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var data = new FormData();
      body.querySelectorAll("input, select, textarea").forEach(function (input) {
        if (input.type === "checkbox" && !input.checked) { return; }
        data.append(input.name, input.value);
      });
      fetch(button.getAttribute("formaction"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": token(form) }
      }).then(function (response) {
        return response.json().then(function (json) { return { ok: response.ok, json: json }; });
      }).then(function (result) {
        if (!result.ok) { showErrors(body, result.json.errors || {}); return; }
        target.value = result.json.label;
        body.querySelectorAll("input[type=text], input:not([type])").forEach(function (input) {
          input.value = "";
        });
        dialog.close();
        target.focus();
      });
    });
  });
})();
