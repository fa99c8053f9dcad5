"""BK03: niet toegestaan onderwijs (spec 5 BK03; 003 step 7 "elementcode bestaat niet bij
het BRIN-nummer/vestigingsvolgnummer (niet toegestaan onderwijs) … Geeft een school
onderwijs aan leerlingen op een vestiging waar voor de betreffende elementcode de
licentie ontbreekt, dan worden deze leerlingen niet bekostigd")."""
from __future__ import annotations

from datetime import date

from ...domain.inschrijving import GenummerdePeriode
from ...domain.referentiedata import Referentiedata
from ...domain.signalen import Signaal, signaal
from ..inschrijving import pad


def controleer_licentie(brin: str, g: GenummerdePeriode, teldatum: date, rd: Referentiedata) -> list[Signaal]:
    """The elementcode must be licensed at the period's vestiging, and that vestiging must
    exist (RIO) on the teldatum: a vestiging closed before 1 October licenses nothing."""
    p = g.periode
    if rd.heeft_licentie(brin, p.vestiging, p.opleidingcode) and rd.vestiging(brin, p.vestiging, teldatum):
        return []
    return [signaal("BK03", element=pad("inschrijvingPeriodeVO", g.nummer, "opleidingcode"))]
