"""Ops over real HTTP (spec sections 11 and 12, issue "Ops and security"): /metrics in the
Prometheus text format with the request series and the outbox series a seeded queue
implies, the ops page rendered by a real (headless) Chromium, ``rod-service audit``."""
from __future__ import annotations

import json
import shutil
import subprocess
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families
from typer.testing import CliRunner

from rod_service.bootstrap import bootstrap
from rod_service.cli import app as cli
from rod_service.config import Instellingen
from rod_service.outbox.bezorger import Uitkomst
from rod_service.outbox.dispatcher import Dispatcher
from rod_service.outbox.toestanden import Status
from rod_service.store.models import OutboxBericht
from rod_service.store.outbox import OutboxRepository

from ..conftest import ADMINISTRATIE_A, ADMINISTRATIE_B, VANDAAG, bedrijfsdocument
from .test_foutafhandeling import envelop, identificatie_body, post

pytestmark = pytest.mark.e2e
CHROMIUM = Path("/usr/bin/chromium")


def seed_wachtrij(register) -> None:
    """Administratie A: 2 due (oldest 120 s), 1 parked for backoff (600 s old, due in an
    hour: not counted as due), 1 dead, 2 delivered. Administratie B (no endpoint): 1 due
    (10 s) and paused."""
    nu = register.klok.nu()
    with register.sessies() as sessie, sessie.begin():
        repo = OutboxRepository(sessie)

        def plaats(oin: str, leeftijd: float, status: Status = Status.NIEUW, **velden) -> OutboxBericht:
            bericht = repo.plaats(administratie_oin=oin, operatie="verstrekkenTerugkoppelingVO", body=b"<x/>",
                                  identificatiecode=str(uuid.uuid4()), request_id=uuid.uuid4().hex,
                                  nu=nu - timedelta(seconds=leeftijd))
            bericht.status = status
            for naam, waarde in velden.items():
                setattr(bericht, naam, waarde)
            return bericht

        plaats(ADMINISTRATIE_A, 120)
        plaats(ADMINISTRATIE_A, 30)
        plaats(ADMINISTRATIE_A, 600, Status.OPNIEUW, pogingen=3, volgende_poging_op=nu + timedelta(hours=1),
               laatste_fout="[tijdelijk] geen verbinding", fout_soort="tijdelijk", laatste_poging_op=nu)
        plaats(ADMINISTRATIE_A, 7200, Status.DOOD, pogingen=5, laatste_fout="[afgewezen] HTTP 400",
               fout_soort="afgewezen", laatste_poging_op=nu - timedelta(seconds=60))
        plaats(ADMINISTRATIE_A, 100, Status.BEZORGD, pogingen=1, bezorgd_op=nu - timedelta(seconds=95))
        plaats(ADMINISTRATIE_A, 50, Status.BEZORGD, pogingen=1, bezorgd_op=nu - timedelta(seconds=49))
        plaats(ADMINISTRATIE_B, 10)
        repo.pauzeer(ADMINISTRATIE_B, nu=nu)


def metrieken(server) -> dict[tuple[str, frozenset], float]:
    antwoord = requests.get(f"{server}/metrics", timeout=10)
    assert antwoord.status_code == 200 and antwoord.headers["Content-Type"].startswith("text/plain")
    return {(m.name, frozenset(m.labels.items())): m.value
            for familie in text_string_to_metric_families(antwoord.text) for m in familie.samples}


def waarde(stand, naam: str, **labels) -> float | None:
    return stand.get((naam, frozenset(labels.items())))


def test_metrics_verzoeken_signalen_faults(server, rod):
    rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(), geboorteDatum="2012-03-14", geslacht="M",
                                                 metPGN={"burgerservicenummer": "999990007"})
    rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(verzender="00000009900000009999"),
                                                 geboorteDatum="2012-03-14", geslacht="M",
                                                 metPGN={"burgerservicenummer": "999990007"})
    assert post(server, b"<geen-soap/>").status_code == 500
    assert post(server, envelop(identificatie_body(geslacht="X"))).status_code == 500
    assert post(server, envelop("<rod:verzinsel_Request xmlns:rod='urn:rod-service:vo:v1'/>")).status_code == 500

    m = metrieken(server)
    op = "aanleverenIdentificerenPersoonVO"
    assert waarde(m, "rod_verzoeken_total", operatie=op, uitkomst="GOEDGEKEURD") == 1
    assert waarde(m, "rod_verzoeken_total", operatie=op, uitkomst="AFGEKEURD") == 1
    assert waarde(m, "rod_verzoeken_total", operatie=op, uitkomst="FOUT") == 1  # the AL02
    assert waarde(m, "rod_verzoeken_total", operatie="onbekend", uitkomst="FOUT") == 2  # bounded label
    assert waarde(m, "rod_verzoek_duur_seconden_count", operatie=op) == 2
    assert waarde(m, "rod_signalen_total", code="AL03", soort="AFKEUR") == 1
    assert waarde(m, "rod_faults_total", code="AL01") == 1
    assert waarde(m, "rod_faults_total", code="AL02") == 2


def test_metrics_wachtrij_uit_de_store(server, register):
    seed_wachtrij(register)
    m = metrieken(server)
    for status, aantal in (("nieuw", 2), ("opnieuw", 1), ("dood", 1), ("bezorgd", 2)):
        assert waarde(m, "rod_outbox_berichten", administratie=ADMINISTRATIE_A, status=status) == aantal
    assert waarde(m, "rod_outbox_berichten", administratie=ADMINISTRATIE_B, status="nieuw") == 1
    assert waarde(m, "rod_outbox_wachtend", administratie=ADMINISTRATIE_A) == 3
    # the oldest *due* message is 120 s old; the parked one (600 s) does not count
    assert 119 <= waarde(m, "rod_outbox_oudste_due_seconden", administratie=ADMINISTRATIE_A) < 150
    assert 9 <= waarde(m, "rod_outbox_oudste_due_seconden", administratie=ADMINISTRATIE_B) < 40
    assert waarde(m, "rod_outbox_dood", administratie=ADMINISTRATIE_A) == 1
    assert waarde(m, "rod_outbox_afgewezen", administratie=ADMINISTRATIE_A) == 1
    assert waarde(m, "rod_outbox_mislukte_pogingen", administratie=ADMINISTRATIE_A) == 8
    assert waarde(m, "rod_outbox_gepauzeerd", administratie=ADMINISTRATIE_B) == 1
    assert waarde(m, "rod_outbox_gepauzeerd", administratie=ADMINISTRATIE_A) == 0
    assert waarde(m, "rod_outbox_zonder_endpoint", administratie=ADMINISTRATIE_B) == 1
    assert waarde(m, "rod_outbox_zonder_endpoint", administratie=ADMINISTRATIE_A) == 0
    assert waarde(m, "rod_outbox_uitlezen_mislukt") == 0


def test_lege_wachtrij_geeft_nul(server):
    m = metrieken(server)
    assert waarde(m, "rod_outbox_oudste_due_seconden", administratie=ADMINISTRATIE_A) == 0
    assert waarde(m, "rod_outbox_wachtend", administratie=ADMINISTRATIE_B) == 0


class _NepBezorger:
    def __init__(self, uitkomsten):
        self.uitkomsten = list(uitkomsten)

    def bezorg(self, claim, *, endpoint, rod_oin):
        return self.uitkomsten.pop(0)


def test_bezorgingen_en_latentie_via_de_dispatcher(server, register):
    """The dispatcher's attempt hook feeds the per-process delivery series."""
    seed_wachtrij(register)
    from rod_service.outbox.beleid import Foutsoort

    dispatcher = Dispatcher(sessies=register.sessies, klok=register.klok, instellingen=register.instellingen.outbox,
                            bezorger=_NepBezorger([Uitkomst(True, "J"), Uitkomst(False, "HTTP 503", Foutsoort.TIJDELIJK)]),
                            bij_poging=register.metrieken.bezorging)
    assert dispatcher.run_once() == 1  # A's head (B is paused and has no endpoint)
    assert dispatcher.run_once() == 1  # A's next head: a retryable failure
    m = metrieken(server)
    assert waarde(m, "rod_outbox_bezorgingen_total", administratie=ADMINISTRATIE_A, uitkomst="bezorgd") == 1
    assert waarde(m, "rod_outbox_bezorgingen_total", administratie=ADMINISTRATIE_A, uitkomst="tijdelijk") == 1
    assert waarde(m, "rod_outbox_bezorg_latentie_seconden_count", administratie=ADMINISTRATIE_A) == 1
    # created 120 s ago, delivered now
    assert waarde(m, "rod_outbox_bezorg_latentie_seconden_bucket", administratie=ADMINISTRATIE_A, le="60.0") == 0
    assert waarde(m, "rod_outbox_bezorg_latentie_seconden_bucket", administratie=ADMINISTRATIE_A, le="300.0") == 1
    assert waarde(m, "rod_outbox_berichten", administratie=ADMINISTRATIE_A, status="bezorgd") == 3


def test_metrics_en_ops_pagina_antwoorden_terwijl_een_unit_of_work_schrijft(server, register):
    """Monitoring only reads (``Register.lezen``): on SQLite it takes no write lock, so a
    scrape and the ops page answer while a unit of work holds it, from the last committed
    state. Before, they waited for the writer (up to SQLite's 30 s busy timeout) and, once
    in, held up every delivery while they read (bench/meekijken.py)."""
    seed_wachtrij(register)
    with register.uow() as uow:
        uow.outbox.pauzeer(ADMINISTRATIE_A, nu=register.klok.nu())
        uow.session.flush()  # written, not committed: on SQLite the write lock is held
        begin = time.perf_counter()
        m = metrieken(server)
        ops = requests.get(f"{server}/ops/status.json", timeout=10).json()
        duur = time.perf_counter() - begin
        uow.commit()
    assert duur < 5, f"monitoring waited {duur:.1f} s for the writer"
    assert waarde(m, "rod_outbox_uitlezen_mislukt") == 0
    assert waarde(m, "rod_outbox_gepauzeerd", administratie=ADMINISTRATIE_A) == 0  # not committed yet
    assert not {r["oin"]: r for r in ops["administraties"]}[ADMINISTRATIE_A]["gepauzeerd"]
    assert waarde(metrieken(server), "rod_outbox_gepauzeerd", administratie=ADMINISTRATIE_A) == 1


# --- the ops page ------------------------------------------------------------------------------

def test_ops_status_json(server, register):
    seed_wachtrij(register)
    eerste = requests.get(f"{server}/ops/status.json", timeout=10).json()
    rijen = {r["oin"]: r for r in eerste["administraties"]}
    a, b = rijen[ADMINISTRATIE_A], rijen[ADMINISTRATIE_B]
    assert a["aantallen"] == {"nieuw": 2, "opnieuw": 1, "bezorgd": 2, "dood": 1} and a["wachtend"] == 3
    assert 119 <= a["oudste_due_seconden"] < 150 and a["laatste_fout"] == "[tijdelijk] geen verbinding"
    assert b["gepauzeerd"] and b["endpoint"] is None and b["wachtend"] == 1
    monster = eerste["reeks"][-1]
    assert monster["wachtend"] == {ADMINISTRATIE_A: 3, ADMINISTRATIE_B: 1}
    # the two deliveries of the seed were within the first sample's window only if recent:
    # the ring holds at most one sample per interval, and never more than an hour of them
    tweede = requests.get(f"{server}/ops/status.json", timeout=10).json()
    assert len(tweede["reeks"]) == 1 and tweede["venster"] == 3600


def test_ops_achter_admin_token(tmp_path, _http):
    from rod_service.http import maak_wsgi_app

    register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'rod.sqlite3'}", datum=VANDAAG,
                                      admin_token="geheim"))
    wissel, url = _http
    wissel.app = maak_wsgi_app(register)
    try:
        assert requests.get(f"{url}/ops", timeout=10).status_code == 401
        assert requests.get(f"{url}/ops/status.json", timeout=10).status_code == 401
        assert requests.get(f"{url}/ops?token=fout", timeout=10).status_code == 401
        pagina = requests.get(f"{url}/ops?token=geheim", timeout=10)
        assert pagina.status_code == 200 and pagina.headers["Content-Type"].startswith("text/html")
        assert requests.get(f"{url}/ops/status.json", headers={"Authorization": "Bearer geheim"},
                            timeout=10).status_code == 200
        assert requests.get(f"{url}/metrics", timeout=10).status_code == 200  # Prometheus scrapes without
    finally:
        wissel.app = None


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium, installed when missing (skip with the reason if that fails)."""
    if not CHROMIUM.exists():
        if shutil.which("apt-get") is None:
            pytest.skip("chromium is not installed and there is no apt-get to install it")
        uit = subprocess.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
                             shell=True, capture_output=True, text=True, timeout=900)
        if uit.returncode != 0 or not CHROMIUM.exists():
            pytest.skip(f"chromium could not be installed: {(uit.stderr or uit.stdout)[-500:]}")
    return CHROMIUM


def _chromium(chromium: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profiel'}", *args],
        capture_output=True, text=True, timeout=120)


def test_ops_pagina_in_een_echte_browser(server, register, chromium, tmp_path):
    seed_wachtrij(register)
    uit = _chromium(chromium, tmp_path, "--virtual-time-budget=8000", "--dump-dom", f"{server}/ops")
    assert uit.returncode == 0, uit.stderr[-2000:]
    from lxml import html

    dom = html.fromstring(uit.stdout)
    assert dom.body.get("data-geladen") == "ja", uit.stdout[:2000]
    rij_a = dom.xpath(f'//table[@id="wachtrij"]//tr[@data-oin="{ADMINISTRATIE_A}"]')[0]
    velden = {td.get("data-veld"): td.text_content() for td in rij_a.xpath("td[@data-veld]")}
    assert velden["nieuw"] == "2" and velden["opnieuw"] == "1" and velden["wachtend"] == "3"
    assert velden["bezorgd"] == "2" and velden["dood"] == "1" and 119 <= float(velden["oudste"]) < 150
    rij_b = dom.xpath(f'//table[@id="wachtrij"]//tr[@data-oin="{ADMINISTRATIE_B}"]')[0]
    assert "gepauzeerd" in rij_b.text_content()
    assert "geen verbinding" in rij_a.text_content()
    # the charts drew a series per administratie
    assert dom.xpath(f'//svg[@id="diepte"]/*[@data-oin="{ADMINISTRATIE_A}"]')
    assert ADMINISTRATIE_B in dom.xpath('string(//*[@id="legenda-diepte"])')

    # and a screenshot, as a person would see it (kept under the test's tmp dir)
    png = tmp_path / "ops.png"
    uit = _chromium(chromium, tmp_path, "--virtual-time-budget=8000", f"--screenshot={png}",
                    "--window-size=1200,800", f"{server}/ops")
    assert uit.returncode == 0 and png.exists() and png.stat().st_size > 10_000, uit.stderr[-2000:]


# --- audit -------------------------------------------------------------------------------------

def test_audit_cli(server, rod, register):
    rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(), geboorteDatum="2012-03-14", geslacht="M",
                                                 metPGN={"burgerservicenummer": "999990007"})
    rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(verzender=ADMINISTRATIE_B),
                                                 geboorteDatum="2012-03-14", geslacht="M",
                                                 metPGN={"burgerservicenummer": "999990007"})
    antwoord = post(server, envelop(identificatie_body(geslacht="X")))
    request_id = antwoord.headers["X-Request-Id"]
    url = str(register.engine.url)
    runner = CliRunner()

    uit = runner.invoke(cli, ["audit", "--database", url, "--json"])
    assert uit.exit_code == 0, uit.output
    regels = json.loads(uit.stdout)
    assert [(r["oin"], r["uitkomst"]) for r in regels] == [
        (ADMINISTRATIE_A, "GOEDGEKEURD"), (ADMINISTRATIE_B, "GOEDGEKEURD"), (ADMINISTRATIE_A, "FOUT")]
    assert regels[0]["pgn"] == "******007" and regels[0]["operatie"] == "aanleverenIdentificerenPersoonVO"
    assert regels[2]["signaalcodes"] == ["AL02"] and regels[2]["request_id"] == request_id
    assert "999990007" not in uit.stdout

    uit = runner.invoke(cli, ["audit", "--database", url, "--json", "--oin", ADMINISTRATIE_B])
    assert [r["oin"] for r in json.loads(uit.stdout)] == [ADMINISTRATIE_B]
    dag = VANDAAG.isoformat()
    uit = runner.invoke(cli, ["audit", "--database", url, "--json", "--van", dag, "--tot", dag])
    assert len(json.loads(uit.stdout)) == 3
    uit = runner.invoke(cli, ["audit", "--database", url, "--json", "--tot", (VANDAAG - timedelta(days=1)).isoformat()])
    assert json.loads(uit.stdout) == []
    uit = runner.invoke(cli, ["audit", "--database", url, "--json", "--request-id", request_id])
    assert [r["uitkomst"] for r in json.loads(uit.stdout)] == ["FOUT"]

    tabel = runner.invoke(cli, ["audit", "--database", url])
    assert tabel.exit_code == 0 and "GOEDGEKEURD" in tabel.stdout and "3 verzoek(en)" in tabel.stdout
    assert runner.invoke(cli, ["audit", "--database", url, "--van", "gisteren"]).exit_code != 0
