// While a resident types the title of a new proposal, show proposals with similar titles below it.
// Without JavaScript the form shows them after the first submit instead (events/proposal_views.py).
(function () {
  "use strict";
  var input = document.querySelector("input[data-similar-url]");
  var box = document.getElementById("similar-proposals");
  if (!input || !box || !window.fetch) {
    return;
  }
  var field = input.closest(".field");
  if (field) {
    field.insertAdjacentElement("afterend", box);
  }
  var timer = null;
  var last = "";
  function look() {
    var query = input.value.trim();
    if (query === last) {
      return;
    }
    last = query;
    if (query.length < 2) {
      box.innerHTML = "";
      return;
    }
    fetch(input.getAttribute("data-similar-url") + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (input.value.trim() === query) {
          box.innerHTML = html;
        }
      })
      .catch(function () { /* offline: the form still works, and the submit step shows them */ });
  }
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(look, 400);
  });
})();
