"""store/snel.py: the hot path's statements on the driver's cursor give what SQLAlchemy's
own execution gives (the same rows and values: dates, booleans, JSON), store the same
values, raise the same errors, and leave to SQLAlchemy what they cannot do. On the test
register's database: SQLite, and PostgreSQL under .ci/run."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from rod_service.store import berichten, dienststand, inschrijvingen, personen
from rod_service.store import models as m
from rod_service.store.db import verloor_race
from rod_service.store.snel import Snel, in_een_keer

from ..conftest import bedrijfsdocument
from ..e2e.test_inschrijving import BRIN, VOLGNUMMER, identificeer_bsn, stand

pytestmark = pytest.mark.e2e


@pytest.fixture
def ingeschreven(rod, register):
    """A person identified and enrolled through the service (three periods, the last with a
    kenmerk, an experiment and an aanvullende opleiding: dates, booleans and JSON lists in
    the rows); returns its persoon id."""
    bsn = identificeer_bsn(rod)
    antwoord = rod.service.aanleverenInschrijvingVO(**bedrijfsdocument(), **stand({"burgerservicenummer": bsn}))
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
    with register.sessies() as sessie:
        return sessie.scalar(select(m.Persoon.id).where(m.Persoon.burgerservicenummer == bsn))


def _zelfde(sessie, snel: Snel, waarden: dict) -> list[tuple]:
    eigen = [tuple(r) for r in snel.voer_uit(sessie, waarden).all()]
    assert eigen == [tuple(r) for r in sessie.execute(snel.statement, waarden).all()]
    return eigen


def test_leest_dezelfde_rijen_en_waarden_als_sqlalchemy(register, ingeschreven):
    with register.sessies() as sessie:
        [kop] = _zelfde(sessie, inschrijvingen._KOP, {"persoon_id": ingeschreven, "brin": BRIN,
                                                      "volgnummer": VOLGNUMMER})
        assert kop[2] == date(2024, 8, 1) and kop[4] is True  # a date, an EXISTS as a boolean
        _zelfde(sessie, inschrijvingen._VAN_PERSOON, {"persoon_id": ingeschreven, "behalve": 0})
        rij = inschrijvingen._VAN_PERSOON.voer_uit(sessie, {"persoon_id": ingeschreven, "behalve": 0}).first()
        assert rij.brin == BRIN and rij.datum_inschrijving == date(2024, 8, 1)  # by column name
        [kop_persoon] = _zelfde(sessie, personen._KOP_OP_ID, {"id": ingeschreven})
        [(gegevens,)] = _zelfde(sessie, personen._BRP_GEGEVENS, {"bsn": kop_persoon[1]})
        assert isinstance(gegevens, dict) and gegevens["achternaam"] == "Jansen"  # JSON decoded
        [stand_rij] = _zelfde(sessie, dienststand._LEES_SNEL, {})  # a value bound in the statement itself
        assert stand_rij[0] >= 1
        assert _zelfde(sessie, personen._NUMMERS, {"persoon_id": ingeschreven}) == []
        assert personen._KOP_OP_ID.voer_uit(sessie, {"id": -1}).first() is None


def test_schrijft_dezelfde_waarden(register, ingeschreven):
    """executemany through the cursor; the ORM reads back what SQLAlchemy would have stored."""
    with register.sessies() as sessie, sessie.begin():
        inschrijving_id = sessie.scalar(select(m.Inschrijving.id).where(m.Inschrijving.persoon_id == ingeschreven))
        rijen = [dict(inschrijving_id=inschrijving_id, datum_begin=date(2027, 8, 1), onderwijsaanbieder="101A001",
                      onderwijslocatie="101X001", opleidingcode="3121", vestiging="12AB00", leerjaar=4,
                      indicatie_bekostigbaar=False, aanvullende_opleidingen=[], experimenten=["E1"],
                      opleidingskenmerken=["TTO", "LWOO"])]
        kolommen = {c.key for c in m.InschrijvingPeriode.__table__.columns} - {"id"}
        assert set(rijen[0]) <= kolommen, set(rijen[0]) - kolommen
        inschrijvingen._KIND_NIEUW[m.InschrijvingPeriode].voer_uit_veel(sessie, rijen)
        nieuw = sessie.scalars(select(m.InschrijvingPeriode).where(
            m.InschrijvingPeriode.datum_begin == date(2027, 8, 1))).one()
        assert (nieuw.leerjaar, nieuw.indicatie_bekostigbaar, nieuw.experimenten, nieuw.opleidingskenmerken) == \
            (4, False, ["E1"], ["TTO", "LWOO"])
        sessie.rollback()


def test_een_fout_van_de_driver_is_die_van_sqlalchemy(register, ingeschreven):
    """A duplicate bedrijfsdocument: IntegrityError with the driver's error inside, so a lost
    race on PostgreSQL (23505) is still run again by met_herhaling."""
    with register.sessies() as sessie, sessie.begin():
        bestaand = sessie.execute(select(m.Bedrijfsdocument)).scalars().first()
        waarden = dict(verzendende_instantie=bestaand.verzendende_instantie,
                       identificatiecode=bestaand.identificatiecode, operatie="x", payload_hash="y",
                       antwoord=b"", ontvangen_op=bestaand.ontvangen_op)
        with pytest.raises(IntegrityError) as fout:
            berichten._BEWAAR.voer_uit(sessie, waarden)
        assert verloor_race(fout.value) == (register.engine.dialect.name == "postgresql")
        sessie.rollback()


def test_in_een_keer_schrijft_alles_en_meldt_een_fout_als_sqlalchemy(register, ingeschreven):
    """``in_een_keer`` (PostgreSQL: one pipeline): what was written inside is there after the
    block, and a driver error from inside — on PostgreSQL only known when the pipeline is
    synced at the end — is SQLAlchemy's IntegrityError with the driver's SQLSTATE, so
    met_herhaling still sees a lost race (23505)."""
    with register.sessies() as sessie, sessie.begin():
        bestaand = sessie.execute(select(m.Bedrijfsdocument)).scalars().first()
        waarden = dict(verzendende_instantie=bestaand.verzendende_instantie, identificatiecode="nieuw-1",
                       operatie="x", payload_hash="y", antwoord=b"", ontvangen_op=bestaand.ontvangen_op)
        with in_een_keer(sessie):
            berichten._BEWAAR.voer_uit(sessie, waarden)
            berichten._BEWAAR.voer_uit(sessie, {**waarden, "identificatiecode": "nieuw-2"})
        assert sessie.scalars(select(m.Bedrijfsdocument.identificatiecode).where(
            m.Bedrijfsdocument.identificatiecode.like("nieuw-%"))).all() == ["nieuw-1", "nieuw-2"]
        with pytest.raises(IntegrityError) as fout:
            with in_een_keer(sessie):
                berichten._BEWAAR.voer_uit(sessie, {**waarden, "identificatiecode": "nieuw-3"})
                berichten._BEWAAR.voer_uit(sessie, waarden)  # the same document again
        assert verloor_race(fout.value) == (register.engine.dialect.name == "postgresql")
        sessie.rollback()


def test_laat_aan_sqlalchemy_wat_het_zelf_niet_doet(register, ingeschreven):
    with register.sessies() as sessie, sessie.begin():
        inschrijving_id = sessie.scalar(select(m.Inschrijving.id).where(m.Inschrijving.persoon_id == ingeschreven))
        # an expanding IN
        perioden = m.InschrijvingPeriode.__table__
        lees = Snel(select(perioden).where(perioden.c.inschrijving_id.in_(bindparam("ids", expanding=True))))
        assert len(lees.voer_uit(sessie, {"ids": [inschrijving_id]}).all()) == 3
        # columns with a Python-side default (the JSON lists default to [])
        Snel(insert(m.InschrijvingPeriode.__table__)).voer_uit(sessie, dict(
            inschrijving_id=inschrijving_id, datum_begin=date(2028, 8, 1), onderwijsaanbieder="101A001",
            onderwijslocatie="101X001", opleidingcode="3121", vestiging="12AB00", leerjaar=5,
            indicatie_bekostigbaar=True))
        nieuw = sessie.scalars(select(m.InschrijvingPeriode).where(
            m.InschrijvingPeriode.datum_begin == date(2028, 8, 1))).one()
        assert nieuw.experimenten == [] and nieuw.opleidingskenmerken == []
        sessie.rollback()


def test_ziet_wat_de_sessie_nog_niet_wegschreef(register):
    """Autoflush, as Session.execute: a person added through the ORM in this transaction
    is found by the cursor's statement without an explicit flush."""
    with register.sessies() as sessie, sessie.begin():
        sessie.add(m.Persoon(burgerservicenummer="999990019", geboortedatum=date(2011, 6, 2), geslacht="V",
                             bekend_sinds=register.klok.nu()))
        kop = personen._SNEL[personen._KOP_OP_BSN].voer_uit(sessie, {"bsn": "999990019"}).first()
        assert kop is not None and kop.geboortedatum == date(2011, 6, 2)
        sessie.rollback()
