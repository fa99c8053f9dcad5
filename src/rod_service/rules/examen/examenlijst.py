"""A cijferlijst as the Eindexamenbesluit VO sees it: the eindcijfers, beoordelingen and
centraal-examencijfers that decide the uitslag (EX55, :mod:`.slaagzakregeling`) and the
judicium cum laude (EX57, :mod:`.cumlaude`), and the articles that turn delivered cijfers
into them (art. 48 eindcijfer, art. 51 herkansing). EX56 uses :func:`examenniveau`.

What counts for the uitslag (Eindexamenbesluit VO art. 49/50: "de vakken waarvoor een
eindcijfer is vastgesteld"; extra vakken do not count, examenblad "Uitslagbepaling"):

* a ``vak`` with ``indicatieDiplomavak`` true and no ``redenNietDeelname`` (a vrijstelling
  or ontheffing has no cijfer to judge). The school marks extra vakken with
  ``indicatieDiplomavak`` false; we do not search the "combination of vakken with which the
  candidate can pass" ourselves, we judge the school's own selection.
* a vak with ``indicatieCombinatiecijfer`` is a *part* of the combinatiecijfer: the
  combinatiecijfer counts as one eindcijfer, its parts only for the "no part below 4" rule.
* the ``werkstuk``: in havo/vwo the profielwerkstuk is a part of the combinatiecijfer (its
  cijfer rounded to a whole number); in vmbo it must be "voldoende" or "goed" (a delivered
  cijfer is read as voldoende from 5,5, the rounding of art. 48).

Grades stay integers: a ``cijfer`` is in tenths (69 = 6,9), an ``eindcijfer`` is whole;
averages are exact fractions, never floats, so 5,5 is 5,5 and not 5,4999….

A cijferlijst the rules cannot judge (unknown niveau, a counted vak without an eindcijfer
or beoordeling that cannot be derived, a combinatiecijfer part without an eindcijfer, a vak
with a centraal examen but no CE cijfer) gives
``None``: EX52 reports what is missing, EX55/EX57 do not guess.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ...domain.examenresultaat import Cijferlijst, Examenvak, LeverExamenresultaatAan
from ...domain.referentiedata import Referentiedata

HAVO_VWO = frozenset({"HAVO", "VWO"})
VMBO = frozenset({"VMBO_BB", "VMBO_KB", "VMBO_GL", "VMBO_TL"})
EXAMENNIVEAUS = HAVO_VWO | VMBO
VOLDOENDE = frozenset({"V", "G"})
GEMEENSCHAPPELIJK, PROFIEL, VRIJ = "GEMEENSCHAPPELIJK", "PROFIEL", "VRIJ"

#: The first examenregime judged by the rules below. 2020 had no centraal examen, 2021 and
#: 2022 let a candidate drop one vak from the uitslag (the corona "schrapregeling"), and up
#: to 2019 the rekentoets counted; none of that is implemented. EX09 accepts only the
#: current examenregime ± 1, so in practice every delivery is judged.
EERSTE_EXAMENREGIME = 2023


# Art. 48 and 51: from delivered cijfers to the cijfers the uitslag works with ----------

def eindcijfer(schoolexamen: int, centraal_examen: int) -> int:
    """Art. 48 lid 1: the eindcijfer is the rekenkundig gemiddelde of the cijfer for the
    schoolexamen and the cijfer for the centraal examen, rounded to a whole number; a first
    decimal of 5 or more rounds up. Both cijfers have one decimal (tenths), so the mean
    (se + ce) / 20 is rounded in one step: SE 5,4 + CE 5,5 = 5,45 → 5 (rounding 5,45 to
    5,5 first and then to 6 is the classic error)."""
    return (schoolexamen + centraal_examen + 10) // 20


def eindcijfer_schoolexamen(schoolexamen: int) -> int:
    """Art. 48: a vak with only a schoolexamen has that cijfer, rounded to a whole number
    (5,5 → 6, 5,4 → 5), as its eindcijfer."""
    return (schoolexamen + 5) // 10


def cijfer_centraal_examen(vak: Examenvak) -> int | None:
    """Art. 51 (herkansing): after a herkansing the higher of the two CE cijfers is the
    definitive cijfer for the centraal examen. None without any CE."""
    return max((ce.cijfer for ce in vak.centraal_examens), default=None)


def afgerond_gemiddelde(cijfers: Sequence[int], gewichten: Sequence[int] | None = None) -> int:
    """A (weighted) mean of whole eindcijfers rounded half up: the combinatiecijfer
    (art. 49 lid 3/4 vmbo, art. 50 havo/vwo: "het rekenkundig gemiddelde van de
    eindcijfers … afgerond")."""
    gewichten = gewichten or [1] * len(cijfers)
    teller, noemer = sum(c * g for c, g in zip(cijfers, gewichten, strict=True)), sum(gewichten)
    return (2 * teller + noemer) // (2 * noemer)


def gemiddelde(waarden: Sequence[int | Fraction]) -> Fraction:
    """The exact, unrounded mean (the CE average, the average eindcijfer, cum laude)."""
    return Fraction(sum(waarden), len(waarden))


# The eindlijst ------------------------------------------------------------------------

@dataclass(frozen=True)
class Resultaat:
    """One eindcijfer or beoordeling that counts, and the element that holds it."""

    element: str
    vakcode: str
    examendeel: str
    eindcijfer: int | None = None
    beoordeling: str | None = None
    kernvak: bool = False
    centraal_examen: bool = False


@dataclass(frozen=True)
class Examenlijst:
    """What the uitslag of one cijferlijst rests on.

    ``vakken``: the counted vakken (and a vmbo werkstuk) — each with an eindcijfer or a
    beoordeling; ``combinatiedelen``: the parts of the combinatiecijfer; ``combinatiecijfer``:
    delivered, or computed from its parts; ``centraal_examencijfers``: the CE cijfer (tenths)
    of every counted vak that has one."""

    element: str
    niveau: str
    examenregime: int
    vakken: tuple[Resultaat, ...]
    combinatiedelen: tuple[Resultaat, ...] = ()
    combinatiecijfer: Resultaat | None = None
    centraal_examencijfers: tuple[int, ...] = ()

    @property
    def eindcijfers(self) -> tuple[Resultaat, ...]:
        """Every result with an eindcijfer, the combinatiecijfer as one of them."""
        eigen = tuple(r for r in self.vakken if r.eindcijfer is not None)
        return eigen + ((self.combinatiecijfer,) if self.combinatiecijfer else ())

    @property
    def beoordelingen(self) -> tuple[Resultaat, ...]:
        return tuple(r for r in self.vakken if r.eindcijfer is None)


def examenniveau(bericht: LeverExamenresultaatAan, lijst: Cijferlijst, ref: Referentiedata) -> str | None:
    """The niveau the cijferlijst is judged at: its opleiding's niveau, else the delivered
    ``niveau``; None when that is no exam niveau (praktijkonderwijs has no eindexamen)."""
    opleiding = ref.opleiding(lijst.opleidingcode)
    niveau = opleiding.niveau if opleiding is not None and opleiding.niveau in EXAMENNIVEAUS else bericht.niveau
    return niveau if niveau in EXAMENNIVEAUS else None


def uitslag_te_beoordelen(bericht: LeverExamenresultaatAan) -> bool:
    """Only a diploma uitslag of a whole exam is judged against the slaag-zakregeling (and
    its vakkenpakket): not without an uitslag, not for a certificaat (a deeleindexamen
    neither passes nor fails, art. 53), not for a result marked teruggetrokken, gespreid
    examen, eerder leerjaar or doorlopende leerlijn (part of such an exam lies in another
    examenresultaat, handbook 000 ch. 16 "Uitslag verwacht, maar niet geleverd"), and not
    for an examenregime before :data:`EERSTE_EXAMENREGIME`."""
    return (bericht.uitslag is not None and bericht.uitslag.soort_waardedocument == "DIPLOMA"
            and not (bericht.indicatie_teruggetrokken or bericht.indicatie_gespreid_examen
                     or bericht.indicatie_eerder_leerjaar or bericht.indicatie_doorlopende_leerlijn)
            and bericht.examenregime >= EERSTE_EXAMENREGIME)


def _vakresultaat(vak: Examenvak, element: str, ref: Referentiedata) -> tuple[Resultaat, int | None] | None:
    """The counted result of one vak and its CE cijfer; None when it cannot be judged."""
    definitie = ref.vak(vak.vakcode)
    met_ce = definitie is not None and definitie.centraal_examen
    ce = cijfer_centraal_examen(vak)
    if met_ce and ce is None:
        return None
    se = vak.schoolexamen
    cijfer = vak.eindcijfer
    if cijfer is None and se is not None and se.cijfer is not None:
        cijfer = eindcijfer(se.cijfer, ce) if ce is not None else eindcijfer_schoolexamen(se.cijfer)
    beoordeling = None
    if cijfer is None:
        beoordeling = vak.eindbeoordeling or (se.beoordeling if se is not None else None)
        if beoordeling is None:
            return None
    return Resultaat(element, vak.vakcode, vak.examendeel, cijfer, beoordeling,
                     kernvak=definitie is not None and definitie.kernvak, centraal_examen=ce is not None), ce


def _combinatiecijfer(niveau: str, delen: Sequence[Resultaat], geleverd: int | None, element: str) -> Resultaat | None:
    """Delivered, or computed from the parts. In the gemengde leerweg the profielvak (the
    part with a centraal examen, the CSPE) weighs as often as there are keuzevakken
    (art. 49 lid 4; examenblad "Combinatiecijfer (profielen vmbo)"); elsewhere a plain mean
    (art. 49 lid 3 bb/kb keuzevakken, art. 50 havo/vwo)."""
    delen_met_cijfer = [d for d in delen if d.eindcijfer is not None]
    if geleverd is None and not delen_met_cijfer:
        return None
    examendelen = {d.examendeel for d in delen}
    examendeel = examendelen.pop() if len(examendelen) == 1 else GEMEENSCHAPPELIJK
    if geleverd is None:
        cijfers = [d.eindcijfer for d in delen_met_cijfer]
        keuzevakken = sum(not d.centraal_examen for d in delen_met_cijfer)
        gewichten = [keuzevakken if (niveau == "VMBO_GL" and d.centraal_examen and keuzevakken) else 1
                     for d in delen_met_cijfer]
        geleverd = afgerond_gemiddelde(cijfers, gewichten)  # type: ignore[arg-type]
    return Resultaat(element, "combinatiecijfer", examendeel, eindcijfer=geleverd)


def examenlijst(bericht: LeverExamenresultaatAan, nummer: int, lijst: Cijferlijst,
                ref: Referentiedata) -> Examenlijst | None:
    """The eindlijst of ``cijferlijst[nummer]``, or None when it cannot be judged."""
    niveau = examenniveau(bericht, lijst, ref)
    if niveau is None:
        return None
    pad = f"cijferlijst[{nummer}]"
    vakken: list[Resultaat] = []
    delen: list[Resultaat] = []
    ce_cijfers: list[int] = []
    for j, vak in enumerate(lijst.vakken, 1):
        if not vak.indicatie_diplomavak or vak.reden_niet_deelname is not None:
            continue
        gevonden = _vakresultaat(vak, f"{pad}/vak[{j}]", ref)
        if gevonden is None or (vak.indicatie_combinatiecijfer and gevonden[0].eindcijfer is None):
            return None  # a combinatiecijfer part needs an eindcijfer (EX52)
        resultaat, ce = gevonden
        if ce is not None:
            ce_cijfers.append(ce)
        (delen if vak.indicatie_combinatiecijfer else vakken).append(resultaat)
    if lijst.werkstuk is not None:
        uitkomst = lijst.werkstuk.resultaat
        element = f"{pad}/werkstuk"
        if uitkomst.cijfer is not None and niveau in HAVO_VWO:
            delen.append(Resultaat(element, "werkstuk", GEMEENSCHAPPELIJK,
                                   eindcijfer=eindcijfer_schoolexamen(uitkomst.cijfer)))
        elif uitkomst.cijfer is not None:
            voldoende = eindcijfer_schoolexamen(uitkomst.cijfer) >= 6
            vakken.append(Resultaat(element, "werkstuk", GEMEENSCHAPPELIJK, beoordeling="V" if voldoende else "O"))
        elif uitkomst.beoordeling is not None:
            vakken.append(Resultaat(element, "werkstuk", GEMEENSCHAPPELIJK, beoordeling=uitkomst.beoordeling))
    geleverd = lijst.combinatiecijfer.eindcijfer if lijst.combinatiecijfer is not None else None
    combinatie = _combinatiecijfer(niveau, delen, geleverd, f"{pad}/combinatiecijfer")
    if not vakken and combinatie is None:
        return None
    return Examenlijst(pad, niveau, bericht.examenregime, tuple(vakken), tuple(delen), combinatie, tuple(ce_cijfers))


def examenlijsten(bericht: LeverExamenresultaatAan, ref: Referentiedata) -> list[Examenlijst | None]:
    """:func:`examenlijst` of every cijferlijst, in message order."""
    return [examenlijst(bericht, i, lijst, ref) for i, lijst in enumerate(bericht.cijferlijsten, 1)]
