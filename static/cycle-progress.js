/* A review cycle's page while it opens: asks how far the opening has got every few
   seconds and updates the progress bar and its status line (no page-wide refresh). */
(function () {
  "use strict";
  function follow() {
    var status = document.getElementById("opening-status");
    var bar = document.getElementById("opening-progress");
    if (!status || !bar || !window.fetch) { return; }
    var url = status.getAttribute("data-progress");
    var lastSaid = "";
    function ask() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p) { return; }
          bar.max = p.total; bar.value = p.opened; bar.textContent = String(p.opened);
          var said = p.opening
            ? p.opened + " of " + p.total + " students opened."
            : "All " + p.total + " students are open. Check again to see the cycle's progress.";
          if (said !== lastSaid) { status.textContent = said; lastSaid = said; }
          if (p.opening) { window.setTimeout(ask, 3000); }
        })
        .catch(function () { window.setTimeout(ask, 10000); });
    }
    window.setTimeout(ask, 3000);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else { follow(); }
}());
