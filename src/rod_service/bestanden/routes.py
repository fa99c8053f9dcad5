"""``GET /bestanden/{brin}`` (the school's files of the last 90 days as JSON) and
``GET /bestanden/{brin}/{naam}`` (one file) — spec section 11. The files hold personal data:
served to the admin guard (bearer token; loopback when no token is set), or to a verified
TLS client certificate whose OIN is authorised for that brin: the administratie that serves
it or one of its SaaS vendors (``leveranciersOins``), as for AL03."""
from __future__ import annotations

import re
from collections.abc import Callable

from ..ops.tls import certificaat_oin
from ..soap.wsgi import json_antwoord

BESTANDEN_PAD = re.compile(r"/bestanden/(?P<brin>[0-9]{2}[A-Z]{2})/?")
BESTAND_PAD = re.compile(r"/bestanden/(?P<brin>[0-9]{2}[A-Z]{2})/(?P<naam>[A-Za-z0-9][A-Za-z0-9_.\-]{0,254})")
SOORTEN = {".csv": "text/csv; charset=utf-8", ".html": "text/html; charset=utf-8", ".pdf": "application/pdf",
           ".txt": "text/plain; charset=utf-8"}


def bestanden_routes(register, beveiligd: Callable[[Callable], Callable], parameters: str) -> dict:
    """The routes for http.py's pattern table; ``parameters``: the environ key holding the
    matched path parameters."""
    from ..service.kwaliteitscontrole import bestand, bestanden_van

    def lijst(environ: dict):
        brin = environ[parameters]["brin"]
        return json_antwoord("200 OK", {"brin": brin, "bestanden": [
            {"naam": b.naam, "soort": b.soort, "grootte": b.grootte,
             "aangemaaktOp": b.aangemaakt_op.strftime("%Y-%m-%dT%H:%M:%SZ"),
             "href": f"/bestanden/{brin}/{b.naam}"} for b in bestanden_van(register, brin)]})

    def download(environ: dict):
        brin, naam = environ[parameters]["brin"], environ[parameters]["naam"]
        inhoud = bestand(register, brin, naam)
        if inhoud is None:
            return json_antwoord("404 Not Found", {"fout": f"geen bestand {naam} voor {brin}"})
        soort = next((t for ext, t in SOORTEN.items() if naam.endswith(ext)), "application/octet-stream")
        return "200 OK", [("Content-Type", soort), ("Content-Disposition", f'attachment; filename="{naam}"')], inhoud

    def voor_school(route: Callable) -> Callable:
        via_admin = beveiligd(route)

        def toegang(environ: dict):
            oin = certificaat_oin(environ)
            administratie = register.referentiedata.administratie_voor_brin(environ[parameters]["brin"])
            if oin is not None and administratie is not None and oin in (
                    administratie.oin, *administratie.leveranciers_oins):
                return route(environ)
            return via_admin(environ)

        return toegang

    return {("GET", BESTANDEN_PAD): voor_school(lijst), ("GET", BESTAND_PAD): voor_school(download)}
