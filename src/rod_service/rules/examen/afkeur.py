"""EX01–EX09: the afkeur controls on a delivered examenresultaat (handbook 000 ch. 13,
"Afkeurcontroles aanlevering inschrijvingen en resultaten": checked directly on delivery,
the reason is in the terugkoppeling, nothing of the stand is stored).

Element paths are in contract terms and 1-based, e.g.
``cijferlijst[1]/vak[3]/centraalExamen[2]/cijfer``. EX08 belongs to the verwijdering and
has its own signature; the others are :data:`AFKEURREGELS`.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ...domain.examenresultaat import (
    Beoordeeld,
    LeverExamenresultaatAan,
    huidig_examenregime,
)
from ...domain.pgn import Pgn
from ...domain.signalen import Signaal, signaal
from .context import Examencontext, Regel

CIJFER_MIN, CIJFER_MAX = 10, 100  # one implied decimal: 10 = 1,0 … 100 = 10,0
EINDCIJFER_MIN, EINDCIJFER_MAX = 1, 10
#: EX09: how many examenregimes the delivered one may lie from the current one.
MAX_AFSTAND_EXAMENREGIME = 1


def ex01_nummer_bekend(pgn: Pgn, bekend: bool) -> list[Signaal]:
    """EX01: the persoonsgebonden nummer must be known to ROD (identified through ROD, or an
    OWN that ROD issued; spec section 3 "Known to ROD"; being in the BRP is not enough).
    Handbook 000 ch. 13; 003 stap 2: identify the pupil first. Also used by the verwijdering."""
    return [] if bekend else [signaal("EX01", element=pgn.soort.value)]


def ex01_persoon_bekend(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX01 on a delivery: see :func:`ex01_nummer_bekend`."""
    return ex01_nummer_bekend(bericht.pgn, context.persoon_bekend)


def peildatum_onderwijsaanbieder(bericht: LeverExamenresultaatAan) -> date | None:
    """The date on which the onderwijsaanbieder must be valid (EX02): the datumUitslag, or
    without one "1 August of the examenregime".

    Our reading of the latter: the 1 August that *opens* the examenregime's school year,
    ``examenregime - 1``-08-01 (examenregime 2026 → 2025-08-01). The examenregime is the
    year in which its school year ends (as for EX09), so its "1 August" is the first day of
    that school year; 1 August of the calendar year itself already lies in the next school
    year, after every exam of the regime, and would reject an aanbieder that RIO ended on
    31 July of the exam year. None when the examenregime is no usable year (EX09 says so)."""
    if bericht.datum_uitslag is not None:
        return bericht.datum_uitslag
    jaar = bericht.examenregime - 1
    return date(jaar, 8, 1) if date.min.year <= jaar <= date.max.year else None


def ex02_onderwijsaanbieder(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX02: the onderwijsaanbieder must be given (optional in the XSD only), be one of this
    instelling's in RIO and be valid on :func:`peildatum_onderwijsaanbieder`. Handbook 000
    ch. 03 (RIO): "Bij het aanleveren van een examenresultaat moet u het RIO-veld
    Onderwijsaanbieder mee leveren"."""
    code = bericht.onderwijsaanbieder
    if code is None or context.referentiedata.onderwijsaanbieder(
        bericht.brin, code, peildatum_onderwijsaanbieder(bericht)
    ) is None:
        return [signaal("EX02", element="onderwijsaanbieder")]
    return []


def ex03_vestiging(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX03: the vestiging must belong to the instellingscode (RIO; no date is checked).
    Handbook 000 ch. 13."""
    if context.referentiedata.vestiging(bericht.brin, bericht.vestiging) is None:
        return [signaal("EX03", element="vestiging")]
    return []


def ex04_vakken_en_opleidingen(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX04: every cijferlijst's opleiding (elementcode) and every vakcode must be in the
    reference data: ``vak/vakcode``, ``vak/vervangenVak`` (an inruil names a vak too) and
    ``herkansing/vakcode``. Handbook 000 ch. 06 (a cijferlijst is per opleiding, a vak is
    shown with its vakcode) and ch. 13."""
    ref = context.referentiedata
    gevonden = []
    for i, lijst in enumerate(bericht.cijferlijsten, 1):
        if ref.opleiding(lijst.opleidingcode) is None:
            gevonden.append(signaal("EX04", element=f"cijferlijst[{i}]/opleidingcode"))
        for j, vak in enumerate(lijst.vakken, 1):
            if ref.vak(vak.vakcode) is None:
                gevonden.append(signaal("EX04", element=f"cijferlijst[{i}]/vak[{j}]/vakcode"))
            if vak.vervangen_vak is not None and ref.vak(vak.vervangen_vak) is None:
                gevonden.append(signaal("EX04", element=f"cijferlijst[{i}]/vak[{j}]/vervangenVak"))
    for k, herkansing in enumerate(bericht.herkansingen, 1):
        if ref.vak(herkansing.vakcode) is None:
            gevonden.append(signaal("EX04", element=f"herkansing[{k}]/vakcode"))
    return gevonden


def _cijfers(bericht: LeverExamenresultaatAan) -> Iterator[tuple[str, int]]:
    """Every ``cijfer`` (10..100) with its path."""
    def van(pad: str, b: Beoordeeld | None) -> Iterator[tuple[str, int]]:
        if b is not None and b.cijfer is not None:
            yield f"{pad}/cijfer", b.cijfer

    for i, lijst in enumerate(bericht.cijferlijsten, 1):
        for j, vak in enumerate(lijst.vakken, 1):
            yield from van(f"cijferlijst[{i}]/vak[{j}]/schoolexamen", vak.schoolexamen)
            for k, ce in enumerate(vak.centraal_examens, 1):
                yield f"cijferlijst[{i}]/vak[{j}]/centraalExamen[{k}]/cijfer", ce.cijfer
        if lijst.werkstuk is not None:
            yield from van(f"cijferlijst[{i}]/werkstuk", lijst.werkstuk.resultaat)


def _eindcijfers(bericht: LeverExamenresultaatAan) -> Iterator[tuple[str, int]]:
    """Every ``eindcijfer`` (whole, 1..10) with its path."""
    for i, lijst in enumerate(bericht.cijferlijsten, 1):
        for j, vak in enumerate(lijst.vakken, 1):
            if vak.eindcijfer is not None:
                yield f"cijferlijst[{i}]/vak[{j}]/eindcijfer", vak.eindcijfer
        if lijst.combinatiecijfer is not None:
            yield f"cijferlijst[{i}]/combinatiecijfer/eindcijfer", lijst.combinatiecijfer.eindcijfer


def ex05_cijferbereik(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX05: a ``cijfer`` (schoolexamen, centraal examen, werkstuk) is 10..100 with one
    implied decimal (69 = 6,9); an ``eindcijfer`` (vak, combinatiecijfer) is 1..10. Spec
    section 3 "Grades"; handbook 000 ch. 06 (Uitslag resultaat: eindcijfer/beoordeling)."""
    return [
        *(signaal("EX05", element=pad) for pad, c in _cijfers(bericht) if not CIJFER_MIN <= c <= CIJFER_MAX),
        *(signaal("EX05", element=pad) for pad, c in _eindcijfers(bericht)
          if not EINDCIJFER_MIN <= c <= EINDCIJFER_MAX),
    ]


def ex06_datum_uitslag(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX06: an ``uitslag`` needs its ``datumUitslag`` (optional in the XSD only), and that
    date may not lie after today (today itself is fine). Handbook 000 ch. 06 (Uitslag:
    "Datum uitslag - Uitslagdatum van het resultaat") and ch. 13."""
    if bericht.uitslag is None:
        return []
    if bericht.datum_uitslag is None or bericht.datum_uitslag > context.vandaag:
        return [signaal("EX06", element="uitslag/datumUitslag")]
    return []


def ex07_inschrijving(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX07: a given inschrijvingvolgnummer must be an inschrijving of this person at this
    school. Not judged for a person unknown to ROD: EX01 already says why. Handbook 000
    ch. 15, "Leeswijzer Examenresultaten dashboard vo" (the result is tied to the
    vo-inschrijving by its inschrijvingsvolgnummer) and ch. 13."""
    nummer = bericht.inschrijvingvolgnummer
    if nummer is None or not context.persoon_bekend:
        return []
    if all(i.inschrijvingvolgnummer != nummer for i in context.inschrijvingen):
        return [signaal("EX07", element="inschrijvingvolgnummer")]
    return []


def ex08_te_verwijderen_bestaat(gevonden: bool) -> list[Signaal]:
    """EX08: aanleverenVerwijderingExamenresultaatVO of a result that does not exist (for
    this person, brin and examenresultaatvolgnummer). Handbook 000 ch. 13."""
    return [] if gevonden else [signaal("EX08", element="examenresultaatvolgnummer")]


def ex09_examenregime(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX09: the examenregime may lie at most one year from the current school year's
    (:func:`~rod_service.domain.examenresultaat.huidig_examenregime`; on 2026-11-23 that is
    2027, so 2026..2028 are accepted). Handbook 000 ch. 02 (Begrippen: "Examenregime … wordt
    weergegeven met een jaartal") and ch. 13."""
    if abs(bericht.examenregime - huidig_examenregime(context.vandaag)) > MAX_AFSTAND_EXAMENREGIME:
        return [signaal("EX09", element="examenregime")]
    return []


#: Run on every delivery, all of them, in this order.
AFKEURREGELS: tuple[Regel, ...] = (
    ex01_persoon_bekend,
    ex02_onderwijsaanbieder,
    ex03_vestiging,
    ex04_vakken_en_opleidingen,
    ex05_cijferbereik,
    ex06_datum_uitslag,
    ex07_inschrijving,
    ex09_examenregime,
)
