(function () {
  "use strict";
  var table = document.getElementById("summary");
  if (!table || !table.tBodies.length) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var text = document.getElementById("filter-text");
  var selects = [
    [document.getElementById("filter-recipient"), "data-recipients"],
    [document.getElementById("filter-country"), "data-countries"],
    [document.getElementById("filter-basis"), "data-bases"]
  ].filter(function (pair) { return pair[0] !== null; });
  var status = document.getElementById("filter-status");
  var none = document.getElementById("filter-none");
  var template = status.getAttribute("data-template");
  var haystacks = rows.map(function (row) {
    var section = document.getElementById(row.getAttribute("data-section"));
    return (row.textContent + " " + (section ? section.textContent : "")).toLowerCase();
  });
  function holds(row, attribute, value) {
    return !value || (" " + row.getAttribute(attribute) + " ").indexOf(" " + value + " ") >= 0;
  }
  function apply() {
    var words = text.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    rows.forEach(function (row, i) {
      var match = words.every(function (w) { return haystacks[i].indexOf(w) >= 0; }) &&
        selects.every(function (pair) { return holds(row, pair[1], pair[0].value); });
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    status.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    none.hidden = shown > 0;
  }
  text.addEventListener("input", apply);
  selects.forEach(function (pair) { pair[0].addEventListener("change", apply); });
  apply();
}());
