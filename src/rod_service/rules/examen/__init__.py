"""EX — examenresultaat rules (spec section 5, EX; handbook 000 ch. 13 "Controles en
signalen bij DUO").

Two kinds, run in this order by :func:`controleer`:

* **afkeur** (EX01–EX09, :mod:`.afkeur`): "Afkeurcontroles aanlevering inschrijvingen en
  resultaten". All of them run, so the LAS sees every fault of a delivery at once; one
  AFKEUR signal rejects the whole stand.
* **attentie** (EX51–EX57, :data:`ATTENTIEREGELS`): "Signaalcontroles vakkenpakket en
  uitslagcontroles", run only on a delivery that passed every afkeur rule; they never block
  storage. :mod:`.werkstuk` EX51, :mod:`.volledigheid` EX52/EX53, :mod:`.inschrijving` EX54,
  :mod:`.slaagzakregeling` EX55 (one function per rule of the Eindexamenbesluit VO, on the
  eindlijst of :mod:`.examenlijst`), :mod:`.vakkenpakket` EX56, :mod:`.cumlaude` EX57;
  docs/slaag-zakregeling.md describes them.

Adding a control: write it as a small pure function with the signature
:data:`~.context.Regel` — ``(bericht: LeverExamenresultaatAan, context: Examencontext) ->
list[Signaal]`` — in a module of this package, import it below and list it in
:data:`AFKEURREGELS` or :data:`ATTENTIEREGELS`. Anything a rule needs from the store is added as a field of
:class:`~.context.Examencontext` and filled by ``service/examen.py``; rules never read the
store or the clock themselves.
"""
from __future__ import annotations

from ...domain.examenresultaat import LeverExamenresultaatAan
from ...domain.signalen import Signaal
from .afkeur import AFKEURREGELS
from .context import Examencontext, InschrijvingOpSchool, Regel
from .cumlaude import ex57_cum_laude
from .inschrijving import ex54_inschrijving_op_datum_uitslag
from .slaagzakregeling import ex55_uitslag_volgens_slaagzakregeling
from .vakkenpakket import ex56_gemeenschappelijk_deel_compleet
from .volledigheid import ex52_vak_compleet, ex53_herkansing_heeft_resultaat
from .werkstuk import ex51_werkstukcijfer_zonder_decimaal

#: EX51–EX57, in the order their signals should appear.
ATTENTIEREGELS: list[Regel] = [
    ex51_werkstukcijfer_zonder_decimaal,
    ex52_vak_compleet,
    ex53_herkansing_heeft_resultaat,
    ex54_inschrijving_op_datum_uitslag,
    ex55_uitslag_volgens_slaagzakregeling,
    ex56_gemeenschappelijk_deel_compleet,
    ex57_cum_laude,
]


def controleer(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """Every afkeur rule; when none fires, every attentie rule."""
    afkeur = [s for regel in AFKEURREGELS for s in regel(bericht, context)]
    if afkeur:
        return afkeur
    return [s for regel in ATTENTIEREGELS for s in regel(bericht, context)]


__all__ = ["AFKEURREGELS", "ATTENTIEREGELS", "Examencontext", "InschrijvingOpSchool", "Regel", "controleer"]
