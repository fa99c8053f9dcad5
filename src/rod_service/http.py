"""The WSGI application of ``rod-service serve``: the SOAP edge plus the admin routes
(spec section 11). Built from a Register by the composition root; nothing at import."""
from __future__ import annotations

import hmac
import json
import re
import tempfile
import threading
from collections.abc import Callable
from datetime import date

from .bestanden.routes import bestanden_routes
from .bootstrap import Register, SamenvoegenIngehaald
from .ops.logging import met_request_id
from .ops.routes import edge_opties, ops_routes
from .paden import wsdl_map
from .referentiedata import loader
from .soap.dispatch import maak_foutregistratie, maak_verwerker
from .soap.schema import Contract
from .soap.wsgi import json_antwoord, maak_app

LOOPBACK = ("127.0.0.1", "::1", "localhost")
#: Routes with a parameter in the path, matched after the exact routes of soap/wsgi.py found nothing.
ENDPOINT_PAD = re.compile(r"/admin/administraties/(?P<oin>[0-9]{20})/endpoint")
ROUTE_PARAMETERS = "rod.route"  # environ key: the matched path parameters


def maak_wsgi_app(register: Register, *, soap_tegelijk: int | None = None) -> Callable:
    """``soap_tegelijk``: at most this many SOAP requests are handled at once in this
    process (``serve --soap-tegelijk``, default 1); the HTTP server's other threads keep
    reading requests and answering /health, /metrics, the WSDL and the admin routes.
    The request path is CPU-bound and its threads share one GIL: several at once only
    take turns on it at every database call (bench/RESULTS.md). None: no limit (tests)."""
    contract = Contract(wsdl_map() / "xsd" / "rod-vo-register.xsd")
    admin = _Admin(register)
    ops, ops_status = ops_routes(register, admin.beveiligd)  # /metrics, /ops (docs/operations.md)
    app = maak_app(
        wsdl_dir=wsdl_map(),
        wsdl_bestand="RegisterOnderwijsdeelnemersVO.wsdl",
        contract=contract,
        verwerk=maak_verwerker(register.uow, register.omgeving, register.metrieken),
        extra_routes={
            **ops,
            ("PUT", "/admin/datum"): admin.beveiligd(admin.zet_datum),
            ("GET", "/admin/datum"): admin.beveiligd(admin.lees_datum),
            ("POST", "/admin/referentiedata"): admin.beveiligd(admin.laad_referentiedata),
        },
        max_bytes=register.instellingen.max_bericht_bytes,
        bij_fout=maak_foutregistratie(register.uow, register.klok, register.metrieken),
        **edge_opties(register),  # TLS client-certificate OIN, WS-Security
        beurt=_beurt(soap_tegelijk),
    )
    app = _met_parameterroutes(app, {
        ("PUT", ENDPOINT_PAD): admin.beveiligd(admin.zet_endpoint),
        ("GET", ENDPOINT_PAD): admin.beveiligd(admin.lees_endpoint),
        **bestanden_routes(register, admin.beveiligd, ROUTE_PARAMETERS),  # /bestanden/{brin}[/{naam}]
    })
    app = met_request_id(app)  # one request id per request: logs, audit, outbox rows
    app.ops_status = ops_status  # serve samples the ops chart in the background
    return app


def _beurt(tegelijk: int | None):
    """One at a time: a plain lock (in C, cheaper than a semaphore's Python condition)."""
    if not tegelijk:
        return None
    return threading.Lock() if tegelijk == 1 else threading.BoundedSemaphore(tegelijk)


def _met_parameterroutes(app: Callable, routes: dict[tuple[str, re.Pattern], Callable]) -> Callable:
    """``app`` plus routes whose path is a pattern; its named groups go to
    ``environ[ROUTE_PARAMETERS]``. A known path with another method gets a 405."""

    def met_parameters(environ: dict, start_response: Callable):
        pad, methode = environ.get("PATH_INFO") or "/", environ["REQUEST_METHOD"]
        gevonden = [(m, r, p.fullmatch(pad)) for (m, p), r in routes.items()]
        gevonden = [(m, r, treffer) for m, r, treffer in gevonden if treffer]
        if not gevonden:
            return app(environ, start_response)
        route = next(((r, t) for m, r, t in gevonden if m == methode), None)
        if route is None:
            status, headers, body = json_antwoord("405 Method Not Allowed", {"fout": "methode niet toegestaan"})
            headers = [*headers, ("Allow", ", ".join(sorted(m for m, _, _ in gevonden)))]
        else:
            environ[ROUTE_PARAMETERS] = route[1].groupdict()
            status, headers, body = route[0](environ)
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        return [body]

    return met_parameters


def _schrijf_body(environ: dict, uit, blok: int = 2**20) -> None:
    """The request body (``Content-Length`` bytes) to the file ``uit``, a block at a time."""
    rest, invoer = int(environ.get("CONTENT_LENGTH") or 0), environ["wsgi.input"]
    while rest > 0 and (stuk := invoer.read(min(blok, rest))):
        uit.write(stuk)
        rest -= len(stuk)
    uit.flush()


def _leesjson_antwoord(environ: dict) -> dict:
    lengte = int(environ.get("CONTENT_LENGTH") or 0)
    return json.loads(environ["wsgi.input"].read(lengte) or b"{}")


class _Admin:
    def __init__(self, register: Register) -> None:
        self.register = register

    def beveiligd(self, route: Callable) -> Callable:
        """Bearer token when ROD_ADMIN_TOKEN is set; otherwise loopback only."""
        token = self.register.instellingen.admin_token

        def afgeschermd(environ: dict):
            if token:
                gegeven = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ")
                if not hmac.compare_digest(gegeven.encode(), token.encode()):
                    return json_antwoord("401 Unauthorized", {"fout": "bearer token vereist"})
            elif environ.get("REMOTE_ADDR") not in LOOPBACK:
                return json_antwoord("403 Forbidden", {"fout": "admin alleen via loopback zonder ROD_ADMIN_TOKEN"})
            try:
                return route(environ)
            except (ValueError, KeyError, TypeError) as fout:
                return json_antwoord("400 Bad Request", {"fout": str(fout)})

        return afgeschermd

    def lees_datum(self, environ: dict):
        self.register.ververs()
        klok = self.register.klok
        return json_antwoord("200 OK", {"datum": klok.vandaag().isoformat(), "vast": klok.is_vast})

    def zet_datum(self, environ: dict):
        """``{"datum": "YYYY-MM-DD"}`` fixes today; ``{"datum": null}`` returns to the real date."""
        waarde = _leesjson_antwoord(environ)["datum"]
        self.register.zet_datum(date.fromisoformat(waarde) if waarde else None)
        return self.lees_datum(environ)

    def laad_referentiedata(self, environ: dict):
        """The JSON document as body; ``?modus=samenvoegen`` merges, default replaces. The
        body goes to a temporary file first and is read from there as ``referentiedata load
        FILE`` reads one: a replacing national-size document streams in flat memory
        (``laad_referentiedata_stroom``) instead of being parsed whole in this process."""
        modus = "samenvoegen" if "modus=samenvoegen" in environ.get("QUERY_STRING", "") else "vervangen"
        with tempfile.NamedTemporaryFile(prefix="rod-referentiedata-", suffix=".json") as bestand:
            _schrijf_body(environ, bestand)
            try:
                if modus == "samenvoegen":  # the BRP copy in the store is merged into, not read
                    rd = self.register.voeg_referentiedata_samen(loader.lees(bestand.name, gedeeltelijk=True))
                else:
                    rd = self.register.laad_referentiedata_stroom(bestand.name)
            except loader.ReferentiedataFout as fout:  # the body's problems, without the temporary file's name
                return json_antwoord("422 Unprocessable Entity", {"fout": str(loader.ReferentiedataFout(fout.fouten))})
            except SamenvoegenIngehaald as fout:  # other loads kept overtaking it: nothing stored
                return json_antwoord("409 Conflict", {"fout": str(fout)})
        return json_antwoord("200 OK", {"modus": modus, "instellingen": len(rd.instellingen),
                                        "personen": self.register.aantal_brp_personen()})

    def lees_endpoint(self, environ: dict):
        """Where the administratie's pushes go now: ``bron`` is ``override`` or ``referentiedata``."""
        from .outbox.ontvangers import Ontvangers

        oin = environ[ROUTE_PARAMETERS]["oin"]
        if self.register.referentiedata.administratie(oin) is None:
            return json_antwoord("404 Not Found", {"fout": f"administratie {oin} is niet bekend"})
        with self.register.lezen() as sessie:
            ontvanger = Ontvangers().stand(sessie).get(oin)
        return json_antwoord("200 OK", {"oin": oin, "endpoint": ontvanger.endpoint, "bron": ontvanger.bron,
                                "gepauzeerd": ontvanger.gepauzeerd})

    def zet_endpoint(self, environ: dict):
        """``{"endpoint": URL}`` overrides the reference data's endpoint (stored, so every
        process delivers there); ``{"endpoint": null}`` drops the override."""
        from .outbox.ontvangers import controleer_endpoint

        oin = environ[ROUTE_PARAMETERS]["oin"]
        if self.register.referentiedata.administratie(oin) is None:
            return json_antwoord("404 Not Found", {"fout": f"administratie {oin} is niet bekend"})
        waarde = _leesjson_antwoord(environ)["endpoint"]
        if waarde is not None and not isinstance(waarde, str):
            raise ValueError("endpoint moet een URL (tekst) of null zijn")
        with self.register.uow() as uow:
            uow.outbox.zet_endpoint(oin, controleer_endpoint(waarde) if waarde else None, nu=self.register.klok.nu())
            uow.commit()
        return self.lees_endpoint(environ)
