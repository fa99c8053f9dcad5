"""EX57: ``indicatieCumLaude`` true while the judicium cum laude rule is not met
(Eindexamenbesluit VO **art. 52a**; since 2022 in chapter 3 of the Uitvoeringsbesluit WVO
2020). Sources: examenblad.nl "Judicium cum laude" (which quotes art. 52a lid 1 for vwo and
the Examenloket's further rules) and the LAKS paraphrase of the article; see
:mod:`.slaagzakregeling` for how we cite.

Per niveau, on the eindlijst of :mod:`.examenlijst`:

* vwo (lid 1): the average of the eindcijfers of the vakken of the gemeenschappelijk deel,
  the combinatiecijfer, the vakken of the profieldeel and the one vak of the vrije deel with
  the highest eindcijfer is at least 8,0 (not rounded: 7,99 is no cum laude), **and** no
  eindcijfer of a vak that counts for the uitslag is below **7** (the combinatiecijfer
  counts as a whole: its parts may be lower; extra vakken do not count);
* havo (lid 2): the same with a minimum of **6**;
* vmbo gl/tl (lid 3) and bb/kb: the average of the gemeenschappelijk deel (Nederlands,
  Engels, maatschappijleer: the vakken there with an eindcijfer), the profieldeel and the
  best vak of the vrije deel at least 8,0, minimum **6**. A combinatiecijfer counts in the
  deel its parts belong to: in gl (profielvak and keuzevakken in the vrije deel) it competes
  for the vrij-deel place ("het algemene vak uit het vrije deel of het combinatiecijfer"),
  in bb/kb (keuzevakken in the profieldeel) it always counts. This is our generalisation:
  the bb/kb wording of the article was not available.

Every beoordeling must be voldoende or goed, and the candidate must have passed
(:func:`~.slaagzakregeling.is_geslaagd`): cum laude is a judicium on a diploma.
"""
from __future__ import annotations

from ...domain.examenresultaat import LeverExamenresultaatAan
from ...domain.signalen import Signaal, signaal
from .context import Examencontext
from .examenlijst import (
    VRIJ,
    Examenlijst,
    examenlijsten,
    gemiddelde,
    uitslag_te_beoordelen,
)
from .slaagzakregeling import GESLAAGD, is_geslaagd

#: Art. 52a onder b: the lowest eindcijfer allowed for a vak that counts for the uitslag.
LAAGSTE_EINDCIJFER = {"VWO": 7, "HAVO": 6, "VMBO_TL": 6, "VMBO_GL": 6, "VMBO_KB": 6, "VMBO_BB": 6}


def cum_laude_cijfers(lijst: Examenlijst) -> list[int]:
    """Art. 52a onder a: the eindcijfers that are averaged — everything of the
    gemeenschappelijk deel and the profieldeel with an eindcijfer (and the combinatiecijfer
    unless its parts are vrij deel), plus the highest eindcijfer of the vrije deel."""
    vast = [r.eindcijfer for r in lijst.eindcijfers if r.examendeel != VRIJ]
    vrij = [r.eindcijfer for r in lijst.eindcijfers if r.examendeel == VRIJ]
    return vast + ([max(vrij)] if vrij else [])  # type: ignore[list-item,type-var]


def gemiddelde_cum_laude(lijst: Examenlijst) -> bool:
    """Art. 52a onder a: the average of :func:`cum_laude_cijfers` is at least 8,0, unrounded."""
    cijfers = cum_laude_cijfers(lijst)
    return bool(cijfers) and gemiddelde(cijfers) >= 8


def laagste_eindcijfer_cum_laude(lijst: Examenlijst) -> bool:
    """Art. 52a onder b: no eindcijfer that counts for the uitslag below 7 (vwo) or 6 (havo,
    vmbo) — the combinatiecijfer as a whole, not its parts — and every beoordeling at least
    voldoende (already required to pass)."""
    laagste = LAAGSTE_EINDCIJFER[lijst.niveau]
    return all(r.eindcijfer >= laagste for r in lijst.eindcijfers)  # type: ignore[operator]


def voldoet_aan_cum_laude(lijst: Examenlijst) -> bool:
    return is_geslaagd(lijst) and gemiddelde_cum_laude(lijst) and laagste_eindcijfer_cum_laude(lijst)


def ex57_cum_laude(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX57 (``uitslag/indicatieCumLaude``): cum laude indicated on an uitslag that is not a
    diploma with ``GESLAAGD``, or while no cijferlijst meets art. 52a. Silent when the
    uitslag cannot be judged (:func:`~.examenlijst.uitslag_te_beoordelen`) or a cijferlijst
    is incomplete."""
    uitslag = bericht.uitslag
    if uitslag is None or not uitslag.indicatie_cum_laude:
        return []
    fout = [signaal("EX57", element="uitslag/indicatieCumLaude")]
    if uitslag.resultaat != GESLAAGD or uitslag.soort_waardedocument != "DIPLOMA":
        return fout
    if not uitslag_te_beoordelen(bericht) or not bericht.cijferlijsten:
        return []
    lijsten = examenlijsten(bericht, context.referentiedata)
    if any(lijst is None for lijst in lijsten):
        return []
    return [] if any(voldoet_aan_cum_laude(lijst) for lijst in lijsten) else fout  # type: ignore[arg-type]
