// "Kopiera länk" on the tracking page. Without JavaScript the buttons stay hidden and the
// readonly field's text can be selected and copied by hand; with it, focusing the field
// selects the whole link and the button copies it, confirmed in a status region.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-source]").forEach(function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var id = button.getAttribute("data-copy-link");
    var field = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () { if (status) status.textContent = button.getAttribute("data-copied") || "Länken är kopierad."; };
      field.focus();
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          if (document.execCommand("copy")) done();
        });
      } else if (document.execCommand("copy")) {
        done();
      }
    });
  });
})();
