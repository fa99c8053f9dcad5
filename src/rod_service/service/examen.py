"""aanleverenExamenresultaatVO and aanleverenVerwijderingExamenresultaatVO: a full stand
under persoon + brin + examenresultaatvolgnummer replaces what was there; a removal
leaves a ``verwijdering`` trail (spec 4.1 "examenresultaat", 5 EX; handbook 000 ch. 13).

The pipeline (``verwerking.py``) has run AL06/AL04/AL03 and idempotency before, and rolls
back whatever a handler touched when its signals hold an AFKEUR.
"""
from __future__ import annotations

from ..domain.examenresultaat import Examenresultaatresultaat, LeverExamenresultaatAan, VerwijderExamenresultaat
from ..domain.signalen import afgekeurd
from ..rules.examen import Examencontext, InschrijvingOpSchool, controleer
from ..rules.examen.afkeur import ex01_nummer_bekend, ex08_te_verwijderen_bestaat
from .omgeving import Omgeving
from .unit_of_work import UnitOfWork


def lever_examenresultaat_aan(bericht: LeverExamenresultaatAan, uow: UnitOfWork,
                              omgeving: Omgeving) -> Examenresultaatresultaat:
    persoon = uow.personen.op_pgn(bericht.pgn)
    inschrijvingen = () if persoon is None else tuple(
        InschrijvingOpSchool(r.inschrijvingvolgnummer, r.datum_inschrijving, r.datum_uitschrijving)
        for r in uow.inschrijvingen.van_persoon(persoon.id) if r.brin == bericht.brin
    )
    context = Examencontext(omgeving.referentiedata, omgeving.klok.vandaag(), persoon is not None, inschrijvingen)
    signalen = controleer(bericht, context)
    if not afgekeurd(signalen):
        # An unchanged re-delivery is GOEDGEKEURD and touches nothing (vervang_stand compares
        # the standsleutel).
        uow.examenresultaten.vervang_stand(persoon.id, bericht, omgeving.klok.nu())
    return Examenresultaatresultaat(signalen)


def verwijder_examenresultaat(bericht: VerwijderExamenresultaat, uow: UnitOfWork,
                              omgeving: Omgeving) -> Examenresultaatresultaat:
    persoon = uow.personen.op_pgn(bericht.pgn)
    if persoon is None:
        return Examenresultaatresultaat(ex01_nummer_bekend(bericht.pgn, bekend=False))
    rij = uow.examenresultaten.zoek(persoon.id, bericht.brin, bericht.examenresultaatvolgnummer)
    if signalen := ex08_te_verwijderen_bestaat(rij is not None):
        return Examenresultaatresultaat(signalen)
    uow.examenresultaten.verwijder(rij, bericht.document.verzendende_instantie, omgeving.klok.nu())
    return Examenresultaatresultaat()
