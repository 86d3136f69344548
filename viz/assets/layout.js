// Layered layout from drawn boxes: the page draws every node once, reads each node's box (shape and
// label) through vis-network, then stacks each column (given by layout.py) so that no two boxes
// meet. A column too long for the window wraps into sub-columns, as many as make the picture fit
// the canvas at the largest zoom. Run again after every filter on the nodes left.
"use strict";
const Layout = (() => {
  const GAP_X = 70, GAP_Y = 12, SUB_GAP = 30;
  const size = new Map();            // id -> {l, r, t, b}: box sides relative to the node's position
  // a node's box as drawn: its shape's box joined with its label's (vis-network's box leaves out
  // part of a label of several lines under a triangle or a dot)
  function drawnBox(network, id) {
    const b = network.getBoundingBox(id), n = network.body.nodes[id];
    if (!b || !n) return null;
    const s = n.labelModule && n.labelModule.size;
    if (!s || !s.width) return b;
    return {left: Math.min(b.left, s.left), right: Math.max(b.right, s.left + s.width),
            top: Math.min(b.top, s.top), bottom: Math.max(b.bottom, s.top + s.height)};
  }
  function measure(network, ids) {
    const pos = network.getPositions(ids);
    for (const id of ids) {
      const b = drawnBox(network, id), p = pos[id];
      if (!b || !p) continue;
      size.set(id, {l: p.x - b.left, r: b.right - p.x, t: p.y - b.top, b: b.bottom - p.y});
    }
  }
  function columns(nodes) {
    const cols = new Map();
    for (const n of nodes) { if (!cols.has(n.col)) cols.set(n.col, []); cols.get(n.col).push(n); }
    return [...cols.keys()].sort((a, b) => a - b).map(c => cols.get(c).sort((a, b) => a.rank - b.rank));
  }
  const box = id => size.get(id) || {l: 20, r: 20, t: 20, b: 20};
  // columns split in sub-columns of at most maxRows nodes: [[{nodes, w, h}]]
  function split(cols, maxRows) {
    return cols.map(col => {
      const subs = [];
      for (let i = 0; i < col.length; i += maxRows) {
        const part = col.slice(i, i + maxRows);
        subs.push({nodes: part, w: Math.max(...part.map(n => box(n.id).l + box(n.id).r)),
                   h: part.reduce((s, n) => s + box(n.id).t + box(n.id).b, 0) + GAP_Y * (part.length - 1)});
      }
      return subs;
    });
  }
  const dims = parts => ({
    w: parts.reduce((s, subs) => s + subs.reduce((t, x) => t + x.w, 0) + SUB_GAP * (subs.length - 1), 0) + GAP_X * (parts.length - 1),
    h: Math.max(0, ...parts.flat().map(x => x.h)),
  });
  // positions of the given nodes (objects with id, col, rank) for a canvas of width W, height H
  function place(nodes, W, H) {
    const cols = columns(nodes);
    const longest = Math.max(0, ...cols.map(c => c.length));
    let best = null;
    const tried = new Set();
    for (let k = 1; k <= Math.min(longest, 60); k++) {
      const rows = Math.ceil(longest / k);
      if (tried.has(rows)) continue;
      tried.add(rows);
      const parts = split(cols, rows), d = dims(parts);
      const scale = Math.min(1, W / Math.max(d.w, 1), H / Math.max(d.h, 1));
      if (!best || scale > best.scale + 1e-9) best = {scale, parts, d};
    }
    const out = [];
    if (!best) return out;
    let x = -best.d.w / 2;
    for (const subs of best.parts) {
      for (const sub of subs) {
        const cx = x + sub.w / 2;
        let y = -sub.h / 2;
        for (const n of sub.nodes) {
          const b = box(n.id);
          out.push({id: n.id, x: Math.round(cx - (b.r - b.l) / 2), y: Math.round(y + b.t)});
          y += b.t + b.b + GAP_Y;
        }
        x += sub.w + SUB_GAP;
      }
      x += GAP_X - SUB_GAP;
    }
    return out;
  }
  return {measure, place, size, drawnBox};
})();
