// Landing page: every view with its kind and counts, searchable (best match first, with or without
// diacritics), filtered by kind and paged, so it stays quick with thousands of views.
"use strict";
const DATA = JSON.parse(document.getElementById("data").textContent);
const $ = id => document.getElementById(id);
// overview views first, then by number of tasks
const ORDER = {who: 0, accountability: 1, dependency: 2, document: 3, actor: 4};
const all = DATA.views.slice().sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || b.tasks - a.tasks || (a.vi < b.vi ? -1 : a.vi > b.vi ? 1 : 0));
for (const k of Object.keys(ORDER)) if (all.some(v => v.kind === k)) $("kind").appendChild(el("option", UI.kinds[k] || k, {value: k}));
let list = all, page = 0;
function update() {
  const q = $("q").value.trim(), kind = $("kind").value;
  const pool = kind ? all.filter(v => v.kind === kind) : all;
  list = q ? rankMatches(q, pool, v => [v.vi, v.en]) : pool;
  $("status").textContent = q ? (list.length ? say("matches", {n: list.length}) : say("no_match", {q})) : "";
  $("status").className = q && !list.length ? "nomatch" : "";
  page = 0; draw();
}
function draw() {
  const size = DATA.pageSize, pages = Math.max(1, Math.ceil(list.length / size));
  page = Math.min(Math.max(page, 0), pages - 1);
  const tbody = document.querySelector("#views tbody"), frag = document.createDocumentFragment();
  for (const v of list.slice(page * size, (page + 1) * size)) {
    const tr = el("tr"), td = el("td");
    td.appendChild(el("a", v.vi + (v.en ? " · " + v.en : ""), {href: v.file}));
    tr.append(td, el("td", UI.kinds[v.kind] || v.kind), el("td", String(v.tasks)), el("td", String(v.nodes)), el("td", String(v.edges)));
    frag.appendChild(tr);
  }
  tbody.replaceChildren(frag);
  $("page").textContent = say("page", {page: page + 1, pages});
  $("prev").disabled = page === 0; $("next").disabled = page >= pages - 1;
  document.body.dataset.page = String(page + 1);
}
$("q").addEventListener("input", update);
$("kind").addEventListener("change", update);
$("prev").addEventListener("click", () => { page--; draw(); });
$("next").addEventListener("click", () => { page++; draw(); });
update();
document.body.dataset.views = String(DATA.views.length);
document.body.dataset.ready = "1";
