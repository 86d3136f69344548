"""Who may talk to the endpoint (graph.query.serve): the Host names it answers to (against DNS
rebinding), the one CORS origin if any, and the SERVICE endpoints it may call."""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Access:
    """Who may talk to the endpoint and what it may do on their behalf."""
    hosts: frozenset = frozenset()       # Host header values accepted, "name:port", lower case
    names: frozenset = frozenset()       # names accepted on any port (a proxy in front)
    any_ip: bool = False                 # bound to every address: an IP literal is accepted
    port: int = 0
    cors: str | None = None              # the one origin allowed to read answers, if any
    allow_service: tuple = ()            # endpoints a SERVICE may call


def host_allowed(header: str | None, access: Access) -> bool:
    """Whether a Host header names this server (a DNS-rebinding page sends its own name)."""
    m = re.fullmatch(r"(\[[0-9a-f:.]+\]|[^:\[\]/\s]+)(?::(\d{1,5}))?", (header or "").strip().lower())
    if not m:
        return False
    name, port = m.group(1), int(m.group(2) or 80)
    if name in access.names:
        return True
    if port != access.port:
        return False
    if f"{name}:{port}" in access.hosts:
        return True
    if access.any_ip:
        try:
            ipaddress.ip_address(name.strip("[]"))
            return True
        except ValueError:
            return False
    return False


def _access(host: str, port: int, cors, allow_hosts, allow_service) -> Access:
    bound = host.strip("[]").lower()
    names = {bound}
    try:
        ip = ipaddress.ip_address(bound)
        loopback, wildcard = ip.is_loopback, ip.is_unspecified
    except ValueError:
        loopback, wildcard = bound == "localhost", bound == ""
    if loopback or wildcard:
        names |= {"localhost", "127.0.0.1", "[::1]"}
    hosts = {f"[{n}]:{port}" if ":" in n and not n.startswith("[") else f"{n}:{port}" for n in names}
    return Access(frozenset(hosts), frozenset(n.lower() for n in allow_hosts), wildcard, port, cors,
                  tuple(allow_service))
