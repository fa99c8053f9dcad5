"""The period valid on a teldatum (spec 4.1: "A period ends the day before the next
period's datumBegin, or on datumUitschrijving"; 6.1 "the period valid on 1 October")."""
from __future__ import annotations

from datetime import date

from ...domain.inschrijving import GenummerdePeriode, Inschrijvingsstand


def periode_op(stand: Inschrijvingsstand, op: date) -> GenummerdePeriode | None:
    """The period running on ``op`` (with its position in the stand), or None."""
    for g in stand.perioden_met_einde():
        if g.periode.datum_begin <= op and (g.einde is None or op <= g.einde):
            return g
    return None
