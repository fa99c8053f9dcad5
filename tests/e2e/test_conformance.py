"""The conformance suite end to end: the whole catalogue against our own server (in-process,
a fresh database per scenario, one HTTP server for all of them), a broken target whose
report names the failing rule with expected and actual, and the traffic report of an
administratie that sent a mix of good and bad messages."""
from __future__ import annotations

import json
import threading
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import pytest
import requests
from typer.testing import CliRunner
from waitress import create_server

from rod_service.cli import app as cli
from rod_service.conformance import catalogus as kat
from rod_service.conformance.doelen import EigenServer
from rod_service.conformance.rapport import html_rapport, junit
from rod_service.conformance.uitvoering import GEFAALD, GESLAAGD, OVERGESLAGEN, Uitvoerder
from rod_service.conformance.verkeer import maak
from rod_service.las import start_ontvanger
from rod_service.paden import wsdl_map
from rod_service.soap.schema import Contract
from rod_service.soap.wsgi import maak_app
from rod_service.store import models as m

from ..conftest import ADMINISTRATIE_A, ADMINISTRATIE_B, ROD_OIN, bedrijfsdocument
from .test_foutafhandeling import envelop, identificatie_body

pytestmark = pytest.mark.e2e

#: Scenarios that fail on our own server for a known reason in another part of the code.
#: Each must fail (strict): when the cause is fixed, the test says so and the entry goes.
BEKENDE_AFWIJKINGEN: dict[str, str] = {}  # scenario id -> why our own server fails it (none now)


@pytest.fixture(scope="module")
def catalogus():
    return kat.laad()


@pytest.fixture(scope="module")
def eigen(catalogus, tmp_path_factory):
    doel = EigenServer(tmp_path_factory.mktemp("conformance"), fixtures=catalogus.fixtures)
    yield doel
    doel.sluit()


@pytest.fixture(scope="module")
def ontvanger():
    handle = start_ontvanger(port=0)
    yield handle
    handle.stop()


def test_de_hele_catalogus_slaagt_tegen_de_eigen_server(catalogus, eigen, ontvanger):
    run = Uitvoerder(catalogus, eigen, ontvanger=ontvanger).draai(
        catalogus.scenarios, kat.lees_regels(catalogus.map / "regels.txt"))
    per_id = {u.scenario.id: u for u in run.uitkomsten}
    onverwacht = {i: u.verschiltekst() or u.melding for i, u in per_id.items()
                  if u.status != GESLAAGD and i not in BEKENDE_AFWIJKINGEN}
    assert onverwacht == {}, "\n\n".join(f"{i}:\n{t}" for i, t in onverwacht.items())
    for i, reden in BEKENDE_AFWIJKINGEN.items():
        assert per_id[i].status == GEFAALD, f"{i} passes now: remove it from BEKENDE_AFWIJKINGEN ({reden})"
    regels = {r.code: r.status for r in run.per_regel()}
    assert set(regels) == set(kat.lees_regels(catalogus.map / "regels.txt"))
    assert {c for c, s in regels.items() if s != GESLAAGD} == {
        c for i in BEKENDE_AFWIJKINGEN for c in per_id[i].scenario.regels}
    assert run.duur < 90, f"the catalogue took {run.duur:.0f} s"


# -- a broken target --------------------------------------------------------------------------

def _stub_app():
    """A target that serves our WSDL, checks requests against our XSD like any decent edge,
    and then answers every operation GOEDGEKEURD without a signal."""
    ns = "urn:rod-service:vo:v1"

    def verwerk(verzoek, context):
        tekst = lambda naam: verzoek.body.findtext(f"{{{ns}}}{naam}")  # noqa: E731
        operatie = verzoek.operatie.removesuffix("_Request")
        nu = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = (f'<r:{operatie}_Response xmlns:r="{ns}"><r:identificatiecodeBedrijfsdocument>{uuid.uuid4()}'
                f"</r:identificatiecodeBedrijfsdocument><r:verzendendeInstantie>{tekst('ontvangendeInstantie')}"
                f"</r:verzendendeInstantie><r:ontvangendeInstantie>{tekst('verzendendeInstantie')}"
                f"</r:ontvangendeInstantie><r:datumTijdBedrijfsdocument>{nu}</r:datumTijdBedrijfsdocument>"
                f"<r:ontvangstBevestiging>J</r:ontvangstBevestiging><r:terugkoppeling><r:identificatiecodeAanlevering>"
                f"{tekst('identificatiecodeBedrijfsdocument')}</r:identificatiecodeAanlevering>"
                f"<r:status>GOEDGEKEURD</r:status></r:terugkoppeling></r:{operatie}_Response>")
        return (f'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{body}</s:Body>'
                f"</s:Envelope>").encode(), None

    return maak_app(wsdl_dir=wsdl_map(), wsdl_bestand="RegisterOnderwijsdeelnemersVO.wsdl",
                    contract=Contract(wsdl_map() / "xsd" / "rod-vo-register.xsd"), verwerk=verwerk)


@pytest.fixture
def stub():
    server = create_server(_stub_app(), host="127.0.0.1", port=0, threads=2)
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    yield f"http://127.0.0.1:{server.effective_port}/rod/vo"
    server.close()


def test_een_kapot_doel_geeft_verschillen_per_regel(stub, tmp_path):
    junit_pad, html_pad = tmp_path / "junit.xml", tmp_path / "rapport.html"
    uit = CliRunner().invoke(cli, ["conformance", "run", "--target", stub, "--rule", "IS07", "--rule", "AL01",
                                   "--rule", "ID04", "--junit", str(junit_pad), "--html", str(html_pad)])
    assert uit.exit_code == 1, uit.output
    assert "IS07-onderwijsaanbieder" in uit.output and "status: verwacht AFGEKEURD; ontvangen GOEDGEKEURD" in uit.output

    suites = {s.get("name"): s for s in ET.parse(junit_pad).getroot()}
    gevallen = {c.get("name"): c for c in suites["scenarios"].iter("testcase")}
    fout = gevallen["IS07-onderwijsaanbieder"].find("failure")
    assert fout is not None
    assert "stap 2" in fout.get("message") and "status: verwacht AFGEKEURD; ontvangen GOEDGEKEURD" in fout.text
    assert ("signaal IS07: verwacht aanwezig: IS07@inschrijvingPeriodeVO[2]/onderwijsaanbieder; "
            "ontvangen (geen signalen)") in fout.text
    assert gevallen["AL01-geen-goedgevormde-xml"].find("failure") is None  # the stub's edge does AL01 right
    overgeslagen = gevallen["ID04-geboortedatum"].find("skipped")
    assert "servicedatum 2026-11-23" in overgeslagen.get("message")
    assert "/admin/datum" in overgeslagen.get("message")
    regels = {c.get("name"): c for c in suites["regels"].iter("testcase")}
    assert regels["IS07"].find("failure") is not None and regels["AL01"].find("failure") is None
    assert regels["ID04"].find("skipped") is not None

    html = html_pad.read_text(encoding="utf-8")
    assert "<th>wat</th><th>verwacht</th><th>ontvangen</th>" in html
    assert "<td>status</td><td>AFGEKEURD</td><td>GOEDGEKEURD</td>" in html
    assert "IS07@inschrijvingPeriodeVO[2]/onderwijsaanbieder" in html and 'href="#s-IS07-onderwijsaanbieder"' in html


def test_een_uitgeschakelde_regel_in_de_eigen_server_wordt_gevonden(catalogus, eigen, monkeypatch):
    """The same suite against our own server with the IS07 rule switched off in-process."""
    from rod_service.rules.inschrijving import rio

    monkeypatch.setattr(rio, "controleer_onderwijsaanbieder", lambda *args, **kwargs: [])
    run = Uitvoerder(catalogus, eigen).draai(catalogus.kies(regels=["IS07", "IS08"]))
    uitkomst = {u.scenario.id: u for u in run.uitkomsten}
    assert uitkomst["IS08-onderwijslocatie-ontbreekt"].status == GESLAAGD
    gefaald = uitkomst["IS07-onderwijsaanbieder"]
    assert gefaald.status == GEFAALD
    (stap,) = [s for s in gefaald.stappen if s.status == GEFAALD]
    assert stap.stap.nummer == 2 and stap.samenvatting == "GOEDGEKEURD"
    assert [(v.wat, v.verwacht, v.werkelijk) for v in stap.verschillen] == [
        ("status", "AFGEKEURD", "GOEDGEKEURD"),
        ("signaal IS07", "aanwezig: IS07@inschrijvingPeriodeVO[2]/onderwijsaanbieder", "(geen signalen)")]
    assert [s.status for s in gefaald.stappen] == [GESLAAGD, GEFAALD, "niet uitgevoerd"]
    assert {r.code: r.status for r in run.per_regel()} == {"IS07": GEFAALD, "IS08": GESLAAGD}
    assert b'<failure message="stap 2' in junit(run)
    assert "gefaald" in html_rapport(run)


def test_zonder_ontvanger_worden_pushscenarios_overgeslagen(catalogus, eigen):
    run = Uitvoerder(catalogus, eigen).draai([catalogus.scenario("BK01-dubbele-inschrijving-vo-met-pushes")])
    (uitkomst,) = run.uitkomsten
    assert uitkomst.status == OVERGESLAGEN and "LAS-ontvanger" in uitkomst.reden


# -- the traffic report -----------------------------------------------------------------------

def _periode(brin: str, begin: date, **kw) -> dict:
    aanbieder, locatie = {"12AB": ("101A001", "101X001"), "45GH": ("404A001", "404X001")}[brin]
    return {"datumBegin": begin, "onderwijsaanbieder": aanbieder, "onderwijslocatie": locatie, "opleidingcode": "3121",
            "vestiging": f"{brin}00", "leerjaar": 1, "indicatieBekostigbaar": True, **kw}


def test_verkeersrapport_van_een_administratie(rod, server, register, tmp_path):
    jansen = {"geboorteDatum": date(2012, 3, 14), "geslacht": "M", "metPGN": {"burgerservicenummer": "999990007"}}
    for _ in range(2):
        assert rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(), **jansen).terugkoppeling.status == \
            "GOEDGEKEURD"
    assert rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(), **{**jansen, "geslacht": "V"}).terugkoppeling.status == "AFGEKEURD"  # ID02
    for _ in range(2):  # IS01: a BSN never identified
        antwoord = rod.service.aanleverenInschrijvingVO(
            **bedrijfsdocument(), burgerservicenummer="999990305", brin="12AB", inschrijvingvolgnummer="X",
            datumInschrijving=date(2024, 8, 1), inschrijvingPeriodeVO=[_periode("12AB", date(2024, 8, 1))])
        assert antwoord.terugkoppeling.status == "AFGEKEURD"
    antwoord = rod.service.aanleverenInschrijvingVO(  # GOEDGEKEURD, BK04 in its bekostigingsbericht
        **bedrijfsdocument(), burgerservicenummer="999990007", brin="12AB", inschrijvingvolgnummer="A-1",
        datumInschrijving=date(2024, 8, 1),
        inschrijvingPeriodeVO=[_periode("12AB", date(2024, 8, 1), indicatieBekostigbaar=False)])
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    # a schema-invalid message from A (AL02), and bytes that name no sender at all (AL01)
    assert requests.post(f"{server}/rod/vo", data=envelop(identificatie_body(geslacht="X")), timeout=10).status_code == 500
    assert requests.post(f"{server}/rod/vo", data=b"<niet-af", timeout=10).status_code == 500
    # B's traffic is B's: its inschrijving on 45GH sends A a bekostigingsbericht (BK01) and an inschrijfbewijs
    rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(ADMINISTRATIE_B), **jansen)
    antwoord = rod.service.aanleverenInschrijvingVO(
        **bedrijfsdocument(ADMINISTRATIE_B), burgerservicenummer="999990007", brin="45GH", inschrijvingvolgnummer="B-1",
        datumInschrijving=date(2026, 9, 1), inschrijvingPeriodeVO=[_periode("45GH", date(2026, 9, 1))])
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    with register.sessies() as sessie, sessie.begin():
        pushes = sessie.query(m.OutboxBericht).filter_by(administratie_oin=ADMINISTRATIE_A).order_by(m.OutboxBericht.id).all()
        assert len(pushes) == 2
        pushes[0].status, pushes[0].pogingen, pushes[0].laatste_fout = "dood", 3, "[tijdelijk] HTTP 503"

    url = register.instellingen.database_url
    uit = CliRunner().invoke(cli, ["conformance", "rapport", "--oin", ADMINISTRATIE_A, "--database", url,
                                   "--json", str(tmp_path / "verkeer.json"), "--html", str(tmp_path / "verkeer.html")])
    assert uit.exit_code == 0, uit.output
    r = json.loads((tmp_path / "verkeer.json").read_text(encoding="utf-8"))
    assert r["bekend"] is True and r["brins"] == ["12AB", "23CD", "34EF"]
    assert r["verzoeken"] == 7
    assert r["per_uitkomst"] == {"AFGEKEURD": 3, "FOUT": 1, "GOEDGEKEURD": 3}
    assert r["per_operatie"]["aanleverenIdentificerenPersoonVO"] == {"AFGEKEURD": 1, "FOUT": 1, "GOEDGEKEURD": 2}
    assert r["per_operatie"]["aanleverenInschrijvingVO"] == {"AFGEKEURD": 2, "GOEDGEKEURD": 1}
    assert [f["code"] for f in r["schemafouten"]] == ["AL02"] and r["zonder_afzender"] == 1
    assert r["afkeur"] == {"AL02": 1, "ID02": 1, "IS01": 2}
    assert r["attentie"] == {"BK01": 1, "BK04": 2}  # per bericht: A's answer, and the push that added BK01
    assert sorted(r["nooit_gebruikt"]) == sorted([
        "aanleverenVerwijderingInschrijvingVO", "aanleverenExamenresultaatVO", "aanleverenVerwijderingExamenresultaatVO",
        "raadplegenLeerlingdossierVO", "aanvragenRegistratieoverzichtVO", "aanvragenOBOVO"])
    assert r["dekking"]["geraakt"] == ["AL02", "ID02", "IS01", "BK01", "BK04"]
    assert "AL01" in r["dekking"]["niet_geraakt"] and not any(c.startswith("KW") for c in r["dekking"]["niet_geraakt"])
    assert r["dekking"]["percentage"] == round(100 * 5 / 66, 1)
    assert r["pushes"]["per_status"] == {"dood": 1, "nieuw": 1} and r["pushes"]["onbevestigd_aantal"] == 2
    assert [(p["operatie"], p["status"]) for p in r["pushes"]["onbevestigd"]] == [
        (pushes[0].operatie, "dood"), (pushes[1].operatie, "nieuw")]
    html = (tmp_path / "verkeer.html").read_text(encoding="utf-8")
    assert "Verkeer van administratie 00000009900000000101" in html and "nooit gebruikt" in html
    assert "IS01" in uit.output and "niet bevestigd: 2" in uit.output

    # B only sees its own; a later --van sees nothing
    with register.sessies() as sessie:
        b = maak(sessie, ADMINISTRATIE_B)
        later = maak(sessie, ADMINISTRATIE_A, van=datetime(2026, 11, 24, tzinfo=UTC))
    assert b.verzoeken == 2 and b.afkeur == {} and b.pushes["per_status"] == {}
    assert later.verzoeken == 0 and later.pushes["per_status"] == {} and later.schemafouten == []
    assert ROD_OIN not in (b.oin, later.oin)


# -- a remote target --------------------------------------------------------------------------

def test_tegen_een_los_gestarte_server_met_klok_en_pushes(tmp_path):
    """``--target``: our service as a separate ``rod-service serve`` process that keeps its
    database between runs. The date and the push endpoints go through its admin routes (open
    on loopback) and are put back afterwards; what cannot run remotely is skipped with the
    reason; the same selection passes twice on the same database."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from rod_service.conformance.doelen import SNEL

    env = {**os.environ, **SNEL, "ROD_DATABASE_URL": f"sqlite:///{tmp_path / 'doel.sqlite3'}",
           "ROD_HOME": str(tmp_path), "ROD_KWC_WEEKDAG": "uit", "ROD_LOG_NIVEAU": "WARNING"}
    env.pop("ROD_ADMIN_TOKEN", None)
    proces = subprocess.Popen([str(Path(sys.executable).parent / "rod-service"), "serve", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        wsdl = proces.stdout.readline().strip()
        assert wsdl.endswith("/rod/vo?wsdl")
        endpoint, basis = wsdl.removesuffix("?wsdl"), wsdl.removesuffix("/rod/vo?wsdl")
        keuze = ["--rule", "IS15", "--rule", "BK01", "--rule", "KW09", "--rule", "IS02", "--rule", "AL05"]
        for _ in range(2):
            junit_pad = tmp_path / "junit.xml"
            uit = CliRunner().invoke(cli, ["conformance", "run", "--target", endpoint, *keuze,
                                           "--junit", str(junit_pad)])
            assert uit.exit_code == 0, uit.output
            gevallen = {c.get("name"): c for c in ET.parse(junit_pad).getroot().find("testsuite").iter("testcase")}
            geslaagd = {n for n, c in gevallen.items() if not len(c.findall("failure") + c.findall("error")
                                                                     + c.findall("skipped"))}
            assert geslaagd == {"IS15-inschrijving-ver-in-toekomst", "BK01-dubbele-inschrijving-vo-met-pushes",
                                "BK01-uitschrijfbewijs-bij-uitschrijving", "AL05-identificatiecode-hergebruikt"}
            assert "KWC-batch" in gevallen["KW09-leerjaarovergang-vergeten"].find("skipped").get("message")
            assert "verse_database" in gevallen["IS02-onderwijsnummer-terwijl-bsn-bekend"].find("skipped").get("message")
        assert requests.get(f"{basis}/admin/datum", timeout=5).json()["vast"] is False
        stand = requests.get(f"{basis}/admin/administraties/{ADMINISTRATIE_A}/endpoint", timeout=5).json()
        assert stand["bron"] == "referentiedata"
    finally:
        proces.terminate()
        proces.wait(10)
