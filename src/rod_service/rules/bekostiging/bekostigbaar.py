"""BK04: the school itself marked the period not bekostigbaar (spec 5 BK04, 6.1
"indicatieBekostigd = true when the period valid on 1 October has indicatieBekostigbaar
true"; handbook 000 ch. 06 'Indicatie bekostigbaar')."""
from __future__ import annotations

from ...domain.inschrijving import GenummerdePeriode
from ...domain.signalen import Signaal, signaal
from ..inschrijving import pad


def controleer_bekostigbaar(g: GenummerdePeriode) -> list[Signaal]:
    """BK04 on the period valid on 1 October when the school delivered
    indicatieBekostigbaar false (handbook 000 ch. 06, 'Indicatie bekostigbaar')."""
    if g.periode.indicatie_bekostigbaar:
        return []
    return [signaal("BK04", element=pad("inschrijvingPeriodeVO", g.nummer, "indicatieBekostigbaar"))]
