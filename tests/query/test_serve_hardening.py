"""Issue 11: the endpoint cannot be turned against anyone. Each test would fail on the old server:
SERVICE fetched from a listener, deep nesting killed workers for good, SIGTERM left workers, any
Host and any origin were served, a bad Content-Length or a slow body held a connection."""
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from conftest import ROOT
from test_serve import COUNT_MANDATES, start

NESTED = "SELECT * WHERE " + "{" * 5000 + "}" * 5000


def children(pid: int) -> set[int]:
    """Live child processes of ``pid``, read from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def served(built):
    """A `build.py serve` subprocess, stopped (and its workers with it) whatever the test did."""
    procs = []

    def run(*extra):
        proc, base = start(built, "--timeout", "5", *extra)
        procs.append(proc)
        return proc, base

    yield run
    for proc in procs:
        kids = children(proc.pid)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for kid in kids:
            if alive(kid):
                os.kill(kid, signal.SIGKILL)


@pytest.fixture
def inprocess(built):
    """serve() in a thread of this process, for settings build.py has no option for yet."""
    from graph.query.serve import serve
    servers = []

    def run(**kw):
        got = threading.Event()
        box = {}

        def ready(server):
            box["server"] = server
            got.set()
        t = threading.Thread(target=serve, kwargs=dict(out=built, port=0, ready=ready, log=lambda m: None,
                                                       workers=1, **kw), daemon=True)
        t.start()
        assert got.wait(60), "server did not start"
        servers.append((box["server"], t))
        return box["server"].server_address[1]

    yield run
    for server, t in servers:
        server.shutdown()
        t.join(15)


def request(port, method="GET", path="/sparql", body=None, headers=None, host=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.putrequest(method, path, skip_host=True)
    conn.putheader("Host", f"127.0.0.1:{port}" if host is None else host)
    for k, v in (headers or {}).items():
        conn.putheader(k, v)
    conn.endheaders(body)
    r = conn.getresponse()
    out = r.status, dict(r.getheaders()), r.read()
    conn.close()
    return out


def get(port, query, **kw):
    return request(port, path="/sparql?" + urllib.parse.urlencode({"query": query}), **kw)


def port_of(base):
    return int(base.rsplit(":", 1)[1])


class Listener:
    """A TCP listener on 127.0.0.1 that only counts who connects."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.contacts = 0
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.contacts += 1
            conn.close()

    def close(self):
        self.running = False
        self.thread.join(2)
        self.sock.close()


def test_service_is_refused_and_the_target_never_contacted(served, built, tmp_path):
    listener = Listener()
    try:
        _, base = served()
        port = port_of(base)
        for q in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}",
                  f"PREFIX : <http://127.0.0.1:{listener.port}/> SELECT * WHERE {{ SERVICE:x {{ }} }}",
                  f"SELECT * WHERE {{ sErViCe SILENT <http://127.0.0.1:{listener.port}/> {{ }} }}"):
            status, _, body = get(port, q)
            assert status == 400 and b"SERVICE" in body and body.count(b"\n") == 1, body
        from graph.query.run import QueryError, run_query
        rq = tmp_path / "fed.rq"
        rq.write_text(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ }} }}", encoding="utf-8")
        with pytest.raises(QueryError, match="SERVICE"):
            run_query(str(rq), out=built)
        time.sleep(0.5)
        assert listener.contacts == 0
    finally:
        listener.close()


def test_service_allow_list_lets_only_the_named_endpoint_through():
    from graph.query.guard import Refused, check
    ok = "http://127.0.0.1:9/sparql"
    check(f"SELECT * WHERE {{ SERVICE <{ok}> {{ }} }}", allow_service=[ok])
    check(f"SELECT * WHERE {{ SERVICE SILENT # why\n <{ok}> {{ }} }}", allow_service=[ok])
    for q in (f"PREFIX e: <{ok}> SELECT * WHERE {{ SERVICE e: {{ }} }}",          # must be a full IRI
              "SELECT * WHERE { SERVICE <http://127.0.0.1:8/> { } }",
              "SELECT * WHERE { SERVICE ?where { } }",
              "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:8/> { } }"):
        with pytest.raises(Refused, match="SERVICE"):
            check(q, allow_service=[ok])


def test_deeply_nested_queries_are_refused_and_the_server_carries_on(served, mandate_count):
    _, base = served()
    port = port_of(base)
    for _ in range(2):
        status, _, body = get(port, NESTED)
        assert status == 400 and b"nested" in body, body
    status, _, body = get(port, COUNT_MANDATES, headers={"Accept": "text/csv"})
    assert status == 200 and str(mandate_count).encode() in body


def test_cli_query_refuses_deep_nesting_with_one_line(built, tmp_path):
    rq = tmp_path / "deep.rq"
    rq.write_text(NESTED, encoding="utf-8")
    r = subprocess.run([sys.executable, "build.py", "query", str(rq), "--out", str(built)],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "nested more than 64 deep at 1:80" in r.stderr and r.stderr.count("\n") == 1


def test_a_dead_worker_is_replaced(served, mandate_count):
    proc, base = served("--workers", "2")
    port = port_of(base)
    workers = children(proc.pid)
    assert workers
    for pid in workers:              # every worker dies, as a crash in the parser would kill it
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.3)
    for _ in range(4):
        status, _, body = get(port, COUNT_MANDATES, headers={"Accept": "text/csv"})
        assert status == 200 and str(mandate_count).encode() in body


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_server_and_workers_and_frees_the_port(served, sig):
    proc, base = served()
    port = port_of(base)
    assert get(port, "ASK { }")[0] == 200
    kids = children(proc.pid)
    assert kids
    t = time.monotonic()
    proc.send_signal(sig)
    proc.wait(5)
    while any(alive(k) for k in kids) and time.monotonic() - t < 5:
        time.sleep(0.05)
    assert not [k for k in kids if alive(k)]
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))          # free: nobody, no orphaned worker, holds it
    finally:
        s.close()
    assert "Traceback" not in proc.stderr.read()


def test_host_header_must_name_this_server(served):
    _, base = served()
    port = port_of(base)
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
        assert get(port, "ASK { }", host=host)[0] == 200
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", ""):
        status, _, body = get(port, "ASK { }", host=host)
        assert status == 421, host
    assert request(port, path="/", host=f"rebound.example:{port}")[0] == 421


def test_allowed_host_names_are_answered(inprocess):
    port = inprocess(allow_hosts=["graph.example.org"])
    assert get(port, "ASK { }", host="graph.example.org")[0] == 200
    assert get(port, "ASK { }", host="other.example.org")[0] == 421


def test_no_cors_header_unless_an_origin_is_given(served, inprocess):
    _, base = served()
    status, headers, _ = get(port_of(base), "ASK { }", headers={"Origin": "http://evil.example"})
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    port = inprocess(cors="https://app.example.org")
    status, headers, _ = get(port, "ASK { }", headers={"Origin": "https://app.example.org"})
    assert headers["Access-Control-Allow-Origin"] == "https://app.example.org"


def test_bad_content_length_is_a_400(served):
    _, base = served()
    port = port_of(base)
    for value in ("-1", "abc", "99999999999"):
        status, headers, _ = request(port, "POST", headers={"Content-Type": "application/sparql-query",
                                                            "Content-Length": value})
        assert status == 400 and headers.get("Connection") == "close", value


def test_a_slow_body_times_out(inprocess):
    from graph.query.serve import Limits
    port = inprocess(limits=Limits(read_timeout=1.0))
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        s.sendall(f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
                  f"Content-Length: 100\r\n\r\nASK".encode())
        t = time.monotonic()
        answer = s.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - t < 5
    finally:
        s.close()


def test_update_sent_as_query_is_a_403(served):
    _, base = served()
    port = port_of(base)
    update = "PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c }"
    assert get(port, update)[0] == 403
    body = urllib.parse.urlencode({"query": update}).encode()
    assert request(port, "POST", body=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                     "Content-Length": str(len(body))})[0] == 403


@pytest.mark.parametrize("args, message", [(["--port", "99999"], "--port 99999"),
                                           (["--port", "-1"], "--port -1"),
                                           (["--workers", "0"], "--workers 0")])
def test_bad_port_or_workers_is_a_one_line_error(built, args, message):
    r = subprocess.run([sys.executable, "build.py", "serve", "--out", str(built), *args],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and r.stderr.startswith(f"error: {message}") and r.stderr.count("\n") == 1


def test_backlog_is_sized_for_concurrent_clients():
    from graph.query.serve import _Server
    assert _Server.request_queue_size >= 128


@pytest.mark.parametrize("make", [lambda p: p / "absent", lambda p: p])
def test_validate_on_a_missing_output_or_graph_fails(tmp_path, make):
    r = subprocess.run([sys.executable, "build.py", "validate", "--no-reasoner", "--out", str(make(tmp_path))],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "valid" not in r.stdout and r.stderr.count("\n") == 1
    assert r.stderr.startswith("error: ")
