"""The EX51–EX57 attentie signals end to end: zeep over real HTTP against the shipped
default reference data, today 2026-11-23 (``register`` fixture). Every delivery here is
GOEDGEKEURD and stored; the signals only tell the LAS what DUO's re-check found."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from rod_service.store import models as m

from ..conftest import bedrijfsdocument, tel

pytestmark = pytest.mark.e2e

JANSEN = ("999990007", date(2012, 3, 14), "M")  # fixed test person of the default data
BRIN, INSCHRIJVING, EXAMEN = "12AB", "2024-0001", "EX2026-0001"


def identificeer(rod) -> str:
    bsn, geboren, geslacht = JANSEN
    antwoord = rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(), geboorteDatum=geboren, geslacht=geslacht, metPGN={"burgerservicenummer": bsn})
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    return bsn


def periode(begin: date, leerjaar: int) -> dict:
    return {"datumBegin": begin, "onderwijsaanbieder": "101A001", "onderwijslocatie": "101X001",
            "opleidingcode": "3022", "vestiging": "12AB00", "leerjaar": leerjaar, "indicatieBekostigbaar": True}


@pytest.fixture
def jansen(rod) -> str:
    """Jansen identified and ingeschreven at 12AB (HAVO E&M) from 2024-10-01, still open."""
    bsn = identificeer(rod)
    antwoord = rod.service.aanleverenInschrijvingVO(
        **bedrijfsdocument(), burgerservicenummer=bsn, brin=BRIN, inschrijvingvolgnummer=INSCHRIJVING,
        datumInschrijving=date(2024, 10, 1),
        inschrijvingPeriodeVO=[periode(date(2024, 10, 1), 4), periode(date(2025, 8, 1), 5)])
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    return bsn


def vak(nummer: int, vakcode: str, eind: int | str, ce: list[int] | None = None, examendeel: str = "PROFIEL",
        combinatie: bool = False) -> dict:
    """A vak with eindcijfer ``eind`` (schoolexamen eind × 10), or with beoordeling ``eind``."""
    resultaat = ({"schoolexamen": {"beoordeling": eind}, "eindbeoordeling": eind} if isinstance(eind, str)
                 else {"schoolexamen": {"cijfer": eind * 10}, "eindcijfer": eind})
    return {"volgnummerResultaat": str(nummer), "vakcode": vakcode, "examendeel": examendeel, **resultaat,
            "centraalExamen": [{"tijdvak": t, "cijfer": c} for t, c in enumerate(ce or (), 1)],
            "indicatieDiplomavak": True, "indicatieCombinatiecijfer": combinatie, "indicatieWerkstuk": False,
            "indicatieInruil": False}


def examen(bsn: str, resultaat: str = "GESLAAGD", cum_laude: bool = False, werkstuk: int = 70,
           **eindcijfers) -> dict:
    """A HAVO E&M exam 2026 at 12AB. Default: E ne 6, en 7, wa 6, ec 7, gs 6, ak 7 (vrij),
    combinatiecijfer 7 (maw 7, ckv 7, pws 7), lo V; CE 6,0 6,8 5,8 6,6 6,1 7,0 — geslaagd.
    ``eindcijfers`` overrides a vak as ``ec=(4, [40])`` or drops its CE as ``ec=(7, None)``."""
    standaard = {"ne": (6, [60]), "en": (7, [68]), "wa": (6, [58]), "ec": (7, [66]), "gs": (6, [61]),
                 "ak": (7, [70])}
    standaard.update(eindcijfers)
    vakken = [vak(i, code, eind, ce, "GEMEENSCHAPPELIJK" if code in ("ne", "en") else
                  "VRIJ" if code == "ak" else "PROFIEL")
              for i, (code, (eind, ce)) in enumerate(standaard.items(), 1)]
    vakken += [vak(7, "maw", 7, examendeel="GEMEENSCHAPPELIJK", combinatie=True),
               vak(8, "ckv", 7, examendeel="GEMEENSCHAPPELIJK", combinatie=True),
               vak(9, "lo", "V", examendeel="GEMEENSCHAPPELIJK")]
    return {
        "burgerservicenummer": bsn, "brin": BRIN, "examenresultaatvolgnummer": EXAMEN,
        "inschrijvingvolgnummer": INSCHRIJVING, "onderwijsaanbieder": "101A001", "vestiging": "12AB00",
        "examenregime": 2026, "niveau": "HAVO", "indicatieTeruggetrokken": False,
        "indicatieEerderLeerjaar": False, "indicatieGespreidExamen": False, "indicatieDoorlopendeLeerlijn": False,
        "uitslag": {"datumUitslag": date(2026, 7, 10), "resultaat": resultaat, "soortWaardedocument": "DIPLOMA",
                    "indicatieCumLaude": cum_laude},
        "cijferlijst": [{
            "opleidingcode": "3022", "vak": vakken,
            "werkstuk": {"volgnummerResultaat": "10", "titel": "Wederopbouw na 1945", "cijfer": werkstuk},
            "combinatiecijfer": {"volgnummerResultaat": "11", "eindcijfer": 7},
        }],
    }


def lever(rod, waarden: dict):
    return rod.service.aanleverenExamenresultaatVO(**bedrijfsdocument(), **waarden)


def signalen(antwoord) -> list[tuple[str, str, str | None]]:
    return [(s.code, s.soort, s.element) for s in antwoord.terugkoppeling.signaal]


def opgeslagen_resultaat(register) -> str | None:
    with register.sessies() as sessie:
        (rij,) = sessie.scalars(select(m.Examenresultaat)).all()
        return rij.resultaat


GEVALLEN = {
    # The consistent result: no signal at all.
    "geslaagd en klopt": ({}, []),
    # ec 4 and gs 4: two 4s are never compensated (art. 50 lid 1), yet GESLAAGD delivered.
    "geslaagd met twee vieren": ({"ec": (4, [40]), "gs": (4, [45])}, [("EX55", "ATTENTIE", "uitslag/resultaat")]),
    # Kernvak wiskunde A 4 (E average 46/7 = 6,57 would compensate): one vak decides.
    "geslaagd met kernvak vier": ({"wa": (4, [40]), "ak": (9, [85])}, [("EX55", "ATTENTIE", "cijferlijst[1]/vak[3]")]),
    # AFGEWEZEN on the default, passing set.
    "afgewezen maar geslaagd": ({"resultaat": "AFGEWEZEN"}, [("EX55", "ATTENTIE", "uitslag/resultaat")]),
    # Profielwerkstuk 6,9: only tens allowed.
    "werkstuk 69": ({"werkstuk": 69}, [("EX51", "ATTENTIE", "cijferlijst[1]/werkstuk/cijfer")]),
    # Economie (profieldeel, a vak with a centraal examen) delivered without CE.
    "profielvak zonder ce": ({"ec": (7, None)}, [("EX52", "ATTENTIE", "cijferlijst[1]/vak[4]/centraalExamen")]),
    # Cum laude on an average of 6,57.
    "cum laude zonder de cijfers": ({"cum_laude": True}, [("EX57", "ATTENTIE", "uitslag/indicatieCumLaude")]),
}


@pytest.mark.parametrize("geval", list(GEVALLEN))
def test_attentie_en_toch_opgeslagen(rod, register, jansen, geval):
    wijziging, verwacht = GEVALLEN[geval]
    opties = {k: wijziging[k] for k in ("resultaat", "cum_laude", "werkstuk") if k in wijziging}
    cijfers = {k: v for k, v in wijziging.items() if k not in opties}
    antwoord = lever(rod, examen(jansen, **opties, **cijfers))
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    assert signalen(antwoord) == verwacht
    assert tel(register, m.Examenresultaat) == 1 and tel(register, m.Examenvak) == 9
    assert opgeslagen_resultaat(register) == opties.get("resultaat", "GESLAAGD")


def test_verbeterde_uitslag_geen_signaal_meer(rod, register, jansen):
    """The LAS corrects its uitslag after EX55: the new stand replaces the old one, quietly."""
    twee_vieren = {"ec": (4, [40]), "gs": (4, [45])}
    assert [c for c, _, _ in signalen(lever(rod, examen(jansen, **twee_vieren)))] == ["EX55"]
    antwoord = lever(rod, examen(jansen, resultaat="AFGEWEZEN", **twee_vieren))
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD" and signalen(antwoord) == []
    assert opgeslagen_resultaat(register) == "AFGEWEZEN"


def test_geen_inschrijving_op_datum_uitslag(rod, register):
    """Ingeschreven only from 2026-08-01, after the datumUitslag: EX54, stored all the same."""
    bsn = identificeer(rod)
    antwoord = rod.service.aanleverenInschrijvingVO(
        **bedrijfsdocument(), burgerservicenummer=bsn, brin=BRIN, inschrijvingvolgnummer=INSCHRIJVING,
        datumInschrijving=date(2026, 8, 1), inschrijvingPeriodeVO=[periode(date(2026, 8, 1), 5)])
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    antwoord = lever(rod, examen(bsn))
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    assert signalen(antwoord) == [("EX54", "ATTENTIE", "uitslag/datumUitslag")]
    assert tel(register, m.Examenresultaat) == 1
