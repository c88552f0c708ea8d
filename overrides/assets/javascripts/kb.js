/* The knowledge base's small behaviours. No library, no network: works from file://.
 * - Facet filters: <form data-kb-filters="list-id"> with <select data-kb-facet="key">
 *   filter <li class="kb-item" data-key="v1 v2"> items; a live region says how many show.
 * - Checklists: Markdown task lists become tickable; ticks stay on the reader's device.
 */
(function () {
  "use strict";

  function setupFilters(form) {
    var list = document.getElementById(form.getAttribute("data-kb-filters"));
    if (!list) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-kb-facet]"));
    var items = Array.prototype.slice.call(list.querySelectorAll("li.kb-item"));
    var status = form.querySelector("[data-kb-template]");
    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var visible = selects.every(function (select) {
          if (!select.value) return true;
          var values = (item.getAttribute("data-" + select.getAttribute("data-kb-facet")) || "").split(" ");
          return values.indexOf(select.value) !== -1;
        });
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      if (status) {
        status.textContent = status.getAttribute("data-kb-template")
          .replace("{shown}", String(shown)).replace("{total}", String(items.length));
      }
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function storageKey(box) {
    var item = box.closest("li");
    return "kb-checklist:" + location.pathname + ":" + (item ? item.textContent.trim() : "");
  }

  function setupChecklist(box) {
    var item = box.closest("li");
    box.disabled = false;
    if (item && !box.getAttribute("aria-label")) {
      box.setAttribute("aria-label", item.textContent.trim());
    }
    try {
      var saved = window.localStorage.getItem(storageKey(box));
      if (saved !== null) box.checked = saved === "1";
    } catch (error) { /* storage may be off: ticking still works for this visit */ }
    box.addEventListener("change", function () {
      try { window.localStorage.setItem(storageKey(box), box.checked ? "1" : "0"); } catch (error) { /* ignore */ }
    });
  }

  function setup() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-kb-filters]"), setupFilters);
    Array.prototype.forEach.call(
      document.querySelectorAll("article .task-list-item input[type=checkbox]"), setupChecklist);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
