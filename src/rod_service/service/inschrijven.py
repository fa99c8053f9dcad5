"""aanleverenInschrijvingVO and aanleverenVerwijderingInschrijvingVO: a full stand checked
against the IS rules and stored under persoon + brin + inschrijvingvolgnummer, or removed
(spec 4.1 "inschrijving", 5 IS; handbook 000 ch. 03 "per stand", ch. 13).

The pipeline (verwerking.py) has already done AL06/AL04/AL03 and idempotency, and rolls
back on an AFKEUR; these handlers only decide and store. A goedgekeurde outcome gets its
bekostigingsbericht and the pushes it causes (spontaneous bekostigingsberichten,
in/uitschrijfbewijzen: bekostiging.py, bewijzen.py), which the pipeline places in the outbox.
"""
from __future__ import annotations

from ..domain.inschrijving import (
    Inschrijvingresultaat,
    Inschrijvingsdatums,
    LeverInschrijvingAan,
    Mutatie,
    VerwijderInschrijving,
    datums_van,
)
from ..domain.signalen import afgekeurd
from ..rules.inschrijving.aanlevering import controleer_aanlevering
from ..rules.inschrijving.verwijdering import controleer_te_verwijderen
from ..store.inschrijvingen import naar_domein
from . import bekostiging, bewijzen
from .omgeving import Omgeving
from .unit_of_work import UnitOfWork


def lever_inschrijving_aan(bericht: LeverInschrijvingAan, uow: UnitOfWork, omgeving: Omgeving) -> Inschrijvingresultaat:
    # first: the person's row lock, so concurrent deliveries for one person take turns
    # (the pipeline runs this READ COMMITTED on PostgreSQL: Operatie.per_persoon_vergrendeld)
    persoon = uow.personen.kop_op_pgn(bericht.pgn, vergrendel=True)
    signalen = controleer_aanlevering(
        bericht, omgeving.referentiedata, omgeving.klok.vandaag(),
        persoon_bekend=persoon is not None,
        bsn_bekend=persoon is not None and persoon.burgerservicenummer is not None,
    )
    if afgekeurd(signalen):
        return Inschrijvingresultaat(signalen, stand=bericht.stand)
    stand = bericht.stand
    sleutel = stand.standsleutel()
    vorige = uow.inschrijvingen.kop(persoon.id, bericht.brin, bericht.inschrijvingvolgnummer)
    vorige_datums = Inschrijvingsdatums(vorige.datum_inschrijving, vorige.datum_uitschrijving) if vorige else None
    if vorige is not None and vorige.standsleutel == sleutel:
        mutatie, rij_id = Mutatie.ONGEWIJZIGD, vorige.id  # an identical stand again: nothing is written
    else:
        mutatie = Mutatie.GEWIJZIGD if vorige is not None else Mutatie.NIEUW
        rij_id = uow.inschrijvingen.vervang_stand(
            persoon.id, stand, administratie_oin=bericht.document.verzendende_instantie, standsleutel=sleutel,
            nu=omgeving.klok.nu(), bestaand=vorige)
    return _met_gevolgen(Inschrijvingresultaat(signalen, mutatie=mutatie, persoon_id=persoon.id, stand=stand,
                                               vorige=vorige_datums, huidige=datums_van(stand),
                                               inschrijving_id=rij_id), uow, omgeving)


def verwijder_inschrijving(bericht: VerwijderInschrijving, uow: UnitOfWork,
                           omgeving: Omgeving) -> Inschrijvingresultaat:
    """Any number that leads to the person will do (also an onderwijsnummer after ROD
    learned the BSN): removing a stand the school delivered must stay possible."""
    persoon = uow.personen.op_pgn(bericht.pgn)
    rij = uow.inschrijvingen.zoek(persoon.id, bericht.brin, bericht.inschrijvingvolgnummer) if persoon else None
    signalen = controleer_te_verwijderen(rij is not None)
    if rij is None:
        return Inschrijvingresultaat(signalen)
    stand, inschrijving_id = naar_domein(rij), rij.id
    uow.inschrijvingen.verwijder(rij, administratie_oin=bericht.document.verzendende_instantie, nu=omgeving.klok.nu())
    return _met_gevolgen(Inschrijvingresultaat(signalen, mutatie=Mutatie.VERWIJDERD, persoon_id=persoon.id, stand=stand,
                                               vorige=datums_van(stand), huidige=None,
                                               inschrijving_id=inschrijving_id), uow, omgeving)


def _met_gevolgen(resultaat: Inschrijvingresultaat, uow: UnitOfWork, omgeving: Omgeving) -> Inschrijvingresultaat:
    bekostiging.werk_bij(resultaat, uow, omgeving)
    bewijzen.verstrek(resultaat, uow, omgeving)
    return resultaat
