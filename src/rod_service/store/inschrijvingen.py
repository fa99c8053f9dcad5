"""Repository for inschrijvingen: full stands under persoon + brin + inschrijvingvolgnummer.

A stand is replaced as a whole inside the unit of work (the pipeline commits it together
with the answer and the audit record, or rolls everything back). A removal leaves a
``verwijdering`` row holding the removed stand, written before the rows go.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.inschrijving import (
    Inschrijvingsstand,
    Ontwikkelingsperspectief,
    Periode,
    VerblijfAndereInstelling,
    Verzuimmelding,
)
from ..domain.pgn import Nummersoort, Pgn
from . import models as m

SOORT = "inschrijving"


class InschrijvingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def zoek(self, persoon_id: int, brin: str, volgnummer: str) -> m.Inschrijving | None:
        return self.session.scalar(select(m.Inschrijving).where(
            m.Inschrijving.persoon_id == persoon_id,
            m.Inschrijving.brin == brin,
            m.Inschrijving.inschrijvingvolgnummer == volgnummer,
        ))

    def van_persoon(self, persoon_id: int) -> list[m.Inschrijving]:
        """All inschrijvingen of a person, at any school, oldest datumInschrijving first."""
        return list(self.session.scalars(
            select(m.Inschrijving).where(m.Inschrijving.persoon_id == persoon_id)
            .order_by(m.Inschrijving.datum_inschrijving, m.Inschrijving.id)
        ))

    def vervang_stand(self, persoon_id: int, stand: Inschrijvingsstand, *, administratie_oin: str,
                      standsleutel: str, nu: datetime) -> m.Inschrijving:
        """Store ``stand`` as the whole of the inschrijving: its periods, OPP, VAI and
        verzuimmeldingen replace whatever was stored under the same key."""
        rij = self.zoek(persoon_id, stand.brin, stand.inschrijvingvolgnummer)
        if rij is None:
            rij = m.Inschrijving(persoon_id=persoon_id, brin=stand.brin,
                                 inschrijvingvolgnummer=stand.inschrijvingvolgnummer)
            self.session.add(rij)
        rij.pgn_soort, rij.pgn_nummer = stand.pgn.soort.value, stand.pgn.nummer
        rij.administratie_oin = administratie_oin
        rij.datum_inschrijving, rij.datum_uitschrijving = stand.datum_inschrijving, stand.datum_uitschrijving
        rij.standsleutel, rij.opgeslagen_op = standsleutel, nu
        rij.perioden = [_periode_rij(p) for p in stand.perioden]
        rij.ontwikkelingsperspectieven = [
            m.Ontwikkelingsperspectief(datum_begin=o.datum_begin, datum_eind=o.datum_eind)
            for o in stand.ontwikkelingsperspectieven
        ]
        rij.verblijven = [
            m.VerblijfAndereInstelling(datum_begin=v.datum_begin, datum_eind=v.datum_eind, brin=v.brin,
                                       vestiging=v.vestiging, verblijfsoort=v.verblijfsoort)
            for v in stand.verblijven
        ]
        rij.verzuimmeldingen = [m.Verzuimmelding(datum_begin=v.datum_begin, datum_eind=v.datum_eind)
                                for v in stand.verzuimmeldingen]
        self.session.flush()
        return rij

    def verwijder(self, rij: m.Inschrijving, *, administratie_oin: str, nu: datetime) -> None:
        """Remove the inschrijving and its children; the audit trail keeps the stand as JSON."""
        self.session.add(m.Verwijdering(
            soort=SOORT, brin=rij.brin, volgnummer=rij.inschrijvingvolgnummer, persoon_id=rij.persoon_id,
            administratie_oin=administratie_oin, stand=naar_domein(rij).als_dict(), verwijderd_op=nu,
        ))
        self.session.delete(rij)
        self.session.flush()

    def verhuis(self, van_persoon_id: int, naar_persoon_id: int) -> int:
        """Move a person's inschrijvingen to another person (an onderwijsnummer linked to a
        BSN person, ID51). A stand the target already has under the same brin + volgnummer
        stays where it is (the target's own delivery is the newer truth). Returns the number moved."""
        verhuisd = 0
        for rij in self.van_persoon(van_persoon_id):
            if self.zoek(naar_persoon_id, rij.brin, rij.inschrijvingvolgnummer) is None:
                rij.persoon_id = naar_persoon_id
                verhuisd += 1
        self.session.flush()
        return verhuisd


def naar_domein(rij: m.Inschrijving) -> Inschrijvingsstand:
    """The stored stand as the domain has it (periods in datumBegin order)."""
    return Inschrijvingsstand(
        pgn=Pgn(Nummersoort(rij.pgn_soort), rij.pgn_nummer),
        brin=rij.brin,
        inschrijvingvolgnummer=rij.inschrijvingvolgnummer,
        datum_inschrijving=rij.datum_inschrijving,
        datum_uitschrijving=rij.datum_uitschrijving,
        perioden=tuple(_periode(p) for p in rij.perioden),
        ontwikkelingsperspectieven=tuple(Ontwikkelingsperspectief(o.datum_begin, o.datum_eind)
                                         for o in rij.ontwikkelingsperspectieven),
        verblijven=tuple(VerblijfAndereInstelling(v.datum_begin, v.datum_eind, brin=v.brin, vestiging=v.vestiging,
                                                  verblijfsoort=v.verblijfsoort) for v in rij.verblijven),
        verzuimmeldingen=tuple(Verzuimmelding(v.datum_begin, v.datum_eind) for v in rij.verzuimmeldingen),
    )


def _periode_rij(p: Periode) -> m.InschrijvingPeriode:
    return m.InschrijvingPeriode(
        datum_begin=p.datum_begin, onderwijsaanbieder=p.onderwijsaanbieder, onderwijslocatie=p.onderwijslocatie,
        opleidingcode=p.opleidingcode, vestiging=p.vestiging, leerjaar=p.leerjaar,
        indicatie_bekostigbaar=p.indicatie_bekostigbaar,
        indicatie_nieuwkomersbekostiging=p.indicatie_nieuwkomersbekostiging,
        aanvullende_opleidingen=list(p.aanvullende_opleidingen), experimenten=list(p.experimenten),
        opleidingskenmerken=list(p.opleidingskenmerken),
    )


def _periode(r: m.InschrijvingPeriode) -> Periode:
    return Periode(
        datum_begin=r.datum_begin, opleidingcode=r.opleidingcode, vestiging=r.vestiging,
        indicatie_bekostigbaar=r.indicatie_bekostigbaar, onderwijsaanbieder=r.onderwijsaanbieder,
        onderwijslocatie=r.onderwijslocatie, aanvullende_opleidingen=tuple(r.aanvullende_opleidingen or ()),
        leerjaar=r.leerjaar, experimenten=tuple(r.experimenten or ()),
        opleidingskenmerken=tuple(r.opleidingskenmerken or ()),
        indicatie_nieuwkomersbekostiging=r.indicatie_nieuwkomersbekostiging,
    )
