"""Where scenarios run.

:class:`EigenServer` — our own service, in this process: one waitress server on a free
loopback port whose WSGI app is swapped per scenario, each scenario on a fresh temporary
SQLite database (a copy of one migrated template holding the shipped reference data, plus
the scenario's overlay), the service date set through ``PUT /admin/datum`` as for any
target, the outbox delivered by a dispatcher thread with test-bench timings, and the KWC
batch run in-process with its CSV fetched over ``GET /bestanden/{brin}/{naam}``.

:class:`ExternDoel` — any endpoint implementing the WSDL (``--target``). State is theirs:
scenarios run in catalogue order on whatever the target holds. The admin routes of our
HTTP surface (spec section 11) are used when the target offers them: ``PUT /admin/datum``
for the scenario's date and clock moves, ``PUT /admin/administraties/{oin}/endpoint`` to
point pushes at our receiver; both are put back as they were at the end. What a target
cannot do is skipped with the reason (:meth:`ExternDoel.reden_overslaan`).
"""
from __future__ import annotations

import shutil
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import requests

from .catalogus import ADMINISTRATIES, Scenario

if TYPE_CHECKING:
    from ..bootstrap import Register

#: Test-bench outbox timings: a push is picked up and retried within a fraction of a second.
SNEL = {"ROD_OUTBOX_INTERVAL": "0.05", "ROD_OUTBOX_BASIS": "0.2", "ROD_OUTBOX_MINIMUM": "0.05",
        "ROD_OUTBOX_PLAFOND": "0.5", "ROD_OUTBOX_TIMEOUT": "5", "ROD_OUTBOX_CLAIM": "6"}
PAD = "/rod/vo"


class NietUitvoerbaar(Exception):
    """The target cannot do what a scenario needs (the scenario is skipped with this reason)."""


class Doel:
    """What the runner needs from a target."""

    naam: str = ""
    endpoint: str = ""  # the SOAP endpoint
    wsdl: str = ""

    def reden_overslaan(self, scenario: Scenario) -> str | None:
        return None

    def begin(self, scenario: Scenario, ontvanger_url: str | None) -> None:
        """Prepare for ``scenario``: database, service date, push endpoints."""

    def zet_datum(self, datum: date) -> None:
        raise NotImplementedError

    def kwc(self, brin: str) -> tuple[list[dict[str, str]], str]:
        """Run the KWC batch for ``brin``; (rows of its CSV, the CSV text)."""
        raise NietUitvoerbaar("de KWC-batch draait alleen tegen de eigen server (zonder --target)")

    def einde(self, scenario: Scenario) -> None:
        """After ``scenario`` (also when it failed)."""

    def sluit(self) -> None:
        """After the run."""


class _Admin:
    """The admin routes of a target (bearer token optional)."""

    def __init__(self, basis: str, token: str | None) -> None:
        self.basis = basis.rstrip("/")
        self.kop = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, pad: str) -> requests.Response:
        return requests.get(f"{self.basis}{pad}", headers=self.kop, timeout=15)

    def put(self, pad: str, inhoud: dict) -> requests.Response:
        return requests.put(f"{self.basis}{pad}", json=inhoud, headers=self.kop, timeout=15)

    def zet_datum(self, datum: date | None) -> None:
        antwoord = self.put("/admin/datum", {"datum": datum.isoformat() if datum else None})
        if antwoord.status_code != 200:
            raise NietUitvoerbaar(f"PUT /admin/datum gaf HTTP {antwoord.status_code}: {antwoord.text[:200]}")

    def zet_endpoint(self, oin: str, url: str | None) -> None:
        antwoord = self.put(f"/admin/administraties/{oin}/endpoint", {"endpoint": url})
        if antwoord.status_code != 200:
            raise NietUitvoerbaar(f"PUT /admin/administraties/{oin}/endpoint gaf HTTP {antwoord.status_code}: "
                                  f"{antwoord.text[:200]}")


class _Wissel:
    """One WSGI entry point whose app is replaced per scenario."""

    def __init__(self) -> None:
        self.app = None

    def __call__(self, environ, start_response):
        app = self.app
        if app is None:
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"geen scenario actief\n"]
        return app(environ, start_response)


class EigenServer(Doel):
    """Our own service in this process (see the module docstring)."""

    naam = "eigen server (in-process)"

    def __init__(self, werkmap: Path | None = None, *, fixtures: Path | None = None, threads: int = 4) -> None:
        from waitress import create_server

        self._tijdelijk = None if werkmap is not None else tempfile.TemporaryDirectory(prefix="rod-conformance-")
        self.werkmap = Path(werkmap) if werkmap is not None else Path(self._tijdelijk.name)
        self._sjabloon = self.werkmap / "sjabloon.sqlite3"
        self._maak_sjabloon()
        self._wissel = _Wissel()
        self._server = create_server(self._wissel, host="127.0.0.1", port=0, threads=threads)
        self._draad = threading.Thread(target=self._server.run, name="conformance-server", daemon=True)
        self._draad.start()
        self.basis = f"http://127.0.0.1:{self._server.effective_port}"
        self.endpoint, self.wsdl = f"{self.basis}{PAD}", f"{self.basis}{PAD}?wsdl"
        self.admin = _Admin(self.basis, None)
        self.register: Register | None = None
        self._dispatcher = None
        self._teller = 0
        self.fixtures = fixtures

    def _maak_sjabloon(self) -> None:
        """Migrated once, the shipped reference data loaded as 'geladen' so that every copy
        starts without re-reading the default file."""
        from ..bootstrap import bootstrap
        from ..config import Instellingen
        from ..referentiedata import loader

        register = bootstrap(Instellingen(database_url=f"sqlite:///{self._sjabloon}"))
        register.laad_referentiedata(loader.lees(loader.standaard_pad()))
        register.engine.dispose()

    def begin(self, scenario: Scenario, ontvanger_url: str | None) -> None:
        from ..bootstrap import bootstrap
        from ..config import Instellingen
        from ..http import maak_wsgi_app
        from ..outbox.instellingen import OutboxInstellingen
        from ..referentiedata import loader

        self._teller += 1
        db = self.werkmap / f"scenario-{self._teller}.sqlite3"
        shutil.copyfile(self._sjabloon, db)
        instellingen = Instellingen(database_url=f"sqlite:///{db}", datum=scenario.datum,
                                    outbox=OutboxInstellingen.uit_omgeving(SNEL))
        self.register = register = bootstrap(instellingen, migreren=False)
        if scenario.referentiedata != "standaard":
            extra = loader.lees(self._fixture(scenario.referentiedata), gedeeltelijk=True)
            register.voeg_referentiedata_samen(extra)
        self._wissel.app = maak_wsgi_app(register)
        self.admin.zet_datum(scenario.datum)
        if "pushes" in scenario.vereisten():
            if ontvanger_url is None:
                raise NietUitvoerbaar("geen LAS-ontvanger voor de pushes")
            for oin in ADMINISTRATIES.values():
                self.admin.zet_endpoint(oin, ontvanger_url)
            self._dispatcher = register.dispatcher().start()

    def _fixture(self, naam: str) -> Path:
        if self.fixtures is None:
            raise NietUitvoerbaar("geen map met fixtures")
        return self.fixtures / naam

    def zet_datum(self, datum: date) -> None:
        self.admin.zet_datum(datum)

    def kwc(self, brin: str) -> tuple[list[dict[str, str]], str]:
        from ..bestanden.kwc import lees_csv
        from ..service.kwaliteitscontrole import draai

        draai(self.register, brins=[brin])
        lijst = self.admin.get(f"/bestanden/{brin}")
        lijst.raise_for_status()
        kwc = sorted((b for b in lijst.json()["bestanden"] if b["soort"] == "KWC"),
                     key=lambda b: (b["aangemaaktOp"], b["naam"]))
        if not kwc:
            raise AssertionError(f"de KWC-batch schreef geen KWC-bestand voor {brin}")
        naam = f"KWC_{brin}_{self.register.klok.vandaag():%Y%m%d}.csv"
        gekozen = next((b for b in kwc if b["naam"] == naam), kwc[-1])
        inhoud = self.admin.get(gekozen["href"])
        inhoud.raise_for_status()
        return lees_csv(inhoud.content), inhoud.content.decode("utf-8")

    def einde(self, scenario: Scenario) -> None:
        if self._dispatcher is not None:
            self._dispatcher.stop()
            self._dispatcher = None
        self._wissel.app = None
        if self.register is not None:
            self.register.engine.dispose()
            pad = Path(self.register.instellingen.database_url.removeprefix("sqlite:///"))
            self.register = None
            for bestand in (pad, Path(f"{pad}-wal"), Path(f"{pad}-shm")):
                bestand.unlink(missing_ok=True)

    def sluit(self) -> None:
        self._server.close()
        self._draad.join(5)
        if self._tijdelijk is not None:
            self._tijdelijk.cleanup()


class ExternDoel(Doel):
    """A remote endpoint (see the module docstring). ``endpoint`` is the SOAP address
    (``http://host:8080/rod/vo``); ``admin`` the base of its admin routes (default: the
    endpoint's scheme, host and port)."""

    def __init__(self, endpoint: str, *, admin: str | None = None, token: str | None = None,
                 wsdl: str | None = None) -> None:
        from urllib.parse import urlsplit

        self.endpoint = endpoint.removesuffix("?wsdl").removesuffix("?WSDL").rstrip("/")
        self.wsdl = wsdl or f"{self.endpoint}?wsdl"
        deel = urlsplit(self.endpoint)
        self.admin = _Admin(admin or f"{deel.scheme}://{deel.netloc}", token)
        self.naam = f"extern: {self.endpoint}"
        self._klok_reden: str | None = None
        self._oorspronkelijke_datum: tuple[bool, date | None] | None = None
        self._endpoints: dict[str, str | None] = {}
        self._endpoint_reden: str | None = None
        self._verkend = False

    def _verken(self) -> None:
        """Once: may we set the clock? (and remember it to put it back)."""
        if self._verkend:
            return
        self._verkend = True
        try:
            antwoord = self.admin.get("/admin/datum")
        except requests.RequestException as fout:
            self._klok_reden = f"de admin-routes van het doel zijn niet bereikbaar ({fout.__class__.__name__})"
            return
        if antwoord.status_code != 200:
            self._klok_reden = (f"het doel laat de datum niet zetten (GET /admin/datum: HTTP {antwoord.status_code}; "
                                f"geef --admin-token of --admin)")
            return
        stand = antwoord.json()
        self._oorspronkelijke_datum = (bool(stand.get("vast")),
                                       date.fromisoformat(stand["datum"]) if stand.get("datum") else None)

    def reden_overslaan(self, scenario: Scenario) -> str | None:
        nodig = scenario.vereisten()
        if "batch" in nodig:
            return ("KW-signalen komen uit de wekelijkse KWC-batch, die niet via SOAP te starten is: "
                    "draai dit scenario tegen de eigen server (zonder --target)")
        if "referentiedata" in nodig:
            return (f"heeft eigen referentiedata ({scenario.referentiedata}); die zetten we niet op een "
                    f"gedeeld doel: draai het tegen de eigen server")
        if "verse_database" in nodig:
            return "vraagt een lege database (vereist: verse_database); het doel houdt de stand van eerdere runs"
        self._verken()
        if "klok" in nodig and self._klok_reden:
            return f"vraagt servicedatum {scenario.datum}: {self._klok_reden}"
        if "pushes" in nodig and self._endpoint_reden:
            return self._endpoint_reden
        return None

    def begin(self, scenario: Scenario, ontvanger_url: str | None) -> None:
        nodig = scenario.vereisten()
        if "klok" in nodig:
            self.admin.zet_datum(scenario.datum)
        if "pushes" in nodig:
            if ontvanger_url is None:
                raise NietUitvoerbaar("geen LAS-ontvanger voor de pushes")
            try:
                for oin in ADMINISTRATIES.values():
                    if oin not in self._endpoints:
                        huidig = self.admin.get(f"/admin/administraties/{oin}/endpoint")
                        stand = huidig.json() if huidig.status_code == 200 else {}
                        self._endpoints[oin] = stand.get("endpoint") if stand.get("bron") == "override" else None
                    self.admin.zet_endpoint(oin, ontvanger_url)
            except (NietUitvoerbaar, requests.RequestException, ValueError) as fout:
                self._endpoint_reden = f"kan de LAS-ontvanger niet als endpoint registreren: {fout}"
                raise NietUitvoerbaar(self._endpoint_reden) from None

    def zet_datum(self, datum: date) -> None:
        self.admin.zet_datum(datum)

    def sluit(self) -> None:
        """Put the date and the endpoint overrides back as they were."""
        for oin, url in self._endpoints.items():
            try:
                self.admin.zet_endpoint(oin, url)
            except (NietUitvoerbaar, requests.RequestException):
                pass
        if self._oorspronkelijke_datum is not None:
            vast, datum = self._oorspronkelijke_datum
            try:
                self.admin.zet_datum(datum if vast else None)
            except (NietUitvoerbaar, requests.RequestException):
                pass
