"""EX54: geen inschrijving op datum uitslag (handbook 000 ch. 16 "Uitslaggegevens — Geen
inschrijving op datum Uitslag": "De leerling heeft op datum uitslag geen geldige
inschrijving bij de school … De 'datum uitslag' mag niet na de 'datum uitschrijving'
liggen").
"""
from __future__ import annotations

from ...domain.examenresultaat import LeverExamenresultaatAan
from ...domain.signalen import Signaal, signaal
from .context import Examencontext


def ex54_inschrijving_op_datum_uitslag(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX54 (``uitslag/datumUitslag``): no inschrijving of this person at this school runs
    on the datumUitslag (both ends inclusive: uitgeschreven on the datumUitslag itself is
    fine). Any inschrijving at the school counts, not only the one the
    ``inschrijvingvolgnummer`` names (EX07 checks that one exists). Without uitslag or
    datumUitslag (EX06) nothing to judge."""
    datum = bericht.datum_uitslag
    if datum is None or any(i.loopt_op(datum) for i in context.inschrijvingen):
        return []
    return [signaal("EX54", element="uitslag/datumUitslag")]
