"""aanleverenInschrijvingVO and aanleverenVerwijderingInschrijvingVO end to end: zeep over
real HTTP against the shipped default reference data (12AB: vestiging 12AB01 ended
2024-07-31, onderwijslocatie 101X009 linked to no vestiging; 27VA a VAVO instelling),
today fixed at 2026-11-23 by the ``register`` fixture."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from rod_service.store import models as m
from tests.conftest import bedrijfsdocument, tel

pytestmark = pytest.mark.e2e

BSN_JANSEN = ("999990007", date(2012, 3, 14), "M")  # fixed test person of the default BRP
BSN_DE_JONG = ("999990081", date(2012, 5, 5), "V")
BRIN = "12AB"
VOLGNUMMER = "2024-0001"


def identificeer_bsn(rod, persoon=BSN_JANSEN) -> str:
    bsn, geboren, geslacht = persoon
    antwoord = rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(), geboorteDatum=geboren, geslacht=geslacht, metPGN={"burgerservicenummer": bsn})
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    return bsn


def identificeer_buitenland(rod, achternaam="Schmidt", voornamen="Lukas", geboren=date(2011, 9, 21),
                            geslacht="M", huidig=None, adres=None) -> str:
    """An uitgebreide set: a buitenlandsAdres never matches the BRP, so ROD issues an OWN."""
    antwoord = rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(), huidigOnderwijsnummer=huidig, geboorteDatum=geboren, geslacht=geslacht,
        zonderPGN={"achternaam": achternaam, "voornamen": voornamen, **(adres or {
            "buitenlandsAdres": {"adresregelBuitenland1": "Hauptstraße 7", "landcode": "9089"}})})
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    return antwoord.persoon.onderwijsnummer or antwoord.persoon.burgerservicenummer


def periode(begin: date, **kw) -> dict:
    return {"datumBegin": begin, "onderwijsaanbieder": "101A001", "onderwijslocatie": "101X001",
            "opleidingcode": "3121", "vestiging": "12AB00", "leerjaar": 1, "indicatieBekostigbaar": True, **kw}


def stand(pgn: dict, **kw) -> dict:
    waarden = {
        **pgn, "brin": BRIN, "inschrijvingvolgnummer": VOLGNUMMER, "datumInschrijving": date(2024, 8, 1),
        "inschrijvingPeriodeVO": [
            periode(date(2024, 8, 1)),
            periode(date(2025, 8, 1), leerjaar=2),
            periode(date(2026, 8, 1), leerjaar=3, experiment=[{"naam": "VERRIJKT_PROGRAMMA_VWO"}],
                    aanvullendeOpleiding=[{"opleidingcode": "3124"}], opleidingskenmerk=["TTO"]),
        ],
        "ontwikkelingsperspectief": [{"datumBegin": date(2024, 10, 1)}],
        "verblijfAndereInstelling": [{"datumBegin": date(2025, 1, 13), "datumEind": date(2025, 4, 11),
                                      "brin": "27VA", "vestiging": "27VA00", "verblijfsoort": "VAVO"}],
        "verzuimmelding": [{"datumBegin": date(2025, 3, 3), "datumEind": date(2025, 3, 28)}],
    }
    waarden.update(kw)
    return waarden


def lever(rod, waarden: dict, code: str | None = None):
    return rod.service.aanleverenInschrijvingVO(**bedrijfsdocument(code=code), **waarden)


def signalen(antwoord) -> list[tuple[str, str, str | None]]:
    return [(s.code, s.soort, s.element) for s in antwoord.terugkoppeling.signaal]


def codes(antwoord) -> list[str]:
    return sorted({s.code for s in antwoord.terugkoppeling.signaal})


def opgeslagen(register) -> dict:
    """The one stored inschrijving as plain values (and the row ids, to see rewrites)."""
    with register.sessies() as sessie:
        (rij,) = sessie.scalars(select(m.Inschrijving)).all()
        return {
            "datums": (rij.datum_inschrijving, rij.datum_uitschrijving),
            "pgn": (rij.pgn_soort, rij.pgn_nummer),
            "perioden": [(p.datum_begin, p.leerjaar, p.experimenten, p.aanvullende_opleidingen, p.opleidingskenmerken)
                         for p in rij.perioden],
            "opp": [(o.datum_begin, o.datum_eind) for o in rij.ontwikkelingsperspectieven],
            "vai": [(v.brin, v.vestiging, v.verblijfsoort) for v in rij.verblijven],
            "verzuim": [(v.datum_begin, v.datum_eind) for v in rij.verzuimmeldingen],
            "ids": sorted(p.id for p in rij.perioden),
            "opgeslagen_op": rij.opgeslagen_op,
            "standsleutel": rij.standsleutel,
        }


def test_aanleveren_wijzigen_herhalen(rod, register):
    bsn = identificeer_bsn(rod)
    antwoord = lever(rod, stand({"burgerservicenummer": bsn}))
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD", signalen(antwoord)
    assert antwoord.terugkoppeling.signaal == []
    eerst = opgeslagen(register)
    assert eerst["pgn"] == ("burgerservicenummer", bsn)
    assert [(p[0], p[1]) for p in eerst["perioden"]] == [
        (date(2024, 8, 1), 1), (date(2025, 8, 1), 2), (date(2026, 8, 1), 3)]
    assert eerst["perioden"][2][2:] == (["VERRIJKT_PROGRAMMA_VWO"], ["3124"], ["TTO"])
    assert eerst["opp"] == [(date(2024, 10, 1), None)]
    assert eerst["vai"] == [("27VA", "27VA00", "VAVO")]
    assert eerst["verzuim"] == [(date(2025, 3, 3), date(2025, 3, 28))]

    # A changed stand replaces everything: fewer periods, no OPP, no verzuim, uitgeschreven.
    gewijzigd = stand({"burgerservicenummer": bsn}, datumUitschrijving=date(2026, 7, 31),
                      inschrijvingPeriodeVO=[periode(date(2024, 8, 1)), periode(date(2025, 8, 1), leerjaar=2)],
                      ontwikkelingsperspectief=[], verzuimmelding=[])
    antwoord = lever(rod, gewijzigd)
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD", signalen(antwoord)
    daarna = opgeslagen(register)
    assert daarna["datums"] == (date(2024, 8, 1), date(2026, 7, 31))
    assert [(p[0], p[1]) for p in daarna["perioden"]] == [(date(2024, 8, 1), 1), (date(2025, 8, 1), 2)]
    assert daarna["opp"] == [] and daarna["verzuim"] == [] and daarna["vai"] == [("27VA", "27VA00", "VAVO")]
    assert tel(register, m.Inschrijving) == 1
    assert tel(register, m.InschrijvingPeriode) == 2
    assert tel(register, m.Ontwikkelingsperspectief) == 0

    # The identical stand again, under a new identificatiecode: nothing is rewritten.
    antwoord = lever(rod, gewijzigd)
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    assert opgeslagen(register) == daarna


def test_stand_van_periodevolgorde_onafhankelijk(rod, register):
    bsn = identificeer_bsn(rod)
    waarden = stand({"burgerservicenummer": bsn})
    lever(rod, waarden)
    voor = opgeslagen(register)
    omgekeerd = {**waarden, "inschrijvingPeriodeVO": list(reversed(waarden["inschrijvingPeriodeVO"]))}
    assert lever(rod, omgekeerd).terugkoppeling.status == "GOEDGEKEURD"
    assert opgeslagen(register) == voor


def _is02(rod) -> dict:
    """An OWN issued for a buitenlandsAdres, later linked to the BSN (ID51): now IS02."""
    own = identificeer_buitenland(rod, achternaam="Jansen", voornamen="Daan", geboren=date(2012, 3, 14))
    assert own.startswith("10")
    gekoppeld = identificeer_buitenland(rod, achternaam="Jansen", voornamen="Daan", geboren=date(2012, 3, 14),
                                        huidig=own, adres={"binnenlandsAdres": {"postcode": "3511AB"}})
    assert gekoppeld == BSN_JANSEN[0]
    return {"onderwijsnummer": own}


AFKEUREN = {
    "IS01": (lambda rod: {"burgerservicenummer": "999990123"}, {}, "burgerservicenummer"),
    "IS02": (_is02, {}, "onderwijsnummer"),
    "IS03": (None, {"datumUitschrijving": date(2024, 7, 31), "inschrijvingPeriodeVO": [periode(date(2024, 8, 1))],
                    "ontwikkelingsperspectief": [], "verblijfAndereInstelling": [], "verzuimmelding": []},
             "datumUitschrijving"),
    "IS04": (None, {"datumInschrijving": date(2024, 7, 1)}, "inschrijvingPeriodeVO[1]/datumBegin"),
    "IS05": (None, {"datumUitschrijving": date(2026, 7, 31)}, "inschrijvingPeriodeVO[3]/datumBegin"),
    "IS06": (None, {"inschrijvingPeriodeVO": [periode(date(2024, 8, 1), vestiging="12AB01",
                                                      onderwijslocatie="101X002")]},
             "inschrijvingPeriodeVO[1]/vestiging"),
    "IS07": (None, {"inschrijvingPeriodeVO": [periode(date(2024, 8, 1)),
                                              periode(date(2025, 8, 1), onderwijsaanbieder=None)]},
             "inschrijvingPeriodeVO[2]/onderwijsaanbieder"),
    "IS08": (None, {"inschrijvingPeriodeVO": [periode(date(2024, 8, 1), onderwijslocatie=None)]},
             "inschrijvingPeriodeVO[1]/onderwijslocatie"),
    "IS09": (None, {"inschrijvingPeriodeVO": [periode(date(2024, 8, 1), opleidingcode="4121")]},
             "inschrijvingPeriodeVO[1]/opleidingcode"),
    "IS10": (None, {"inschrijvingPeriodeVO": [periode(date(2024, 8, 1), opleidingcode="2941", leerjaar=5,
                                                      experiment=[])]},
             "inschrijvingPeriodeVO[1]/leerjaar"),
    "IS11": (lambda rod: {"onderwijsnummer": identificeer_buitenland(rod)}, {},
             "inschrijvingPeriodeVO[2]/indicatieNieuwkomersbekostiging"),
    "IS12": (None, {"ontwikkelingsperspectief": [{"datumBegin": date(2024, 10, 1), "datumEind": date(2024, 9, 30)}]},
             "ontwikkelingsperspectief[1]/datumEind"),
    "IS13": (None, {"verblijfAndereInstelling": [{"datumBegin": date(2025, 1, 13), "brin": "99ZZ",
                                                  "verblijfsoort": "OPDC"}]},
             "verblijfAndereInstelling[1]/brin"),
}


@pytest.mark.parametrize("code", sorted(AFKEUREN))
def test_afkeur(rod, register, code):
    persoon, wijziging, element = AFKEUREN[code]
    pgn = persoon(rod) if persoon else {"burgerservicenummer": identificeer_bsn(rod)}
    antwoord = lever(rod, stand(pgn, **wijziging))
    assert antwoord.terugkoppeling.status == "AFGEKEURD"
    assert (code, "AFKEUR", element) in signalen(antwoord), signalen(antwoord)
    assert tel(register, m.Inschrijving) == 0
    assert tel(register, m.InschrijvingPeriode) == 0


ATTENTIES = {
    "IS15": ({"datumInschrijving": date(2027, 11, 24), "inschrijvingPeriodeVO": [periode(date(2027, 11, 24))],
              "ontwikkelingsperspectief": [], "verblijfAndereInstelling": [], "verzuimmelding": []},
             "datumInschrijving"),
    "IS51": ({"inschrijvingPeriodeVO": [periode(date(2024, 8, 1), indicatieNieuwkomersbekostiging=True)]},
             "inschrijvingPeriodeVO[1]/indicatieNieuwkomersbekostiging"),
    "IS52": ({"inschrijvingPeriodeVO": [periode(date(2024, 8, 1), opleidingcode="3021",
                                                experiment=[{"naam": "VERSNELD_PROGRAMMA_VWO"}])]},
             "inschrijvingPeriodeVO[1]/experiment[1]/naam"),
    "IS53": ({"inschrijvingPeriodeVO": [periode(date(2024, 8, 1), onderwijslocatie="101X009")]},
             "inschrijvingPeriodeVO[1]/onderwijslocatie"),
}


@pytest.mark.parametrize("code", sorted(ATTENTIES))
def test_attentie(rod, register, code):
    wijziging, element = ATTENTIES[code]
    antwoord = lever(rod, stand({"burgerservicenummer": identificeer_bsn(rod)}, **wijziging))
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    assert signalen(antwoord) == [(code, "ATTENTIE", element)]
    assert tel(register, m.Inschrijving) == 1


def test_onderwijsnummer_met_indicatie(rod, register):
    own = identificeer_buitenland(rod)
    waarden = stand({"onderwijsnummer": own}, inschrijvingPeriodeVO=[
        periode(date(2024, 8, 1)),  # ended 2025-07-31: no indicatie needed
        periode(date(2025, 8, 1), leerjaar=2, indicatieNieuwkomersbekostiging=True)])
    antwoord = lever(rod, waarden)
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD", signalen(antwoord)
    assert opgeslagen(register)["pgn"] == ("onderwijsnummer", own)


def test_alle_fouten_tegelijk(rod, register):
    own = identificeer_buitenland(rod)
    waarden = stand({"onderwijsnummer": own}, datumInschrijving=date(2024, 7, 1), inschrijvingPeriodeVO=[
        periode(date(2024, 8, 1), onderwijsaanbieder=None, onderwijslocatie="101X009"),
        periode(date(2025, 8, 1), opleidingcode="9999", leerjaar=2, indicatieNieuwkomersbekostiging=False),
    ], ontwikkelingsperspectief=[{"datumBegin": date(2024, 6, 1)}],
        verblijfAndereInstelling=[{"datumBegin": date(2025, 1, 13), "brin": "99ZZ", "verblijfsoort": "OPDC"}])
    antwoord = lever(rod, waarden)
    assert antwoord.terugkoppeling.status == "AFGEKEURD"
    assert codes(antwoord) == ["IS04", "IS07", "IS09", "IS12", "IS13", "IS53"]
    assert tel(register, m.Inschrijving) == 0


def test_verwijderen(rod, register):
    bsn = identificeer_bsn(rod)
    assert lever(rod, stand({"burgerservicenummer": bsn})).terugkoppeling.status == "GOEDGEKEURD"
    antwoord = rod.service.aanleverenVerwijderingInschrijvingVO(
        **bedrijfsdocument(), burgerservicenummer=bsn, brin=BRIN, inschrijvingvolgnummer=VOLGNUMMER)
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    assert antwoord.terugkoppeling.signaal == []
    assert tel(register, m.Inschrijving) == 0
    assert tel(register, m.InschrijvingPeriode) == 0
    assert tel(register, m.VerblijfAndereInstelling) == 0
    with register.sessies() as sessie:
        (verwijderd,) = sessie.scalars(select(m.Verwijdering)).all()
    assert (verwijderd.soort, verwijderd.brin, verwijderd.volgnummer) == ("inschrijving", BRIN, VOLGNUMMER)
    assert verwijderd.administratie_oin == "00000009900000000101"
    assert verwijderd.stand["burgerservicenummer"] == bsn
    assert [p["datumBegin"] for p in verwijderd.stand["inschrijvingPeriodeVO"]] == [
        "2024-08-01", "2025-08-01", "2026-08-01"]

    # Removing it again: it no longer exists.
    antwoord = rod.service.aanleverenVerwijderingInschrijvingVO(
        **bedrijfsdocument(), burgerservicenummer=bsn, brin=BRIN, inschrijvingvolgnummer=VOLGNUMMER)
    assert signalen(antwoord) == [("IS14", "AFKEUR", "inschrijvingvolgnummer")]


def test_verwijderen_onbekend(rod, register):
    bsn = identificeer_bsn(rod, BSN_DE_JONG)
    antwoord = rod.service.aanleverenVerwijderingInschrijvingVO(
        **bedrijfsdocument(), burgerservicenummer=bsn, brin=BRIN, inschrijvingvolgnummer="bestaat-niet")
    assert antwoord.terugkoppeling.status == "AFGEKEURD"
    assert signalen(antwoord) == [("IS14", "AFKEUR", "inschrijvingvolgnummer")]
    assert tel(register, m.Verwijdering) == 0


def test_inschrijving_volgt_de_leerling_als_het_onderwijsnummer_aan_een_bsn_wordt_gekoppeld(rod, register):
    """An OWN pupil enrolled, later identified with its BSN (ID51 with huidigOnderwijsnummer):
    the inschrijving moves to the BSN person, so the BSN's next delivery replaces it instead
    of creating a second one."""
    own = identificeer_buitenland(rod, achternaam="Jansen", voornamen="Daan", geboren=date(2012, 3, 14))
    perioden = [periode(date(2024, 8, 1), indicatieNieuwkomersbekostiging=False)]
    assert lever(rod, stand({"onderwijsnummer": own}, inschrijvingPeriodeVO=perioden)).terugkoppeling.status == "GOEDGEKEURD"
    bsn = identificeer_buitenland(rod, achternaam="Jansen", voornamen="Daan", geboren=date(2012, 3, 14),
                                  huidig=own, adres={"binnenlandsAdres": {"postcode": "3511AB"}})
    assert bsn == BSN_JANSEN[0]
    assert lever(rod, stand({"burgerservicenummer": bsn})).terugkoppeling.status == "GOEDGEKEURD"
    with register.sessies() as sessie:
        (rij,) = sessie.scalars(select(m.Inschrijving)).all()  # one inschrijving, not two
        persoon = sessie.get(m.Persoon, rij.persoon_id)
    assert persoon.burgerservicenummer == bsn and rij.pgn_nummer == bsn
