// Helpers shared by the index and the views: build elements with text (never HTML), fold
// Vietnamese for search the way mg:searchKey is folded (no diacritics, đ as d, lower case), rank
// search matches, fill in the words of strings.js, and write CSV.
"use strict";
const el = (tag, text, attrs) => { const e = document.createElement(tag); if (text != null) e.textContent = text; Object.assign(e, attrs || {}); return e; };
const fold = s => (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
  .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const say = (key, vars) => String(UI[key] || key).replace(/\{(\w+)\}/g, (_, k) => (vars && k in vars ? vars[k] : ""));

// How well a folded query matches a name: 0 the whole name, 1 its beginning, 2 every query word
// begins a word of the name, 3 anywhere in it; null for no match.
// A name's folded form is kept: the index of the whole crawl ranks tens of thousands of names at
// every key typed, and folding them again each time was most of that work.
const folded = new Map();
const foldName = s => { let t = folded.get(s); if (t === undefined) { t = fold(s); folded.set(s, t); } return t; };
function matchScore(q, name) {
  const t = foldName(name);
  if (!q || !t) return null;
  if (t === q) return 0;
  if (t.startsWith(q + " ") || t.startsWith(q)) return 1;
  const words = t.split(" ");
  if (q.split(" ").every(w => words.some(x => x.startsWith(w)))) return 2;
  return t.includes(q) ? 3 : null;
}
// Items ranked best first: score, then a match with the very diacritics typed, then shorter names.
function rankMatches(query, items, names) {
  const q = fold(query), raw = query.trim().toLowerCase(), out = [];
  for (const it of items) {
    let best = null, exact = 1, len = Infinity;
    for (const name of names(it)) {
      const s = matchScore(q, name);
      if (s == null) continue;
      const e = name.toLowerCase().includes(raw) ? 0 : 1;
      if (best == null || s < best || (s === best && (e < exact || (e === exact && name.length < len)))) { best = s; exact = e; len = name.length; }
    }
    if (best != null) out.push({it, key: [best, exact, len, names(it)[0] || ""]});
  }
  out.sort((a, b) => { for (let i = 0; i < 3; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i]; return a.key[3] < b.key[3] ? -1 : a.key[3] > b.key[3] ? 1 : 0; });
  return out.map(o => o.it);
}
// One CSV cell: quoted, and a leading = + - @ made inert so a spreadsheet never runs it.
const csvCell = v => { let s = String(v == null ? "" : v); if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; return '"' + s.replace(/"/g, '""') + '"'; };
const csvText = rows => "\ufeff" + rows.map(r => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], {type: "text/csv;charset=utf-8"}));
  const a = el("a", null, {href: url, download: name});
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
