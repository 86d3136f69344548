// Helpers shared by the index and the views: build elements with text (never HTML), and fold
// Vietnamese for search the way mg:searchKey is folded (no diacritics, đ as d, lower case).
"use strict";
const el = (tag, text, attrs) => { const e = document.createElement(tag); if (text != null) e.textContent = text; Object.assign(e, attrs || {}); return e; };
const fold = s => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
