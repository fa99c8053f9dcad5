"""Ontwikkelingsperspectief- and Verblijf-Andere-Instellinggegevens: KW14–KW17, KW32
(handbook 000 ch. 16; ch. 14 "Rutte-leerlingen": "De begindatum VAI moet gelijk zijn aan de
begindatum vavo-inschrijving")."""
from __future__ import annotations

from ...domain.inschrijving import VerblijfAndereInstelling
from ...domain.kalender import een_jaar_na
from ...domain.signalen import Signaal, signaal
from ..bekostiging.periode import periode_op
from ..inschrijving import pad
from ..overzichten import overlapt
from .context import Kwccontext, KwcInschrijving

VAVO = "VAVO"


def kw14_opp_begin_ver_in_toekomst(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW14 "De begindatum van het Ontwikkelperspectief ligt méér dan 1 jaar in de toekomst,
    vanaf datum levering van het bericht": compared with the day the stand was stored."""
    grens = een_jaar_na(i.gewijzigd_op)
    return [signaal("KW14", element=pad("ontwikkelingsperspectief", n, "datumBegin"))
            for n, o in enumerate(i.stand.ontwikkelingsperspectieven, 1) if o.datum_begin > grens]


def kw15_opp_eind_ver_in_toekomst(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW15 "De einddatum van het Ontwikkelperspectief ligt méér dan 1 jaar in de toekomst,
    vanaf datum levering van het bericht"."""
    grens = een_jaar_na(i.gewijzigd_op)
    return [signaal("KW15", element=pad("ontwikkelingsperspectief", n, "datumEind"))
            for n, o in enumerate(i.stand.ontwikkelingsperspectieven, 1)
            if o.datum_eind is not None and o.datum_eind > grens]


def _vavo_verblijven(i: KwcInschrijving) -> list[tuple[int, VerblijfAndereInstelling]]:
    return [(n, v) for n, v in enumerate(i.stand.verblijven, 1) if v.verblijfsoort == VAVO]


def kw16_vai_begin_ver_in_toekomst(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW16 "De leerling staat met verblijfsoort vavo, met de begindatum 'Verblijf Andere
    Instelling' (VAI) ingeschreven, die méér dan één jaar in de toekomst ligt"."""
    grens = een_jaar_na(ctx.vandaag)
    return [signaal("KW16", element=pad("verblijfAndereInstelling", n, "datumBegin"))
            for n, v in _vavo_verblijven(i) if v.datum_begin > grens]


def kw17_vai_zonder_vavo_inschrijving(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW17 "De leerling staat met verblijfsoort vavo voor 'Verblijf Andere Instelling' (VAI)
    ingeschreven, maar er wordt geen vavo-inschrijving gevonden met dezelfde gegevens": a VAVO
    inschrijving known to ROD at the VAI's instelling beginning on the VAI's begin date (ch. 14).
    VAIs in the control period; the VAI's brin in the signal."""
    gevonden = []
    for n, v in _vavo_verblijven(i):
        if not overlapt(v.datum_begin, v.datum_eind, ctx.controle_van, ctx.controle_tot):
            continue
        if not any(e.sector == VAVO and e.brin == v.brin and e.datum_inschrijving == v.datum_begin
                   for e in i.externe):
            gevonden.append(signaal("KW17", element=pad("verblijfAndereInstelling", n), brin=v.brin))
    return gevonden


def kw32_vavo_niveau_afwijkend(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW32 "De leerling heeft een vo-inschrijving met 'Verblijf Andere Instelling' (vavo), maar
    het niveau van de vavo-opleiding is niet hetzelfde als waarvoor de leerling ingeschreven
    is": a VAVO inschrijving at the VAI's instelling overlapping the VAI whose niveau (when
    known) differs from the niveau of the VO period running on the VAI's begin date."""
    gevonden = []
    for n, v in _vavo_verblijven(i):
        if not overlapt(v.datum_begin, v.datum_eind, ctx.controle_van, ctx.controle_tot):
            continue
        g = periode_op(i.stand, v.datum_begin)
        opleiding = ctx.opleiding(g.periode.opleidingcode) if g else None
        if opleiding is None:
            continue
        tot = v.datum_eind or ctx.controle_tot
        if any(e.sector == VAVO and e.brin == v.brin and e.niveau is not None and e.niveau != opleiding.niveau
               and overlapt(e.datum_inschrijving, e.datum_uitschrijving, v.datum_begin, tot) for e in i.externe):
            gevonden.append(signaal("KW32", element=pad("verblijfAndereInstelling", n), brin=v.brin))
    return gevonden
