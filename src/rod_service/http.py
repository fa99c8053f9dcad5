"""The WSGI application of ``rod-service serve``: the SOAP edge plus the admin routes
(spec section 11). Built from a Register by the composition root; nothing at import."""
from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from datetime import date

from .bootstrap import Register
from .paden import wsdl_map
from .referentiedata import loader
from .soap.dispatch import maak_foutregistratie, maak_verwerker
from .soap.schema import Contract
from .soap.wsgi import maak_app

JSON = ("Content-Type", "application/json")
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def maak_wsgi_app(register: Register) -> Callable:
    contract = Contract(wsdl_map() / "xsd" / "rod-vo-register.xsd")
    admin = _Admin(register)
    return maak_app(
        wsdl_dir=wsdl_map(),
        wsdl_bestand="RegisterOnderwijsdeelnemersVO.wsdl",
        contract=contract,
        verwerk=maak_verwerker(register.uow, register.omgeving),
        extra_routes={
            ("PUT", "/admin/datum"): admin.beveiligd(admin.zet_datum),
            ("GET", "/admin/datum"): admin.beveiligd(admin.lees_datum),
            ("POST", "/admin/referentiedata"): admin.beveiligd(admin.laad_referentiedata),
        },
        max_bytes=register.instellingen.max_bericht_bytes,
        bij_fout=maak_foutregistratie(register.uow, register.klok),
    )


def _json(status: str, inhoud: dict):
    return status, [JSON], json.dumps(inhoud, ensure_ascii=False).encode()


def _lees_json(environ: dict) -> dict:
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
                    return _json("401 Unauthorized", {"fout": "bearer token vereist"})
            elif environ.get("REMOTE_ADDR") not in LOOPBACK:
                return _json("403 Forbidden", {"fout": "admin alleen via loopback zonder ROD_ADMIN_TOKEN"})
            try:
                return route(environ)
            except (ValueError, KeyError, TypeError) as fout:
                return _json("400 Bad Request", {"fout": str(fout)})

        return afgeschermd

    def lees_datum(self, environ: dict):
        klok = self.register.klok
        return _json("200 OK", {"datum": klok.vandaag().isoformat(), "vast": klok.is_vast})

    def zet_datum(self, environ: dict):
        """``{"datum": "YYYY-MM-DD"}`` fixes today; ``{"datum": null}`` returns to the real date."""
        waarde = _lees_json(environ)["datum"]
        self.register.klok.zet(date.fromisoformat(waarde) if waarde else None)
        return self.lees_datum(environ)

    def laad_referentiedata(self, environ: dict):
        """The JSON document as body; ``?modus=samenvoegen`` merges, default replaces."""
        modus = "samenvoegen" if "modus=samenvoegen" in environ.get("QUERY_STRING", "") else "vervangen"
        try:
            document = _lees_json(environ)
            if modus == "samenvoegen":
                document = loader.samenvoegen(self.register.huidig_document(), document)
            gelezen = loader.lees(document)
        except loader.ReferentiedataFout as fout:
            return _json("422 Unprocessable Entity", {"fout": str(fout)})
        self.register.laad_referentiedata(gelezen)
        return _json("200 OK", {"modus": modus, "instellingen": len(gelezen.get("instellingen", [])),
                                "personen": len(gelezen.get("personen", []))})
