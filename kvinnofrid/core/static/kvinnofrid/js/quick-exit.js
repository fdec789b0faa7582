// Quick exit ("Lämna sidan snabbt"): someone exposed to violence may be watched while
// reading. The button (and Esc pressed twice within a second) blanks the page at once and
// replaces it with a neutral site, using location.replace so that the Back button does not
// lead back here. Without JavaScript the button is still an ordinary link to that site.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var target = link.getAttribute("data-quick-exit-url") || link.href;

  function leave(event) {
    if (event) event.preventDefault();
    document.title = "";
    document.body.style.visibility = "hidden";
    try {
      window.open(target, "_blank", "noopener");
    } catch (e) { /* a blocked pop-up must not stop the exit */ }
    window.location.replace(target);
  }

  link.addEventListener("click", leave);

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 1000) {
      leave(event);
    }
    lastEscape = now;
  });
})();
