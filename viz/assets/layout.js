// Layered layout before the first drawing: every node's box (shape and label) is computed from the
// label's text measured on a canvas, with the font and the geometry vis-network draws it with, then
// each column (given by layout.py) is stacked so that no two boxes meet, and the view is set to
// show the whole picture. The network is drawn once, already in place: no physics, no drawing to
// measure. A column too long for the window wraps into sub-columns, as many as make the picture fit
// the canvas at the largest zoom. Run again after every filter on the nodes left.
"use strict";
const Layout = (() => {
  const GAP_X = 70, GAP_Y = 12, SUB_GAP = 30;
  const FONT_SIZE = 13, FONT_FACE = "system-ui, sans-serif";   // the font view.js gives vis-network
  const MARGIN = 6, RADIUS = 6;      // a box's margin around its label and its corner radius (vis-network's)
  const size = new Map();            // id -> {l, r, t, b}: box sides relative to the node's position
  let ctx = null, lastFont = "";
  // a label's width and height as vis-network's label module measures it: the widest line, and
  // one font size of height per line
  function textSize(label, fontSize) {
    if (!label) return {w: 0, h: 0};
    ctx = ctx || document.createElement("canvas").getContext("2d");
    const font = fontSize + "px " + FONT_FACE;
    if (font !== lastFont) { ctx.font = font; lastFont = font; }    // parsing a font is most of a measure
    const lines = label.split("\n");
    while (lines.length > 1 && !lines[lines.length - 1]) lines.pop();
    let w = 0;
    for (const line of lines) if (line) w = Math.max(w, ctx.measureText(line).width);
    return {w, h: fontSize * lines.length};
  }
  // the box vis-network draws for a node: a box or an ellipse holds its label (an empty label
  // counts as 14 x 14); the other shapes are a square of 2 x size with the label hung below
  function nodeBox(label, shape, shapeSize, fontSize = FONT_SIZE) {
    let {w, h} = textSize(label, fontSize);
    if (shape === "box") {
      if (!w) w = h = 14;
      return {l: w / 2 + MARGIN + RADIUS, r: w / 2 + MARGIN + RADIUS, t: h / 2 + MARGIN + RADIUS, b: h / 2 + MARGIN + RADIUS};
    }
    if (shape === "ellipse") {
      if (!w) w = h = 14;
      return {l: (w + h) / 2, r: (w + h) / 2, t: h, b: h};
    }
    const half = Math.max(shapeSize, w / 2);
    return {l: half, r: half, t: shapeSize, b: w ? shapeSize + 0.5 * fontSize + 4 + h : shapeSize};
  }
  // items: {id, label, shape, size, font (px, default 13)}
  function measure(items) {
    for (const n of items) size.set(n.id, nodeBox(n.label, n.shape, n.size, n.font || FONT_SIZE));
  }
  // a node's box as drawn, read back from vis-network (the tests compare it with the layout's)
  function drawnBox(network, id) {
    const b = network.getBoundingBox(id), n = network.body.nodes[id];
    if (!b || !n) return null;
    const s = n.labelModule && n.labelModule.size;
    if (!s || !s.width) return b;
    return {left: Math.min(b.left, s.left), right: Math.max(b.right, s.left + s.width),
            top: Math.min(b.top, s.top), bottom: Math.max(b.bottom, s.top + s.height)};
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
        let w = 0, h = GAP_Y * (part.length - 1);
        for (const n of part) { const b = box(n.id); w = Math.max(w, b.l + b.r); h += b.t + b.b; }
        subs.push({nodes: part, w, h});
      }
      return subs;
    });
  }
  function dims(parts) {
    let w = GAP_X * (parts.length - 1), h = 0;
    for (const subs of parts) {
      w += SUB_GAP * (subs.length - 1);
      for (const x of subs) { w += x.w; h = Math.max(h, x.h); }
    }
    return {w, h};
  }
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
  // the view (centre and scale) that shows every placed box in a canvas of width W, height H, with
  // the 5% margin on each side that vis-network's fit leaves, and never zoomed in past maxZoom
  function fitView(placed, W, H, maxZoom) {
    if (!placed.length) return {position: {x: 0, y: 0}, scale: 1};
    let left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
    for (const p of placed) {
      const b = box(p.id);
      left = Math.min(left, p.x - b.l); right = Math.max(right, p.x + b.r);
      top = Math.min(top, p.y - b.t); bottom = Math.max(bottom, p.y + b.b);
    }
    const scale = Math.min(maxZoom, W / ((right - left) * 1.1 || 1), H / ((bottom - top) * 1.1 || 1));
    return {position: {x: (left + right) / 2, y: (top + bottom) / 2}, scale};
  }
  return {measure, place, fitView, size, drawnBox, nodeBox, FONT_SIZE};
})();
