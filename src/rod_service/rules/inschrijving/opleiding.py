"""IS09, IS10, IS52: the opleiding (elementcode) of each period. Handbook 000 ch. 06 (the
period's opleiding, aanvullende opleidingen, leerjaar 1 t/m 6, experimenten) and ch. 16
'Experimentgegevens'."""
from __future__ import annotations

from ...domain.inschrijving import Inschrijvingsstand
from ...domain.referentiedata import Referentiedata
from ...domain.signalen import Signaal, signaal
from . import pad

PERIODE = "inschrijvingPeriodeVO"
VWO = "VWO"


def _is_vo_opleiding(rio: Referentiedata, code: str) -> bool:
    opleiding = rio.opleiding(code)
    return opleiding is not None and opleiding.is_vo


def controleer_opleiding(stand: Inschrijvingsstand, rio: Referentiedata) -> list[Signaal]:
    """IS09: the elementcode and every aanvullendeOpleiding is a known VO opleiding (a VAVO
    elementcode is not one)."""
    gevonden = []
    for nummer, p in enumerate(stand.perioden, start=1):
        if not _is_vo_opleiding(rio, p.opleidingcode):
            gevonden.append(signaal("IS09", element=pad(PERIODE, nummer, "opleidingcode")))
        for j, code in enumerate(p.aanvullende_opleidingen, start=1):
            if not _is_vo_opleiding(rio, code):
                element = pad(PERIODE, nummer, f"aanvullendeOpleiding[{j}]", "opleidingcode")
                gevonden.append(signaal("IS09", element=element))
    return gevonden


def controleer_leerjaar(stand: Inschrijvingsstand, rio: Referentiedata) -> list[Signaal]:
    """IS10: the leerjaar is not higher than the opleiding's last leerjaar (an unknown
    opleiding already has IS09; a missing leerjaar is allowed)."""
    gevonden = []
    for nummer, p in enumerate(stand.perioden, start=1):
        opleiding = rio.opleiding(p.opleidingcode)
        if p.leerjaar is not None and opleiding is not None and p.leerjaar > opleiding.laatste_leerjaar:
            gevonden.append(signaal("IS10", element=pad(PERIODE, nummer, "leerjaar")))
    return gevonden


def controleer_experimenten(stand: Inschrijvingsstand, rio: Referentiedata) -> list[Signaal]:
    """IS52 (attention): the vwo experiments only with a VWO opleiding (one signal per
    experiment), and not both in one period (one signal, on the first experiment that
    differs from the period's first)."""
    gevonden = []
    for nummer, p in enumerate(stand.perioden, start=1):
        opleiding = rio.opleiding(p.opleidingcode)
        if opleiding is not None and opleiding.niveau != VWO:
            gevonden += [signaal("IS52", element=pad(PERIODE, nummer, f"experiment[{j}]", "naam"))
                         for j in range(1, len(p.experimenten) + 1)]
        anders = [j for j, naam in enumerate(p.experimenten, start=1) if naam != p.experimenten[0]]
        if anders:
            gevonden.append(signaal("IS52", element=pad(PERIODE, nummer, f"experiment[{anders[0]}]", "naam")))
    return gevonden
