/* A backpack import's page while the file is checked and imported: asks how far it has
   got every two seconds and updates the progress bar and its status line; once the job
   stops (imported, refused, or a question to answer) the page is loaded again to show it. */
(function () {
  "use strict";
  function follow() {
    var status = document.getElementById("import-status");
    var bar = document.getElementById("import-progress");
    if (!status || !bar || !window.fetch) { return; }
    var url = status.getAttribute("data-progress");
    function ask() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p) { return; }
          // Stopped: say so at once (the refusal's reason too), then show the page as
          // it is now (asked again: the page is never kept by the browser).
          if (!p.running) {
            status.textContent = p.said;
            window.location.replace(window.location.href);
            return;
          }
          bar.max = p.total || 1; bar.value = p.done; bar.textContent = String(p.done);
          status.textContent = p.said;
          window.setTimeout(ask, 2000);
        })
        .catch(function () { window.setTimeout(ask, 10000); });
    }
    window.setTimeout(ask, 1000);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else { follow(); }
}());
