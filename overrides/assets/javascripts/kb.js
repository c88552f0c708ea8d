/* The knowledge base's small behaviours. No library, no network: works from file://.
 * - Facet filters: <div data-kb-filters="list-id"> with <select data-kb-facet="key">
 *   filter <li class="kb-item" data-key="v1 v2"> items; a live region says how many show.
 * - Checklists: Markdown task lists become tickable; ticks stay on the reader's device.
 * - The survey matrix: sort by any column (buttons in the headings, aria-sort says the
 *   order), filter columns by theme and rows by region, a live region says what shows.
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

  function setupMatrix(controls) {
    var table = document.getElementById(controls.getAttribute("data-kb-matrix-filters"));
    if (!table) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var theme = controls.querySelector("[data-kb-axis=theme]");
    var region = controls.querySelector("[data-kb-axis=region]");
    var status = controls.querySelector("[data-kb-template]");
    var columns = headings.length - 1;

    function filter() {
      var shownRows = 0, shownColumns = 0;
      headings.forEach(function (cell, index) {
        if (index === 0) return;
        var visible = !theme.value || cell.getAttribute("data-theme") === theme.value;
        cell.hidden = !visible;
        rows.forEach(function (row) { row.cells[index].hidden = !visible; });
        if (visible) shownColumns += 1;
      });
      rows.forEach(function (row) {
        row.hidden = !!region.value && row.getAttribute("data-region") !== region.value;
        if (!row.hidden) shownRows += 1;
      });
      status.textContent = status.getAttribute("data-kb-template")
        .replace("{rows}", String(shownRows)).replace("{total_rows}", String(rows.length))
        .replace("{columns}", String(shownColumns)).replace("{total_columns}", String(columns));
    }

    function sortBy(index, kind) {
      var heading = headings[index];
      var ascending = heading.getAttribute("aria-sort") !== "ascending";
      headings.forEach(function (cell) { cell.setAttribute("aria-sort", "none"); });
      heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[index];
        return kind === "rank" ? Number(cell.getAttribute("data-rank")) : cell.textContent.trim().toLowerCase();
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = x < y ? -1 : x > y ? 1 : 0;
        if (order === 0) order = a.cells[0].textContent.localeCompare(b.cells[0].textContent);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }

    headings.forEach(function (cell, index) {
      var button = cell.querySelector("button[data-kb-sort]");
      if (button) button.addEventListener("click", function () { sortBy(index, button.getAttribute("data-kb-sort")); });
    });
    theme.addEventListener("change", filter);
    region.addEventListener("change", filter);
    controls.hidden = false;
    filter();
  }

  function setup() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-matrix-filters]"), setupMatrix);
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-filters]"), setupFilters);
    Array.prototype.forEach.call(
      document.querySelectorAll("article .task-list-item input[type=checkbox]"), setupChecklist);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
