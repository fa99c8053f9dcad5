"""The KWC batch on a register filled over SOAP (zeep, real HTTP), shipped default reference
data, today 2026-11-23 (a Monday; schooljaar 2026-2027, examenregime 2026 judged): the CSV
rows, the dashboard counts in the PDF, the 120-day rule of KW05/KW06 and KW27's memory.

Fixed test persons (docs/referentiedata.md): 999990044 Visser deceased 2025-11-20 (KW02),
999990135 Bos open PO at 07PA (KW18), 999990184 de Graaf born 2018 with open PO at 08PB
(KW06, KW18), 999990007 Jansen (examenresultaat)."""
from __future__ import annotations

import io
import re
import threading
import time
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from rod_service.bestanden.kwc import lees_csv
from rod_service.service import kwaliteitscontrole
from rod_service.service.kwaliteitscontrole import bestand, draai
from rod_service.store.overzichten import KwcRepository

from .test_examen_en_dossier import havo, identificeer, lever, periode, schrijf_in, verwijder

pytestmark = pytest.mark.e2e

BRIN = "12AB"
VISSER = ("999990044", date(2009, 4, 18), "M")
BOS = ("999990135", date(2014, 2, 10), "M")
DE_GRAAF = ("999990184", date(2018, 4, 4), "V")


def schrijf_in_met(rod, persoon, begin, perioden, volgnummer="KW-1"):
    identificeer(rod, persoon)
    return schrijf_in(rod, persoon[0], BRIN, volgnummer, begin,
                      perioden=[periode(b, leerjaar=lj) for b, lj in perioden])


def kwc(register, vandaag=None) -> list[dict[str, str]]:
    if vandaag is not None:
        register.klok.zet(vandaag)
    (uitkomst,) = draai(register, brins=[BRIN])
    dag = register.klok.vandaag().strftime("%Y%m%d")
    return lees_csv(bestand(register, BRIN, f"KWC_{BRIN}_{dag}.csv"))


def rijen(csv: list[dict[str, str]]) -> list[tuple[str, ...]]:
    return [(r["pgn"], r["achternaam"], r["volgnummer"], r["code"], r["andere_instellingscode"]) for r in csv]


def pdf_tekst(inhoud: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages))


@pytest.fixture
def gevuld(rod, register):
    schrijf_in_met(rod, VISSER, date(2024, 8, 1), [(date(2024, 8, 1), 1), (date(2025, 8, 1), 2), (date(2026, 8, 1), 3)])
    schrijf_in_met(rod, BOS, date(2026, 8, 1), [(date(2026, 8, 1), 1)])
    schrijf_in_met(rod, DE_GRAAF, date(2026, 8, 1), [(date(2026, 8, 1), 1)])
    return register


def test_kwc_csv_en_dashboard(gevuld):
    register = gevuld
    csv = kwc(register)
    assert rijen(csv) == [
        ("999990044", "Visser", "KW-1", "KW02", ""),
        ("999990135", "Bos", "KW-1", "KW18", "07PA"),
        ("999990184", "de Graaf", "KW-1", "KW06", ""),
        ("999990184", "de Graaf", "KW-1", "KW18", "08PB"),
    ]
    assert {r["instellingscode"] for r in csv} == {BRIN}
    assert csv[0]["omschrijving"] == "Datum uitschrijving ligt na datum overlijden."

    pdf = bestand(register, BRIN, "DASHBOARD_12AB_20261123.pdf")
    assert pdf.startswith(b"%PDF")
    tekst = pdf_tekst(pdf)
    assert "Stand per 23-11-2026" in tekst and "12AB Stedelijk Lyceum De Vaart" in tekst
    assert "studiejaar 2026/2027" in tekst
    assert "Aantal inschrijvingen geldig op 1 oktober 3" in tekst
    assert "nieuwe inschrijvingsperiode na 1 augustus 100.0%" in tekst
    assert "KW02 Datum uitschrijving ligt na datum overlijden. 1" in tekst
    assert "KW18 Er is een dubbele inschrijving met po. 2" in tekst
    assert "KW06 Onwaarschijnlijk laag leerjaar bij leeftijd. 1" in tekst
    assert "KW01 Datum inschrijving onwaarschijnlijk ver in de toekomst. 0" in tekst
    assert "totaal 4" in tekst

    html = bestand(register, BRIN, "DASHBOARD_12AB_20261123.html").decode()
    assert 'id="inschrijvingen-1-oktober">3<' in html and "data:image/png;base64," in html


def test_kw06_verdwijnt_na_120_dagen_zonder_wijziging(rod, gevuld):
    register = gevuld
    assert "KW06" in {r["code"] for r in kwc(register)}
    assert "KW06" in {r["code"] for r in kwc(register, date(2027, 3, 22))}    # day 119
    na = kwc(register, date(2027, 3, 23))                                     # day 120
    assert "KW06" not in {r["code"] for r in na} and "KW02" in {r["code"] for r in na}
    # A changed stand counts afresh.
    schrijf_in(rod, DE_GRAAF[0], BRIN, "KW-1", date(2026, 8, 1),
               perioden=[periode(date(2026, 8, 1)), periode(date(2027, 3, 1), opleidingcode="3021")])
    assert "KW06" in {r["code"] for r in kwc(register, date(2027, 3, 24))}
    # The dashboard's chart draws the history of the runs.
    with register.sessies() as sessie:
        runs = KwcRepository(sessie).runs(BRIN, 8)
    assert [r.datum for r in runs] == [date(2026, 11, 23), date(2027, 3, 22), date(2027, 3, 23), date(2027, 3, 24)]
    assert [sum(r.tellingen.values()) for r in runs] == [4, 4, 3, 4]


def test_kw27_uitslag_verwijderd(rod, register):
    bsn = identificeer(rod)
    schrijf_in(rod, bsn, BRIN, "2024-0001", date(2024, 8, 1),
               perioden=[periode(date(2024, 8, 1)), periode(date(2025, 8, 1), leerjaar=2),
                         periode(date(2026, 8, 1), leerjaar=3)])
    assert lever(rod, havo(bsn)).terugkoppeling.status == "GOEDGEKEURD"
    assert lever(rod, havo(bsn, examenresultaatvolgnummer="EX2026-0002")).terugkoppeling.status == "GOEDGEKEURD"
    assert "KW27" not in {r["code"] for r in kwc(register)}  # the run remembers both uitslagen

    register.klok.zet(date(2026, 11, 30))
    assert lever(rod, havo(bsn, uitslag=None)).terugkoppeling.status == "GOEDGEKEURD"   # only the uitslag gone
    assert verwijder(rod, bsn, "EX2026-0002").terugkoppeling.status == "GOEDGEKEURD"   # the whole result gone
    kw27 = sorted(r["volgnummer"] for r in kwc(register) if r["code"] == "KW27")
    assert kw27 == ["EX2026-0001", "EX2026-0002"]


def test_leveringen_gaan_door_terwijl_de_kwc_een_school_controleert(rod, gevuld, monkeypatch):
    """The KWC reads and checks a school without the write lock: a delivery made while it
    is in the middle of the school is answered at once (before, it waited for the school's
    whole run, and with a batch over many schools for the whole batch), and the run stores
    what it read."""
    register = gevuld
    midden, geleverd = threading.Event(), threading.Event()
    echte = kwaliteitscontrole._School._deelnemer

    def deelnemer(self, d):  # the run stops in the middle of the school until the delivery is done
        echte(self, d)
        if not midden.is_set():
            midden.set()
            geleverd.wait(20)

    monkeypatch.setattr(kwaliteitscontrole._School, "_deelnemer", deelnemer)
    uitkomsten = []
    kwc_draad = threading.Thread(target=lambda: uitkomsten.extend(draai(register, brins=[BRIN])))
    kwc_draad.start()
    try:
        assert midden.wait(20)
        begin = time.monotonic()
        schrijf_in(rod, BOS[0], BRIN, "KW-2", date(2026, 9, 1), perioden=[periode(date(2026, 9, 1))])
        duur = time.monotonic() - begin
    finally:
        geleverd.set()
        kwc_draad.join(60)
    assert duur < 5, f"the delivery waited {duur:.1f} s for the KWC"
    (uitkomst,) = uitkomsten
    assert uitkomst.tellingen == {"KW02": 1, "KW06": 1, "KW18": 2}  # what it read: before KW-2
    dag = register.klok.vandaag().strftime("%Y%m%d")
    assert len(lees_csv(bestand(register, BRIN, f"KWC_{BRIN}_{dag}.csv"))) == 4


def test_een_run_die_tussendoor_werd_bewaard_laat_de_school_opnieuw_controleren(rod, gevuld, monkeypatch):
    """Two runs of one school at once (the weekly one in ``serve`` and ``rod-service kwc draai``):
    the one that stores second sees the other's run and checks the school again inside its
    writing transaction, so the 120-day memory is neither written twice nor lost."""
    register = gevuld
    echte = kwaliteitscontrole._School.lees
    gelezen = []

    def lees(self):
        echte(self)
        gelezen.append(self.brin)
        if len(gelezen) == 1:  # the other run stores this school after this one has read it
            draai(register, brins=[BRIN])

    monkeypatch.setattr(kwaliteitscontrole._School, "lees", lees)
    (uitkomst,) = draai(register, brins=[BRIN])
    assert gelezen == [BRIN, BRIN, BRIN]  # this run, the other run, this run again (in its writing one)
    assert uitkomst.totaal == 4
    with register.sessies() as sessie:
        kwc_ = KwcRepository(sessie)
        assert [r.datum for r in kwc_.runs(BRIN, 8)] == [date(2026, 11, 23)]
        toestanden = kwc_.toestanden(BRIN, ("KW06",))
    assert [(code, t.eerst_gezien) for (code, _), t in toestanden.items()] == [("KW06", date(2026, 11, 23))]


def test_dashboardgrafiek_toont_de_bewaarde_runs(gevuld, monkeypatch):
    """The chart is drawn before the run is stored; its history is what the stored runs are
    once it is: a rerun on the same day replaces that day, at most the last 8 runs."""
    register = gevuld
    getekend = []
    echte = kwaliteitscontrole.grafiek_png
    monkeypatch.setattr(kwaliteitscontrole, "grafiek_png", lambda d: getekend.append(d.historie) or echte(d))
    dagen = [date(2026, 11, 23), date(2026, 11, 23), *(date(2026, 11, 23) + timedelta(weeks=w) for w in range(1, 9))]
    for dag in dagen:
        kwc(register, dag)
        with register.sessies() as sessie:
            bewaard = tuple((r.datum, sum(r.tellingen.values())) for r in KwcRepository(sessie).runs(BRIN, 8))
        assert getekend[-1] == bewaard
    assert len(getekend[-1]) == 8 and getekend[-1][0][0] == date(2026, 11, 30)


def test_twee_runs_die_tegelijk_schrijven_nemen_hun_beurt(gevuld, monkeypatch):
    """Two runs of one school storing at the same moment: the second waits until the first
    has committed (SQLite: the write slot; PostgreSQL: a lock per school), then sees its run
    and checks the school again. Without that turn PostgreSQL refuses the second's rule
    memory as a duplicate."""
    register = gevuld
    echte = kwaliteitscontrole._School.schrijf
    eerste_schrijft, verder = threading.Event(), threading.Event()

    def schrijf(self, sessie):
        if not eerste_schrijft.is_set():
            eerste_schrijft.set()
            verder.wait(20)
        return echte(self, sessie)

    monkeypatch.setattr(kwaliteitscontrole._School, "schrijf", schrijf)
    uitkomsten, fouten = [], []

    def run():
        try:
            uitkomsten.extend(draai(register, brins=[BRIN]))
        except Exception as fout:  # noqa: BLE001 (reported below)
            fouten.append(fout)

    eerste, tweede = threading.Thread(target=run), threading.Thread(target=run)
    eerste.start()
    assert eerste_schrijft.wait(20)
    tweede.start()
    time.sleep(1)  # the second has read the school and is at its turn to store
    verder.set()
    eerste.join(60)
    tweede.join(60)
    assert fouten == [] and [u.totaal for u in uitkomsten] == [4, 4]
    with register.sessies() as sessie:
        assert len(KwcRepository(sessie).runs(BRIN, 8)) == 1
