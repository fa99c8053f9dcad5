"""EX56: the vakkenpakket lacks a compulsory vak of the gemeenschappelijk deel (handbook
000 ch. 13 "Signaalcontroles vakkenpakket en uitslagcontroles", run when a result with an
uitslag is stored). The compulsory vakken per niveau are the reference data's
``verplichtBijNiveau`` (:meth:`~rod_service.domain.referentiedata.Referentiedata.verplichte_vakken`;
default: Nederlands, Engels, maatschappijleer, lo and ckv at every exam niveau).
"""
from __future__ import annotations

from ...domain.examenresultaat import LeverExamenresultaatAan
from ...domain.signalen import Signaal, signaal
from .context import Examencontext
from .examenlijst import examenniveau, uitslag_te_beoordelen


def ex56_gemeenschappelijk_deel_compleet(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX56, one per missing vak, ``cijferlijst[i]/vak[vakcode='maw']`` (the vak is not
    there to point at, so the path names it). A vak counts as present when it is on the
    cijferlijst in any examendeel, also with a ``redenNietDeelname`` (a vrijstelling is part
    of the pakket), or when an inruil vak names it as ``vervangenVak``. Judged for the
    uitslagen EX55 judges (a diploma of a whole exam), at the cijferlijst's niveau."""
    if not uitslag_te_beoordelen(bericht):
        return []
    ref = context.referentiedata
    gevonden = []
    for i, lijst in enumerate(bericht.cijferlijsten, 1):
        niveau = examenniveau(bericht, lijst, ref)
        if niveau is None:
            continue
        aanwezig = {v.vakcode for v in lijst.vakken} | {v.vervangen_vak for v in lijst.vakken if v.indicatie_inruil}
        gevonden += [signaal("EX56", element=f"cijferlijst[{i}]/vak[vakcode='{vak.vakcode}']")
                     for vak in ref.verplichte_vakken(niveau) if vak.vakcode not in aanwezig]
    return gevonden
