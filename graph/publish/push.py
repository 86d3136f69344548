"""Publishing into a SPARQL server over the SPARQL 1.1 Graph Store HTTP Protocol.

Every named graph of ``graph.trig`` (one per document, ``mgid:graph/entities``) and the ontology
(``<https://w3id.org/mandate-graph/ontology>``, from ``ontology/mandate-graph.nt``) is sent as
N-Triples with ``PUT URL?graph=IRI`` (which replaces the graph); a graph pushed before whose
document is gone is removed with ``DELETE``. Only graphs whose content changed since the last
push to the same URL are sent: their SHA-256 are kept in ``out/.push-state.json`` (not part of the
output's manifest; a build carries it into the new output). A request that fails for the network
or a 5xx/408/429 answer is retried with a growing pause; credentials, if the server needs them,
come from MANDATE_GRAPH_STORE_USER and MANDATE_GRAPH_STORE_PASSWORD (HTTP Basic).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from graph.publish.progress import Progress

STATE_NAME = ".push-state.json"
ONTOLOGY_GRAPH = "https://w3id.org/mandate-graph/ontology"
USER_VAR, PASSWORD_VAR = "MANDATE_GRAPH_STORE_USER", "MANDATE_GRAPH_STORE_PASSWORD"
_RETRY_STATUS = {408, 429, 500, 502, 503, 504}


class PushError(Exception):
    """A push that could not finish; the message is one line for the user."""


def carry_state(old: Path, folder: Path) -> None:
    """Keep what was pushed from ``old`` (the output being replaced) in the new output ``folder``."""
    state = Path(old) / STATE_NAME
    if state.is_file():
        shutil.copyfile(state, Path(folder) / STATE_NAME)


def graphs(out: Path) -> dict[str, bytes]:
    """Each named graph of the output as sorted N-Triples, by graph IRI."""
    out = Path(out)
    trig = out / "graph.trig"
    if not trig.is_file():
        raise PushError(f"{trig}: no such file (run the build first)")
    by_graph: dict[str, list[str]] = {}
    for quad in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        by_graph.setdefault(name, []).append(f"{ox.Triple(quad.subject, quad.predicate, quad.object)} .\n")
    onto = out / "ontology" / "mandate-graph.nt"
    if onto.is_file():
        by_graph[ONTOLOGY_GRAPH] = [f"{t} .\n" for t in ox.parse(path=str(onto), format=ox.RdfFormat.N_TRIPLES)]
    if "" in by_graph:
        raise PushError(f"{trig}: triples outside a named graph")
    return {name: "".join(sorted(lines)).encode("utf-8") for name, lines in sorted(by_graph.items())}


def push(*, out: Path, store: str, retries: int = 4, timeout: float = 60.0, log=print) -> dict[str, int]:
    """Send the changed graphs of ``out`` to the Graph Store ``store``; returns the counts of
    graphs ``sent``, ``deleted`` and ``unchanged``."""
    out = Path(out)
    state_path = out / STATE_NAME
    state = _read_state(state_path)
    pushed: dict[str, str] = dict(state.get("stores", {}).get(store, {}))
    current = graphs(out)
    hashes = {name: hashlib.sha256(body).hexdigest() for name, body in current.items()}
    send = [name for name in current if pushed.get(name) != hashes[name]]
    gone = sorted(set(pushed) - set(current))
    log(f"push      {len(current)} graphs: {len(send)} to send, {len(gone)} to delete, "
        f"{len(current) - len(send)} unchanged, to {store}")
    client = _Client(store, retries=retries, timeout=timeout)
    progress = Progress("push", len(send) + len(gone), unit="graphs")
    try:
        for name in send:
            client.request("PUT", name, current[name])
            pushed[name] = hashes[name]
            progress.advance()
            if progress.done % 100 == 0:
                _write_state(state_path, state, store, pushed)
        for name in gone:
            client.request("DELETE", name)
            pushed.pop(name, None)
            progress.advance()
    finally:
        progress.close()
        _write_state(state_path, state, store, pushed)
    log(f"pushed    {len(send)} graphs sent, {len(gone)} deleted in {time.perf_counter() - progress.t0:.2f}s")
    return {"sent": len(send), "deleted": len(gone), "unchanged": len(current) - len(send)}


class _Client:
    def __init__(self, store: str, *, retries: int, timeout: float):
        parts = urllib.parse.urlsplit(store)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PushError(f"--store {store}: not an http(s) URL")
        self.store, self.retries, self.timeout = store, retries, timeout
        user, password = os.environ.get(USER_VAR), os.environ.get(PASSWORD_VAR)
        self.auth = None
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            self.auth = f"Basic {token}"

    def url(self, graph: str) -> str:
        sep = "&" if "?" in self.store else "?"
        return f"{self.store}{sep}{urllib.parse.urlencode({'graph': graph})}"

    def request(self, method: str, graph: str, body: bytes | None = None) -> None:
        headers = {"Content-Type": "application/n-triples"} if body is not None else {}
        if self.auth:
            headers["Authorization"] = self.auth
        for attempt in range(self.retries + 1):
            req = urllib.request.Request(self.url(graph), data=body, method=method, headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as answer:
                    answer.read()
                return
            except urllib.error.HTTPError as exc:
                if method == "DELETE" and exc.code == 404:
                    return                              # already gone
                if exc.code not in _RETRY_STATUS or attempt == self.retries:
                    detail = exc.read()[:200].decode("utf-8", "replace").strip()
                    raise PushError(f"{method} {graph}: {exc.code} {exc.reason}"
                                    f"{': ' + detail if detail else ''}") from None
            except (urllib.error.URLError, OSError) as exc:
                if attempt == self.retries:
                    reason = getattr(exc, "reason", exc)
                    raise PushError(f"{method} {graph}: cannot reach {self.store} ({reason})") from None
            time.sleep(min(0.5 * 2 ** attempt, 10.0))


def _read_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_state(path: Path, state: dict, store: str, pushed: dict[str, str]) -> None:
    state = dict(state, format="mandate-graph push state 1")
    state["stores"] = dict(state.get("stores", {}), **{store: dict(sorted(pushed.items()))})
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)
