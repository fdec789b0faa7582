// A form that came back with errors: move focus to the summary at the top, so keyboard and
// screen-reader users start from the list of what to correct (its links lead to the fields).
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
})();
