/* concord report: filters and keyboard moves on a review page. No framework, no network. */
(function () {
  "use strict";
  var table = document.querySelector("table.review");
  if (!table) { return; }
  var source = table.getAttribute("data-source");
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr.row"));
  var only = document.getElementById("only-problems");
  var pair = document.getElementById("pair");
  var status = document.getElementById("status");
  var help = document.getElementById("help");
  var helpButton = document.getElementById("help-button");
  var current = -1;

  function problemsOf(row) {
    var langs = (row.getAttribute("data-problems") || "").split(" ").filter(Boolean);
    return pair.value ? langs.filter(function (l) { return l === pair.value; }) : langs;
  }

  function apply() {
    var shown = 0, flagged = 0;
    rows.forEach(function (row) {
      var problem = problemsOf(row).length > 0;
      row.classList.toggle("has-problem", problem);
      row.hidden = only.checked && !problem;
      if (!row.hidden) { shown += 1; }
      if (problem) { flagged += 1; }
    });
    table.querySelectorAll("[data-lang]").forEach(function (cell) {
      var lang = cell.getAttribute("data-lang");
      cell.hidden = Boolean(pair.value) && lang !== source && lang !== pair.value;
    });
    status.textContent = shown + " of " + rows.length + " rows shown, " + flagged + " with problems";
    var query = [];
    if (pair.value) { query.push("lang=" + encodeURIComponent(pair.value)); }
    if (only.checked) { query.push("problems=1"); }
    try {  /* keep the filters in the address, so a link or a reload keeps them */
      window.history.replaceState(null, "", (query.length ? "?" + query.join("&") : location.pathname.split("/").pop()) + location.hash);
    } catch (error) { /* some browsers refuse it for file: pages; the filters still work */ }
  }

  function move(step) {
    var candidates = rows.filter(function (row) { return !row.hidden && problemsOf(row).length; });
    if (!candidates.length) { status.textContent = "no problem rows"; return; }
    var position = candidates.indexOf(rows[current]);
    var next;
    if (position === -1) {
      next = step > 0 ? candidates.find(function (r) { return rows.indexOf(r) > current; }) || candidates[0]
                      : candidates.slice().reverse().find(function (r) { return rows.indexOf(r) < current; }) || candidates[candidates.length - 1];
    } else {
      next = candidates[(position + step + candidates.length) % candidates.length];
    }
    rows.forEach(function (row) { row.classList.remove("current"); });
    current = rows.indexOf(next);
    next.classList.add("current");
    next.focus();
    next.scrollIntoView({ block: "center" });
    status.textContent = "problem " + (candidates.indexOf(next) + 1) + " of " + candidates.length;
  }

  function toggleHelp() {
    help.hidden = !help.hidden;
    helpButton.setAttribute("aria-expanded", String(!help.hidden));
  }

  var params = new URLSearchParams(location.search);
  if (params.get("lang")) { pair.value = params.get("lang"); }
  if (params.get("problems") === "1") { only.checked = true; }
  only.addEventListener("change", apply);
  pair.addEventListener("change", apply);
  helpButton.addEventListener("click", toggleHelp);
  document.querySelectorAll("button.chip").forEach(function (chip) {
    chip.addEventListener("click", function () {
      pair.value = chip.getAttribute("data-pair");
      only.checked = true;
      apply();
    });
  });
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (event.ctrlKey || event.metaKey || event.altKey || tag === "input" || tag === "select" || tag === "textarea") { return; }
    var options = pair.options;
    if (event.key === "j") { move(1); }
    else if (event.key === "k") { move(-1); }
    else if (event.key === "p") { only.checked = !only.checked; apply(); }
    else if (event.key === "?") { toggleHelp(); }
    else if (/^[0-9]$/.test(event.key) && Number(event.key) < options.length) { pair.selectedIndex = Number(event.key); apply(); }
    else if (event.key === "Escape" && !help.hidden) { toggleHelp(); }
    else { return; }
    event.preventDefault();
  });
  apply();
}());
