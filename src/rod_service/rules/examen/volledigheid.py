"""EX52 (vak niet compleet) and EX53 (herkansing without its result): handbook 000 ch. 16
"Resultaatgegevens — Het vak is niet compleet" ("Voor alle vakken die op de cijferlijst
staan, moeten alle vereiste cijfers en/of beoordelingen worden aangeleverd", also for a vak
with ``indicatieDiplomavak`` false) and "Herkansingsgegevens — Resultaat van aangegeven
herkansing ontbreekt".

What a vak needs (EX52), checked on every delivery:

| vak | needs |
| --- | --- |
| ``redenNietDeelname`` (vrijstelling, ontheffing) | nothing |
| a vak with a centraal examen (reference data ``centraalExamen``: ne, en, wiskunde A/B/C, the exact and social vakken, the moderne en klassieke talen, the beroepsgericht profielvak's CSPE) | ``schoolexamen``, at least one ``centraalExamen``, ``eindcijfer`` |
| a schoolexamen-only vak (maatschappijleer, lo, ckv, levensbeschouwing, informatica, wiskunde D) | ``schoolexamen`` and ``eindcijfer`` or ``eindbeoordeling`` |
| a part of the combinatiecijfer (``indicatieCombinatiecijfer``) | in addition an ``eindcijfer``, not a beoordeling: the combinatiecijfer averages eindcijfers |

The examendeel does not change what a vak needs: whether a vak has a centraal examen is
fixed by its examenprogramma, so a vak in the vrije deel (e.g. Frans on a havo list, or the
gemengde leerweg's beroepsgericht profielvak) needs its CE as much as one in the profieldeel.
The examendeel matters for EX56 (gemeenschappelijk deel) and EX57 (vrij-deel place).
One signal per missing element, pointing at it (``cijferlijst[1]/vak[3]/centraalExamen``).
"""
from __future__ import annotations

from ...domain.examenresultaat import Examenvak, LeverExamenresultaatAan
from ...domain.referentiedata import Referentiedata
from ...domain.signalen import Signaal, signaal
from .context import Examencontext


def ontbrekend(vak: Examenvak, ref: Referentiedata) -> list[str]:
    """The elements (relative to the vak) a complete result of ``vak`` lacks."""
    if vak.reden_niet_deelname is not None:
        return []
    definitie = ref.vak(vak.vakcode)
    mist = []
    if vak.schoolexamen is None:
        mist.append("schoolexamen")
    if definitie is not None and definitie.centraal_examen and not vak.centraal_examens:
        mist.append("centraalExamen")
    if vak.eindcijfer is None and (vak.eindbeoordeling is None or vak.indicatie_combinatiecijfer):
        mist.append("eindcijfer")
    return mist


def ex52_vak_compleet(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX52: every vak on every cijferlijst has what :func:`ontbrekend` asks."""
    return [signaal("EX52", element=f"cijferlijst[{i}]/vak[{j}]/{deel}")
            for i, lijst in enumerate(bericht.cijferlijsten, 1)
            for j, vak in enumerate(lijst.vakken, 1)
            for deel in ontbrekend(vak, context.referentiedata)]


def ex53_herkansing_heeft_resultaat(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX53 (``herkansing[k]``): a herkansing of this examenregime names a vak and tijdvak
    for which no cijferlijst holds a ``centraalExamen`` of that vak in that tijdvak. A
    herkansing of another examenregime is not judged: this stand's CE results all belong to
    its own examenregime."""
    afgelegd = {(vak.vakcode, ce.tijdvak)
                for lijst in bericht.cijferlijsten for vak in lijst.vakken for ce in vak.centraal_examens}
    return [signaal("EX53", element=f"herkansing[{k}]")
            for k, h in enumerate(bericht.herkansingen, 1)
            if h.examenregime == bericht.examenregime and (h.vakcode, h.tijdvak) not in afgelegd]
