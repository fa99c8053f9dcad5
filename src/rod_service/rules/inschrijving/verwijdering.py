"""IS14: aanleverenVerwijderingInschrijvingVO of an inschrijving that is not there
(handbook 000 ch. 12: a school removes its own inschrijvingen itself, by message)."""
from __future__ import annotations

from ...domain.signalen import Signaal, signaal


def controleer_te_verwijderen(bestaat: bool) -> list[Signaal]:
    """IS14: the inschrijving under persoon + brin + inschrijvingvolgnummer must exist (an
    unknown person has none either)."""
    return [] if bestaat else [signaal("IS14", element="inschrijvingvolgnummer")]
