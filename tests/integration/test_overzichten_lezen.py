"""store.overzichten.deelnemers reads a school's persons with SQLAlchemy Core (national
KWC and OBO, bench/B2.md): what it returns must be what the ORM relationships hold, for
every kind of child row, JSON lists, dates, the order of periods, other schools'
inschrijvingen (KW19) and the first inschrijving (KW04); and the KWC batch must still
raise the signals that depend on them."""
from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import selectinload

from rod_service.domain.kalender import Schooljaar
from rod_service.referentiedata.loader import persoon_naar_domein
from rod_service.service.kwaliteitscontrole import bestand, draai
from rod_service.store import models as m
from rod_service.store.inschrijvingen import naar_domein
from rod_service.store.overzichten import deelnemers

BSN = "999990007"  # Jansen, a fixed test person of the default reference data
A = "00000009900000000101"


def _vul(register) -> tuple[int, int]:
    """A BSN person at 12AB (three periods in reverse order, OPP, VAI, verzuim, JSON lists)
    and at 23CD; an onderwijsnummer person at 12AB; an examenresultaat."""
    nu = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
    with register.sessies() as s, s.begin():
        jansen = s.execute(insert(m.Persoon).values(burgerservicenummer=BSN, geboortedatum=date(2012, 3, 14),
                                                    geslacht="M", bekend_sinds=nu)).inserted_primary_key[0]
        own = s.execute(insert(m.Persoon).values(geboortedatum=date(2013, 5, 1), geslacht="V",
                                                 bekend_sinds=nu)).inserted_primary_key[0]
        s.execute(insert(m.Onderwijsnummer).values(nummer="101234567", persoon_id=own, uitgegeven_op=nu))

        def inschrijving(persoon, brin, volgnummer, begin, pgn_soort, pgn, **kw) -> int:
            return s.execute(insert(m.Inschrijving).values(
                persoon_id=persoon, brin=brin, inschrijvingvolgnummer=volgnummer, pgn_soort=pgn_soort,
                pgn_nummer=pgn, administratie_oin=A, datum_inschrijving=begin, standsleutel="0" * 64,
                opgeslagen_op=nu, **kw)).inserted_primary_key[0]

        def periode(iid, begin, leerjaar, **kw) -> dict:
            return dict(inschrijving_id=iid, datum_begin=begin, onderwijsaanbieder="101A001",
                        onderwijslocatie="101X001", opleidingcode="3121", vestiging="12AB00", leerjaar=leerjaar,
                        indicatie_bekostigbaar=True, indicatie_nieuwkomersbekostiging=None,
                        aanvullende_opleidingen=[], experimenten=[], opleidingskenmerken=[]) | kw

        iid = inschrijving(jansen, "12AB", "J-1", date(2024, 8, 1), "burgerservicenummer", BSN,
                           datum_uitschrijving=date(2027, 7, 31))
        s.execute(insert(m.InschrijvingPeriode), [
            periode(iid, date(2026, 8, 1), 3, experimenten=["VERRIJKT_PROGRAMMA_VWO"], opleidingskenmerken=["TTO"]),
            periode(iid, date(2024, 8, 1), 1, aanvullende_opleidingen=["2941"]),
            periode(iid, date(2025, 8, 1), 2, indicatie_nieuwkomersbekostiging=False)])
        s.execute(insert(m.Ontwikkelingsperspectief), [
            dict(inschrijving_id=iid, datum_begin=date(2025, 10, 1), datum_eind=date(2026, 7, 31)),
            dict(inschrijving_id=iid, datum_begin=date(2024, 10, 1))])
        s.execute(insert(m.VerblijfAndereInstelling).values(
            inschrijving_id=iid, datum_begin=date(2026, 9, 1), brin="27VA", verblijfsoort="VAVO"))
        s.execute(insert(m.Verzuimmelding).values(inschrijving_id=iid, datum_begin=date(2026, 3, 1)))
        andere = inschrijving(jansen, "23CD", "J-2", date(2023, 8, 1), "burgerservicenummer", BSN)
        s.execute(insert(m.InschrijvingPeriode), [periode(andere, date(2023, 8, 1), 1, vestiging="23CD00")])
        o = inschrijving(own, "12AB", "O-1", date(2025, 8, 1), "onderwijsnummer", "101234567")
        s.execute(insert(m.InschrijvingPeriode), [periode(o, date(2025, 8, 1), 1)])
        s.execute(insert(m.Examenresultaat).values(
            persoon_id=jansen, brin="12AB", examenresultaatvolgnummer="E-1", pgn_soort="burgerservicenummer",
            pgn_nummer=BSN, vestiging="12AB00", examenregime=2026, niveau="VWO", stand={"x": [1, 2]},
            standsleutel="1" * 64, opgeslagen_op=nu))
    return jansen, own


def test_deelnemers_zoals_de_orm_ze_kent(register):
    jansen, own = _vul(register)
    with register.sessies() as s:
        blokken = list(deelnemers(s, "12AB", date(2020, 1, 1), date.max, brp_naar_domein=persoon_naar_domein,
                                  examenregimes=(2025, 2027), kwc=True, per=1))
        orm = {r.id: r for r in s.scalars(select(m.Inschrijving).options(
            selectinload(m.Inschrijving.perioden), selectinload(m.Inschrijving.ontwikkelingsperspectieven),
            selectinload(m.Inschrijving.verblijven), selectinload(m.Inschrijving.verzuimmeldingen)))}
    assert [len(b) for b in blokken] == [1, 1]  # chunks of one; BSN persons first
    eerst, dan = blokken[0][0], blokken[1][0]
    assert (eerst.persoon.id, dan.persoon.id) == (jansen, own)
    assert eerst.persoon.geboortedatum == date(2012, 3, 14) and eerst.persoon.geslacht == "M"
    assert eerst.nummers == (BSN, None) and dan.nummers == (None, "101234567")
    assert eerst.brp == persoon_naar_domein(_brp_item(register)) and dan.brp is None
    for d in (eerst, dan):
        for rij in d.inschrijvingen:
            assert naar_domein(rij) == naar_domein(orm[rij.id])
            assert (rij.opgeslagen_op.replace(tzinfo=None), rij.standsleutel) == (
                orm[rij.id].opgeslagen_op.replace(tzinfo=None), orm[rij.id].standsleutel)
    stand = naar_domein(eerst.inschrijvingen[0])
    assert [p.leerjaar for p in stand.perioden] == [1, 2, 3]  # by datumBegin
    assert stand.perioden[2].experimenten == ("VERRIJKT_PROGRAMMA_VWO",) and stand.perioden[0].aanvullende_opleidingen
    assert len(stand.ontwikkelingsperspectieven) == 2 and stand.verblijven[0].brin == "27VA"
    assert [(a.brin, a.datum_inschrijving, a.datum_uitschrijving) for a in eerst.andere_vo] == [
        ("23CD", date(2023, 8, 1), None)]
    assert eerst.eerste_vo == date(2023, 8, 1) and dan.eerste_vo == date(2025, 8, 1) and not dan.andere_vo
    assert [(e.examenresultaatvolgnummer, e.stand) for e in eerst.examenresultaten] == [("E-1", {"x": [1, 2]})]


def _brp_item(register) -> dict:
    with register.sessies() as s:
        return s.get(m.BrpPersoonRij, BSN).gegevens


def test_kwc_signalen_die_op_andere_inschrijvingen_leunen(register):
    """KW19 (the other school), KW04 (the first inschrijving of an onderwijsnummer pupil),
    KW12 (an experiment read from a JSON list), KW31 (open verzuim)."""
    _vul(register)
    with register.sessies() as s, s.begin():  # its stand is no real one; the batch would read it
        s.execute(delete(m.Examenresultaat))
    draai(register, brins=["12AB"])
    tekst = bestand(register, "12AB", f"KWC_12AB_{register.klok.vandaag():%Y%m%d}.csv").decode()
    rijen = {(r["pgn"], r["code"], r["andere_instellingscode"])
             for r in csv.DictReader(io.StringIO(tekst), delimiter=";")}
    assert {(BSN, "KW19", "23CD"), ("101234567", "KW04", ""), (BSN, "KW31", "")} <= rijen
    assert Schooljaar.van(register.klok.vandaag()).begin_jaar == 2026
