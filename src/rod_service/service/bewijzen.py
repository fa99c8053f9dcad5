"""Digitaal in- en uitschrijfbewijzen after a goedgekeurde delivery or removal (spec
section 7; handbook 000 ch. 08). The decision is :func:`rules.bewijzen.bepaal_bewijzen`;
this module gathers the person's other inschrijvingen and addresses each bewijs to the
administratie serving the receiving school ("Het bericht komt binnen via het
Leerlingenadministratiesysteem (LAS)")."""
from __future__ import annotations

from dataclasses import replace

from ..domain.inschrijving import Inschrijvingresultaat, Mutatie
from ..domain.push import bewijs_push
from ..rules.bewijzen import bepaal_bewijzen, bewijsstand
from .omgeving import Omgeving
from .unit_of_work import UnitOfWork

VERANDERD = (Mutatie.NIEUW, Mutatie.GEWIJZIGD, Mutatie.VERWIJDERD)


def verstrek(resultaat: Inschrijvingresultaat, uow: UnitOfWork, omgeving: Omgeving) -> None:
    """Append the bewijzen this change causes to ``resultaat.pushes``. An unchanged
    re-delivery or a change that leaves both dates alone causes none."""
    if resultaat.mutatie not in VERANDERD or resultaat.stand is None:
        return
    if not (resultaat.datum_inschrijving_gewijzigd or resultaat.datum_uitschrijving_gewijzigd):
        return
    stand = bewijsstand(resultaat.stand)
    oud = nieuw = None
    if resultaat.vorige is not None:
        oud = replace(stand, datum_inschrijving=resultaat.vorige.datum_inschrijving,
                      datum_uitschrijving=resultaat.vorige.datum_uitschrijving)
    if resultaat.huidige is not None:
        nieuw = replace(stand, datum_inschrijving=resultaat.huidige.datum_inschrijving,
                        datum_uitschrijving=resultaat.huidige.datum_uitschrijving)
    andere = [bewijsstand(s) for _, s in uow.inschrijvingen.standen(resultaat.persoon_id)
              if (s.brin, s.inschrijvingvolgnummer) != stand.sleutel]
    rd = omgeving.referentiedata
    for bewijs in bepaal_bewijzen(oud, nieuw, andere):
        administratie = rd.administratie_voor_brin(bewijs.eigen_brin)
        if administratie is not None:  # a school no administratie serves cannot receive pushes
            resultaat.pushes.append(bewijs_push(administratie.oin, bewijs))
