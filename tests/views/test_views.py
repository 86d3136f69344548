"""The network views in headless Chromium (Debian's package, driven by Playwright): every kind of
view draws as many nodes as the graph says, shows a mandate's quote on click, logs no error,
requests nothing from the network, and shows hostile text as text."""
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from conftest import CORPUS
from graph.vocab import MG, ORG

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DOC_RELATIONS = [MG[k] for k in ("cites", "implements", "reviews", "basedOn", "amends")]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page with its console errors and every request for anything outside the views' folder."""

    def __init__(self, browser, path: Path, shots: Path | None = None, viewport=(1300, 850)):
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True)
        self.errors, self.outside, self.dialogs = [], [], []
        folder = path.parent.as_uri() + "/"
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: None if r.url.startswith((folder, "blob:")) else self.outside.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-stable='1'], body[data-ready='1']", timeout=60_000)
        self.page.wait_for_selector("body[data-rows='1'], body[data-ready='1']", timeout=60_000)
        if shots:
            shots.mkdir(exist_ok=True)
            self.page.screenshot(path=str(shots / f"{path.stem}.png"))

    def js(self, code: str, *args):
        return self.page.evaluate(code, *args)

    def drawn_nodes(self) -> int:
        return self.js("network.body.nodeIndices.length")

    def data(self) -> dict:
        return self.js("JSON.parse(document.getElementById('data').textContent)")

    def boxes(self) -> list[dict]:
        """Every drawn node's box (shape and label) in canvas coordinates, as vis-network draws it."""
        self.js("new Promise(r => { network.once('afterDrawing', r); network.redraw(); })")
        return self.js("network.body.nodeIndices.map(id => ({id, ...Layout.drawnBox(network, id)}))")

    def beyond_reserved_boxes(self) -> list[int]:
        """Nodes drawn past the box the layout reserved for them before drawing (call after boxes())."""
        return self.js("""network.body.nodeIndices.filter(id => { const b = Layout.drawnBox(network, id),
            s = Layout.size.get(id), q = network.getPositions([id])[id];
            return b.left < q.x - s.l - 0.5 || b.right > q.x + s.r + 0.5 || b.top < q.y - s.t - 0.5 || b.bottom > q.y + s.b + 0.5; })""")

    def outside_canvas(self) -> list[int]:
        """Nodes whose drawn box is not wholly inside the canvas: the picture is not fitted."""
        self.js("new Promise(r => { network.once('afterDrawing', r); network.redraw(); })")
        return self.js("""() => { const r = document.getElementById('net').getBoundingClientRect();
            return network.body.nodeIndices.filter(id => { const b = Layout.drawnBox(network, id);
              const a = network.canvasToDOM({x: b.left, y: b.top}), z = network.canvasToDOM({x: b.right, y: b.bottom});
              return a.x < -1 || a.y < -1 || z.x > r.width + 1 || z.y > r.height + 1; }); }""")

    def click_node(self, node_id: int):
        point = self.js("""id => { network.focus(id, {scale: 1.5, animation: false});
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const r = document.getElementById('net').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y}; }""", node_id)
        self.page.mouse.click(point["x"], point["y"])

    def click_a_mandate(self) -> str:
        """Click the first mandate node on the canvas; returns the IRI of what got selected."""
        n = next(n for n in self.data()["nodes"] if n["cls"] == "Mandate")
        self.click_node(n["id"])
        return self.js("JSON.parse(document.getElementById('data').textContent).nodes[network.getSelectedNodes()[0]].iri")

    def close(self):
        assert not self.errors, self.errors
        assert not self.outside, f"requests left the views' folder: {self.outside}"
        self.page.close()


def overlaps(boxes: list[dict]) -> list[tuple]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]:
                out.append((a["id"], b["id"]))
    return out


# ------------------------------------------------------------------ expected counts, from the graph
def _actors(g, m, preds=(MG.assigner, MG.assignee, MG.coordinator)):
    return {a for p in preds for a in g.objects(m, p)}


def expected_who(g):
    ms = set(g.subjects(RDF.type, MG.Mandate))
    return len(ms | {a for m in ms for a in _actors(g, m)})


def expected_accountability(g):
    ms = set(g.subjects(RDF.type, MG.Mandate))
    return len(ms | {a for m in ms for a in _actors(g, m, (MG.assignee, MG.coordinator))})


def expected_dependencies(g):
    ends = set()
    for p in [MG.dependsOn, MG.legalBasis, MG.concerns, *DOC_RELATIONS]:
        for s, o in g.subject_objects(p):
            ends |= {s, o}
    return len(ends)


def expected_document(g, doc):
    ms = set(g.subjects(MG.statedIn, doc)) & set(g.subjects(RDF.type, MG.Mandate))
    nodes = {doc} | ms | {a for m in ms for a in _actors(g, m)} | {c for m in ms for c in g.objects(m, MG.concerns)}
    nodes |= set(g.subjects(MG.statedIn, doc)) & set(g.subjects(RDF.type, MG.Target))
    nodes |= {o for p in DOC_RELATIONS for o in g.objects(doc, p)}
    return len(nodes)


def expected_actor(g, actor):
    ms = {m for m in g.subjects(RDF.type, MG.Mandate) if actor in _actors(g, m)}
    nodes = {actor} | ms | {a for m in ms for a in _actors(g, m)}
    nodes |= set(g.objects(actor, ORG.subOrganizationOf)) | set(g.subjects(ORG.subOrganizationOf, actor))
    return len(nodes)


@pytest.fixture(scope="module")
def graph(built):
    return Graph().parse(built / "graph.nt", format="nt")


DOC0 = "document-000-abf47967dda61da9-txt"
THANH_UY = "https://w3id.org/mandate-graph/id/body/thanh-uy-ha-noi"
SAMPLE = ["who-assigns-what", "accountability", "dependencies", DOC0, "document-001-6220ac92dd984a97-txt",
          "actor-thanh-uy-ha-noi", "actor-to-lam", "actor-bo-chinh-tri"]


def test_index_lists_every_view_and_searches_best_first(browser, built):
    viz = built / "viz"
    p = Page(browser, viz / "index.html", viz / "screenshots")
    views = sorted(f.name for f in viz.glob("*.html") if f.name != "index.html")
    assert int(p.js("document.body.dataset.views")) == len(views)
    links = p.page.eval_on_selector_all("#views tbody a", "as => as.map(a => a.getAttribute('href'))")
    assert sorted(links) == views                  # 26 views: one page of 50
    assert p.page.inner_text("#page").startswith("Trang 1/1")
    p.page.fill("#q", "thanh uy ha noi")          # no diacritics: the Thành ủy first, then its committees
    hits = p.page.eval_on_selector_all("#views tbody a", "as => as.map(a => a.getAttribute('href'))")
    assert hits[0] == "actor-thanh-uy-ha-noi.html" and len(hits) > 3, hits
    p.page.fill("#q", "Thành ủy Hà Nội")
    assert p.page.eval_on_selector("#views tbody a", "a => a.getAttribute('href')") == "actor-thanh-uy-ha-noi.html"
    p.page.fill("#q", "không có chủ thể này")
    assert p.page.eval_on_selector_all("#views tbody a", "as => as.length") == 0
    assert "no match" in p.page.inner_text("#status")
    p.close()


def test_index_pages(browser, built, tmp_path, monkeypatch):
    from viz import model
    from viz.page import render_index
    from viz.views import write_assets
    write_assets(tmp_path / "assets")
    entries = [{"file": f"actor-{i:04}.html", "kind": "actor", "vi": f"Cơ quan {i:04}", "en": "", "nodes": 3,
                "edges": 2, "tasks": i, "folded": False} for i in range(120)]
    monkeypatch.setitem(model.STYLES["scale"], "index_page", 50)
    (tmp_path / "index.html").write_text(render_index(entries), encoding="utf-8")
    p = Page(browser, tmp_path / "index.html")
    assert p.js("document.querySelectorAll('#views tbody tr').length") == 50
    first = p.page.eval_on_selector("#views tbody a", "a => a.textContent")
    assert first == "Cơ quan 0119"                 # most tasks first
    p.page.click("#next"), p.page.click("#next")
    assert p.js("document.querySelectorAll('#views tbody tr').length") == 20
    assert p.js("document.body.dataset.page") == "3" and p.js("document.getElementById('next').disabled")
    p.page.fill("#q", "co quan 0007")
    assert p.page.eval_on_selector_all("#views tbody a", "as => as.map(a => a.textContent)") == ["Cơ quan 0007"]
    p.close()


@pytest.mark.parametrize("view", SAMPLE)
def test_labels_do_not_overlap_and_the_picture_fits(browser, built, view):
    viz = built / "viz"
    p = Page(browser, viz / f"{view}.html", viz / "screenshots")
    boxes = p.boxes()
    assert len(boxes) == p.drawn_nodes() > 0
    assert not overlaps(boxes), overlaps(boxes)[:5]
    assert not p.beyond_reserved_boxes()
    assert not p.outside_canvas()
    labelled = p.js("network.body.nodeIndices.filter(id => network.body.nodes[id].options.label).length")
    from viz.model import STYLES
    keep = STYLES["labels"]["main_actors"]        # an actor network labels its main actors only
    assert labelled == p.drawn_nodes() or (p.data()["aggregated"] and labelled >= keep)
    p.close()


@pytest.mark.parametrize("view", ["who-assigns-what", "accountability", "dependencies", DOC0, "actor-thanh-uy-ha-noi", "actor-to-lam"])
def test_view_draws_the_graph_and_its_table(browser, built, graph, view):
    from graph.ontology import load_ontology
    from viz import model
    v = next(v for v in model.all_views(graph, load_ontology()) if v.slug == view)
    p = Page(browser, built / "viz" / f"{view}.html")
    expected = {
        "dependencies": lambda: expected_dependencies(graph),
        DOC0: lambda: expected_document(graph, next(d for d in graph.subjects(MG.sourceFile, None)
                                                    if str(graph.value(d, MG.sourceFile)).startswith("000_"))),
        "actor-to-lam": lambda: expected_actor(graph, URIRef(v.subject)),
    }.get(view, lambda: len(v.nodes))()
    assert p.drawn_nodes() == expected == len(v.nodes)
    mandates = {str(m) for m in graph.subjects(RDF.type, MG.Mandate)}
    assert p.page.inner_text("#row-count").startswith(f"{len(v.rows)}/{len(v.rows)} ")      # every task listed,
    chunk = p.js("Table.chunk")                    # so many rows at a time, more on scroll
    assert p.js("document.querySelectorAll('#rows tbody tr').length") == min(len(v.rows), chunk) > 0
    if len(v.rows) > chunk:
        p.js("() => { const w = document.getElementById('table-wrap'); w.scrollTop = w.scrollHeight; w.dispatchEvent(new Event('scroll')); }")
        assert p.js("document.querySelectorAll('#rows tbody tr').length") == min(len(v.rows), 2 * chunk)
    if view in ("who-assigns-what", "accountability"):
        assert {r["iri"] for r in v.rows} == mandates and v.aggregated
    if any(n.cls == "Mandate" and n.iri in mandates for n in v.nodes):
        iri = p.click_a_mandate()
        quote = str(graph.value(graph.value(URIRef(iri), MG.evidence), MG.quote))
        shown = p.page.inner_text("#details blockquote.quote")
        assert " ".join(shown.split()) == " ".join(quote.split())
    else:                                          # tasks folded: a row shows its quote
        p.page.click("#rows tbody tr:nth-child(2)")
        assert p.page.inner_text("#details blockquote.quote").strip()
    p.close()


def test_fit_after_filter_search_and_reset(browser, built):
    p = Page(browser, built / "viz" / f"{DOC0}.html")
    total = p.drawn_nodes()
    rows = p.js("document.querySelectorAll('#rows tbody tr').length")
    p.page.uncheck("#class-filters input[data-key='Mandate']")
    assert 0 < p.drawn_nodes() < total and not p.outside_canvas() and not overlaps(p.boxes())
    assert p.js("document.querySelectorAll('#rows tbody tr').length") == 0   # the table follows
    p.page.click("#reset")
    assert p.drawn_nodes() == total and not p.outside_canvas()
    p.page.fill("#search", "Bộ Chính trị")
    p.page.press("#search", "Enter")
    assert p.js("network.getSelectedNodes().length") == 1
    p.page.click("#reset")
    assert p.js("network.getSelectedNodes().length") == 0 and not p.outside_canvas()
    assert p.js("network.body.data.nodes.get().filter(n => n.opacity < 1).length") == 0
    assert p.js("document.querySelectorAll('#rows tbody tr').length") == rows
    p.page.fill("#deadline-filter", "2020-12-31")  # the one task due by the end of 2020 and its actors
    assert 0 < p.drawn_nodes() < total and not p.outside_canvas()
    assert p.js("document.querySelectorAll('#rows tbody tr').length") == 1
    p.page.click("#reset")
    p.click_a_mandate()
    dimmed = p.js("network.body.data.nodes.get().filter(n => n.opacity < 1).length")
    assert 0 < dimmed < total
    p.close()


def test_search_finds_the_best_match_first_and_says_when_nothing_matches(browser, built):
    p = Page(browser, built / "viz" / "actor-thanh-uy-ha-noi.html")
    p.page.fill("#search", "thanh uy ha noi")
    p.page.press("#search", "Enter")
    data = p.data()
    picked = p.js("network.getSelectedNodes()")
    assert [data["nodes"][i]["iri"] for i in picked] == [THANH_UY]
    listed = p.page.eval_on_selector_all("#matches a", "as => as.map(a => +a.dataset.id)")
    assert len(listed) > 1 and data["nodes"][listed[0]]["iri"] == THANH_UY
    assert all(all(any(w.startswith(q) for w in fold(data["nodes"][i]["vi"]).split()) for q in "thanh uy ha noi".split())
               for i in listed)
    p.page.fill("#search", "zzz không có")
    p.page.press("#search", "Enter")
    assert "no match" in p.page.inner_text("#matches .nomatch")
    p.close()


def fold(s: str) -> str:
    import re
    import unicodedata
    s = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
    return " ".join(re.sub(r"[^\w]+", " ", "".join(c for c in s if not unicodedata.combining(c)).lower()).split())


def test_table_and_network_select_each_other(browser, built):
    p = Page(browser, built / "viz" / f"{DOC0}.html")
    data = p.data()
    p.page.click("#rows tbody tr:nth-child(3)")
    row = data["rows"][2]
    assert p.js("network.getSelectedNodes()") == [row["node"]]
    assert p.page.inner_text("#details h2") == data["nodes"][row["node"]]["vi"]
    actor = next(n for n in data["nodes"] if n["iri"].endswith("/body/thanh-uy-ha-noi"))
    p.click_node(actor["id"])
    hits = p.js("[...document.querySelectorAll('#rows tbody tr.hit')].map(tr => +tr.dataset.i)")
    assert hits == [i for i, r in enumerate(data["rows"]) if actor["id"] in r["ends"]] and hits
    assert p.js("""() => { const w = document.getElementById('table-wrap').getBoundingClientRect();
        const r = document.querySelector('#rows tbody tr.hit').getBoundingClientRect();
        return r.top >= w.top && r.bottom <= w.bottom; }""")
    p.page.click("#rows th[data-key='task']")     # sortable
    tasks = p.page.eval_on_selector_all("#rows tbody td.c-task", "tds => tds.map(t => t.textContent)")
    assert tasks == sorted(tasks, key=fold)
    p.close()
    p = Page(browser, built / "viz" / "who-assigns-what.html")   # tasks folded: a row selects its actors
    data = p.data()
    p.page.click("#rows tbody tr:nth-child(1)")
    assert sorted(p.js("network.getSelectedNodes()")) == sorted(data["rows"][0]["ends"])
    p.close()


def test_csv_export_is_the_table_as_shown(browser, built):
    import csv
    import io
    p = Page(browser, built / "viz" / f"{DOC0}.html")
    p.page.fill("#deadline-filter", "2030-12-31")
    shown = p.js("document.querySelectorAll('#rows tbody tr').length")
    with p.page.expect_download() as dl:
        p.page.click("#export")
    text = Path(dl.value.path()).read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:])))
    assert len(table) == shown + 1 and "Nhiệm vụ · task" in table[0]
    col = table[0].index("Nhiệm vụ · task")
    data = p.data()
    due = [r for r in data["rows"] if r["deadline"][:4].isdigit() and len(r["deadline"]) == 10 and r["deadline"] <= "2030-12-31"]
    assert [t[col] for t in table[1:]] == [r["task"] for r in due]
    p.close()


def test_legend_matches_the_drawing(browser, built):
    from viz.model import STYLES
    for view in ("accountability", DOC0, "who-assigns-what"):
        p = Page(browser, built / "viz" / f"{view}.html")
        drawn = p.js("network.body.nodeIndices.map(id => { const o = network.body.nodes[id].options; return [id, o.shape, o.color.background]; })")
        data = p.data()
        legend = {c["cls"]: c for c in data["legend"]["nodes"]}
        facets = data["legend"].get("facets", [])
        for id_, shape, colour in drawn:
            cls = data["nodes"][id_]["cls"]
            assert shape == legend[cls]["shape"] == STYLES["nodes"][cls]["shape"]
            assert colour.lower() in {legend[cls]["color"].lower()} | {f.lower() for f in facets}
        shown = p.page.eval_on_selector_all("#legend span[data-cls]", "ss => ss.map(s => s.dataset.cls)")
        assert sorted(shown) == sorted({n["cls"] for n in data["nodes"]})
        p.close()
    actors = [s["shape"] for c, s in STYLES["nodes"].items() if c not in ("ActorGroup", "Mandate", "Document", "Target")]
    colours = {s["color"] for s in STYLES["nodes"].values()}
    assert len(set(actors)) == len(actors)       # a shape per class of actor; tasks, documents, targets are
    assert len({(s["color"], s.get("dashes", False)) for c, s in STYLES["nodes"].items()       # boxes told apart
                if c in ("Mandate", "Document", "Target")}) == 3                               # by fill and border
    assert not colours & set(STYLES["facets"])    # facet counts never reuse a class colour


def test_hostile_text_shows_as_text(browser, tmp_path):
    from build import build
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "xss.txt").write_text(
        "KẾT LUẬN CỦA BỘ CHÍNH TRỊ\n\n"
        "Bộ Chính trị yêu cầu Thành ủy Hà Nội chỉ đạo xây dựng đề án \"A & B\" <script>alert(1)</script> "
        "<img src=x onerror=alert(2)> trước ngày 20-6-2026.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert build(corpus=corpus, out=out, log=lambda m: None) == 0
    g = Graph().parse(out / "graph.nt", format="nt")
    tasks = [str(t) for t in g.objects(None, MG.task)]
    assert any("<script>alert(1)</script>" in t for t in tasks), tasks
    for page in sorted((out / "viz").glob("*.html")):
        p = Page(browser, page)
        scripts = 4 if page.name == "index.html" else 7          # the data, then vis-network and ours
        assert p.page.evaluate("document.querySelectorAll('script').length") == scripts
        assert p.page.evaluate("document.querySelectorAll('img').length") == 0
        if page.name == "who-assigns-what.html":
            p.click_a_mandate()
            text = p.page.inner_text("#details")
            assert "<script>alert(1)</script>" in text and '"A & B"' in text
            assert "<script>alert(1)</script>" in p.page.inner_text("#rows tbody")
        assert not p.dialogs
        p.close()


def test_aggregated_views_draw(browser, built, graph, tmp_path, monkeypatch):
    """With a low aggregate_above, every kind of view folds its mandates and still draws cleanly."""
    from graph.ontology import load_ontology
    from viz import model
    from viz.views import write_views
    monkeypatch.setitem(model.STYLES["scale"], "aggregate_above", 25)
    write_views(graph, tmp_path, ontology=load_ontology())
    views = {v.slug: v for v in model.all_views(graph, load_ontology())}
    for slug in ("who-assigns-what", "accountability", "dependencies", "document-001-6220ac92dd984a97-txt",
                 "actor-thanh-uy-ha-noi"):
        assert views[slug].aggregated, slug
        p = Page(browser, tmp_path / f"{slug}.html")
        assert p.drawn_nodes() == len(views[slug].nodes)
        assert not overlaps(p.boxes())
        assert p.page.evaluate("document.body.innerText").count(views[slug].note) == 1, slug
        p.close()


def test_a_folded_network_drawn_small_enlarges_its_main_labels(browser, built):
    """In a small window the folded overview is fitted at a small zoom: its main actors' labels grow
    (up to 3 times) so that they read at 12 px on screen, and still meet no other box."""
    p = Page(browser, built / "viz" / "who-assigns-what.html", viewport=(700, 560))
    assert p.data()["aggregated"]
    boxes = p.boxes()
    assert not overlaps(boxes) and not p.beyond_reserved_boxes() and not p.outside_canvas()
    fonts = p.js("network.body.nodeIndices.filter(id => network.body.nodes[id].options.label).map(id => network.body.nodes[id].options.font.size)")
    scale = p.js("network.getScale()")
    assert fonts and all(f > 13 for f in fonts), fonts
    assert all(f * scale >= 11.5 or f == 39 for f in fonts), (fonts, scale)
    p.close()


def test_a_view_of_many_tasks_loads_its_rows_after_drawing(browser, built, graph, tmp_path, monkeypatch):
    """Past rows_inline_at_most the rows go to SLUG.rows.js, loaded after the first drawing; the
    table, its filters and the document list work on them as on rows in the page."""
    from graph.ontology import load_ontology
    from viz import model
    from viz.page import render
    from viz.views import write_assets
    v = next(v for v in model.all_views(graph, load_ontology()) if v.slug == DOC0)
    monkeypatch.setitem(model.STYLES["scale"], "rows_inline_at_most", 3)
    write_assets(tmp_path / "assets")
    files = render(v)
    assert sorted(files) == [f"{DOC0}.html", f"{DOC0}.rows.js"] and len(v.rows) > 3
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    p = Page(browser, tmp_path / f"{DOC0}.html")
    assert p.data()["rows"] == [] and p.data()["rowsFile"] == f"{DOC0}.rows.js"
    assert p.page.inner_text("#row-count").startswith(f"{len(v.rows)}/{len(v.rows)} ")
    assert p.js("document.querySelectorAll('#doc-filter option').length") == 2      # "all" and the document
    p.page.fill("#deadline-filter", "1900-01-01"), p.page.dispatch_event("#deadline-filter", "change")
    assert p.js("document.querySelectorAll('#rows tbody tr').length") == 0     # the filter reads the loaded rows
    p.page.click("#reset")
    p.page.click("#rows tbody tr:nth-child(2)")
    assert p.page.inner_text("#details blockquote.quote").strip()
    p.close()
