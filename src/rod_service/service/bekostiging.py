"""The bekostigingsbericht of an inschrijving, computed from the store right after a
delivery or removal (spec 4.1, 6.1), and the spontaneous bekostigingsberichten a change
owes the other VO schools (6.1 "Any change that adds or removes a dubbele inschrijving
sends the other VO school a spontaneous verstrekkenBekostigingsberichtVO"; handbook 000
ch. 13 "dit bericht kan spontaan gestuurd worden"; 004 "Hierover worden beide scholen
bericht").

The decisions are the pure rules of ``rules/bekostiging``; this module only gathers their
input: the person's VO inschrijvingen at every school, the externe inschrijvingen of the
reference data (under any number of the person) and the BRP.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..domain.bekostiging import Bekostigingsbericht, Deelname
from ..domain.inschrijving import Inschrijvingresultaat, Inschrijvingsstand, Mutatie
from ..domain.push import bekostiging_push
from ..rules.bekostiging.beslisboom import Leerling, beslis
from ..rules.bekostiging.dubbel import dubbel_kenmerk
from ..rules.bekostiging.nieuwkomers import datum_eerste_inschrijving_nederland
from ..rules.bekostiging.teldata import teldata
from .omgeving import Omgeving
from .unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Opgeslagen:
    """One stored inschrijving of the person: its stand and its row id (storage order)."""

    stand: Inschrijvingsstand
    volgorde: int

    @property
    def sleutel(self) -> tuple[str, str]:
        return self.stand.brin, self.stand.inschrijvingvolgnummer

    @property
    def deelname(self) -> Deelname:
        return deelname(self.stand, self.volgorde)


def deelname(stand: Inschrijvingsstand, volgorde: int) -> Deelname:
    return Deelname(stand.brin, stand.inschrijvingvolgnummer, stand.datum_inschrijving,
                    stand.datum_uitschrijving, volgorde)


def opgeslagen(uow: UnitOfWork, persoon_id: int) -> list[Opgeslagen]:
    """Every stored VO inschrijving of the person, at any school (as of now, in this unit
    of work: a delivery's own change is already flushed)."""
    return [Opgeslagen(stand, rij_id) for rij_id, stand in uow.inschrijvingen.standen(persoon_id)]


def leerling(uow: UnitOfWork, omgeving: Omgeving, persoon, inschrijvingen: list[Opgeslagen]) -> Leerling:
    """The person-level facts of the beslisboom (``persoon``: anything with ``id``,
    ``burgerservicenummer`` and ``geboortedatum``, e.g. ``personen.kop``)."""
    rd = omgeving.referentiedata
    nummers = [n for n in (persoon.burgerservicenummer, *uow.personen.onderwijsnummers(persoon.id)) if n]
    externe = tuple(e for n in dict.fromkeys(nummers) for e in rd.externe_inschrijvingen_van(n))
    brp = uow.brp.op_bsn(persoon.burgerservicenummer) if persoon.burgerservicenummer else None
    pro = [p.datum_begin for i in inschrijvingen for p in i.stand.perioden
           if (o := rd.opleiding(p.opleidingcode)) is not None and o.is_praktijkonderwijs]
    return Leerling(
        geboortedatum=persoon.geboortedatum,
        in_brp=brp is not None,
        nederlander=brp is not None and brp.is_nederlander,
        datum_eerste_inschrijving_nederland=datum_eerste_inschrijving_nederland(
            (i.stand.datum_inschrijving for i in inschrijvingen), externe),
        eerste_pro=min(pro, default=None),
        externe=externe,
    )


def bereken(stand: Inschrijvingsstand, volgorde: int, inschrijvingen: list[Opgeslagen], wie: Leerling,
            omgeving: Omgeving, *, verwijderd: bool = False) -> Bekostigingsbericht:
    return beslis(stand, andere=[i.deelname for i in inschrijvingen], leerling=wie, rd=omgeving.referentiedata,
                  vandaag=omgeving.klok.vandaag(), volgorde=volgorde, verwijderd=verwijderd)


def werk_bij(resultaat: Inschrijvingresultaat, uow: UnitOfWork, omgeving: Omgeving) -> None:
    """After a goedgekeurde delivery or removal: the bekostigingsbericht for the answer, and
    a spontaneous one (a push) for every inschrijving at another school whose BK01 outcome
    — the schools it is doubly enrolled with per teldatum, or whether it loses — changed."""
    if resultaat.mutatie is None or resultaat.stand is None:
        return
    persoon = uow.personen.kop(resultaat.persoon_id)
    inschrijvingen = opgeslagen(uow, persoon.id)
    wie = leerling(uow, omgeving, persoon, inschrijvingen)
    stand = resultaat.stand
    volgorde = resultaat.inschrijving_id or 0
    resultaat.bekostigingsbericht = bereken(stand, volgorde, inschrijvingen, wie, omgeving,
                                            verwijderd=resultaat.mutatie is Mutatie.VERWIJDERD)
    if resultaat.mutatie is Mutatie.ONGEWIJZIGD:
        return
    sleutel = (stand.brin, stand.inschrijvingvolgnummer)
    voor = _deelname(resultaat.vorige, stand, volgorde)
    na = _deelname(resultaat.huidige, stand, volgorde)
    rd, vandaag = omgeving.referentiedata, omgeving.klok.vandaag()
    for ander in inschrijvingen:
        if ander.stand.brin == stand.brin:
            continue  # another inschrijving at the same school is no dubbele inschrijving
        rest = [i.deelname for i in inschrijvingen if i.sleutel not in (sleutel, ander.sleutel)]
        eigen_teldata = teldata(ander.stand.datum_inschrijving, ander.stand.datum_uitschrijving, vandaag)
        oud = dubbel_kenmerk(ander.deelname, rest + ([voor] if voor else []), eigen_teldata)
        nieuw = dubbel_kenmerk(ander.deelname, rest + ([na] if na else []), eigen_teldata)
        administratie = rd.administratie_voor_brin(ander.stand.brin)
        if oud != nieuw and administratie is not None:
            bericht = bereken(ander.stand, ander.volgorde, inschrijvingen, wie, omgeving)
            resultaat.pushes.append(bekostiging_push(administratie.oin, bericht))


def _deelname(datums, stand: Inschrijvingsstand, volgorde: int) -> Deelname | None:
    if datums is None:
        return None
    return Deelname(stand.brin, stand.inschrijvingvolgnummer, datums.datum_inschrijving,
                    datums.datum_uitschrijving, volgorde)
