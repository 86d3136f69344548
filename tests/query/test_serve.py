"""`build.py serve`, started on loopback by the test and spoken to by SPARQLWrapper, a client
nobody here wrote, and by plain HTTP for what SPARQLWrapper does not do."""
import csv
import io
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from conftest import ROOT

COUNT_MANDATES = "PREFIX mg: <https://w3id.org/mandate-graph/ontology#> SELECT (COUNT(?m) AS ?n) WHERE { ?m a mg:Mandate }"


def start(out, *extra):
    """Run `build.py serve --port 0` and return (process, base URL) once it listens."""
    proc = subprocess.Popen([sys.executable, "build.py", "serve", "--port", "0", "--out", str(out), *extra],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    m = re.search(r"serving (http://127\.0\.0\.1:\d+)/sparql", line)
    if not m:
        proc.kill()
        pytest.fail(f"server did not start: {line}{proc.stderr.read()}")
    return proc, m.group(1)


@pytest.fixture(scope="module")
def server(built):
    proc, base = start(built, "--timeout", "3", "--max-rows", "50")
    yield base
    proc.terminate()
    proc.wait(10)


def client(base, fmt=JSON, method=None):
    s = SPARQLWrapper(f"{base}/sparql")
    s.setReturnFormat(fmt)
    if method:
        s.setMethod(POST)
        s.setRequestMethod(method)
    return s


@pytest.mark.parametrize("method", [None, URLENCODED, POSTDIRECTLY], ids=["get", "post-form", "post-direct"])
def test_select_json_over_get_and_both_posts(server, mandate_count, method):
    s = client(server, JSON, method)
    s.setQuery(COUNT_MANDATES)
    result = s.query().convert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) == mandate_count


def test_select_as_xml_csv_tsv(server, mandate_count):
    for fmt in (XML, CSV, TSV):
        s = client(server, fmt)
        s.setQuery(COUNT_MANDATES)
        body = s.query().convert()
        if fmt == XML:
            assert body.getElementsByTagName("literal")[0].firstChild.data == str(mandate_count)
        else:
            text = body.decode("utf-8")
            assert text.splitlines()[0] in ("n", "?n") and str(mandate_count) in text.splitlines()[1]


def test_ask(server):
    s = client(server, JSON)
    s.setQuery("ASK { ?s <https://w3id.org/mandate-graph/ontology#sourceFile> \"000_abf47967dda61da9.txt\" }")
    assert s.query().convert()["boolean"] is True


def test_construct_as_turtle_ntriples_and_jsonld(server):
    q = ("PREFIX mg: <https://w3id.org/mandate-graph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
         "CONSTRUCT { ?p skos:prefLabel ?n } WHERE { ?p a mg:Person ; skos:prefLabel ?n }")
    graphs = []
    for fmt in (TURTLE, JSONLD):
        s = client(server, fmt)
        s.setQuery(q)
        g = s.query().convert()
        graphs.append(g if isinstance(g, Graph) else Graph().parse(data=g, format="turtle"))
    req = urllib.request.Request(f"{server}/sparql?" + urllib.parse.urlencode({"query": q}),
                                 headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(req) as r:
        assert r.headers["Content-Type"].startswith("application/n-triples")
        graphs.append(Graph().parse(data=r.read().decode(), format="nt"))
    assert len(graphs[0]) > 5 and all(set(g) == set(graphs[0]) for g in graphs)


def test_update_is_refused_with_a_4xx(server):
    for data, ctype in ((b"INSERT DATA { <a:b> <a:b> <a:b> }", "application/sparql-update"),
                        (urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(), "application/x-www-form-urlencoded")):
        req = urllib.request.Request(f"{server}/sparql", data=data, headers={"Content-Type": ctype})
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(req)
        assert 400 <= exc.value.code < 500
    s = client(server, CSV)            # and the graph is as it was
    s.setQuery("ASK { <a:b> ?p ?o }")
    assert b"false" in s.query().convert()


def test_malformed_query_is_a_400_with_the_position(server):
    req = urllib.request.Request(f"{server}/sparql?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE {"}))
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(req)
    assert exc.value.code == 400 and b"error at 1:" in exc.value.read()


def test_result_size_limit_cuts_and_says_so(server):
    req = urllib.request.Request(f"{server}/sparql?" + urllib.parse.urlencode({"query": "SELECT * { ?s ?p ?o }"}),
                                 headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req) as r:
        rows = list(csv.reader(io.StringIO(r.read().decode())))
        assert len(rows) == 51 and r.headers["X-Result-Truncated"].startswith("true")


def test_time_limit_stops_a_runaway_query_and_the_server_carries_on(server, mandate_count):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    t = time.perf_counter()
    req = urllib.request.Request(f"{server}/sparql?" + urllib.parse.urlencode({"query": q}))
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(req, timeout=60)
    assert exc.value.code == 503 and b"time limit" in exc.value.read()
    assert time.perf_counter() - t < 30
    s = client(server, JSON)
    s.setQuery(COUNT_MANDATES)
    assert int(s.query().convert()["results"]["bindings"][0]["n"]["value"]) == mandate_count


def test_views_and_data_are_served(server):
    with urllib.request.urlopen(f"{server}/") as r:
        assert b'id="views"' in r.read() and r.headers["Content-Type"].startswith("text/html")
    with urllib.request.urlopen(f"{server}/who-assigns-what.html") as r:
        assert b'src="assets/vis-network.min.js"' in r.read()        # one shared copy of the library
    with urllib.request.urlopen(f"{server}/assets/vis-network.min.js") as r:
        assert b"Network" in r.read()
    with urllib.request.urlopen(f"{server}/void.ttl") as r:
        assert b"void:triples" in r.read()
    from graph.publish.outputs import OUTPUTS
    for output in OUTPUTS:          # every published file, with the media type of the registry
        with urllib.request.urlopen(f"{server}/{output.name}") as r:
            assert r.headers["Content-Type"] == output.content_type and r.read()
    for path in ("/../graph.nt", "/%2e%2e/build.py", "/nothing.html"):
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(f"{server}{path}")
        assert exc.value.code == 404


def test_serve_without_a_build_says_so(tmp_path):
    r = subprocess.run([sys.executable, "build.py", "serve", "--port", "0", "--out", str(tmp_path)],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "no built graph" in r.stderr and "Traceback" not in r.stderr


# ------------------------------------------------------------------ the page (issue 18)
def _get(url, accept=None):
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(req) as r:
        return r.status, dict(r.headers), r.read().decode("utf-8")


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_the_page_lists_the_library_and_opens_a_query_in_the_box(server):
    from graph.query.store import library
    status, headers, page = _get(f"{server}/sparql", BROWSER)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in headers["Content-Security-Policy"] and "<script" not in page
    for q in library():
        assert f"/sparql?library={q.name}\"" in page
    assert 'href="/docs/index.html"' in page
    _, _, page = _get(f"{server}/sparql?library=assigned")
    assert "VALUES ?actor" in page and "What is this actor assigned" in page


def test_a_browser_gets_the_answer_in_the_page_as_a_table_escaped(server):
    q = 'SELECT * { BIND("<i>x</i> & y" AS ?z) BIND(2 AS ?a) }'
    status, _, page = _get(f"{server}/sparql?" + urllib.parse.urlencode({"query": q}), BROWSER)
    assert status == 200 and "<table>" in page and "<th>z</th><th>a</th>" in page    # the query's order
    assert "&lt;i&gt;x&lt;/i&gt; &amp; y" in page and "<i>x</i>" not in page
    for fmt in ("json", "xml", "csv", "tsv"):
        assert f"download={fmt}" in page
    _, _, page = _get(f"{server}/sparql?" + urllib.parse.urlencode({"query": q, "view": "page"}))
    assert "<table>" in page
    bad = urllib.request.Request(f"{server}/sparql?" + urllib.parse.urlencode({"query": "SELECT ?x {", "view": "page"}))
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(bad)
    assert exc.value.code == 400 and b"error at 1:" in exc.value.read()


def test_the_page_downloads_in_the_same_formats(server, mandate_count):
    q = urllib.parse.urlencode({"query": COUNT_MANDATES, "download": "csv"})
    status, headers, body = _get(f"{server}/sparql?{q}", BROWSER)
    assert headers["Content-Type"].startswith("text/csv") and 'filename="answer.csv"' in headers["Content-Disposition"]
    assert body.splitlines() == ["n", str(mandate_count)]
    construct = "CONSTRUCT { ?d a ?c } WHERE { ?d a ?c } LIMIT 3"
    _, headers, _ = _get(f"{server}/sparql?" + urllib.parse.urlencode({"query": construct, "download": "ntriples"}))
    assert headers["Content-Type"].startswith("application/n-triples") and "answer.nt" in headers["Content-Disposition"]
    _, _, page = _get(f"{server}/sparql?" + urllib.parse.urlencode({"query": construct}), BROWSER)
    assert "<pre>" in page and "download=turtle" in page


def test_term_documentation_is_served_and_nothing_beside_it(server):
    status, headers, page = _get(f"{server}/docs/Mandate.html")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and "Mandate" in page
    assert _get(f"{server}/docs/")[0] == 200
    for path in ("/docs/../graph.nt", "/docs/%2e%2e/%2e%2e/build.py", "/docs/..%2f..%2fbuild.py", "/docs/nothing.html"):
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(f"{server}{path}")
        assert exc.value.code == 404


def test_sparqlwrapper_runs_the_assigned_query_of_the_library(server):
    s = client(server, JSON)
    s.setQuery((ROOT / "queries" / "assigned.rq").read_text(encoding="utf-8"))
    rows = s.query().convert()["results"]["bindings"]
    assert rows and {"quote", "file", "start", "end", "stated"} <= set(rows[0])
