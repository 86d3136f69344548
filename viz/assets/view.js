// One network view: draw, filter, search, highlight a neighbourhood, and show any node's or
// edge's labels and evidence. Every text goes into the page by textContent, never as HTML.
const DATA = JSON.parse(document.getElementById("data").textContent);
const $ = id => document.getElementById(id);

$("title").textContent = DATA.title.vi + (DATA.title.en && DATA.title.en !== DATA.title.vi ? " · " + DATA.title.en : "");
$("counts").textContent = `${DATA.nodes.length} nút · nodes, ${DATA.edges.length} cạnh · edges` + (DATA.note ? " — " + DATA.note : "");
document.title = $("title").textContent;

const detail = (n, key) => { const d = n.details.find(d => d[0] === key); return d ? d[1] : ""; };
const nodes = new vis.DataSet(DATA.nodes.map(n => ({
  id: n.id, label: n.label, shape: n.shape, size: n.size, x: n.x, y: n.y,
  color: n.borderColor ? {background: n.color, border: n.borderColor} : n.color,
  borderWidth: n.borderWidth || 1, font: {size: 11},
  cls: n.cls, doc: detail(n, "document"), deadline: detail(n, "deadline"), key: fold(n.vi + " " + n.en),
})));
const edges = new vis.DataSet(DATA.edges.map(e => ({
  id: e.id, from: e.from, to: e.to, kind: e.kind, value: e.value, color: {color: e.color, opacity: 0.8},
  dashes: e.dashes, arrows: e.kind === "subOrganizationOf" ? "" : "to",
  label: DATA.aggregated ? String(e.value) : undefined, font: {size: 9},
})));

// ------------------------------------------------------------------ filters
const hiddenClasses = new Set(), hiddenKinds = new Set();
let docFilter = "", dueBy = "";
function mandateVisible(n) {
  if (docFilter && n.doc !== docFilter) return false;
  if (dueBy && !(/^\d{4}-\d{2}-\d{2}$/.test(n.deadline) && n.deadline <= dueBy)) return false;
  return true;
}
const baseVisible = n => !hiddenClasses.has(n.cls) && (n.cls !== "Mandate" || mandateVisible(n));
let visibleIds = new Set();
function computeVisible() {
  const filtering = docFilter || dueBy;
  const first = new Set(nodes.get({filter: baseVisible}).map(n => n.id));
  if (!filtering) { visibleIds = first; return; }
  // with a document or deadline filter, keep only what touches a remaining mandate
  const mandates = new Set(nodes.get({filter: n => n.cls === "Mandate" && first.has(n.id)}).map(n => n.id));
  const keep = new Set(mandates);
  for (const e of edges.get()) {
    if (mandates.has(e.from) && first.has(e.to)) keep.add(e.to);
    if (mandates.has(e.to) && first.has(e.from)) keep.add(e.from);
  }
  if (!mandates.size && !nodes.get({filter: n => n.cls === "Mandate"}).length) { visibleIds = first; return; }
  visibleIds = keep;
}
computeVisible();
const nodeView = new vis.DataView(nodes, {filter: n => visibleIds.has(n.id)});
const edgeView = new vis.DataView(edges, {filter: e => !hiddenKinds.has(e.kind)});
function refresh() { computeVisible(); nodeView.refresh(); edgeView.refresh(); }

function checkbox(container, key, text, color, set) {
  const label = el("label");
  const box = el("input", null, {type: "checkbox", checked: true});
  box.dataset.key = key;
  box.addEventListener("change", () => { box.checked ? set.delete(key) : set.add(key); refresh(); });
  const sw = el("span", null, {className: "swatch"}); sw.style.background = color;
  label.append(box, sw, document.createTextNode(text));
  container.appendChild(label);
}
for (const c of DATA.legend.nodes) checkbox($("class-filters"), c.cls, c.vi, c.color, hiddenClasses);
for (const k of DATA.legend.edges) checkbox($("role-filters"), k.kind, k.vi, k.color, hiddenKinds);
for (const d of [...new Set(DATA.nodes.map(n => detail(n, "document")).filter(Boolean))].sort())
  $("doc-filter").appendChild(el("option", d, {value: d}));
$("doc-filter").addEventListener("change", ev => { docFilter = ev.target.value; refresh(); });
$("deadline-filter").addEventListener("change", ev => { dueBy = ev.target.value; refresh(); });
$("reset").addEventListener("click", () => {
  hiddenClasses.clear(); hiddenKinds.clear(); docFilter = dueBy = "";
  $("doc-filter").value = ""; $("deadline-filter").value = ""; $("search").value = "";
  document.querySelectorAll("#controls input[type=checkbox]").forEach(b => { b.checked = true; });
  refresh(); highlight(null); showHint();
});

// ------------------------------------------------------------------ legend
for (const c of DATA.legend.nodes) {
  const s = el("span"); const sw = el("span", null, {className: "swatch"}); sw.style.background = c.color;
  s.append(sw, document.createTextNode(`${c.vi} · ${c.en}`)); $("legend").appendChild(s);
}
for (const k of DATA.legend.edges) {
  const s = el("span"); const ln = el("span", null, {className: "line" + (k.dashes ? " dashed" : "")}); ln.style.borderColor = k.color;
  s.append(ln, document.createTextNode(`${k.vi} · ${k.en}`)); $("legend").appendChild(s);
}
if (DATA.legend.facets) {
  const s = el("span", "Số yếu tố “rõ” · facets met: ");
  DATA.legend.facets.forEach((c, i) => { const sw = el("span", null, {className: "swatch", title: String(i)}); sw.style.background = c; s.append(sw, document.createTextNode(i + " ")); });
  s.append(document.createTextNode(" — viền đậm: nhiều cơ quan chủ trì · thick border: several leads"));
  $("legend").appendChild(s);
}

// ------------------------------------------------------------------ details
const panel = $("details");
function showHint() { panel.replaceChildren(el("p", "Bấm vào một nút hay cạnh để xem nhãn và trích dẫn. · Click a node or edge to see its labels and evidence.", {className: "hint"})); }
function evidenceList(items, total) {
  const out = [];
  for (const ev of items) {
    out.push(el("blockquote", ev.quote, {className: "quote"}));
    out.push(el("div", `${ev.file} [${ev.start}–${ev.end}] · ${ev.rule}`, {className: "where"}));
  }
  if (total > items.length) out.push(el("p", `… ${total - items.length} more (${total} in all)`, {className: "where"}));
  return out;
}
function showNode(id) {
  const n = DATA.nodes[id];
  const dl = el("dl");
  dl.append(el("dt", "class"), el("dd", n.cls));
  for (const [k, v] of n.details) dl.append(el("dt", k), el("dd", v));
  panel.replaceChildren(el("h2", n.vi, {lang: "vi"}), ...(n.en ? [el("p", n.en, {className: "en", lang: "en"})] : []),
                        dl, el("h3", "Trích dẫn · evidence"), ...evidenceList(n.evidence, n.evidenceCount));
}
function showEdge(id) {
  const e = DATA.edges[id], k = DATA.legend.edges.find(k => k.kind === e.kind);
  const dl = el("dl");
  dl.append(el("dt", "from"), el("dd", DATA.nodes[e.from].vi), el("dt", "to"), el("dd", DATA.nodes[e.to].vi));
  if (DATA.aggregated) dl.append(el("dt", "mandates"), el("dd", String(e.value)));
  panel.replaceChildren(el("h2", `${k.vi} · ${k.en}`), dl, el("h3", "Trích dẫn · evidence"), ...evidenceList(e.evidence, e.evidence.length));
}

// ------------------------------------------------------------------ network
const network = new vis.Network($("net"), {nodes: nodeView, edges: edgeView}, {
  layout: {randomSeed: 7, improvedLayout: DATA.nodes.length <= 150},
  physics: DATA.physics ? {solver: "barnesHut", stabilization: {iterations: 250, fit: true}} : false,
  interaction: {hover: true, tooltipDelay: 200, hideEdgesOnDrag: DATA.nodes.length > 500},
  edges: {smooth: DATA.physics ? {type: "continuous"} : false, scaling: {min: 1, max: 8}},
  nodes: {borderWidthSelected: 3},
});
window.network = network;

let pinned = false;
function highlight(id) {
  const near = id == null ? null : new Set([id, ...network.getConnectedNodes(id)]);
  nodes.update(nodes.get().map(n => ({id: n.id, opacity: near && !near.has(n.id) ? 0.15 : 1})));
}
network.on("click", params => {
  if (params.nodes.length) { pinned = true; showNode(params.nodes[0]); highlight(params.nodes[0]); }
  else if (params.edges.length) { pinned = true; showEdge(params.edges[0]); highlight(null); }
  else { pinned = false; highlight(null); showHint(); }
});
network.on("hoverNode", params => { if (!pinned) showNode(params.node); });
network.on("hoverEdge", params => { if (!pinned) showEdge(params.edge); });

function select(id) {
  network.selectNodes([id]); network.focus(id, {scale: 1.2, animation: false});
  pinned = true; showNode(id); highlight(id);
}
$("search").addEventListener("keydown", ev => {
  if (ev.key !== "Enter") return;
  const q = fold(ev.target.value.trim());
  const hits = q ? nodes.get({filter: n => visibleIds.has(n.id) && n.key.includes(q)}) : [];
  if (hits.length) { select(hits[0].id); network.selectNodes(hits.map(h => h.id)); }
});

function stable() {
  if (document.body.dataset.stable) return;
  document.body.dataset.stableMs = String(Math.round(performance.now()));   // since navigation began
  document.body.dataset.stable = "1";
  const target = decodeURIComponent(location.hash.slice(1));
  const hit = target && DATA.nodes.find(n => n.iri === target);
  if (hit) select(hit.id);
}
network.once("afterDrawing", () => {
  document.body.dataset.drawn = "1";
  if (!DATA.physics) stable();
});
if (DATA.physics) network.once("stabilizationIterationsDone", () => { network.setOptions({physics: false}); stable(); });
if (!DATA.nodes.length) { document.body.dataset.drawn = "1"; stable(); }   // an empty view has nothing to settle
document.body.dataset.nodes = String(DATA.nodes.length);
document.body.dataset.edges = String(DATA.edges.length);
