"""aanleverenExamenresultaatVO, aanleverenVerwijderingExamenresultaatVO and
raadplegenLeerlingdossierVO end to end: zeep over real HTTP against the shipped default
reference data (administratie A: 12AB, 23CD; B: 45GH, 56JK; 23CD's onderwijsaanbieder
202A002 only valid from 2026-08-01), today fixed at 2026-11-23 by the ``register`` fixture,
so the current examenregime is 2027."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from zeep.helpers import serialize_object

from rod_service.store import models as m

from ..conftest import ADMINISTRATIE_B, bedrijfsdocument, tel

pytestmark = pytest.mark.e2e

JANSEN = ("999990007", date(2012, 3, 14), "M")  # fixed test person; PO at 07PA until 2024-07-31
BOS = ("999990135", date(2014, 2, 10), "M")      # fixed test person; open PO inschrijving at 07PA
NIET_GEIDENTIFICEERD = "999990123"               # in the BRP, never identified through ROD
BRIN, INSCHRIJVING, EXAMEN = "12AB", "2024-0001", "EX2026-0001"


def identificeer(rod, persoon=JANSEN, verzender=None) -> str:
    bsn, geboren, geslacht = persoon
    antwoord = rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(*([verzender] if verzender else [])), geboorteDatum=geboren, geslacht=geslacht,
        metPGN={"burgerservicenummer": bsn})
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    return bsn


def periode(begin: date, brin: str = BRIN, **kw) -> dict:
    code = {"12AB": "101", "45GH": "404", "56JK": "505"}[brin]
    return {"datumBegin": begin, "onderwijsaanbieder": f"{code}A001", "onderwijslocatie": f"{code}X001",
            "opleidingcode": "3022", "vestiging": f"{brin}00", "leerjaar": 1, "indicatieBekostigbaar": True, **kw}


def schrijf_in(rod, bsn: str, brin: str, volgnummer: str, begin: date, eind: date | None = None,
               verzender=None, perioden=None):
    antwoord = rod.service.aanleverenInschrijvingVO(
        **bedrijfsdocument(*([verzender] if verzender else [])), burgerservicenummer=bsn, brin=brin,
        inschrijvingvolgnummer=volgnummer, datumInschrijving=begin, datumUitschrijving=eind,
        inschrijvingPeriodeVO=perioden or [periode(begin, brin)])
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD", signalen(antwoord)
    return antwoord


def vak(nummer: int, vakcode: str, examendeel: str = "PROFIEL", se: int = 70, ce: list[int] | None = (65,),
        eind: int = 7, **kw) -> dict:
    return {"volgnummerResultaat": str(nummer), "vakcode": vakcode, "examendeel": examendeel,
            "schoolexamen": {"cijfer": se},
            "centraalExamen": [{"tijdvak": t, "cijfer": c} for t, c in enumerate(ce or (), 1)],
            "eindcijfer": eind, "indicatieDiplomavak": True, "indicatieCombinatiecijfer": False,
            "indicatieWerkstuk": False, "indicatieInruil": False, **kw}


def beoordeeld(nummer: int, vakcode: str, beoordeling: str = "G") -> dict:
    return {"volgnummerResultaat": str(nummer), "vakcode": vakcode, "examendeel": "GEMEENSCHAPPELIJK",
            "schoolexamen": {"beoordeling": beoordeling}, "eindbeoordeling": beoordeling,
            "indicatieDiplomavak": True, "indicatieCombinatiecijfer": False, "indicatieWerkstuk": False,
            "indicatieInruil": False}


def havo(bsn: str, **kw) -> dict:
    """A HAVO E&M examen 2026 at 12AB, geslaagd after a herkansing wiskunde A."""
    waarden = {
        "burgerservicenummer": bsn, "brin": BRIN, "examenresultaatvolgnummer": EXAMEN,
        "inschrijvingvolgnummer": INSCHRIJVING, "onderwijsaanbieder": "101A001", "vestiging": "12AB00",
        "examenregime": 2026, "niveau": "HAVO", "indicatieTeruggetrokken": False,
        "indicatieEerderLeerjaar": False, "indicatieGespreidExamen": False, "indicatieDoorlopendeLeerlijn": False,
        "uitslag": {"datumUitslag": date(2026, 7, 10), "resultaat": "GESLAAGD", "soortWaardedocument": "DIPLOMA",
                    "indicatieCumLaude": False},
        "cijferlijst": [{
            "opleidingcode": "3022",
            "vak": [
                vak(1, "ne", "GEMEENSCHAPPELIJK", 68, [61], 6),
                vak(2, "en", "GEMEENSCHAPPELIJK", 72, [70], 7),
                vak(3, "maw", "GEMEENSCHAPPELIJK", 70, None, 7, indicatieCombinatiecijfer=True),
                beoordeeld(4, "ckv"),
                beoordeeld(5, "lo", "V"),
                vak(6, "wa", se=55, ce=[48, 58], eind=6),
                vak(7, "ec", se=75, ce=[69], eind=7),
                vak(8, "gs", se=66, ce=[71], eind=7, indicatieWerkstuk=True),
                vak(9, "ak", examendeel="VRIJ", se=70, ce=[64], eind=7),
            ],
            "werkstuk": {"volgnummerResultaat": "10", "titel": "Wederopbouw na 1945", "cijfer": 70},
            "combinatiecijfer": {"volgnummerResultaat": "11", "eindcijfer": 7},
        }],
        "herkansing": [{"vakcode": "wa", "examenregime": 2026, "tijdvak": 2}],
    }
    waarden.update(kw)
    return waarden


def lever(rod, waarden: dict, verzender=None):
    return rod.service.aanleverenExamenresultaatVO(**bedrijfsdocument(*([verzender] if verzender else [])),
                                                   **waarden)


def verwijder(rod, bsn: str, volgnummer: str = EXAMEN, brin: str = BRIN):
    return rod.service.aanleverenVerwijderingExamenresultaatVO(
        **bedrijfsdocument(), burgerservicenummer=bsn, brin=brin, examenresultaatvolgnummer=volgnummer)


def dossier(rod, brin: str = BRIN, verzender=None, **nummers):
    return rod.service.raadplegenLeerlingdossierVO(
        **bedrijfsdocument(*([verzender] if verzender else [])), brin=brin, **nummers)


def signalen(antwoord) -> list[tuple[str, str, str | None]]:
    return [(s.code, s.soort, s.element) for s in antwoord.terugkoppeling.signaal]


def schoon(waarde):
    """zeep objects and request dicts in one comparable form: None and empty lists dropped."""
    waarde = serialize_object(waarde, dict)
    if isinstance(waarde, dict):
        return {k: schoon(v) for k, v in waarde.items() if v is not None and v != []}
    if isinstance(waarde, list):
        return [schoon(v) for v in waarde]
    return waarde


def opgeslagen(register) -> list[dict]:
    with register.sessies() as sessie:
        return [{"volgnummer": r.examenresultaatvolgnummer, "stand": r.stand, "standsleutel": r.standsleutel,
                 "opgeslagen_op": r.opgeslagen_op, "sleutel": (r.brin, r.inschrijvingvolgnummer, r.onderwijsaanbieder,
                                                               r.vestiging, r.examenregime, r.niveau, r.datum_uitslag,
                                                               r.resultaat, r.pgn_soort, r.pgn_nummer),
                 "vakken": sorted((v.vakcode, v.eindcijfer, v.eindbeoordeling) for v in r.vakken)}
                for r in sessie.scalars(select(m.Examenresultaat))]


@pytest.fixture
def jansen(rod) -> str:
    """Jansen identified by administratie A and ingeschreven at 12AB from 2024-10-01."""
    bsn = identificeer(rod)
    schrijf_in(rod, bsn, BRIN, INSCHRIJVING, date(2024, 10, 1),
               perioden=[periode(date(2024, 10, 1)), periode(date(2025, 8, 1), leerjaar=2),
                         periode(date(2026, 8, 1), leerjaar=3)])
    return bsn


class TestAanleveren:
    def test_havo_goedgekeurd_en_opgeslagen(self, rod, register, jansen):
        antwoord = lever(rod, havo(jansen))
        assert antwoord.ontvangstBevestiging == "J"
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD", signalen(antwoord)
        assert antwoord.terugkoppeling.signaal == []
        (rij,) = opgeslagen(register)
        assert rij["sleutel"] == (BRIN, INSCHRIJVING, "101A001", "12AB00", 2026, "HAVO", date(2026, 7, 10),
                                  "GESLAAGD", "burgerservicenummer", jansen)
        assert len(rij["vakken"]) == 9 and ("lo", None, "V") in rij["vakken"] and ("wa", 6, None) in rij["vakken"]
        assert rij["stand"]["herkansing"] == [{"vakcode": "wa", "examenregime": 2026, "tijdvak": 2}]
        assert rij["stand"]["cijferlijst"][0]["vak"][5]["centraalExamen"] == [
            {"tijdvak": 1, "cijfer": 48}, {"tijdvak": 2, "cijfer": 58}]

    def test_gewijzigde_stand_vervangt_en_gelijke_verandert_niets(self, rod, register, jansen):
        lever(rod, havo(jansen))
        (eerst,) = opgeslagen(register)
        gewijzigd = havo(jansen, inschrijvingvolgnummer=None, uitslag=None, herkansing=[])
        gewijzigd["cijferlijst"][0]["vak"] = gewijzigd["cijferlijst"][0]["vak"][:3]
        gewijzigd["cijferlijst"][0]["vak"][0]["eindcijfer"] = 8
        antwoord = lever(rod, gewijzigd)
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD", signalen(antwoord)
        (daarna,) = opgeslagen(register)
        assert daarna["standsleutel"] != eerst["standsleutel"]
        assert daarna["sleutel"][1] is None and daarna["sleutel"][6:8] == (None, None)
        assert daarna["vakken"] == [("en", 7, None), ("maw", 7, None), ("ne", 8, None)]
        assert "uitslag" not in daarna["stand"] and "herkansing" not in daarna["stand"]
        assert tel(register, m.Examenvak) == 3 and tel(register, m.Examenresultaat) == 1

        antwoord = lever(rod, gewijzigd)  # the same stand under a new identificatiecode
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
        assert opgeslagen(register) == [daarna]

    def test_tweede_volgnummer_is_een_tweede_resultaat(self, rod, register, jansen):
        lever(rod, havo(jansen))
        lever(rod, havo(jansen, examenresultaatvolgnummer="EX2027-0001", examenregime=2027, uitslag=None))
        assert sorted(r["volgnummer"] for r in opgeslagen(register)) == [EXAMEN, "EX2027-0001"]


def _ex02_ongeldig(rod, bsn):
    """23CD's 202A002 is valid only from 2026-08-01, after the datumUitslag."""
    return havo(bsn, brin="23CD", vestiging="23CD00", onderwijsaanbieder="202A002", inschrijvingvolgnummer=None)


def _met_vak(bsn, **wijziging):
    waarden = havo(bsn)
    waarden["cijferlijst"][0]["vak"][1].update(wijziging)
    return waarden


AFKEUREN = {
    "EX01": (lambda rod, bsn: havo(NIET_GEIDENTIFICEERD, inschrijvingvolgnummer=None), "burgerservicenummer"),
    "EX02": (lambda rod, bsn: havo(bsn, onderwijsaanbieder=None), "onderwijsaanbieder"),
    "EX02-geldigheid": (_ex02_ongeldig, "onderwijsaanbieder"),
    "EX03": (lambda rod, bsn: havo(bsn, vestiging="23CD00"), "vestiging"),
    "EX04": (lambda rod, bsn: _met_vak(bsn, vakcode="xx"), "cijferlijst[1]/vak[2]/vakcode"),
    "EX05": (lambda rod, bsn: _met_vak(bsn, centraalExamen=[{"tijdvak": 1, "cijfer": 101}]),
             "cijferlijst[1]/vak[2]/centraalExamen[1]/cijfer"),
    "EX05-eindcijfer": (lambda rod, bsn: _met_vak(bsn, eindcijfer=11), "cijferlijst[1]/vak[2]/eindcijfer"),
    "EX06": (lambda rod, bsn: havo(bsn, uitslag={"datumUitslag": date(2026, 11, 24), "resultaat": "AFGEWEZEN",
                                                 "soortWaardedocument": "DIPLOMA", "indicatieCumLaude": False}),
             "uitslag/datumUitslag"),
    "EX06-zonder-datum": (lambda rod, bsn: havo(bsn, uitslag={"resultaat": "GESLAAGD",
                                                              "soortWaardedocument": "DIPLOMA",
                                                              "indicatieCumLaude": False}),
                          "uitslag/datumUitslag"),
    "EX07": (lambda rod, bsn: havo(bsn, inschrijvingvolgnummer="2099-0001"), "inschrijvingvolgnummer"),
    "EX09": (lambda rod, bsn: havo(bsn, examenregime=2029, uitslag=None), "examenregime"),
}


@pytest.mark.parametrize("geval", sorted(AFKEUREN))
def test_afkeur(rod, register, jansen, geval):
    maak, element = AFKEUREN[geval]
    antwoord = lever(rod, maak(rod, jansen))
    assert antwoord.terugkoppeling.status == "AFGEKEURD"
    assert signalen(antwoord) == [(geval[:4], "AFKEUR", element)]
    assert tel(register, m.Examenresultaat) == 0 and tel(register, m.Examenvak) == 0


def test_afgekeurde_wijziging_laat_de_vorige_stand_staan(rod, register, jansen):
    lever(rod, havo(jansen))
    voor = opgeslagen(register)
    assert lever(rod, havo(jansen, vestiging="23CD00")).terugkoppeling.status == "AFGEKEURD"
    assert opgeslagen(register) == voor


def test_alle_fouten_tegelijk(rod, register, jansen):
    # eindcijfer 11, not 0: zeep leaves a falsy value of an optional xs:choice out of the request.
    waarden = _met_vak(jansen, vakcode="xx", eindcijfer=11)
    waarden.update(onderwijsaanbieder=None, vestiging="23CD00", inschrijvingvolgnummer="2099-0001",
                   examenregime=2030, uitslag={**waarden["uitslag"], "datumUitslag": date(2027, 1, 1)})
    antwoord = lever(rod, waarden)
    assert antwoord.terugkoppeling.status == "AFGEKEURD"
    assert [c for c, _, _ in signalen(antwoord)] == ["EX02", "EX03", "EX04", "EX05", "EX06", "EX07", "EX09"]
    assert tel(register, m.Examenresultaat) == 0


class TestVerwijderen:
    def test_verwijderen_en_dan_ex08(self, rod, register, jansen):
        lever(rod, havo(jansen))
        (stand,) = opgeslagen(register)
        antwoord = verwijder(rod, jansen)
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD" and antwoord.terugkoppeling.signaal == []
        assert tel(register, m.Examenresultaat) == 0 and tel(register, m.Examenvak) == 0
        with register.sessies() as sessie:
            (spoor,) = sessie.scalars(select(m.Verwijdering)).all()
        assert (spoor.soort, spoor.brin, spoor.volgnummer, spoor.stand) == (
            "examenresultaat", BRIN, EXAMEN, stand["stand"])
        assert spoor.administratie_oin == bedrijfsdocument()["verzendendeInstantie"]

        antwoord = verwijder(rod, jansen)
        assert antwoord.terugkoppeling.status == "AFGEKEURD"
        assert signalen(antwoord) == [("EX08", "AFKEUR", "examenresultaatvolgnummer")]
        assert tel(register, m.Verwijdering) == 1

    def test_onbekend_volgnummer_ex08(self, rod, register, jansen):
        lever(rod, havo(jansen))
        assert signalen(verwijder(rod, jansen, "EX-ANDER")) == [("EX08", "AFKEUR", "examenresultaatvolgnummer")]
        assert tel(register, m.Examenresultaat) == 1 and tel(register, m.Verwijdering) == 0

    def test_onbekende_persoon_ex01(self, rod, register):
        assert signalen(verwijder(rod, NIET_GEIDENTIFICEERD)) == [("EX01", "AFKEUR", "burgerservicenummer")]


class TestLeerlingdossier:
    @pytest.fixture
    def twee_scholen(self, rod, jansen) -> str:
        """Besides 12AB (from 2024-10-01, open): 45GH (administratie B) 2024-08-01 – 2024-10-15,
        overlapping; 56JK 2024-08-01 – 2024-09-30, the day before 12AB began: not overlapping."""
        schrijf_in(rod, jansen, "45GH", "B-7", date(2024, 8, 1), date(2024, 10, 15), verzender=ADMINISTRATIE_B)
        schrijf_in(rod, jansen, "56JK", "C-3", date(2024, 8, 1), date(2024, 9, 30), verzender=ADMINISTRATIE_B)
        lever(rod, havo(jansen))
        return jansen

    def test_vragende_school_ziet_alles_eigen(self, rod, twee_scholen):
        antwoord = dossier(rod, burgerservicenummer=twee_scholen)
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD" and antwoord.terugkoppeling.signaal == []
        d = antwoord.leerlingdossier
        p = d.persoonsgegevens
        assert (p.burgerservicenummer, p.achternaam, p.voornamen, p.geboorteDatum, p.geslacht) == (
            twee_scholen, "Jansen", "Daan Pieter", date(2012, 3, 14), "M")
        assert p.binnenlandsAdres.postcode == "3511AB"

        eigen, ander = d.deelname  # 56JK does not overlap, 07PA (PO) ended 2024-07-31
        assert (eigen.brin, eigen.inschrijvingvolgnummer, eigen.datumInschrijving) == (BRIN, INSCHRIJVING,
                                                                                     date(2024, 10, 1))
        assert [(x.datumBegin, x.leerjaar, x.onderwijsaanbieder, x.onderwijslocatie)
                for x in eigen.inschrijvingPeriodeVO] == [
            (date(2024, 10, 1), 1, "101A001", "101X001"), (date(2025, 8, 1), 2, "101A001", "101X001"),
            (date(2026, 8, 1), 3, "101A001", "101X001")]
        assert schoon(ander) == {"brin": "45GH", "datumInschrijving": date(2024, 8, 1),
                                 "datumUitschrijving": date(2024, 10, 15)}

        (er,) = d.examenresultaat
        verzonden = havo(twee_scholen)
        del verzonden["burgerservicenummer"]
        assert schoon(er) == schoon(verzonden)

    def test_andere_school_ziet_alleen_datums_en_geen_examens(self, rod, twee_scholen):
        antwoord = dossier(rod, brin="45GH", verzender=ADMINISTRATIE_B, burgerservicenummer=twee_scholen)
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
        d = antwoord.leerlingdossier
        eigen, *andere = d.deelname  # from 45GH both 56JK and 12AB overlap
        assert (eigen.brin, eigen.inschrijvingvolgnummer, len(eigen.inschrijvingPeriodeVO)) == ("45GH", "B-7", 1)
        assert [schoon(a) for a in andere] == [
            {"brin": "56JK", "datumInschrijving": date(2024, 8, 1), "datumUitschrijving": date(2024, 9, 30)},
            {"brin": BRIN, "datumInschrijving": date(2024, 10, 1)}]
        assert d.examenresultaat == []

    def test_zonder_eigen_deelname_geen_brp_gegevens(self, rod, twee_scholen):
        """A school with no deelname and no examenresultaat of its own for this pupil learns
        nothing beyond the number it asked with (handbook 000 ch. 06: the dossier is for the
        school's own pupils)."""
        antwoord = dossier(rod, brin="23CD", burgerservicenummer=twee_scholen)
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
        p = antwoord.leerlingdossier.persoonsgegevens
        assert p.burgerservicenummer == twee_scholen
        assert (p.achternaam, p.geboorteDatum, p.binnenlandsAdres) == (None, None, None)
        assert antwoord.leerlingdossier.deelname == [] and antwoord.leerlingdossier.examenresultaat == []

    def test_po_inschrijving_uit_de_referentiedata(self, rod):
        bsn = identificeer(rod, BOS)
        schrijf_in(rod, bsn, BRIN, "2026-0001", date(2026, 8, 1))
        ander = dossier(rod, burgerservicenummer=bsn).leerlingdossier.deelname[1]
        assert schoon(ander) == {"brin": "07PA", "datumInschrijving": date(2018, 8, 20)}

    @pytest.mark.parametrize("nummers, verwacht", [
        ({}, [("LD01", "AFKEUR", None)]),
        ({"burgerservicenummer": "999990007", "onderwijsnummer": "101234564"}, [("LD02", "AFKEUR", None)]),
        ({"burgerservicenummer": "999990008"}, [("LD03", "AFKEUR", "burgerservicenummer")]),
        ({"onderwijsnummer": "101234563"}, [("LD03", "AFKEUR", "onderwijsnummer")]),
        ({"burgerservicenummer": NIET_GEIDENTIFICEERD}, [("LD04", "AFKEUR", "burgerservicenummer")]),
        ({"onderwijsnummer": "101234564"}, [("LD04", "AFKEUR", "onderwijsnummer")]),
    ])
    def test_afkeur(self, rod, register, nummers, verwacht):
        antwoord = dossier(rod, **nummers)
        assert antwoord.terugkoppeling.status == "AFGEKEURD"
        assert signalen(antwoord) == verwacht
        assert antwoord.leerlingdossier is None
