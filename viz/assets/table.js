// The table beside the network: one row per task of the view, sortable by any column, filtered with
// the network, synchronised with it (a row selects its nodes, a node marks and shows its rows),
// and exported as CSV in the order shown.
"use strict";
const Table = (() => {
  const CHUNK = 50;                  // rows put in the DOM at a time (the page lays out each); more on scroll or on demand
  let rows = [], shown = [], sortKey = null, sortDir = 1, limit = CHUNK, marked = new Set(), onPick = () => {};
  let cols = [];
  const tbody = () => document.querySelector("#rows tbody");
  function cell(r, key) {
    if (key === "role") return (UI.roles[r.role] || r.role);
    if (key === "assignee") return r.assignee + (r.coordinator ? " — " + UI.roles.coordinate + ": " + r.coordinator : "");
    if (key === "facets") return r.facets + "/6";
    return r[key] == null ? "" : String(r[key]);
  }
  function init(data, pick) {
    onPick = pick;
    cols = ["assigner", "assignee", "role", "task", "deadline", "document", "quote"];
    if (data.kind === "accountability") cols.splice(5, 0, "facets");
    load(data);
    const head = document.querySelector("#rows thead tr");
    head.replaceChildren(...cols.map(k => {
      const th = el("th", UI.columns[k]); th.dataset.key = k; th.tabIndex = 0;
      const go = () => sortBy(k);
      th.addEventListener("click", go);
      th.addEventListener("keydown", ev => { if (ev.key === "Enter") go(); });
      return th;
    }));
    tbody().addEventListener("click", ev => {
      const tr = ev.target.closest("tr");
      if (tr) onPick(rows[+tr.dataset.i]);
    });
    document.getElementById("table-wrap").addEventListener("scroll", ev => {
      const w = ev.target;
      if (limit < shown.length && w.scrollTop + w.clientHeight > w.scrollHeight - 200) { limit += CHUNK; draw(); }
    });
    document.getElementById("export").textContent = say("export");
    document.getElementById("export").addEventListener("click", () => download((data.slug || "view") + ".csv", csv()));
  }
  // the rows, with each row's quote (from its task's node when the row leaves it out)
  function load(data) {
    rows = data.rows.map((r, i) => ({...r, i, quote: r.quote != null ? r.quote
      : (data.nodes[r.node].evidence[0] || {}).quote || ""}));
  }
  function sortBy(key) {
    sortDir = sortKey === key ? -sortDir : 1; sortKey = key;
    document.querySelectorAll("#rows th").forEach(th => { th.dataset.sort = th.dataset.key === key ? (sortDir > 0 ? "asc" : "desc") : ""; });
    order(); draw();
  }
  function order() {
    if (!sortKey) { shown.sort((a, b) => a.i - b.i); return; }
    const val = r => sortKey === "facets" ? r.facets : fold(cell(r, sortKey));
    shown.sort((a, b) => { const x = val(a), y = val(b); return (x < y ? -1 : x > y ? 1 : a.i - b.i) * (x === y ? 1 : sortDir); });
  }
  // keep the rows for which visible(row) holds
  function filter(visible) { shown = rows.filter(visible); order(); limit = CHUNK; draw(); }
  function draw() {
    const body = tbody(), frag = document.createDocumentFragment();
    for (const r of shown.slice(0, limit)) {
      const tr = el("tr"); tr.dataset.i = r.i;
      if (marked.has(r.i)) tr.className = "hit";
      for (const k of cols) { const td = el("td", null, {className: "c-" + k}); td.appendChild(el("div", cell(r, k))); tr.appendChild(td); }
      frag.appendChild(tr);
    }
    body.replaceChildren(frag);
    document.getElementById("row-count").textContent = shown.length
      ? say("rows", {shown: shown.length, total: rows.length}) : say("no_rows");
  }
  // mark the rows of a node (or none) and bring the first one into view
  function mark(test) {
    marked = new Set(test ? shown.filter(test).map(r => r.i) : []);
    if (!marked.size) { draw(); return; }
    const at = shown.findIndex(r => marked.has(r.i));
    if (at >= limit) limit = at + CHUNK;
    draw();
    const tr = tbody().querySelector("tr.hit");
    if (tr) tr.scrollIntoView({block: "center"});
  }
  function csv() {
    const keys = ["assigner", "assignee", "coordinator", "role", "task", "deadline", "document", "facets", "quote", "file"];
    const head = keys.map(k => UI.columns[k] || k);
    return csvText([head, ...shown.map(r => keys.map(k => k === "role" ? cell(r, k) : r[k]))]);
  }
  return {init, load, filter, mark, csv, sortBy, chunk: CHUNK, get shown() { return shown; }, get rows() { return rows; }};
})();
