"""The KWC batch on a register filled over SOAP (zeep, real HTTP), shipped default reference
data, today 2026-11-23 (a Monday; schooljaar 2026-2027, examenregime 2026 judged): the CSV
rows, the dashboard counts in the PDF, the 120-day rule of KW05/KW06 and KW27's memory.

Fixed test persons (docs/referentiedata.md): 999990044 Visser deceased 2025-11-20 (KW02),
999990135 Bos open PO at 07PA (KW18), 999990184 de Graaf born 2018 with open PO at 08PB
(KW06, KW18), 999990007 Jansen (examenresultaat)."""
from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from rod_service.bestanden.kwc import lees_csv
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
