"""The ops surface wired into the WSGI app (http.py): ``/metrics``, ``/ops``,
``/ops/status.json``, the TLS client-certificate OIN, WS-Security and the request id."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from .status import Opsstatus
from .tls import certificaat_oin

if TYPE_CHECKING:
    from ..bootstrap import Register


def ops_routes(register: "Register", beveiligd: Callable[[Callable], Callable]) -> tuple[dict, Opsstatus]:
    """Routes for the edge's ``extra_routes``: /metrics is open (no personal data, as
    Prometheus scrapes it); /ops and its JSON sit behind the admin guard (``beveiligd``)."""
    status = Opsstatus(register)
    routes = {
        ("GET", "/metrics"): register.metrieken.route,
        ("GET", "/ops"): _token_uit_query(beveiligd(status.pagina_route)),
        ("GET", "/ops/"): _token_uit_query(beveiligd(status.pagina_route)),
        ("GET", "/ops/status.json"): beveiligd(status.status_route),
    }
    return routes, status


def edge_opties(register: "Register") -> dict:
    """Keyword arguments for ``soap.wsgi.maak_app``: who the TLS peer is, message security."""
    from .wss import uit_instellingen

    return {"certificaat_oin": certificaat_oin, "beveiliging": uit_instellingen(register.instellingen)}


def _token_uit_query(route: Callable) -> Callable:
    """A browser cannot send a bearer header when it opens a page: ``/ops?token=...``
    counts as one (the page's script then sends it as a header to status.json)."""

    def met_token(environ: dict):
        if "HTTP_AUTHORIZATION" not in environ:
            token = parse_qs(environ.get("QUERY_STRING", "")).get("token")
            if token:
                environ = {**environ, "HTTP_AUTHORIZATION": f"Bearer {token[0]}"}
        return route(environ)

    return met_token
