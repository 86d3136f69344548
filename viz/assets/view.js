// One network view: lay out in columns from the measured boxes, draw once, filter, search,
// highlight a neighbourhood, keep the table in step, and show any node's or edge's labels and evidence.
// Every text goes into the page by textContent, never as HTML; the words come from strings.js.
"use strict";
const DATA = JSON.parse(document.getElementById("data").textContent);
const $ = id => document.getElementById(id);
const STY = Object.fromEntries(DATA.legend.nodes.map(c => [c.cls, c]));
const KIND = Object.fromEntries(DATA.legend.edges.map(k => [k.kind, k]));

$("title").textContent = DATA.title.vi + (DATA.title.en && DATA.title.en !== DATA.title.vi ? " · " + DATA.title.en : "");
$("counts").textContent = say("nodes_edges", {nodes: DATA.nodes.length, edges: DATA.edges.length}) + (DATA.note ? " — " + DATA.note : "");
document.title = $("title").textContent;

const detail = (n, key) => { const d = n.details.find(d => d[0] === key); return d ? d[1] : ""; };
function visNode(n) {
  const st = STY[n.cls], bg = n.color || st.color, border = n.borderColor || st.border || bg;
  const inside = ["box", "database", "ellipse", "circle", "text"].includes(st.shape);
  const facet = DATA.legend.facets && n.cls === "Mandate" ? DATA.legend.facets.indexOf(n.color) : -1;
  return {
    id: n.id, label: n.label, shape: st.shape, size: st.size, x: (at.get(n.id) || {x: 0}).x, y: (at.get(n.id) || {y: 0}).y,
    color: {background: bg, border, highlight: {background: bg, border: "#000"}, hover: {background: bg, border: "#000"}},
    borderWidth: n.borderWidth || (inside ? 1.5 : 1), shapeProperties: {borderDashes: st.dashes ? [5, 3] : false},
    ...(fontOf(n.id) !== Layout.FONT_SIZE || facet >= 0
        ? {font: {size: fontOf(n.id), ...(facet >= 0 ? {color: DATA.legend.facetText[facet]} : {})}} : {}),
    margin: inside ? 6 : undefined, title: n.vi + (n.en && n.en !== n.vi ? "\n" + n.en : ""),
    cls: n.cls, doc: detail(n, "document"), deadline: detail(n, "deadline"), vi: n.vi, en: n.en,
  };
}
// a folded network's edges are as wide as their weight, from 1 to 8 px as vis-network's scaling
// draws them, but computed here: vis-network's own scaling re-reads every edge's label options,
// a fifth of building the whole crawl's overview
const weights = DATA.aggregated ? DATA.edges.map(e => e.value) : [];
const lightest = Math.min(...weights), heaviest = Math.max(...weights);
const widthOf = v => 1 + 7 * (heaviest > lightest ? (v - lightest) / (heaviest - lightest) : 0.5);
// what most edges share is given once, in the network's options: an edge's own options are merged
// with them one by one, and the overview has 1,000 edges of one kind
const usual = (() => { const n = new Map(); for (const e of DATA.edges) n.set(e.kind, (n.get(e.kind) || 0) + 1);
                       return KIND[[...n].sort((a, b) => b[1] - a[1]).map(x => x[0])[0]] || {}; })();
const edges = new vis.DataSet(DATA.edges.map(e => {
  const k = KIND[e.kind], item = {id: e.id, from: e.from, to: e.to, kind: e.kind};
  const width = DATA.aggregated ? widthOf(e.value) : k.width || 1;
  if (width !== (usual.width || 1)) item.width = width;
  if (k !== usual) { item.color = {color: k.color, opacity: 0.85}; item.dashes = k.dashes || false; }
  if (e.kind === "subOrganizationOf") item.arrows = "";
  if (DATA.aggregated && e.value > 1) item.label = String(e.value);
  return item;
}));

// ------------------------------------------------------------------ filters (network and table)
const hiddenClasses = new Set(), hiddenKinds = new Set();
let docFilter = "", dueBy = "";
const rowPasses = r => (!docFilter || r.document === docFilter) && (!dueBy || (/^\d{4}-\d{2}-\d{2}$/.test(r.deadline) && r.deadline <= dueBy));
let visibleIds = new Set();
function computeVisible() {
  const first = new Set(DATA.nodes.filter(n => !hiddenClasses.has(n.cls)).map(n => n.id));
  if (!docFilter && !dueBy) { visibleIds = first; return; }
  // a document or deadline filter keeps the rows that pass it and what they link: their task, their actors
  const keep = new Set();
  for (const r of DATA.rows) if (rowPasses(r)) { if (r.node != null) keep.add(r.node); r.ends.forEach(i => keep.add(i)); }
  const drawnTasks = DATA.rows.some(r => r.node != null);
  if (drawnTasks) {                  // and, in a view of tasks, the actors only through a kept task
    const linked = new Set();
    for (const e of DATA.edges) {
      if (hiddenKinds.has(e.kind)) continue;
      if (keep.has(e.from) && DATA.nodes[e.from].cls === "Mandate") linked.add(e.to);
      if (keep.has(e.to) && DATA.nodes[e.to].cls === "Mandate") linked.add(e.from);
    }
    for (const id of [...keep]) if (DATA.nodes[id].cls !== "Mandate" && !linked.has(id)) keep.delete(id);
  }
  visibleIds = new Set([...keep].filter(id => first.has(id)));
}
// a row shows if it passes the document and deadline filters and its task is drawn; with tasks
// folded, unless a class is hidden, every such row shows (some tasks name no actor the network draws)
const rowVisible = r => rowPasses(r) && (r.node != null ? visibleIds.has(r.node)
  : !hiddenClasses.size || r.ends.some(i => visibleIds.has(i)));
computeVisible();

function refresh() {
  computeVisible(); nodeView.refresh(); edgeView.refresh();
  Table.filter(rowVisible); relayout();
}

function checkbox(container, key, symbol, text, color, set) {
  const label = el("label");
  const box = el("input", null, {type: "checkbox", checked: true});
  box.dataset.key = key;
  box.addEventListener("change", () => { box.checked ? set.delete(key) : set.add(key); refresh(); });
  const sw = el("span", symbol, {className: "sym"}); sw.style.color = color;
  label.append(box, sw, document.createTextNode(text));
  container.appendChild(label);
}
for (const c of DATA.legend.nodes) checkbox($("class-filters"), c.cls, c.symbol, c.vi, c.border || c.color, hiddenClasses);
for (const k of DATA.legend.edges) checkbox($("role-filters"), k.kind, "—", k.vi, k.color, hiddenKinds);
// the documents of the filter are listed once the network is drawn: the overview of the whole
// crawl names 13,000 documents, and laying out their options before the first drawing took half
// a second (the select has a fixed width, so filling it moves nothing)
function fillDocuments() {
  const frag = document.createDocumentFragment();
  for (const d of [...new Set(DATA.rows.map(r => r.document).filter(Boolean))].sort()) frag.appendChild(el("option", d, {value: d}));
  $("doc-filter").appendChild(frag);
}
$("doc-filter").addEventListener("change", ev => { docFilter = ev.target.value; refresh(); });
$("deadline-filter").addEventListener("change", ev => { dueBy = ev.target.value; refresh(); });
$("reset").addEventListener("click", () => {
  hiddenClasses.clear(); hiddenKinds.clear(); docFilter = dueBy = "";
  $("doc-filter").value = ""; $("deadline-filter").value = ""; $("search").value = "";
  document.querySelectorAll("#controls input[type=checkbox]").forEach(b => { b.checked = true; });
  network.unselectAll(); pinned = false; highlight(null); showHint(); showMatches(null); Table.mark(null);
  refresh();
});

// ------------------------------------------------------------------ legend: the symbols drawn
for (const c of DATA.legend.nodes) {
  const s = el("span"), sw = el("span", c.symbol, {className: "sym"}); sw.style.color = c.border || c.color;
  if (c.border) { sw.style.background = c.color; }
  s.dataset.cls = c.cls;
  s.append(sw, document.createTextNode(`${c.vi} · ${c.en}`)); $("legend").appendChild(s);
}
for (const k of DATA.legend.edges) {
  const s = el("span"), ln = el("span", null, {className: "line"});
  ln.style.borderTopColor = k.color; ln.style.borderTopWidth = Math.max(2, k.width || 1) + "px";
  ln.style.borderTopStyle = Array.isArray(k.dashes) ? (k.dashes[0] <= 3 ? "dotted" : "dashed") : "solid";
  s.dataset.kind = k.kind;
  s.append(ln, document.createTextNode(`${k.vi} · ${k.en}`)); $("legend").appendChild(s);
}
if (DATA.legend.facets) {
  const s = el("span", say("facets_legend") + " ");
  DATA.legend.facets.forEach((c, i) => { const sw = el("span", String(i), {className: "facet"}); sw.style.background = c; sw.style.color = DATA.legend.facetText[i]; s.append(sw); });
  s.append(document.createTextNode(" — " + say("several_leads")));
  $("legend").appendChild(s);
}

// ------------------------------------------------------------------ details
const panel = $("details");
function showHint() { panel.replaceChildren(el("p", say("hint"), {className: "hint"})); }
function evidenceList(items, total) {
  const out = [];
  for (const ev of items) {
    out.push(el("blockquote", ev.quote, {className: "quote"}));
    const page = ev.page != null ? ` · ${say("evidence_page", {page: ev.page})}${ev.ocr ? " · OCR" : ""}` : "";
    out.push(el("div", `${ev.file}${page} [${ev.start}–${ev.end}] · ${ev.rule}`, {className: "where"}));
  }
  if (total > items.length) out.push(el("p", say("more", {n: total - items.length, total}), {className: "where"}));
  return out;
}
function showNode(id) {
  const n = DATA.nodes[id], dl = el("dl");
  dl.append(el("dt", say("class")), el("dd", `${STY[n.cls].vi} · ${STY[n.cls].en}`));
  dl.append(el("dt", "IRI"), el("dd", n.iri));
  for (const [k, v] of n.details) dl.append(el("dt", k), el("dd", v));
  panel.replaceChildren(el("h2", n.vi, {lang: "vi"}), ...(n.en ? [el("p", n.en, {className: "en", lang: "en"})] : []),
                        dl, el("h3", say("evidence")), ...evidenceList(n.evidence, n.evidenceCount));
}
function showEdge(id) {
  const e = DATA.edges[id], k = KIND[e.kind], dl = el("dl");
  dl.append(el("dt", say("from")), el("dd", DATA.nodes[e.from].vi), el("dt", say("to")), el("dd", DATA.nodes[e.to].vi));
  if (DATA.aggregated) dl.append(el("dt", say("mandates")), el("dd", String(e.value)));
  const src = e.evidenceNode != null ? DATA.nodes[e.evidenceNode] : null;
  const ev = src ? src.evidence : e.evidence || [];
  panel.replaceChildren(el("h2", `${k.vi} · ${k.en}`), dl, el("h3", say("evidence")), ...evidenceList(ev, src ? src.evidenceCount : ev.length));
}

// ------------------------------------------------------------------ network, drawn once in place
// the page's controls, legend and table are built above, so the canvas has its final size: read it
// once, place the visible nodes, and give vis-network nodes that are already where they go
Table.init(DATA, pickRow);
Table.filter(rowVisible);
// every box measured once (the labels never change), the visible nodes placed before the network
// exists, so that its first drawing is the final one
const fontSize = new Map();          // labels drawn larger than 13 px (a folded network's main actors)
const fontOf = id => fontSize.get(id) || Layout.FONT_SIZE;
const measured = n => ({id: n.id, label: n.label, shape: STY[n.cls].shape, size: STY[n.cls].size, font: fontOf(n.id)});
const measureAll = () => Layout.measure(DATA.nodes.map(measured));
measureAll();
// a folded network labels its main actors only, and fitted whole it is drawn small: their labels
// grow until they read at READABLE px on screen once fitted (or reach 3 times the size)
const READABLE = 12;
function enlargeLabels(c) {
  if (!DATA.aggregated) return;
  const labelled = DATA.nodes.filter(n => n.label && n.cls !== "Mandate");
  if (!labelled.length) return;
  for (let round = 0; round < 3; round++) {
    const scale = Layout.fitView(placeVisible(c), c.w, c.h, MAX_ZOOM).scale, now = fontOf(labelled[0].id);
    const font = Math.round(Math.min(3 * Layout.FONT_SIZE, Math.max(now, READABLE / scale)));
    if (now * scale >= READABLE - 0.5 || font === now) break;
    for (const n of labelled) fontSize.set(n.id, font);
    Layout.measure(labelled.map(measured));        // only their boxes change
  }
}
let canvas = null;                   // the canvas's size, read again only on a resize
const canvasSize = () => { const r = $("net").getBoundingClientRect(); return {w: r.width, h: r.height}; };
const placeVisible = c => Layout.place(DATA.nodes.filter(n => visibleIds.has(n.id)), Math.max(c.w - 40, 200), Math.max(c.h - 40, 150));
const MAX_ZOOM = 1.4;
function fitAll() {
  const v = Layout.fitView(placed, canvas.w, canvas.h, MAX_ZOOM);
  network.moveTo({position: v.position, scale: v.scale, animation: false});
}
// positions go straight to the drawn nodes: a DataSet update would re-read every node's options
function relayout() {
  placed = placeVisible(canvas);
  for (const p of placed) {
    const n = network.body.nodes[p.id];
    if (n) { n.x = p.x; n.y = p.y; }
  }
  fitAll();
}
canvas = canvasSize();
enlargeLabels(canvas);
let placed = placeVisible(canvas);
const at = new Map(placed.map(p => [p.id, p]));
const nodes = new vis.DataSet(DATA.nodes.map(visNode));
const nodeView = new vis.DataView(nodes, {filter: n => visibleIds.has(n.id)});
const edgeView = new vis.DataView(edges, {filter: e => !hiddenKinds.has(e.kind)});
const network = new vis.Network($("net"), {nodes: nodeView, edges: edgeView}, {
  layout: {improvedLayout: false}, physics: false,
  interaction: {hover: true, tooltipDelay: 300, hideEdgesOnDrag: DATA.nodes.length > 500, multiselect: true},
  edges: {smooth: false, arrows: "to", font: {size: 11, strokeWidth: 3}, selectionWidth: 2, width: usual.width || 1,
          dashes: usual.dashes || false, ...(usual.color ? {color: {color: usual.color, opacity: 0.85}} : {})},
  // labels drawn at any zoom, so that a label's drawn box is always the one the layout reserved
  nodes: {borderWidthSelected: 3, scaling: {label: {drawThreshold: 0}},
          font: {size: Layout.FONT_SIZE, face: "system-ui, sans-serif", color: "#1c2833", multi: false}},
});
window.network = network;

let pinned = false;
const dimmed = new Set();
// dim what is not next to the given nodes; only the nodes whose opacity changes are updated
function highlight(ids) {
  const near = ids == null ? null : new Set(ids.flatMap(id => [id, ...network.getConnectedNodes(id)]));
  const change = [];
  for (const n of DATA.nodes) {
    const dim = !!near && !near.has(n.id);
    if (dim !== dimmed.has(n.id)) { change.push({id: n.id, opacity: dim ? 0.15 : 1}); dim ? dimmed.add(n.id) : dimmed.delete(n.id); }
  }
  if (change.length) nodes.update(change);
}
const rowsOf = id => DATA.nodes[id].cls === "Mandate" ? (r => r.node === id) : (r => r.ends.includes(id));
function pickNode(id, focus) {
  pinned = true; network.selectNodes([id]); showNode(id); highlight([id]);
  if (focus) network.focus(id, {scale: Math.max(network.getScale(), 0.9), animation: false});
  Table.mark(rowsOf(id));
}
network.on("click", params => {
  if (params.nodes.length) pickNode(params.nodes[0], false);
  else if (params.edges.length) { pinned = true; showEdge(params.edges[0]); highlight(null); Table.mark(null); }
  else { pinned = false; highlight(null); showHint(); Table.mark(null); }
});
network.on("hoverNode", params => { if (!pinned) showNode(params.node); });
network.on("hoverEdge", params => { if (!pinned) showEdge(params.edge); });

// a row selects its task, or (tasks folded) its actors and the edges between them
function pickRow(r) {
  pinned = true;
  const ids = (r.node != null ? [r.node] : r.ends).filter(i => visibleIds.has(i));
  network.selectNodes(ids);
  if (ids.length) { network.fit({nodes: ids, animation: false, maxZoomLevel: 1.2}); highlight(ids); }
  if (r.node != null) showNode(r.node);
  else panel.replaceChildren(el("h2", r.task, {lang: "vi"}), el("h3", say("evidence")), el("blockquote", r.quote, {className: "quote"}), el("div", r.file, {className: "where"}));
  Table.mark(x => x.i === r.i);
}

// ------------------------------------------------------------------ search: best match first
const matchable = () => DATA.nodes.filter(n => visibleIds.has(n.id));
function showMatches(list, query) {
  const box = $("matches"); box.replaceChildren();
  if (list == null) return;
  if (!list.length) { box.appendChild(el("p", say("no_match", {q: query}), {className: "nomatch"})); return; }
  box.appendChild(el("p", say("matches", {n: list.length}), {className: "where"}));
  const ol = el("ol");
  for (const n of list.slice(0, 20)) {
    const a = el("a", n.vi + (n.en && n.en !== n.vi ? " · " + n.en : ""), {href: "#"});
    a.dataset.id = n.id;
    a.addEventListener("click", ev => { ev.preventDefault(); pickNode(n.id, true); });
    ol.appendChild(el("li")).appendChild(a);
  }
  box.appendChild(ol);
}
$("search").addEventListener("keydown", ev => {
  if (ev.key !== "Enter") return;
  const q = ev.target.value.trim();
  if (!q) { showMatches(null); return; }
  const hits = rankMatches(q, matchable(), n => [n.vi, n.en]);
  showMatches(hits, q);
  if (hits.length) pickNode(hits[0].id, true);
});

// ------------------------------------------------------------------ start: one drawing, already in place
showHint();
function stable() {
  if (document.body.dataset.stable) return;
  document.body.dataset.stableMs = String(Math.round(performance.now()));   // since navigation began
  document.body.dataset.stable = "1";
  loadRows();
  const target = decodeURIComponent(location.hash.slice(1));
  const hit = target && DATA.nodes.find(n => n.iri === target);
  if (hit) pickNode(hit.id, true);
}
// a view listing many tasks ships its rows in a script of their own (DATA.rowsFile), loaded once
// the network is drawn: the whole crawl's overviews list 17,000 tasks, 10 MB that took the page
// past a second before its first drawing; the filters and the table take them when they come
function loadRows() {
  const ready = () => { fillDocuments(); document.body.dataset.rowsMs = String(Math.round(performance.now())); document.body.dataset.rows = "1"; };
  if (!DATA.rowsFile) { ready(); return; }
  $("row-count").textContent = say("rows_loading");
  window.viewRows = rows => {
    DATA.rows = rows; Table.load(DATA);
    computeVisible(); Table.filter(rowVisible); ready();
  };
  document.body.appendChild(el("script", null, {src: DATA.rowsFile}));
}
fitAll();
network.once("afterDrawing", () => { document.body.dataset.drawn = "1"; stable(); });
if (!DATA.nodes.length) { document.body.dataset.drawn = "1"; stable(); }   // an empty view has nothing to draw
window.addEventListener("resize", () => { if (document.body.dataset.stable) { canvas = canvasSize(); relayout(); } });
document.body.dataset.nodes = String(DATA.nodes.length);
document.body.dataset.edges = String(DATA.edges.length);
