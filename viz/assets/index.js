// Landing page: the list of views with their counts, and a search over actors, documents and
// tasks that links to the view showing each. All text goes in by textContent.
const DATA = JSON.parse(document.getElementById("data").textContent);

const tbody = document.querySelector("#views tbody");
for (const v of DATA.views) {
  const tr = el("tr");
  const a = el("a", v.title, {href: v.file});
  const td = el("td"); td.appendChild(a); tr.appendChild(td);
  tr.appendChild(el("td", v.kind)); tr.appendChild(el("td", String(v.nodes))); tr.appendChild(el("td", String(v.edges)));
  tbody.appendChild(tr);
}
const items = DATA.search.map(s => ({...s, key: fold(s.text)}));
const results = document.getElementById("results");
document.getElementById("q").addEventListener("input", ev => {
  const q = fold(ev.target.value.trim());
  results.replaceChildren();
  if (q.length < 2) return;
  for (const s of items.filter(s => s.key.includes(q)).slice(0, 50)) {
    const li = el("li");
    li.appendChild(el("a", s.text, {href: s.file + "#" + encodeURIComponent(s.iri)}));
    li.appendChild(el("span", " · " + s.kind, {className: "where"}));
    results.appendChild(li);
  }
});
document.body.dataset.views = String(DATA.views.length);
document.body.dataset.ready = "1";
