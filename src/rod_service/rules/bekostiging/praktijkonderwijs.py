"""BK05: dispensatie for praktijkonderwijs (spec 5 BK05; 004 "Bij leerlingen die ouder zijn
dan 18 en in het 7e, 8e of 9e jaar van het Praktijkonderwijs zitten, wordt het signaal
afgegeven. In BRON hoeft niets gewijzigd te worden, alleen de aanvraag naar de Inspectie
moet worden verstuurd"; 003 "leeftijd en studieduur waarvoor de Inspectie dispensatie moet
verlenen"). Attention only: the bekostiging is unaffected."""
from __future__ import annotations

from datetime import date

from ...domain.kalender import verjaardag
from ...domain.signalen import Signaal, signaal
from .teldata import schooljaar

LEEFTIJD = 18
SCHOOLJAAR = 7


def is_ouder_dan(geboortedatum: date, jaren: int, op: date) -> bool:
    """Older than ``jaren`` on ``op``: that birthday lies before ``op`` (on the birthday
    itself one is exactly that old, not older)."""
    return verjaardag(geboortedatum, jaren) < op


def pro_schooljaar(eerste_pro: date, teldatum: date) -> int:
    """Which school year of praktijkonderwijs the teldatum falls in, counting the school
    year of the first PRO period known to ROD as the first."""
    return schooljaar(teldatum) - schooljaar(eerste_pro) + 1


def controleer_dispensatie(is_pro: bool, geboortedatum: date | None, eerste_pro: date | None,
                           teldatum: date) -> list[Signaal]:
    """``is_pro``: the period valid on the teldatum is praktijkonderwijs (niveau PRO)."""
    if not is_pro or geboortedatum is None or eerste_pro is None:
        return []
    if is_ouder_dan(geboortedatum, LEEFTIJD, teldatum) and pro_schooljaar(eerste_pro, teldatum) >= SCHOOLJAAR:
        return [signaal("BK05")]
    return []
