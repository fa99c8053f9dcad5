"""Inschrijvingsperiodegegevens and experimentgegevens: KW05–KW13 (handbook 000 ch. 16
"Inschrijvingsperiodegegevens", "Experimentgegevens").

"Praktijkonderwijs (opleidingscode 0090)": a period whose opleiding has niveau PRO.
"""
from __future__ import annotations

from ...domain.inschrijving import GenummerdePeriode, Periode
from ...domain.kalender import leeftijd
from ...domain.signalen import Signaal, signaal
from ..inschrijving import pad
from ..overzichten import overlapt
from .context import Kwccontext, KwcInschrijving
from .inschrijving import GEWIJZIGD_BINNEN

PERIODE = "inschrijvingPeriodeVO"
VERRIJKT, VERSNELD = "VERRIJKT_PROGRAMMA_VWO", "VERSNELD_PROGRAMMA_VWO"
MINIMUMLEEFTIJD = 9
PRO_MAXIMUMLEEFTIJD = 20


def is_pro(p: Periode, ctx: Kwccontext) -> bool:
    opleiding = ctx.opleiding(p.opleidingcode)
    return p.opleidingcode == "0090" or (opleiding is not None and opleiding.is_praktijkonderwijs)


def perioden_in_schooljaar(i: KwcInschrijving, ctx: Kwccontext) -> list[GenummerdePeriode]:
    """The periods that run some day in the current schooljaar."""
    sj = ctx.schooljaar
    return [g for g in i.stand.perioden_met_einde() if overlapt(g.periode.datum_begin, g.einde, sj.begin, sj.einde)]


def perioden_in_controle(i: KwcInschrijving, ctx: Kwccontext) -> list[GenummerdePeriode]:
    """The periods that run some day in the control period (schooljaar + 90 days before)."""
    return [g for g in i.stand.perioden_met_einde()
            if overlapt(g.periode.datum_begin, g.einde, ctx.controle_van, ctx.controle_tot)]


def maximumleeftijd(leerjaar: int) -> int | None:
    """KW05: "leerjaar 1 t/m 3: leerjaar + 15 < leeftijd; leerjaar 4 t/m 6: leerjaar + 17 <
    leeftijd"; other leerjaren are not judged."""
    if 1 <= leerjaar <= 3:
        return leerjaar + 15
    if 4 <= leerjaar <= 6:
        return leerjaar + 17
    return None


def kw05_hoge_leeftijd_bij_leerjaar(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW05 "Onwaarschijnlijk hoge leeftijd bij leerjaar" (richtdatum 1 augustus of the current
    schooljaar; praktijkonderwijs not judged), on the periods of the current schooljaar; one
    signal per inschrijving. The batch drops it 120 days after it was first raised on an
    unchanged stand ("signaal verdwijnt na 120 dagen")."""
    jaren = leeftijd(i.geboortedatum, ctx.schooljaar.begin)
    for g in perioden_in_schooljaar(i, ctx):
        grens = maximumleeftijd(g.periode.leerjaar) if g.periode.leerjaar is not None else None
        if grens is not None and not is_pro(g.periode, ctx) and grens < jaren:
            return [signaal("KW05", element=pad(PERIODE, g.nummer, "leerjaar"))]
    return []


def kw06_jonger_dan_negen(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW06 "Onwaarschijnlijk laag leerjaar bij leeftijd … (richtdatum: 1 augustus) Leerling
    mag niet jonger zijn dan 9 jaar", praktijkonderwijs not judged; one signal per
    inschrijving with a non-PRO period in the current schooljaar. Dropped after 120 days as KW05."""
    if leeftijd(i.geboortedatum, ctx.schooljaar.begin) >= MINIMUMLEEFTIJD:
        return []
    if any(not is_pro(g.periode, ctx) for g in perioden_in_schooljaar(i, ctx)):
        return [signaal("KW06", element="geboortedatum")]
    return []


def kw07_leerjaarsprong(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW07 "Het leerjaar van een inschrijvingsperiode wijkt meer dan 1 jaar af van de direct
    voorliggende inschrijvingsperiode" (up or down), "alleen … als de inschrijvingsperiode of
    voorliggende inschrijvingsperiode geen Praktijkonderwijs … of geen experiment 'Versneld
    programma VWO' betreft": neither of the two is PRO or has VERSNELD. Judged for periods in
    the control period."""
    perioden = i.stand.perioden_met_einde()
    in_controle = {g.nummer for g in perioden_in_controle(i, ctx)}
    gevonden = []
    for vorige, g in zip(perioden, perioden[1:]):
        a, b = vorige.periode, g.periode
        if g.nummer not in in_controle or a.leerjaar is None or b.leerjaar is None:
            continue
        if any(is_pro(p, ctx) or VERSNELD in p.experimenten for p in (a, b)):
            continue
        if abs(b.leerjaar - a.leerjaar) > 1:
            gevonden.append(signaal("KW07", element=pad(PERIODE, g.nummer, "leerjaar")))
    return gevonden


def kw08_pro_ouder_dan_twintig(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW08 "De leerling mag niet ouder dan 20 jaar zijn, als het een inschrijving betreft aan
    Praktijkonderwijs. De peildatum hiervoor is 1 augustus van het huidige schooljaar": a PRO
    period in the current schooljaar and 21 or older (whole years) on that 1 August."""
    if leeftijd(i.geboortedatum, ctx.schooljaar.begin) <= PRO_MAXIMUMLEEFTIJD:
        return []
    for g in perioden_in_schooljaar(i, ctx):
        if is_pro(g.periode, ctx):
            return [signaal("KW08", element=pad(PERIODE, g.nummer, "opleidingcode"))]
    return []


def _geen_periode_in_schooljaar(i: KwcInschrijving, ctx: Kwccontext) -> GenummerdePeriode | None:
    """The latest period when the inschrijving runs into the current schooljaar, began before
    it, and has no period beginning in it; else None."""
    sj, stand = ctx.schooljaar, i.stand
    perioden = stand.perioden_met_einde()
    if not perioden or stand.datum_inschrijving >= sj.begin:
        return None
    if stand.datum_uitschrijving is not None and stand.datum_uitschrijving < sj.begin:
        return None
    laatste = perioden[-1]
    return laatste if laatste.periode.datum_begin < sj.begin else None


def kw09_recentste_periode_voor_schooljaar(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW09 "De recentste inschrijvingsperiode begint voor het huidig schooljaar … sinds het
    einde van het vorige schooljaar (31 juli), geen nieuwe periode geregistreerd. Mogelijk is de
    leerjaarovergang vergeten". As every KWC check not marked otherwise, for inschrijvingen
    changed in the last 90 days (KW11 is the same question for all active ones, from September)."""
    if i.gewijzigd_op < ctx.vandaag - GEWIJZIGD_BINNEN:
        return []
    laatste = _geen_periode_in_schooljaar(i, ctx)
    return [signaal("KW09", element=pad(PERIODE, laatste.nummer, "datumBegin"))] if laatste else []


def kw10_locatie_niet_bij_vestiging(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW10 "de opgevoerde onderwijslocatie geen geldige koppeling heeft met de vestigingscode
    op de begindatum van de meest recente inschrijvingsperiode": the vestiging valid on that
    date and the locatie linked to it (RIO, reference data)."""
    perioden = i.stand.perioden_met_einde()
    if not perioden or perioden[-1].periode.onderwijslocatie is None:
        return []
    g = perioden[-1]
    p, rd, brin = g.periode, ctx.referentiedata, i.stand.brin
    if rd.vestiging(brin, p.vestiging, p.datum_begin) and rd.is_locatie_van_vestiging(brin, p.vestiging,
                                                                                       p.onderwijslocatie):
        return []
    return [signaal("KW10", element=pad(PERIODE, g.nummer, "onderwijslocatie"))]


def kw11_ontbrekende_periode(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW11 "Ontbrekende periodegegevens huidig schooljaar": datum uitschrijving on or after
    01-08 of the schooljaar (empty counts as future), datum inschrijving on or before 31-07 of
    the previous schooljaar, and the latest period begins before 01-08. "De controle wordt in
    augustus niet uitgevoerd", and it covers every active inschrijving, changed or not."""
    if ctx.vandaag.month == 8:
        return []
    laatste = _geen_periode_in_schooljaar(i, ctx)
    return [signaal("KW11", element=pad(PERIODE, laatste.nummer, "datumBegin"))] if laatste else []


def kw12_experiment_niet_vwo(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW12 "Verrijkt/Versneld programma VWO mag alleen als niveau van de opleiding VWO is":
    one signal per such experiment of a period in the control period whose opleiding is known
    and not VWO."""
    gevonden = []
    for g in perioden_in_controle(i, ctx):
        opleiding = ctx.opleiding(g.periode.opleidingcode)
        if opleiding is None or opleiding.niveau == "VWO":
            continue
        gevonden += [signaal("KW12", element=pad(PERIODE, g.nummer, f"experiment[{n}]"))
                     for n, naam in enumerate(g.periode.experimenten, 1) if naam in (VERRIJKT, VERSNELD)]
    return gevonden


def kw13_beide_experimenten(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW13 "Inschrijvingsperiode mag niet zowel Verrijkt programma VWO als versneld programma
    VWO hebben": one signal per period in the control period with both."""
    return [signaal("KW13", element=pad(PERIODE, g.nummer, "experiment"))
            for g in perioden_in_controle(i, ctx)
            if {VERRIJKT, VERSNELD} <= set(g.periode.experimenten)]
