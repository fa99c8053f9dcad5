"""EX55: the slaag-zakregeling. DUO re-checks every delivered uitslag against the rules of
the Eindexamenbesluit VO and says so (ATTENTIE) when the delivered ``GESLAAGD`` or
``AFGEWEZEN`` is not what those rules give (spec 6.2; handbook 000 ch. 13 "Signaalcontroles
vakkenpakket en uitslagcontroles"; handbook 001 ch. 01 names DUO's "PvE Controle
slaag-zakregeling vmbo" and "… havo en vwo", which are not public).

Sources. The article texts were not retrievable as such; the rules below follow the
examenblad.nl pages "Uitslagbepaling havo en vwo", "Uitslagbepaling vmbo", "Combinatiecijfer
(profielen vmbo)" and "Judicium cum laude" and schools' published slaag-zakregelingen, which
paraphrase the Eindexamenbesluit VO; where those were silent, our own knowledge of the
rules (said so at the rule). Article numbers are those of the **Eindexamenbesluit VO** as
examenblad cites them: art. 48 eindcijfer, **art. 49 uitslag vmbo** (lid 1 onder d: no
keuzevak below 4; lid 3/4 the vmbo combinatiecijfer), **art. 50 uitslag vwo/havo**, art. 51
herkansing, art. 52a cum laude. Since 2022 the same rules stand, renumbered, in chapter 3 of
the Uitvoeringsbesluit WVO 2020 (examenblad cites art. 3.38 herkansing, 3.39 definitieve
uitslag, 3.40 diploma); we cite the Eindexamenbesluit numbers the sources use.

Each rule is one function ``(Examenlijst) -> Bevinding | None``: None when the candidate
meets it, else why not and — where one result decides — that result's element. A cijferlijst
is geslaagd when no rule of its niveau (:data:`REGELS`) gives a Bevinding. Not implemented:
the loopbaandossier (vmbo), the rekenen schoolexamen and the leerwerktraject (not in the
message), and the search for the vakken combination with which the candidate passes (we
judge the school's ``indicatieDiplomavak`` selection).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...domain.examenresultaat import LeverExamenresultaatAan
from ...domain.signalen import Signaal, signaal
from .context import Examencontext
from .examenlijst import (
    HAVO_VWO,
    VOLDOENDE,
    Examenlijst,
    Resultaat,
    examenlijsten,
    gemiddelde,
    uitslag_te_beoordelen,
)

GESLAAGD, AFGEWEZEN = "GESLAAGD", "AFGEWEZEN"
#: Vakcode of Nederlandse taal in the reference data (vmbo: eindcijfer at least 5; the
#: kernvakkenregel). Engelse taal is ``en``; every other kernvak is a wiskunde.
NEDERLANDS, ENGELS = "ne", "en"


@dataclass(frozen=True)
class Bevinding:
    """A rule the candidate does not meet: the rule, its article, and the element of the
    one result that decides it (None when several do)."""

    regel: str
    artikel: str
    element: str | None = None


def _beslist_door(resultaten: Sequence[Resultaat]) -> str | None:
    return resultaten[0].element if len(resultaten) == 1 else None


# Both: art. 49 (vmbo) and art. 50 (havo/vwo) ------------------------------------------

def gemiddeld_centraal_examen(lijst: Examenlijst) -> Bevinding | None:
    """Art. 49 lid 1 (vmbo) / art. 50 lid 1 (vwo, havo): the rekenkundig gemiddelde of the
    cijfers for the centraal examen is at least 5,5 — **not rounded**: 5,49 fails. One CE
    cijfer per vak, the higher after a herkansing (art. 51); the CSPE of the beroepsgerichte
    profielvak counts as a CE. Without any CE (not expected for a diploma) nothing to judge."""
    cijfers = lijst.centraal_examencijfers
    if not cijfers or gemiddelde(cijfers) >= 55:  # tenths: 55 = 5,5
        return None
    return Bevinding("gemiddeld_centraal_examen", "art. 49 lid 1 / art. 50 lid 1")


def combinatiecijfer_onderdelen(lijst: Examenlijst) -> Bevinding | None:
    """Art. 50 (havo/vwo): no part of the combinatiecijfer (maatschappijleer, ckv, anw,
    profielwerkstuk, …) has an eindcijfer below 4. Art. 49 lid 1 onder d (vmbo bb/kb: each
    beroepsgericht keuzevak; gl: the parts of its combinatiecijfer): the same, at least 4."""
    te_laag = [d for d in lijst.combinatiedelen if d.eindcijfer is not None and d.eindcijfer < 4]
    if not te_laag:
        return None
    artikel = "art. 50" if lijst.niveau in HAVO_VWO else "art. 49 lid 1 onder d"
    return Bevinding("combinatiecijfer_onderdelen", artikel, _beslist_door(te_laag))


def beoordelingen_voldoende(lijst: Examenlijst) -> Bevinding | None:
    """Art. 50 (havo/vwo): lichamelijke opvoeding (and any other vak concluded with a
    beoordeling) is "voldoende" or "goed". Art. 49 (vmbo): the same for lichamelijke
    opvoeding, kunstvakken I (ckv) and the profielwerkstuk."""
    onvoldoende = [r for r in lijst.beoordelingen if r.beoordeling not in VOLDOENDE]
    if not onvoldoende:
        return None
    return Bevinding("beoordelingen_voldoende", "art. 50" if lijst.niveau in HAVO_VWO else "art. 49 lid 1",
                     _beslist_door(onvoldoende))


# Art. 50: vwo and havo ----------------------------------------------------------------

def eindcijfers_havo_vwo(lijst: Examenlijst) -> Bevinding | None:
    """Art. 50 lid 1 (vwo, havo). Geslaagd when for the vakken with an eindcijfer (the
    combinatiecijfer counting as one):
    a. every eindcijfer is 6 or more; or
    b. one eindcijfer is 5 and the others 6 or more; or
    c. one eindcijfer is 4, the others 6 or more, and the average eindcijfer at least 6,0; or
    d. two eindcijfers are 5, or one 4 and one 5, the others 6 or more, and the average
       eindcijfer at least 6,0 (not rounded).
    Anything else — a 3 or lower, two 4s, three results below 6 — is afgewezen."""
    eindcijfers = lijst.eindcijfers
    onder = sorted((r for r in eindcijfers if r.eindcijfer < 6), key=lambda r: r.eindcijfer)  # type: ignore[operator]
    tekort = [r.eindcijfer for r in onder]
    gemiddeld_zes = bool(eindcijfers) and gemiddelde([r.eindcijfer for r in eindcijfers]) >= 6  # type: ignore[misc]
    if tekort in ([], [5]) or (tekort in ([4], [5, 5], [4, 5]) and gemiddeld_zes):
        return None
    return Bevinding("eindcijfers_havo_vwo", "art. 50 lid 1", _beslist_door(onder))


def kernvakkenregel(lijst: Examenlijst) -> Bevinding | None:
    """Art. 50 lid 1 (vwo, havo), the kernvakkenregel: for Nederlandse taal, Engelse taal
    and wiskunde at most one eindcijfer 5 and none of 4 or lower (without wiskunde in the
    pakket: Nederlands and Engels only). Two wiskunde vakken (e.g. A and B): the higher one
    counts — our reading of "the candidate must pass if some combination lets him", the
    articles name "wiskunde A, B of C" as one kernvak."""
    kern = [r for r in lijst.vakken if r.kernvak and r.eindcijfer is not None]
    wiskunde = [r for r in kern if r.vakcode not in (NEDERLANDS, ENGELS)]
    telt = [r for r in kern if r.vakcode in (NEDERLANDS, ENGELS)]
    if wiskunde:
        telt.append(max(wiskunde, key=lambda r: r.eindcijfer))  # type: ignore[arg-type,return-value]
    vier_of_lager = [r for r in telt if r.eindcijfer <= 4]  # type: ignore[operator]
    vijven = [r for r in telt if r.eindcijfer == 5]
    if vier_of_lager:
        return Bevinding("kernvakkenregel", "art. 50 lid 1", _beslist_door(vier_of_lager))
    if len(vijven) > 1:
        return Bevinding("kernvakkenregel", "art. 50 lid 1")
    return None


# Art. 49: vmbo (all four leerwegen) ----------------------------------------------------

def eindcijfers_vmbo(lijst: Examenlijst) -> Bevinding | None:
    """Art. 49 lid 1 (vmbo). Geslaagd when for the vakken with an eindcijfer (a
    combinatiecijfer counting as one):
    a. every eindcijfer is 6 or more; or
    b. one eindcijfer is 5 and the others 6 or more; or
    c. one eindcijfer is 4, the others 6 or more, at least one of them 7 or more; or
    d. two eindcijfers are 5, the others 6 or more, at least one of them 7 or more.
    No average: vmbo compensates with a 7. A 4 and a 5 together, or a 3, is afgewezen."""
    eindcijfers = lijst.eindcijfers
    onder = sorted((r for r in eindcijfers if r.eindcijfer < 6), key=lambda r: r.eindcijfer)  # type: ignore[operator]
    tekort = [r.eindcijfer for r in onder]
    een_zeven = any(r.eindcijfer >= 7 for r in eindcijfers)  # type: ignore[operator]
    if tekort in ([], [5]) or (tekort in ([4], [5, 5]) and een_zeven):
        return None
    return Bevinding("eindcijfers_vmbo", "art. 49 lid 1", _beslist_door(onder))


def nederlands_vmbo(lijst: Examenlijst) -> Bevinding | None:
    """Art. 49 lid 1 (vmbo, every leerweg): the eindcijfer for Nederlandse taal is at least
    5. Vmbo has no kernvakkenregel: a 5 for Engels and one for wiskunde pass with a 7."""
    te_laag = [r for r in lijst.vakken if r.vakcode == NEDERLANDS and r.eindcijfer is not None and r.eindcijfer < 5]
    if not te_laag:
        return None
    return Bevinding("nederlands_vmbo", "art. 49 lid 1", _beslist_door(te_laag))


Regel = Callable[[Examenlijst], Bevinding | None]

_HAVO_VWO: tuple[Regel, ...] = (gemiddeld_centraal_examen, eindcijfers_havo_vwo, kernvakkenregel,
                                combinatiecijfer_onderdelen, beoordelingen_voldoende)
_VMBO: tuple[Regel, ...] = (gemiddeld_centraal_examen, eindcijfers_vmbo, nederlands_vmbo,
                            combinatiecijfer_onderdelen, beoordelingen_voldoende)

#: The rules per niveau, as they stand for every examenregime from
#: :data:`~.examenlijst.EERSTE_EXAMENREGIME`. The four vmbo leerwegen share article 49;
#: they differ in what the cijferlijst holds (a combinatiecijfer of keuzevakken in bb/kb, of
#: profielvak and keuzevakken in gl, none in tl), not in the rules.
REGELS: dict[str, tuple[Regel, ...]] = {
    "VWO": _HAVO_VWO, "HAVO": _HAVO_VWO,
    "VMBO_TL": _VMBO, "VMBO_GL": _VMBO, "VMBO_KB": _VMBO, "VMBO_BB": _VMBO,
}


def bevindingen(lijst: Examenlijst) -> list[Bevinding]:
    """Every rule of the lijst's niveau the candidate does not meet; empty = geslaagd."""
    return [b for regel in REGELS[lijst.niveau] if (b := regel(lijst)) is not None]


def is_geslaagd(lijst: Examenlijst) -> bool:
    return not bevindingen(lijst)


def _element(lijsten: Sequence[Examenlijst]) -> str:
    """Where the signal points when the rules say afgewezen: the one result that decides
    (every finding of the only cijferlijst names the same element), else the uitslag."""
    if len(lijsten) == 1:
        elementen = {b.element for b in bevindingen(lijsten[0])}
        if len(elementen) == 1 and None not in elementen:
            return elementen.pop()  # type: ignore[return-value]
    return "uitslag/resultaat"


def ex55_uitslag_volgens_slaagzakregeling(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX55: the delivered resultaat is not what the slaag-zakregeling gives.

    The candidate passes when at least one cijferlijst passes ("a candidate must pass if he
    can", examenblad "Uitslagbepaling"). ``GESLAAGD`` is signalled when every cijferlijst
    can be judged and none passes (``element``: the deciding vak, or ``uitslag/resultaat``);
    ``AFGEWEZEN`` when a judged cijferlijst passes (``uitslag/resultaat``). Silent when the
    uitslag is not to be judged (:func:`~.examenlijst.uitslag_te_beoordelen`) or a cijferlijst
    is incomplete (EX52 says what is missing)."""
    if not uitslag_te_beoordelen(bericht) or not bericht.cijferlijsten:
        return []
    lijsten = examenlijsten(bericht, context.referentiedata)
    beoordeeld = [lijst for lijst in lijsten if lijst is not None]
    geslaagd = any(is_geslaagd(lijst) for lijst in beoordeeld)
    resultaat = bericht.uitslag.resultaat  # type: ignore[union-attr]
    if resultaat == GESLAAGD and len(beoordeeld) == len(lijsten) and not geslaagd:
        return [signaal("EX55", element=_element(beoordeeld))]
    if resultaat == AFGEWEZEN and geslaagd:
        return [signaal("EX55", element="uitslag/resultaat")]
    return []


__all__ = [
    "AFGEWEZEN",
    "GESLAAGD",
    "REGELS",
    "Bevinding",
    "bevindingen",
    "ex55_uitslag_volgens_slaagzakregeling",
    "is_geslaagd",
]
