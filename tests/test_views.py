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
    """A page with its console errors and every request that was not for a local file."""

    def __init__(self, browser, path: Path, shots: Path | None = None):
        self.page = browser.new_page(viewport={"width": 1300, "height": 850})
        self.errors, self.remote, self.dialogs = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else self.remote.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-stable='1'], body[data-ready='1']", timeout=60_000)
        if shots:
            shots.mkdir(exist_ok=True)
            self.page.screenshot(path=str(shots / f"{path.stem}.png"))

    def drawn_nodes(self) -> int:
        return self.page.evaluate("network.body.data.nodes.length")

    def click_a_mandate(self) -> str:
        """Click the first mandate node on the canvas; returns the IRI of what got selected."""
        point = self.page.evaluate("""() => {
            const data = JSON.parse(document.getElementById('data').textContent);
            const n = data.nodes.find(n => n.cls === 'Mandate');
            network.focus(n.id, {scale: 2.5, animation: false});
            const p = network.canvasToDOM(network.getPositions([n.id])[n.id]);
            const r = document.getElementById('net').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y};
        }""")
        self.page.mouse.click(point["x"], point["y"])
        return self.page.evaluate("JSON.parse(document.getElementById('data').textContent).nodes[network.getSelectedNodes()[0]].iri")

    def close(self):
        assert not self.errors, self.errors
        assert not self.remote, f"requests left the machine: {self.remote}"
        self.page.close()


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


def test_index_lists_every_view_and_searches(browser, built):
    viz = built / "viz"
    p = Page(browser, viz / "index.html", viz / "screenshots")
    views = sorted(f.name for f in viz.glob("*.html") if f.name != "index.html")
    assert int(p.page.evaluate("document.body.dataset.views")) == len(views)
    links = p.page.eval_on_selector_all("#views a", "as => as.map(a => a.getAttribute('href'))")
    assert sorted(links) == views
    p.page.fill("#q", "thanh uy ha noi")          # no diacritics: still found
    hits = p.page.eval_on_selector_all("#results a", "as => as.map(a => a.textContent)")
    assert any("Thành ủy Hà Nội" in h for h in hits)
    p.close()


@pytest.mark.parametrize("view", ["who-assigns-what", "accountability", "dependencies",
                                  "document-000-abf47967dda61da9-txt", "actor-thanh-uy-ha-noi"])
def test_view_draws_the_graph_and_shows_a_quote_on_click(browser, built, graph, view):
    viz = built / "viz"
    p = Page(browser, viz / f"{view}.html", viz / "screenshots")
    expected = {
        "who-assigns-what": lambda: expected_who(graph),
        "accountability": lambda: expected_accountability(graph),
        "dependencies": lambda: expected_dependencies(graph),
        "document-000-abf47967dda61da9-txt": lambda: expected_document(
            graph, next(d for d in graph.subjects(MG.sourceFile, None)
                        if str(graph.value(d, MG.sourceFile)).startswith("000_"))),
        "actor-thanh-uy-ha-noi": lambda: expected_actor(graph, URIRef("https://w3id.org/mandate-graph/id/body/thanh-uy-ha-noi")),
    }[view]()
    assert p.drawn_nodes() == expected
    if view != "dependencies":
        iri = p.click_a_mandate()
        quote = str(graph.value(graph.value(URIRef(iri), MG.evidence), MG.quote))
        shown = p.page.inner_text("#details blockquote.quote")
        assert " ".join(shown.split()) == " ".join(quote.split())
    p.close()


def test_filters_and_neighbourhood(browser, built):
    p = Page(browser, built / "viz" / "who-assigns-what.html")
    total = p.drawn_nodes()
    p.page.uncheck("#class-filters input[data-key='Mandate']")
    without = p.drawn_nodes()
    assert 0 < without < total
    p.page.click("#reset")
    assert p.drawn_nodes() == total
    p.page.fill("#deadline-filter", "2020-12-31")
    assert 0 < p.drawn_nodes() < total          # the one task due by the end of 2020 and its actors
    p.page.click("#reset")
    p.click_a_mandate()
    dimmed = p.page.evaluate("network.body.data.nodes.get().filter(n => n.opacity < 1).length")
    assert 0 < dimmed < total
    p.close()


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
        assert p.page.evaluate("document.querySelectorAll('script').length") == 3   # vis-network, data, ours
        assert p.page.evaluate("document.querySelectorAll('img').length") == 0
        if page.name == "who-assigns-what.html":
            p.click_a_mandate()
            text = p.page.inner_text("#details")
            assert "<script>alert(1)</script>" in text and '"A & B"' in text
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
        assert p.page.evaluate("document.body.innerText").count(views[slug].note) == 1, slug
        p.close()
