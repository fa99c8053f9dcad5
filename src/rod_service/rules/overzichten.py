"""RO and OB — registratieoverzicht and OBO (spec 5 "LD, RO, OB", section 8; handbook 000
ch. 09 "OBO aanvragen", ch. 11 "Registratie Overzicht aanvragen"), and the facts the
files carry that are rules rather than copies (binnenland on a date, geldig op 1-10).

Authorisation is the pipeline's (AL03/AL04) as for every operation.
"""
from __future__ import annotations

from datetime import date

from ..domain.adres import BinnenlandsAdres
from ..domain.kalender import verjaardag
from ..domain.persoon import BrpPersoon
from ..domain.referentiedata import Referentiedata
from ..domain.signalen import Signaal, signaal
from .bekostiging.teldata import loopt_op

MAX_JAREN = 2


def controleer_selectieperiode(begin: date | None, einde: date | None) -> list[Signaal]:
    """RO01–RO03, ch. 11 "Er verschijnt een foutmelding als: de begin- en einddatum van de
    periode niet zijn gevuld; de begindatum van de periode na de einddatum ligt; de
    aangevraagde periode meer dan twee jaren betreft". RO01 once per missing date (then
    nothing else is judged); begin == einde is a one-day period. "Maximaal twee jaar":
    2025-08-01 – 2027-07-31 is two years; an einde on or after the same date two years
    later (2027-08-01) is RO03."""
    ontbreekt = [signaal("RO01", element=naam)
                 for naam, waarde in (("datumBeginPeriode", begin), ("datumEindePeriode", einde)) if waarde is None]
    if ontbreekt:
        return ontbreekt
    if begin > einde:
        return [signaal("RO02", element="datumBeginPeriode")]
    if einde >= verjaardag(begin, MAX_JAREN):
        return [signaal("RO03", element="datumEindePeriode")]
    return []


def controleer_bekostigd(brin: str, rd: Referentiedata) -> list[Signaal]:
    """OB01, ch. 09 "Alleen bekostigde scholen kunnen een OBO aanvragen". An unknown brin
    never gets here (AL04)."""
    instelling = rd.instelling(brin)
    if instelling is not None and not instelling.bekostigd:
        return [signaal("OB01", element="brin")]
    return []


def controleer_een_per_dag(eerder_vandaag: bool) -> list[Signaal]:
    """OB02, ch. 09 "U kunt meerdere OBO's per jaar aanvragen, echter maar één OBO per dag":
    any OBO of this school on the service clock's today, whatever its schooljaar."""
    return [signaal("OB02")] if eerder_vandaag else []


def binnenland_op(brp: BrpPersoon | None, op: date) -> bool:
    """The PER record's "indicatie binnenlands adres" on ``op`` (ch. 09 "Uitbreiding OBO per
    juli 2025"), from the fake BRP, which holds only the current address: a person with a
    binnenlandsAdres (a geheim adres or a puntadres included: both are registered in a Dutch
    municipality) who had settled in the Netherlands by ``op`` (datumVestigingNederland, when
    known) and was alive on it. Not in the BRP, or a buitenlandsAdres: N."""
    if brp is None or not isinstance(brp.adres, BinnenlandsAdres):
        return False
    if brp.datum_vestiging_nederland is not None and brp.datum_vestiging_nederland > op:
        return False
    return brp.datum_overlijden is None or op <= brp.datum_overlijden


def geldig_op(begin: date, einde: date | None, teldatum: date) -> bool:
    """``geldig1-10`` of an ISG or ISP record: the inschrijving (datumInschrijving up to and
    including datumUitschrijving) or the period (datumBegin up to and including its end,
    spec 4.1) runs on the teldatum."""
    return loopt_op(begin, einde, teldatum)


def overlapt(begin: date, einde: date | None, van: date, tot: date) -> bool:
    """Does [begin, einde] (einde None: open) share at least one day with [van, tot]?"""
    return begin <= tot and (einde is None or einde >= van)
