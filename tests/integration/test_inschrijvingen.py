"""The inschrijving handlers and repository against the real store (SQLite, migrations run),
without HTTP: what later issues read from the result, and moving stands between persons."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest

from rod_service.domain.bedrijfsdocument import Bedrijfsdocument
from rod_service.domain.inschrijving import (
    Inschrijvingsdatums,
    LeverInschrijvingAan,
    Mutatie,
    Periode,
    VerwijderInschrijving,
)
from rod_service.domain.pgn import bsn, onderwijsnummer
from rod_service.service.inschrijven import lever_inschrijving_aan, verwijder_inschrijving
from rod_service.store import models as m

BSN = "999990007"
OWN = "101234564"


@pytest.fixture
def persoon_id(register) -> int:
    with register.sessies() as sessie, sessie.begin():
        persoon = m.Persoon(burgerservicenummer=BSN, geboortedatum=date(2012, 3, 14), geslacht="M",
                            bekend_sinds=register.klok.nu())
        sessie.add(persoon)
        sessie.flush()
        return persoon.id


def document(register) -> Bedrijfsdocument:
    return Bedrijfsdocument(str(uuid.uuid4()), "00000009900000000101", "00000009900000000001", register.klok.nu())


def bericht(register, volgnummer="2024-0001", pgn=None) -> LeverInschrijvingAan:
    return LeverInschrijvingAan(
        document=document(register), pgn=pgn or bsn(BSN), brin="12AB", inschrijvingvolgnummer=volgnummer,
        datum_inschrijving=date(2024, 8, 1),
        perioden=(Periode(date(2024, 8, 1), "3121", "12AB00", True, "101A001", "101X001", leerjaar=1),),
    )


def direct(register, handler, b):
    with register.uow() as uow:
        resultaat = handler(b, uow, register.omgeving())
        uow.commit()
    return resultaat


def test_resultaat_meldt_mutatie_en_vorige_datums(register, persoon_id):
    b = bericht(register)
    eerst = direct(register, lever_inschrijving_aan, b)
    assert (eerst.mutatie, eerst.vorige, eerst.huidige) == (Mutatie.NIEUW, None, Inschrijvingsdatums(date(2024, 8, 1)))
    assert eerst.persoon_id == persoon_id and eerst.datum_inschrijving_gewijzigd
    assert direct(register, lever_inschrijving_aan, b).mutatie is Mutatie.ONGEWIJZIGD
    uit = direct(register, lever_inschrijving_aan, replace(b, datum_uitschrijving=date(2025, 7, 31)))
    assert (uit.mutatie, uit.vorige) == (Mutatie.GEWIJZIGD, Inschrijvingsdatums(date(2024, 8, 1)))
    assert uit.datum_uitschrijving_gewijzigd and not uit.datum_inschrijving_gewijzigd
    weg = direct(register, verwijder_inschrijving,
                 VerwijderInschrijving(document(register), bsn(BSN), "12AB", "2024-0001"))
    assert (weg.mutatie, weg.vorige, weg.huidige) == (
        Mutatie.VERWIJDERD, Inschrijvingsdatums(date(2024, 8, 1), date(2025, 7, 31)), None)


def test_afkeur_slaat_niets_op(register, persoon_id):
    te_vroeg = replace(bericht(register), datum_inschrijving=date(2024, 7, 1))
    resultaat = direct(register, lever_inschrijving_aan, te_vroeg)
    assert [s.code for s in resultaat.signalen] == ["IS04"] and resultaat.mutatie is None
    with register.uow() as uow:
        assert uow.inschrijvingen.van_persoon(persoon_id) == []


def test_verhuis_naar_bsn_persoon(register, persoon_id):
    """An OWN-only person's stands move to the BSN person; a key the target already has stays."""
    with register.sessies() as sessie, sessie.begin():
        oud = m.Persoon(geboortedatum=date(2012, 3, 14), geslacht="M", bekend_sinds=register.klok.nu())
        sessie.add(oud)
        sessie.flush()
        oud_id = oud.id
    with register.uow() as uow:
        for volgnummer in ("A", "B"):
            b = bericht(register, volgnummer, onderwijsnummer(OWN))
            uow.inschrijvingen.vervang_stand(oud_id, b, administratie_oin="0" * 20, standsleutel=b.standsleutel(),
                                             nu=register.klok.nu())
        b = bericht(register, "B")
        uow.inschrijvingen.vervang_stand(persoon_id, b, administratie_oin="0" * 20, standsleutel=b.standsleutel(),
                                         nu=register.klok.nu())
        assert uow.inschrijvingen.verhuis(oud_id, persoon_id) == 1
        uow.commit()
    with register.uow() as uow:
        nieuw = uow.inschrijvingen.van_persoon(persoon_id)
        assert sorted((r.inschrijvingvolgnummer, r.pgn_soort) for r in nieuw) == [
            ("A", "onderwijsnummer"), ("B", "burgerservicenummer")]
        assert [r.inschrijvingvolgnummer for r in uow.inschrijvingen.van_persoon(oud_id)] == ["B"]


def test_verhuis_examenresultaten_naar_bsn_persoon(register, persoon_id):
    """Examenresultaten under an OWN-only person follow to the BSN person too; a key the
    target already has stays."""
    with register.sessies() as sessie, sessie.begin():
        oud = m.Persoon(geboortedatum=date(2012, 3, 14), geslacht="M", bekend_sinds=register.klok.nu())
        sessie.add(oud)
        sessie.flush()
        for eigenaar, volgnummer in ((oud.id, "E1"), (oud.id, "E2"), (persoon_id, "E2")):
            sessie.add(m.Examenresultaat(
                persoon_id=eigenaar, brin="12AB", examenresultaatvolgnummer=volgnummer, pgn_soort="onderwijsnummer",
                pgn_nummer=OWN, vestiging="12AB00", examenregime=2026, niveau="HAVO", stand={}, standsleutel="x",
                opgeslagen_op=register.klok.nu()))
        oud_id = oud.id
    with register.uow() as uow:
        assert uow.examenresultaten.verhuis(oud_id, persoon_id) == 1
        uow.commit()
    with register.uow() as uow:
        assert sorted(r.examenresultaatvolgnummer for r in uow.examenresultaten.van_persoon_bij_brin(persoon_id, "12AB")) == ["E1", "E2"]
        assert [r.examenresultaatvolgnummer for r in uow.examenresultaten.van_persoon_bij_brin(oud_id, "12AB")] == ["E2"]


def test_een_levering_houdt_haar_persoon_vast_tot_de_commit(register, persoon_id):
    """The delivery hot path runs READ COMMITTED on PostgreSQL and relies on the person's
    row lock (``kop_op_pgn(..., vergrendel=True)``): a second delivery for the same person
    waits until the first commits, then sees its stand. (SQLite: BEGIN IMMEDIATE.)"""
    import threading

    pgn = bsn(BSN)
    stand = bericht(register, volgnummer="LOCK-1").stand
    eerste = register.uow().per_persoon_vergrendeld()
    with eerste:
        assert eerste.personen.kop_op_pgn(pgn, vergrendel=True).id == persoon_id
        gezien = []

        def tweede_levering():
            with register.uow().per_persoon_vergrendeld() as tweede:
                tweede.personen.kop_op_pgn(pgn, vergrendel=True)
                gezien.append(tweede.inschrijvingen.kop(persoon_id, "12AB", "LOCK-1"))

        draad = threading.Thread(target=tweede_levering)
        draad.start()
        draad.join(0.5)
        assert draad.is_alive() and not gezien  # waits for the lock
        eerste.inschrijvingen.vervang_stand(persoon_id, stand, administratie_oin="0" * 20,
                                            standsleutel=stand.standsleutel(), nu=register.klok.nu())
        eerste.commit()
    draad.join(10)
    assert not draad.is_alive() and gezien[0] is not None  # then sees the first one's stand


def test_een_opgeslagen_stand_komt_met_al_zijn_kinderen_terug(register, persoon_id):
    """The stored stands of a person are read back whole in a later unit of work: OPP, VAI and
    verzuim too, for the inschrijving that has them, and none for the one that has none (the
    read skips child tables without rows of the person's inschrijvingen)."""
    from rod_service.domain.inschrijving import Ontwikkelingsperspectief, VerblijfAndereInstelling, Verzuimmelding

    vol = replace(bericht(register), ontwikkelingsperspectieven=(Ontwikkelingsperspectief(date(2024, 9, 1)),),
                  verblijven=(VerblijfAndereInstelling(date(2024, 10, 1), date(2025, 1, 31), brin="45GH",
                                                       verblijfsoort="OPDC", vestiging="45GH00"),),
                  verzuimmeldingen=(Verzuimmelding(date(2024, 11, 4), date(2024, 11, 8)),))
    leeg = replace(bericht(register, volgnummer="2024-0002"), document=document(register), brin="45GH",
                   perioden=(Periode(date(2024, 8, 1), "2941", "45GH00", True, "404A001", "404X001", leerjaar=1),))
    for b in (vol, leeg):
        assert direct(register, lever_inschrijving_aan, b).mutatie == Mutatie.NIEUW
    with register.uow() as uow:
        standen = {s.inschrijvingvolgnummer: s for _, s in uow.inschrijvingen.standen(persoon_id)}
    gelezen_vol, gelezen_leeg = standen["2024-0001"], standen["2024-0002"]
    assert gelezen_vol.ontwikkelingsperspectieven == vol.ontwikkelingsperspectieven
    assert gelezen_vol.verblijven == vol.verblijven
    assert gelezen_vol.verzuimmeldingen == vol.verzuimmeldingen
    assert gelezen_vol.perioden == vol.perioden and gelezen_leeg.perioden == leeg.perioden
    assert (gelezen_leeg.ontwikkelingsperspectieven, gelezen_leeg.verblijven, gelezen_leeg.verzuimmeldingen) == ((), (), ())
