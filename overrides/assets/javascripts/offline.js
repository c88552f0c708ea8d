/* "Save for offline use": registers the site's service worker (overrides/sw.js) and runs the
 * button of the offline page. Served sites only: from file:// (the downloaded copy) it registers
 * nothing and the offline page keeps its download instructions.
 * The status line is written from the page's own templates (data-kb-progress, data-kb-ready,
 * ...: labels in the page's language), numbers and dates in that language.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var served = /^https?:$/.test(location.protocol) && "serviceWorker" in navigator && "caches" in window;
  if (!served || !script) return;
  // This file is <root>/assets/javascripts/offline.js: the worker is <root>/sw.js.
  var root = new URL("../../", script.src).href;
  var STATE = root + "__kb-offline-state";
  var language = document.documentElement.lang || "en";
  var locale = language === "en" ? "en-GB" : language;

  navigator.serviceWorker.register(root + "sw.js", { scope: root }).catch(function () { /* no saving here */ });
  // Back online: a saved copy takes a new version, if one was published, without waiting for a page load.
  window.addEventListener("online", function () {
    if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage({ type: "kb-check" });
  });

  function megabytes(bytes) {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1e6);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  function setup(block) {
    var status = block.querySelector("[data-kb-save-status]");
    var button = block.querySelector("[data-kb-save-button]");
    var mine = block.getAttribute("data-kb-language");
    var unsupported = document.querySelector("[data-kb-save-unsupported]");
    if (unsupported) unsupported.hidden = true;
    block.hidden = false;

    function ready(copy) {
      var date = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric" })
        .format(new Date(copy.saved));
      status.textContent = fill(block.getAttribute("data-kb-ready"),
        { date: date, pages: String(copy.pages), size: megabytes(copy.size) });
      block.setAttribute("data-kb-state", "ready");
      button.disabled = false;
    }

    caches.open("kb-meta").then(function (cache) { return cache.match(STATE); })
      .then(function (response) { return response ? response.json() : null; })
      .then(function (state) {
        var copy = state && state.languages && state.languages[mine];
        if (copy) ready(copy);
        else status.textContent = block.getAttribute("data-kb-none");
      })
      .catch(function () { status.textContent = block.getAttribute("data-kb-none"); });

    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.language !== mine) return;
      if (data.type === "kb-progress") {
        block.setAttribute("data-kb-state", "saving");
        status.textContent = fill(block.getAttribute("data-kb-progress"), {
          pages: String(data.pages), total: String(data.total),
          stored: megabytes(data.bytes), size: megabytes(data.size)
        });
      } else if (data.type === "kb-ready" || data.type === "kb-updated") {
        ready(data.copy);
      } else if (data.type === "kb-failed") {
        block.setAttribute("data-kb-state", "failed");
        status.textContent = block.getAttribute("data-kb-failed");
        button.disabled = false;
      }
    });

    button.addEventListener("click", function () {
      button.disabled = true;
      // Ask the browser not to clear the saved copy when the device runs short of space.
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      block.setAttribute("data-kb-state", "saving");
      navigator.serviceWorker.ready.then(function (registration) {
        registration.active.postMessage({
          type: "kb-save", language: mine, list: new URL(block.getAttribute("data-kb-save"), location.href).href
        });
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-kb-save]"), setup);
})();
