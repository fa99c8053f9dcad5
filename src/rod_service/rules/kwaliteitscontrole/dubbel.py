"""Dubbele inschrijvingen: KW18–KW21 (handbook 000 ch. 16 "Dubbele inschrijvingen"). The
other instelling's code goes in the signal ("De instellingscode vindt u in het
kwaliteitscontrolebestand"). PO, MBO and VAVO inschrijvingen come from the reference data."""
from __future__ import annotations

from ...domain.signalen import Signaal, signaal
from ..bekostiging.dubbel import heeft_vai_vavo
from ..overzichten import geldig_op
from .context import Kwccontext, KwcInschrijving


def _loopt_op_teldatum(i: KwcInschrijving, ctx: Kwccontext) -> bool:
    return geldig_op(i.stand.datum_inschrijving, i.stand.datum_uitschrijving, ctx.schooljaar.teldatum)


def _extern_op_teldatum(i: KwcInschrijving, ctx: Kwccontext, sector: str, code: str) -> list[Signaal]:
    if not _loopt_op_teldatum(i, ctx):
        return []
    teldatum = ctx.schooljaar.teldatum
    return [signaal(code, brin=brin) for brin in sorted({e.brin for e in i.externe
                                                         if e.sector == sector and e.loopt_op(teldatum)})]


def kw18_dubbel_met_po(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW18 "De leerling heeft ook een po-inschrijving op 1 oktober van het huidige
    schooljaar" (and this VO inschrijving runs on that 1 October too)."""
    return _extern_op_teldatum(i, ctx, "PO", "KW18")


def kw19_dubbel_met_andere_vo(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW19 "De leerling heeft een extra vo-inschrijving in het huidige schooljaar": an
    inschrijving at another VO school that shares at least one day of the current schooljaar
    with this one. One signal per other school."""
    sj, stand = ctx.schooljaar, i.stand
    van = max(stand.datum_inschrijving, sj.begin)
    tot = min(stand.datum_uitschrijving or sj.einde, sj.einde)
    brins = {a.brin for a in i.andere_vo
             if a.brin != stand.brin and max(van, a.datum_inschrijving) <= min(tot, a.datum_uitschrijving or tot)}
    return [signaal("KW19", brin=brin) for brin in sorted(brins)]


def kw20_dubbel_met_mbo(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW20 "De leerling heeft ook een MBO-inschrijving op 1 oktober van het huidige schooljaar"."""
    return _extern_op_teldatum(i, ctx, "MBO", "KW20")


def kw21_dubbel_met_vavo(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW21 "De leerling heeft op 1 oktober van het huidige schooljaar een vavo-inschrijving
    welke (deels) overlapt met de vo-inschrijving die niet is uitbesteed aan de
    vavo-instelling": no VAI VAVO at that instelling running on 1 October (ch. 14)."""
    teldatum = ctx.schooljaar.teldatum
    return [s for s in _extern_op_teldatum(i, ctx, "VAVO", "KW21")
            if not heeft_vai_vavo(i.stand, s.brin, teldatum)]
