"""IS01, IS02: is the pupil known to ROD under the number delivered? The store lookups
happen in the handler; these rules get their outcome, so they stay pure."""
from __future__ import annotations

from ...domain.inschrijving import Inschrijvingsstand
from ...domain.signalen import Signaal, signaal


def controleer_persoon_bekend(stand: Inschrijvingsstand, bekend: bool) -> list[Signaal]:
    """IS01: the number must be known to ROD: identified through ROD, or an onderwijsnummer
    ROD issued (spec section 3 "Known to ROD"). Handbook 003 stap 2: a school identifies a
    pupil first, and delivers the inschrijving with the number ROD confirmed or gave."""
    if not bekend:
        return [signaal("IS01", element=stand.pgn.soort.value)]
    return []


def controleer_geen_onderwijsnummer_naast_bsn(stand: Inschrijvingsstand, bsn_bekend: bool) -> list[Signaal]:
    """IS02: an onderwijsnummer may not be used once ROD knows the pupil's BSN (handbook 000
    ch. 16 'Leerling zonder BSN na 9 maanden': DUO links the BSN to the onderwijsnummer,
    after which the school delivers with the BSN)."""
    if not stand.pgn.is_bsn and bsn_bekend:
        return [signaal("IS02", element="onderwijsnummer")]
    return []
