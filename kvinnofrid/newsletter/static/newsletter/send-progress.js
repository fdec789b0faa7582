// Keeps the send's progress current without reloading the page (a reload would move the
// focus and interrupt screen readers). The counts sit in a polite live region.
(function () {
  "use strict";
  const section = document.querySelector("[data-progress-url]");
  if (!section) return;
  const url = section.dataset.progressUrl;
  const bar = section.querySelector("progress");
  let lastStatus = null;
  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) return;
      const data = await response.json();
      bar.value = data.percent;
      bar.textContent = data.percent + " %";
      for (const key of ["total", "sent", "failed", "skipped", "pending"]) {
        const cell = section.querySelector('[data-count="' + key + '"]');
        if (cell && cell.textContent !== String(data[key])) cell.textContent = data[key];
      }
      if (lastStatus && data.status !== lastStatus) window.location.reload();
      lastStatus = data.status;
      if (data.status === "done") { window.location.reload(); return; }
    } catch (error) {
      // A missed poll is harmless; the next one catches up.
    }
    window.setTimeout(poll, 2000);
  }
  window.setTimeout(poll, 2000);
})();
