"""Bekostigingsbericht, spontaneous bekostigingsberichten, digitaal in- en uitschrijfbewijs
and the asynchroon answer mode, end to end: zeep over real HTTP against the shipped
default reference data, today fixed at 2026-11-23 (school year 2026-2027, teldatum
2026-10-01). Pushes are asserted on the outbox rows (decoded and validated against the
LeerlingadministratieVO XSD); their delivery is the dispatcher's business.

Schools: 12AB (administratie …0101) and 45GH (…0202) are both VO and bekostigd; 45GH01
has no licence for 3123."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from lxml import etree
from sqlalchemy import select

from rod_service.paden import wsdl_map
from rod_service.referentiedata import loader
from rod_service.soap.schema import Contract
from rod_service.store import models as m
from tests.conftest import ADMINISTRATIE_A, ADMINISTRATIE_B, ROD_OIN, bedrijfsdocument

pytestmark = pytest.mark.e2e

NS = {"r": "urn:rod-service:vo:v1"}
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
LAS_CONTRACT = Contract(wsdl_map() / "xsd" / "rod-vo-las.xsd")

JANSEN = ("999990007", date(2012, 3, 14), "M")  # PO until 2024-07-31
AMIRA = ("999990056", date(2013, 1, 22), "V")  # SY, in NL since 2025-10-15
KOVALENKO = ("999990202", date(2012, 9, 1), "M")  # UA, PO 07PA from 2024-03-18
NOAH = ("999990135", date(2014, 2, 10), "M")  # open PO inschrijving 07PA

SCHOLEN = {  # brin: (onderwijsaanbieder, onderwijslocatie, vestiging)
    "12AB": ("101A001", "101X001", "12AB00"),
    "45GH": ("404A001", "404X001", "45GH00"),
    "34EF": ("303A001", "303X001", "34EF00"),
}
KEVIN = ("999990123", date(2007, 5, 1), "M")  # praktijkonderwijs, over 18


# --- delivering ------------------------------------------------------------------------

def identificeer(rod, persoon=JANSEN, verzender=ADMINISTRATIE_A) -> dict:
    bsn, geboren, geslacht = persoon
    antwoord = rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(verzender), geboorteDatum=geboren, geslacht=geslacht, metPGN={"burgerservicenummer": bsn})
    assert antwoord.ontvangstBevestiging == "J"
    return {"burgerservicenummer": bsn}


def identificeer_own(rod, verzender=ADMINISTRATIE_A) -> dict:
    antwoord = rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(verzender), geboorteDatum=date(2012, 2, 2), geslacht="V",
        zonderPGN={"achternaam": "Nowak", "voornamen": "Zofia",
                   "buitenlandsAdres": {"adresregelBuitenland1": "ul. Długa 5", "landcode": "6029"}})
    assert antwoord.persoon.onderwijsnummer
    return {"onderwijsnummer": antwoord.persoon.onderwijsnummer}


def periode(brin: str, begin: date, **kw) -> dict:
    aanbieder, locatie, vestiging = SCHOLEN[brin]
    return {"datumBegin": begin, "onderwijsaanbieder": aanbieder, "onderwijslocatie": locatie,
            "opleidingcode": "3121", "vestiging": vestiging, "leerjaar": 1, "indicatieBekostigbaar": True, **kw}


def lever(rod, pgn: dict, brin: str, din: date, duit: date | None = None, *, perioden=None, code=None,
          volgnummer=None):
    verzender = ADMINISTRATIE_B if brin in ("45GH", "56JK") else ADMINISTRATIE_A
    antwoord = rod.service.aanleverenInschrijvingVO(
        **bedrijfsdocument(verzender, code=code), **pgn, brin=brin, inschrijvingvolgnummer=volgnummer or f"{brin}-1",
        datumInschrijving=din, datumUitschrijving=duit, inschrijvingPeriodeVO=perioden or [periode(brin, din)])
    assert antwoord.terugkoppeling is None or antwoord.terugkoppeling.status == "GOEDGEKEURD", antwoord
    return antwoord


def verwijder(rod, pgn: dict, brin: str):
    verzender = ADMINISTRATIE_B if brin in ("45GH", "56JK") else ADMINISTRATIE_A
    return rod.service.aanleverenVerwijderingInschrijvingVO(
        **bedrijfsdocument(verzender), **pgn, brin=brin, inschrijvingvolgnummer=f"{brin}-1")


def teldata(antwoord) -> list[tuple]:
    """(datum, indicatieBekostigd, [(code, brin)]) per teldatum of the answer's bericht."""
    return [(t.datum, t.indicatieBekostigd, [(s.code, s.brin) for s in t.signaal])
            for t in antwoord.bekostigingsbericht.teldatum]


# --- the outbox ------------------------------------------------------------------------

def uitbox(register) -> list[tuple[str, str, etree._Element]]:
    """Every outbox row as (administratie, operatie, body element), oldest first; each body
    is checked against the LeerlingadministratieVO contract."""
    with register.sessies() as sessie:
        rijen = sessie.scalars(select(m.OutboxBericht).order_by(m.OutboxBericht.id)).all()
        uit = [(r.administratie_oin, r.operatie, etree.fromstring(r.body)) for r in rijen]
    for _, operatie, body in uit:
        assert body.tag == f"{{{NS['r']}}}{operatie}_Request"
        fouten = LAS_CONTRACT.valideer(body)
        assert not fouten, [f.als_tekst() for f in fouten]
        assert body.findtext("r:verzendendeInstantie", namespaces=NS) == ROD_OIN
    return uit


def nieuw_in_uitbox(register, voor: int) -> list[tuple[str, str, etree._Element]]:
    return uitbox(register)[voor:]


def tekst(el: etree._Element, pad: str) -> str | None:
    return el.findtext(pad, namespaces=NS)


def bewijs(body: etree._Element) -> tuple:
    """(eigenBrin, eigenInschrijvingvolgnummer, soortBewijs, brin, onderwijsaanbieder,
    onderwijslocatie, datum or 'nil')."""
    inschrijving = body.find("r:inschrijving", NS)
    datum = inschrijving[3]
    return (tekst(body, "r:eigenBrin"), tekst(body, "r:eigenInschrijvingvolgnummer"), tekst(body, "r:soortBewijs"),
            tekst(inschrijving, "r:brin"), tekst(inschrijving, "r:onderwijsaanbieder"),
            tekst(inschrijving, "r:onderwijslocatie"),
            "nil" if datum.get(XSI_NIL) == "true" else date.fromisoformat(datum.text))


def bekostiging(body: etree._Element) -> tuple:
    """(brin, [(datum, indicatieBekostigd, [(code, brin)])]) of a pushed bekostigingsbericht."""
    bericht = body.find("r:bekostigingsbericht", NS)
    return tekst(bericht, "r:brin"), [
        (date.fromisoformat(tekst(t, "r:datum")), tekst(t, "r:indicatieBekostigd") == "true",
         [(tekst(s, "r:code"), tekst(s, "r:brin")) for s in t.findall("r:signaal", NS)])
        for t in bericht.findall("r:teldatum", NS)]


def soorten(rijen) -> list[tuple[str, str]]:
    return [(oin, operatie) for oin, operatie, _ in rijen]


BK01_12AB, BK01_45GH = ("BK01", "12AB"), ("BK01", "45GH")


# --- the dubbele inschrijving story ----------------------------------------------------

def test_dubbele_inschrijving_bewijzen_en_spontane_bekostigingsberichten(rod, register):
    pgn = identificeer(rod)
    identificeer(rod, verzender=ADMINISTRATIE_B)

    # A (12AB) enrols the pupil: bekostigd on every teldatum, nothing pushed.
    a = lever(rod, pgn, "12AB", date(2024, 8, 1))
    assert teldata(a) == [(date(2024, 10, 1), True, []), (date(2025, 10, 1), True, []),
                          (date(2026, 10, 1), True, [])]
    assert uitbox(register) == []

    # B (45GH) enrols the same pupil before 1 October: B has BK01 and loses the bekostiging.
    b = lever(rod, pgn, "45GH", date(2026, 9, 1))
    assert teldata(b) == [(date(2026, 10, 1), False, [BK01_12AB])]
    rijen = uitbox(register)
    assert soorten(rijen) == [(ADMINISTRATIE_A, "verstrekkenBekostigingsberichtVO"),
                              (ADMINISTRATIE_A, "verstrekkenDigitaalInUitschrijfbewijsVO")]
    assert bekostiging(rijen[0][2]) == ("12AB", [(date(2024, 10, 1), True, []), (date(2025, 10, 1), True, []),
                                                 (date(2026, 10, 1), True, [BK01_45GH])])
    assert bewijs(rijen[1][2]) == ("12AB", "12AB-1", "INSCHRIJFBEWIJS", "45GH", "404A001", "404X001", date(2026, 9, 1))
    assert tekst(rijen[1][2], "r:burgerservicenummer") == pgn["burgerservicenummer"]
    assert tekst(rijen[1][2], "r:ontvangendeInstantie") == ADMINISTRATIE_A

    # A enrols out on 31 August: B gets the uitschrijfbewijs and, no longer doubly
    # enrolled, a spontaneous bekostigingsbericht without BK01; A's own comes in its answer.
    a = lever(rod, pgn, "12AB", date(2024, 8, 1), date(2026, 8, 31))
    assert teldata(a) == [(date(2024, 10, 1), True, []), (date(2025, 10, 1), True, [])]
    rijen = nieuw_in_uitbox(register, 2)
    assert sorted(soorten(rijen)) == [(ADMINISTRATIE_B, "verstrekkenBekostigingsberichtVO"),
                                      (ADMINISTRATIE_B, "verstrekkenDigitaalInUitschrijfbewijsVO")]
    per_operatie = {operatie: body for _, operatie, body in rijen}
    assert bekostiging(per_operatie["verstrekkenBekostigingsberichtVO"]) == ("45GH", [(date(2026, 10, 1), True, [])])
    assert bewijs(per_operatie["verstrekkenDigitaalInUitschrijfbewijsVO"]) == (
        "45GH", "45GH-1", "UITSCHRIJFBEWIJS", "12AB", "101A001", "101X001", date(2026, 8, 31))

    # The same stand again (a new document): nothing pushed.
    lever(rod, pgn, "12AB", date(2024, 8, 1), date(2026, 8, 31))
    assert len(uitbox(register)) == 4

    # A removes the datumUitschrijving: B gets a nil uitschrijfbewijs and BK01 back.
    lever(rod, pgn, "12AB", date(2024, 8, 1))
    rijen = nieuw_in_uitbox(register, 4)
    per_operatie = {operatie: body for _, operatie, body in rijen}
    assert bewijs(per_operatie["verstrekkenDigitaalInUitschrijfbewijsVO"])[2:] == (
        "UITSCHRIJFBEWIJS", "12AB", "101A001", "101X001", "nil")
    assert bekostiging(per_operatie["verstrekkenBekostigingsberichtVO"]) == (
        "45GH", [(date(2026, 10, 1), False, [BK01_12AB])])

    # B deletes its inschrijving: no teldatum in its answer; A gets a nil inschrijfbewijs
    # and its bericht without BK01.
    weg = verwijder(rod, pgn, "45GH")
    assert weg.terugkoppeling.status == "GOEDGEKEURD"
    assert weg.bekostigingsbericht.teldatum == [] and weg.bekostigingsbericht.brin == "45GH"
    rijen = nieuw_in_uitbox(register, 6)
    per_operatie = {operatie: body for _, operatie, body in rijen}
    assert soorten(rijen) and {oin for oin, _ in soorten(rijen)} == {ADMINISTRATIE_A}
    assert bewijs(per_operatie["verstrekkenDigitaalInUitschrijfbewijsVO"]) == (
        "12AB", "12AB-1", "INSCHRIJFBEWIJS", "45GH", "404A001", "404X001", "nil")
    assert bekostiging(per_operatie["verstrekkenBekostigingsberichtVO"])[1][-1] == (date(2026, 10, 1), True, [])


def test_gewijzigde_periode_stuurt_niets(rod, register):
    pgn = identificeer(rod)
    identificeer(rod, verzender=ADMINISTRATIE_B)
    lever(rod, pgn, "12AB", date(2024, 8, 1))
    lever(rod, pgn, "45GH", date(2026, 9, 1))
    voor = len(uitbox(register))
    lever(rod, pgn, "45GH", date(2026, 9, 1), perioden=[periode("45GH", date(2026, 9, 1), leerjaar=2)])
    assert len(uitbox(register)) == voor


@pytest.mark.parametrize("dagen, verstuurd", [(183, True), (184, False)])
def test_half_jaar(rod, register, dagen, verstuurd):
    pgn = identificeer(rod)
    identificeer(rod, verzender=ADMINISTRATIE_B)
    uit = date(2026, 2, 27)
    lever(rod, pgn, "12AB", date(2024, 8, 1), uit)
    lever(rod, pgn, "45GH", uit + timedelta(days=dagen))
    rijen = [(oin, bewijs(body)) for oin, operatie, body in uitbox(register)
             if operatie == "verstrekkenDigitaalInUitschrijfbewijsVO"]
    if verstuurd:
        assert rijen == [
            (ADMINISTRATIE_A, ("12AB", "12AB-1", "INSCHRIJFBEWIJS", "45GH", "404A001", "404X001",
                               uit + timedelta(days=183))),
            (ADMINISTRATIE_B, ("45GH", "45GH-1", "UITSCHRIJFBEWIJS", "12AB", "101A001", "101X001", uit)),
        ]
    else:
        assert rijen == []


def test_gelijk_stand_bij_dubbele_datum_inschrijving_later_opgeslagen_verliest(rod, register):
    pgn = identificeer(rod)
    identificeer(rod, verzender=ADMINISTRATIE_B)
    a = lever(rod, pgn, "12AB", date(2026, 9, 1))
    assert teldata(a) == [(date(2026, 10, 1), True, [])]
    b = lever(rod, pgn, "45GH", date(2026, 9, 1))
    assert teldata(b) == [(date(2026, 10, 1), False, [BK01_12AB])]
    (_, _, body), = [r for r in uitbox(register) if r[1] == "verstrekkenBekostigingsberichtVO"]
    assert bekostiging(body) == ("12AB", [(date(2026, 10, 1), True, [BK01_45GH])])
    # equal datumInschrijving: neither is the older school, so no bewijzen
    assert [r for r in uitbox(register) if r[1] == "verstrekkenDigitaalInUitschrijfbewijsVO"] == []


# --- BK signals in the answer ------------------------------------------------------------

def test_bk02_po_en_bk03_licentie(rod, register):
    pgn = identificeer(rod, NOAH, verzender=ADMINISTRATIE_B)
    antwoord = lever(rod, pgn, "45GH", date(2026, 8, 24), perioden=[
        periode("45GH", date(2026, 8, 24), vestiging="45GH01", onderwijslocatie="404X002", opleidingcode="3123")])
    assert teldata(antwoord) == [(date(2026, 10, 1), False, [("BK02", "07PA"), ("BK03", None)])]
    (bk02, bk03) = antwoord.bekostigingsbericht.teldatum[0].signaal
    assert (bk02.soort, bk03.element) == ("ATTENTIE", "inschrijvingPeriodeVO[1]/opleidingcode")
    assert antwoord.terugkoppeling.signaal == []  # BK signals live in the bekostigingsbericht only


def test_bk04_niet_bekostigbaar(rod, register):
    pgn = identificeer(rod)
    antwoord = lever(rod, pgn, "12AB", date(2026, 8, 24),
                     perioden=[periode("12AB", date(2026, 8, 24), indicatieBekostigbaar=False)])
    assert teldata(antwoord) == [(date(2026, 10, 1), False, [("BK04", None)])]


def test_bk05_praktijkonderwijs_zevende_jaar(rod, register):
    pgn = identificeer(rod, KEVIN)
    antwoord = lever(rod, pgn, "34EF", date(2020, 8, 24), perioden=[
        periode("34EF", date(2020, 8, 24), opleidingcode="0090", leerjaar=None)])
    signalen = [codes for _, _, codes in teldata(antwoord)]
    assert len(signalen) == 7 and signalen[:6] == [[]] * 6  # school years 1-6
    assert teldata(antwoord)[-1] == (date(2026, 10, 1), True, [("BK05", None)])


# --- nieuwkomers ----------------------------------------------------------------------------

def test_nieuwkomer_met_bsn(rod, register):
    pgn = identificeer(rod, AMIRA)
    antwoord = lever(rod, pgn, "12AB", date(2025, 11, 3))
    bericht = antwoord.bekostigingsbericht
    assert bericht.burgerservicenummer == AMIRA[0]
    assert bericht.datumEersteInschrijvingNederland == date(2025, 11, 3)
    assert bericht.indicatieNieuwkomersbekostiging is True
    assert teldata(antwoord) == [(date(2026, 10, 1), True, [("BK06", None)])]


def test_nieuwkomer_met_bsn_school_wil_niet(rod, register):
    pgn = identificeer(rod, AMIRA)
    antwoord = lever(rod, pgn, "12AB", date(2025, 11, 3), perioden=[
        periode("12AB", date(2025, 11, 3), indicatieNieuwkomersbekostiging=False)])
    assert antwoord.bekostigingsbericht.indicatieNieuwkomersbekostiging is False
    assert teldata(antwoord) == [(date(2026, 10, 1), True, [])]


def test_nieuwkomer_eerste_inschrijving_op_de_basisschool(rod, register):
    """Kovalenko's first inschrijving in NL is the PO one of 2024-03-18: eligible from
    2024-04-01 to 2026-03-31, so on the teldata 2024 and 2025 but no longer in 2026."""
    pgn = identificeer(rod, KOVALENKO)
    antwoord = lever(rod, pgn, "12AB", date(2024, 8, 19))
    assert antwoord.bekostigingsbericht.datumEersteInschrijvingNederland == date(2024, 3, 18)
    assert antwoord.bekostigingsbericht.indicatieNieuwkomersbekostiging is False
    assert [codes for _, _, codes in teldata(antwoord)] == [[("BK06", None)], [("BK06", None)], []]


@pytest.mark.parametrize("indicatie, codes", [(True, [("BK06", None), ("BK07", None)]), (False, [("BK07", None)])])
def test_nieuwkomer_met_onderwijsnummer(rod, register, indicatie, codes):
    pgn = identificeer_own(rod)
    antwoord = lever(rod, pgn, "12AB", date(2026, 3, 2), perioden=[
        periode("12AB", date(2026, 3, 2), indicatieNieuwkomersbekostiging=indicatie)])
    bericht = antwoord.bekostigingsbericht
    assert bericht.onderwijsnummer == pgn["onderwijsnummer"]
    assert bericht.datumEersteInschrijvingNederland == date(2026, 3, 2)
    assert bericht.indicatieNieuwkomersbekostiging is indicatie
    assert teldata(antwoord) == [(date(2026, 10, 1), True, codes)]


# --- asynchroon ------------------------------------------------------------------------------

def zet_modus(register, oin: str, modus: str) -> None:
    document = register.huidig_document()
    (administratie,) = [a for a in document["administraties"] if a["oin"] == oin]
    register.laad_referentiedata(loader.samenvoegen(document, {"administraties": [{**administratie, "modus": modus}]}))


def test_asynchroon_kort_antwoord_en_terugkoppeling_via_de_outbox(rod, register):
    zet_modus(register, ADMINISTRATIE_A, "asynchroon")
    document = bedrijfsdocument()
    bsn, geboren, geslacht = JANSEN
    antwoord = rod.service.aanleverenIdentificerenPersoonVO(
        **document, geboorteDatum=geboren, geslacht=geslacht, metPGN={"burgerservicenummer": bsn})
    assert antwoord.ontvangstBevestiging == "J"
    assert antwoord.terugkoppeling is None and antwoord.persoon is None
    ((oin, operatie, body),) = uitbox(register)
    assert (oin, operatie) == (ADMINISTRATIE_A, "verstrekkenTerugkoppelingVO")
    assert tekst(body, "r:ontvangendeInstantie") == ADMINISTRATIE_A
    assert tekst(body, "r:identificatiecodeBedrijfsdocument") not in (
        document["identificatiecodeBedrijfsdocument"], antwoord.identificatiecodeBedrijfsdocument)
    assert tekst(body, "r:terugkoppeling/r:identificatiecodeAanlevering") == document["identificatiecodeBedrijfsdocument"]
    assert tekst(body, "r:terugkoppeling/r:status") == "GOEDGEKEURD"
    assert tekst(body, "r:persoon/r:burgerservicenummer") == bsn

    # The inschrijving: short answer; terugkoppeling and bekostigingsbericht in the push.
    code = bedrijfsdocument()["identificatiecodeBedrijfsdocument"]
    kort = lever(rod, {"burgerservicenummer": bsn}, "12AB", date(2024, 8, 1), code=code)
    assert kort.terugkoppeling is None and kort.bekostigingsbericht is None
    (_, operatie, body) = uitbox(register)[-1]
    assert operatie == "verstrekkenTerugkoppelingVO"
    assert tekst(body, "r:terugkoppeling/r:identificatiecodeAanlevering") == code
    assert bekostiging(body)[0] == "12AB" and len(bekostiging(body)[1]) == 3

    # The idempotent repeat: the same short answer, nothing pushed twice.
    herhaald = lever(rod, {"burgerservicenummer": bsn}, "12AB", date(2024, 8, 1), code=code)
    assert herhaald.identificatiecodeBedrijfsdocument == kort.identificatiecodeBedrijfsdocument
    assert herhaald.terugkoppeling is None
    assert len(uitbox(register)) == 2

    # An afgekeurde delivery: its terugkoppeling goes the same way, nothing else.
    afgekeurd = rod.service.aanleverenInschrijvingVO(
        **bedrijfsdocument(), burgerservicenummer="999990123", brin="12AB", inschrijvingvolgnummer="x",
        datumInschrijving=date(2024, 8, 1), inschrijvingPeriodeVO=[periode("12AB", date(2024, 8, 1))])
    assert afgekeurd.terugkoppeling is None
    (_, operatie, body) = uitbox(register)[-1]
    assert tekst(body, "r:terugkoppeling/r:status") == "AFGEKEURD"
    assert tekst(body, "r:terugkoppeling/r:signaal/r:code") == "IS01"
    assert len(uitbox(register)) == 3

    # The other administratie stays synchronous.
    identificeer(rod, verzender=ADMINISTRATIE_B)
    b = lever(rod, {"burgerservicenummer": bsn}, "45GH", date(2026, 9, 1))
    assert b.terugkoppeling.status == "GOEDGEKEURD" and teldata(b)[0][2] == [BK01_12AB]
    assert ("verstrekkenTerugkoppelingVO" not in
            [operatie for oin, operatie, _ in uitbox(register)[3:] if oin == ADMINISTRATIE_B])


def test_asynchroon_afwijzing_van_de_afzender_blijft_synchroon(rod, register):
    zet_modus(register, ADMINISTRATIE_A, "asynchroon")
    bsn, geboren, geslacht = JANSEN
    antwoord = rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(ontvanger="0" * 20), geboorteDatum=geboren, geslacht=geslacht,
        metPGN={"burgerservicenummer": bsn})
    assert antwoord.terugkoppeling.status == "AFGEKEURD"
    assert [s.code for s in antwoord.terugkoppeling.signaal] == ["AL06"]
    assert uitbox(register) == []


def test_asynchroon_leerlingdossier_blijft_synchroon(rod, register):
    zet_modus(register, ADMINISTRATIE_A, "asynchroon")
    bsn = JANSEN[0]
    identificeer(rod)
    lever(rod, {"burgerservicenummer": bsn}, "12AB", date(2024, 8, 1))
    voor = len(uitbox(register))
    dossier = rod.service.raadplegenLeerlingdossierVO(**bedrijfsdocument(), brin="12AB", burgerservicenummer=bsn)
    assert dossier.terugkoppeling.status == "GOEDGEKEURD" and dossier.leerlingdossier is not None
    assert len(uitbox(register)) == voor


# --- the whole story at the reference receiver -------------------------------------------

def test_het_hele_verhaal_komt_aan_bij_de_referentie_ontvanger(rod, register):
    """Both administraties point at the reference LAS receiver; B (…0202) answers
    asynchronously. After the dispatcher ran, the receiver holds every push once, each to
    the right administratie, and the outbox is empty of waiting rows."""
    import time

    from rod_service.las import ontvanger as las
    from rod_service.store.outbox import OutboxRepository

    ontvanger = las.start()
    dispatcher = None
    try:
        with register.sessies() as sessie, sessie.begin():
            for oin in (ADMINISTRATIE_A, ADMINISTRATIE_B):
                OutboxRepository(sessie).zet_endpoint(oin, ontvanger.url, nu=register.klok.nu())
        zet_modus(register, ADMINISTRATIE_B, "asynchroon")
        pgn = identificeer(rod)
        rod.service.aanleverenIdentificerenPersoonVO(  # B identifies too: its terugkoppeling is pushed
            **bedrijfsdocument(ADMINISTRATIE_B), geboorteDatum=JANSEN[1], geslacht=JANSEN[2], metPGN=pgn)
        lever(rod, pgn, "12AB", date(2024, 8, 1))
        lever(rod, pgn, "45GH", date(2026, 9, 1))  # B: async answer; A: bekostigingsbericht + inschrijfbewijs
        lever(rod, pgn, "12AB", date(2024, 8, 1), date(2026, 8, 31))  # B: uitschrijfbewijs + bekostigingsbericht
        verwacht = soorten(uitbox(register))
        assert len(verwacht) == 6

        dispatcher = register.dispatcher().start()
        einde = time.monotonic() + 30
        while len(ontvanger.ontvangen()) < len(verwacht) and time.monotonic() < einde:
            time.sleep(0.1)
        ontvangen = ontvanger.ontvangen()
        assert sorted((r["ontvangendeInstantie"], r["operatie"]) for r in ontvangen) == sorted(verwacht)
        per_soort = {(r["ontvangendeInstantie"], r["operatie"], r["velden"].get("soortBewijs")): r["velden"]
                     for r in ontvangen}
        assert per_soort[(ADMINISTRATIE_A, "verstrekkenDigitaalInUitschrijfbewijsVO", "INSCHRIJFBEWIJS")] == {
            "pgn": pgn["burgerservicenummer"], "eigenBrin": "12AB", "eigenInschrijvingvolgnummer": "12AB-1",
            "soortBewijs": "INSCHRIJFBEWIJS", "brin": "45GH", "datumInschrijving": "2026-09-01",
            "datumUitschrijving": None}
        assert per_soort[(ADMINISTRATIE_B, "verstrekkenDigitaalInUitschrijfbewijsVO", "UITSCHRIJFBEWIJS")][
            "datumUitschrijving"] == "2026-08-31"
        assert {r["velden"]["brin"] for r in ontvangen if r["operatie"] == "verstrekkenBekostigingsberichtVO"} == {
            "12AB", "45GH"}
        assert [r["velden"]["status"] for r in ontvangen if r["operatie"] == "verstrekkenTerugkoppelingVO"] == [
            "GOEDGEKEURD", "GOEDGEKEURD"]
        # in order per administratie: B's terugkoppeling on its inschrijving before the pushes A's change caused
        b_volgorde = [r["operatie"] for r in ontvangen if r["ontvangendeInstantie"] == ADMINISTRATIE_B]
        assert b_volgorde[:2] == ["verstrekkenTerugkoppelingVO", "verstrekkenTerugkoppelingVO"]
    finally:
        if dispatcher is not None:
            dispatcher.stop()
        ontvanger.stop()
    with register.sessies() as sessie:
        assert {r.status for r in sessie.scalars(select(m.OutboxBericht))} == {"bezorgd"}
