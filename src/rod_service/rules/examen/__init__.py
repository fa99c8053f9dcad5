"""EX — examenresultaat rules (spec section 5, EX; handbook 000 ch. 13 "Controles en
signalen bij DUO").

Two kinds, run in this order by :func:`controleer`:

* **afkeur** (EX01–EX09, :mod:`.afkeur`): "Afkeurcontroles aanlevering inschrijvingen en
  resultaten". All of them run, so the LAS sees every fault of a delivery at once; one
  AFKEUR signal rejects the whole stand.
* **attentie** (EX51–EX57, a later issue): "Signaalcontroles vakkenpakket en
  uitslagcontroles", run only on a delivery that passed every afkeur rule.

Adding EX51–EX57: write each control as a small pure function with the signature
:data:`~.context.Regel` — ``(bericht: LeverExamenresultaatAan, context: Examencontext) ->
list[Signaal]`` — in a module of this package (e.g. ``werkstuk.py`` for EX51–EX53,
``slaagzakregeling.py`` for EX55/EX57 with one function per article of the Eindexamenbesluit,
``vakkenpakket.py`` for EX56, ``inschrijving.py`` for EX54 using
``context.inschrijvingen``), import the module below and list its functions in
:data:`ATTENTIEREGELS`. Anything a rule needs from the store is added as a field of
:class:`~.context.Examencontext` and filled by ``service/examen.py``; rules never read the
store or the clock themselves.
"""
from __future__ import annotations

from ...domain.examenresultaat import LeverExamenresultaatAan
from ...domain.signalen import Signaal
from .afkeur import AFKEURREGELS
from .context import Examencontext, InschrijvingOpSchool, Regel

#: EX51–EX57, in the order their signals should appear. Empty until that issue lands.
ATTENTIEREGELS: list[Regel] = []


def controleer(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """Every afkeur rule; when none fires, every attentie rule."""
    afkeur = [s for regel in AFKEURREGELS for s in regel(bericht, context)]
    if afkeur:
        return afkeur
    return [s for regel in ATTENTIEREGELS for s in regel(bericht, context)]


__all__ = ["AFKEURREGELS", "ATTENTIEREGELS", "Examencontext", "InschrijvingOpSchool", "Regel", "controleer"]
