"""aanvragenRegistratieoverzichtVO and aanvragenOBOVO end to end: zeep over real HTTP
against the shipped default reference data (administratie A: 12AB, 23CD, 34EF; B: 45GH and
56JK, niet bekostigd), today fixed at 2026-11-23 by the ``register`` fixture.

The OBO verschillenlijst test is the worked example of handbook 002 ch. 13 ("Vijf
wijzigingsvoorbeelden") translated to VO: one teldatum (1 October), so a change shows where
it moves ``geldig1-10``; every expected row is written out.
"""
from __future__ import annotations

from datetime import date

import pytest
import zeep.exceptions
from sqlalchemy import select

from rod_service.bestanden.records import lees, lees_verschillenlijst
from rod_service.store import models as m

from ..conftest import ADMINISTRATIE_B, bedrijfsdocument, tel
from .test_examen_en_dossier import havo, identificeer, lever, periode, schrijf_in

pytestmark = pytest.mark.e2e

BRIN = "12AB"


def codes(antwoord) -> list[str]:
    return [s.code for s in antwoord.terugkoppeling.signaal]


def ro(rod, begin, einde, brin=BRIN, verzender=None):
    return rod.service.aanvragenRegistratieoverzichtVO(
        **bedrijfsdocument(*([verzender] if verzender else [])), brin=brin,
        datumBeginPeriode=begin, datumEindePeriode=einde)


def obo(rod, schooljaar="2026-2027", brin=BRIN, verzender=None):
    return rod.service.aanvragenOBOVO(**bedrijfsdocument(*([verzender] if verzender else [])), brin=brin,
                                      schooljaar=schooljaar)


def regels(bestand) -> list[str]:
    return bestand.inhoud.decode("utf-8").splitlines()


# --- registratieoverzicht ----------------------------------------------------------------

@pytest.mark.parametrize(("begin", "einde", "verwacht"), [
    (None, None, [("RO01", "datumBeginPeriode"), ("RO01", "datumEindePeriode")]),
    (date(2025, 8, 1), None, [("RO01", "datumEindePeriode")]),
    (date(2026, 8, 1), date(2026, 7, 31), [("RO02", "datumBeginPeriode")]),
    (date(2025, 8, 1), date(2027, 8, 1), [("RO03", "datumEindePeriode")]),
    (date(2024, 2, 29), date(2026, 3, 1), [("RO03", "datumEindePeriode")]),
])
def test_ro_selectieperiode_afgekeurd(rod, register, begin, einde, verwacht):
    antwoord = ro(rod, begin, einde)
    assert antwoord.terugkoppeling.status == "AFGEKEURD"
    assert [(s.code, s.element) for s in antwoord.terugkoppeling.signaal] == verwacht
    assert antwoord.bestand is None
    assert tel(register, m.Overzichtbestand) == 0


def test_ro_precies_twee_jaar_en_een_dag_zijn_goed(rod):
    for begin, einde in ((date(2025, 8, 1), date(2027, 7, 31)), (date(2026, 1, 1), date(2026, 1, 1))):
        antwoord = ro(rod, begin, einde)
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD", codes(antwoord)
        assert not antwoord.bestand.inhoud  # an empty file: <inhoud/>


def test_ro_niet_geautoriseerd_is_al03(rod):
    antwoord = ro(rod, date(2025, 8, 1), date(2026, 7, 31), verzender=ADMINISTRATIE_B)
    assert (antwoord.terugkoppeling.status, codes(antwoord)) == ("AFGEKEURD", ["AL03"])
    assert antwoord.bestand is None


def test_ro_inhoud(rod, register):
    bsn = identificeer(rod)  # Jansen, 999990007, 2012-03-14, M, binnenlands adres
    rod.service.aanleverenInschrijvingVO(
        **bedrijfsdocument(), burgerservicenummer=bsn, brin=BRIN, inschrijvingvolgnummer="2024-0001",
        datumInschrijving=date(2024, 8, 1),
        inschrijvingPeriodeVO=[periode(date(2024, 8, 1)), periode(date(2025, 8, 1), leerjaar=2)],
        ontwikkelingsperspectief=[{"datumBegin": date(2024, 10, 1)}, {"datumBegin": date(2024, 9, 1),
                                                                      "datumEind": date(2025, 6, 30)}],
        verblijfAndereInstelling=[{"datumBegin": date(2025, 9, 1), "datumEind": date(2026, 1, 31), "brin": "27VA",
                                   "vestiging": "27VA00", "verblijfsoort": "VAVO"}])
    assert lever(rod, havo(bsn)).terugkoppeling.status == "GOEDGEKEURD"
    # An inschrijving of another person that ended before the period is not in it.
    bos = identificeer(rod, ("999990135", date(2014, 2, 10), "M"))
    schrijf_in(rod, bos, BRIN, "2023-0001", date(2023, 8, 1), date(2024, 7, 31))

    antwoord = ro(rod, date(2025, 8, 1), date(2026, 7, 31))
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD", codes(antwoord)
    assert antwoord.bestand.bestandsnaam == "RO_12AB_20250801_20260731.txt"
    assert regels(antwoord.bestand) == [
        "PER|999990007||2012-03-14|M|J|J|J|J",
        "ISG|999990007||2024-0001|2024-08-01||J",
        "ISP|999990007||2024-0001|2025-08-01|3022|2|12AB00|J||J",
        "OPP|999990007||2024-0001|2024-10-01|",
        "VAI|999990007||2024-0001|2025-09-01|2026-01-31|27VA|27VA00|VAVO",
        "EXR|999990007||EX2026-0001|2024-0001|12AB00|101A001|2026|HAVO|N|N|N|N|2026-07-10|GESLAAGD|DIPLOMA|N",
        "VAK|999990007||EX2026-0001|3022|1|ne|GEMEENSCHAPPELIJK|68|61|||6||J|N|N||N|",
        "VAK|999990007||EX2026-0001|3022|2|en|GEMEENSCHAPPELIJK|72|70|||7||J|N|N||N|",
        "VAK|999990007||EX2026-0001|3022|3|maw|GEMEENSCHAPPELIJK|70||||7||J|J|N||N|",
        "VAK|999990007||EX2026-0001|3022|4|ckv|GEMEENSCHAPPELIJK|G|||||G|J|N|N||N|",
        "VAK|999990007||EX2026-0001|3022|5|lo|GEMEENSCHAPPELIJK|V|||||V|J|N|N||N|",
        "VAK|999990007||EX2026-0001|3022|6|wa|PROFIEL|55|48|58||6||J|N|N||N|",
        "VAK|999990007||EX2026-0001|3022|7|ec|PROFIEL|75|69|||7||J|N|N||N|",
        "VAK|999990007||EX2026-0001|3022|8|gs|PROFIEL|66|71|||7||J|N|J||N|",
        "VAK|999990007||EX2026-0001|3022|9|ak|VRIJ|70|64|||7||J|N|N||N|",
    ]
    assert len(list(lees(antwoord.bestand.inhoud))) == 15  # the one parser reads it
    # Kept for /bestanden/12AB.
    with register.sessies() as sessie:
        assert sessie.scalars(select(m.Overzichtbestand.naam)).all() == ["RO_12AB_20250801_20260731.txt"]


# --- OBO -----------------------------------------------------------------------------------

def test_obo_niet_bekostigde_school_is_ob01(rod, register):
    antwoord = obo(rod, brin="56JK", verzender=ADMINISTRATIE_B)
    assert (antwoord.terugkoppeling.status, codes(antwoord)) == ("AFGEKEURD", ["OB01"])
    assert antwoord.bestand is None and tel(register, m.OboOverzicht) == 0


def test_obo_tweede_op_dezelfde_dag_is_ob02(rod, register):
    eerste = obo(rod)
    assert eerste.terugkoppeling.status == "GOEDGEKEURD" and eerste.verschillenlijst is None
    assert eerste.bestand.bestandsnaam == "OBO_12AB_2026-2027_20261123.txt"
    tweede = obo(rod, schooljaar="2025-2026")  # any schooljaar: one OBO per school per day
    assert (tweede.terugkoppeling.status, codes(tweede)) == ("AFGEKEURD", ["OB02"])
    assert tweede.bestand is None and tel(register, m.OboOverzicht) == 1
    register.klok.zet(date(2026, 11, 24))
    assert obo(rod, schooljaar="2025-2026").terugkoppeling.status == "GOEDGEKEURD"
    # Another school may have its OBO the same day.
    assert obo(rod, brin="23CD").terugkoppeling.status == "GOEDGEKEURD"


def test_obo_schooljaar_met_niet_opeenvolgende_jaren_is_al02(rod):
    with pytest.raises(zeep.exceptions.Fault) as fout:
        obo(rod, schooljaar="2026-2028")
    assert "schooljaar" in fout.value.message


# The worked example, translated: schooljaar 2026-2027, teldatum 2026-10-01.
A = ("999990007", date(2012, 3, 14), "M")
B = ("999990019", date(2011, 6, 2), "V")
C = ("999990081", date(2012, 5, 5), "V")
D = ("999990093", date(2012, 5, 5), "V")
E = ("999990160", date(2011, 10, 10), "M")
F = ("999990172", date(2012, 12, 12), "O")


def inschrijving(rod, persoon, begin, perioden, eind=None):
    """``perioden``: (datumBegin, opleidingcode, leerjaar)."""
    return schrijf_in(rod, persoon[0], BRIN, "OBO-1", begin, eind,
                      perioden=[periode(b, opleidingcode=o, leerjaar=lj) for b, o, lj in perioden])


EERSTE_OBO = [
    "PER|999990007||2012-03-14|M|J|J|J|J",
    "ISG|999990007||OBO-1|2026-08-01||J",
    "ISP|999990007||OBO-1|2026-08-01|3121|1|12AB00|J||J",
    "PER|999990019||2011-06-02|V|J|J|J|J",
    "ISG|999990019||OBO-1|2026-08-01|2026-09-15|N",
    "ISP|999990019||OBO-1|2026-08-01|3121|1|12AB00|J||N",
    "PER|999990081||2012-05-05|V|J|J|J|J",
    "ISG|999990081||OBO-1|2026-11-01||N",
    "ISP|999990081||OBO-1|2026-11-01|3121|1|12AB00|J||N",
    "PER|999990093||2012-05-05|V|J|J|J|J",
    "ISG|999990093||OBO-1|2027-03-01||N",
    "ISP|999990093||OBO-1|2027-03-01|3121|1|12AB00|J||N",
    "PER|999990160||2011-10-10|M|J|J|J|J",
    "ISG|999990160||OBO-1|2026-08-01||J",
    "ISP|999990160||OBO-1|2026-08-01|3021|1|12AB00|J||N",
    "ISP|999990160||OBO-1|2026-09-01|3121|1|12AB00|J||N",
    "ISP|999990160||OBO-1|2026-09-20|3122|2|12AB00|J||J",
]

#: type | previous stand | new stand (W: only what changed) | soort wijziging
VERSCHILLENLIJST = [
    # Ad 3: the person whose only inschrijving was removed; Ad 5: the new pupil.
    "PER|999990093||2012-05-05|V|J|J|J|J|||||||||V",
    "PER|||||||||999990172||2012-12-12|O|J|J|J|J|T",
    # Ad 1: ended before the teldatum; Ad 2: end date moved past it; Ad 3: removed; Ad 5: added.
    "ISG|999990007||OBO-1|2026-08-01||J|||||2026-09-30|N|W",
    "ISG|999990019||OBO-1|2026-08-01|2026-09-15|N|||||2027-03-31|J|W",
    "ISG|999990093||OBO-1|2027-03-01||N|||||||V",
    "ISG|||||||999990172||OBO-1|2027-05-01||N|T",
    # Ad 1 and 2: the period follows its inschrijving on the teldatum.
    "ISP|999990007||OBO-1|2026-08-01|3121|1|12AB00|J||J||||||||||N|W",
    "ISP|999990019||OBO-1|2026-08-01|3121|1|12AB00|J||N||||||||||J|W",
    # Ad 3.
    "ISP|999990093||OBO-1|2027-03-01|3121|1|12AB00|J||N|||||||||||V",
    # Ad 4: the third period moved past the teldatum, so the second now runs on it (W), and
    # the moved one is a V of the old begin date plus a T of the new one.
    "ISP|999990160||OBO-1|2026-09-01|3121|1|12AB00|J||N||||||||||J|W",
    "ISP|999990160||OBO-1|2026-09-20|3122|2|12AB00|J||J|||||||||||V",
    "ISP|||||||||||999990160||OBO-1|2026-10-02|3122|2|12AB00|J||N|T",
    # Ad 5.
    "ISP|||||||||||999990172||OBO-1|2027-05-01|3121|1|12AB00|J||N|T",
]


def test_obo_verschillenlijst_vijf_wijzigingen(rod, register):
    for persoon in (A, B, C, D, E, F):
        identificeer(rod, persoon)
    inschrijving(rod, A, date(2026, 8, 1), [(date(2026, 8, 1), "3121", 1)])
    inschrijving(rod, B, date(2026, 8, 1), [(date(2026, 8, 1), "3121", 1)], eind=date(2026, 9, 15))
    inschrijving(rod, C, date(2026, 11, 1), [(date(2026, 11, 1), "3121", 1)])
    inschrijving(rod, D, date(2027, 3, 1), [(date(2027, 3, 1), "3121", 1)])
    inschrijving(rod, E, date(2026, 8, 1), [(date(2026, 8, 1), "3021", 1), (date(2026, 9, 1), "3121", 1),
                                            (date(2026, 9, 20), "3122", 2)])
    eerste = obo(rod)
    assert eerste.terugkoppeling.status == "GOEDGEKEURD", codes(eerste)
    assert regels(eerste.bestand) == EERSTE_OBO
    assert eerste.verschillenlijst is None

    register.klok.zet(date(2026, 11, 24))
    inschrijving(rod, A, date(2026, 8, 1), [(date(2026, 8, 1), "3121", 1)], eind=date(2026, 9, 30))  # 1
    inschrijving(rod, B, date(2026, 8, 1), [(date(2026, 8, 1), "3121", 1)], eind=date(2027, 3, 31))  # 2
    verwijderd = rod.service.aanleverenVerwijderingInschrijvingVO(                                   # 3
        **bedrijfsdocument(), burgerservicenummer=D[0], brin=BRIN, inschrijvingvolgnummer="OBO-1")
    assert verwijderd.terugkoppeling.status == "GOEDGEKEURD"
    inschrijving(rod, E, date(2026, 8, 1), [(date(2026, 8, 1), "3021", 1), (date(2026, 9, 1), "3121", 1),  # 4
                                            (date(2026, 10, 2), "3122", 2)])
    inschrijving(rod, F, date(2027, 5, 1), [(date(2027, 5, 1), "3121", 1)])                           # 5

    tweede = obo(rod)
    assert tweede.terugkoppeling.status == "GOEDGEKEURD", codes(tweede)
    assert tweede.verschillenlijst.bestandsnaam == "OBO_VERSCHIL_12AB_2026-2027_20261124.txt"
    assert regels(tweede.verschillenlijst) == VERSCHILLENLIJST
    assert len(list(lees_verschillenlijst(tweede.verschillenlijst.inhoud))) == len(VERSCHILLENLIJST)
    assert len(list(lees(tweede.bestand.inhoud))) == 17
    with register.sessies() as sessie:
        assert sorted(sessie.scalars(select(m.Overzichtbestand.naam))) == [
            "OBO_12AB_2026-2027_20261123.txt", "OBO_12AB_2026-2027_20261124.txt",
            "OBO_VERSCHIL_12AB_2026-2027_20261124.txt"]

    # The next day, nothing changed: a verschillenlijst without rows.
    register.klok.zet(date(2026, 11, 25))
    derde = obo(rod)
    assert not derde.verschillenlijst.inhoud and derde.bestand.inhoud == tweede.bestand.inhoud
