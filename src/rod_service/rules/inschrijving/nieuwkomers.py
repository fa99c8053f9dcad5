"""IS11, IS51: indicatieNieuwkomersbekostiging (handbook 000 ch. 03 'Nieuwkomersbekostiging
(juli 2025 en update 9 september 2025)', 'Nieuwe controle in Register Onderwijsdeelnemers')."""
from __future__ import annotations

from datetime import date

from ...domain.inschrijving import Inschrijvingsstand
from ...domain.signalen import Signaal, signaal
from . import pad

PERIODE = "inschrijvingPeriodeVO"
#: "Vanaf 1 augustus 2025 is er een nieuw veld: 'indicatie nieuwkomersbekostiging'."
VERPLICHT_VANAF = date(2025, 8, 1)


def controleer_indicatie_aanwezig(stand: Inschrijvingsstand) -> list[Signaal]:
    """IS11: for a pupil delivered with an onderwijsnummer, every period valid on or after
    2025-08-01 (beginning then, or still running then) carries the indicatie: "De
    inschrijving wordt afgekeurd als de indicatie niet is gevuld." A period that ended by
    2025-07-31 needs none."""
    if stand.pgn.is_bsn:
        return []
    return [
        signaal("IS11", element=pad(PERIODE, g.nummer, "indicatieNieuwkomersbekostiging"))
        for g in stand.perioden_met_einde()
        if g.periode.indicatie_nieuwkomersbekostiging is None and (g.einde is None or g.einde >= VERPLICHT_VANAF)
    ]


def controleer_indicatie_bij_bsn(stand: Inschrijvingsstand) -> list[Signaal]:
    """IS51 (attention): for a pupil with a BSN, ROD itself determines nieuwkomersbekostiging;
    a delivered ``true`` is ignored ("U hoeft dit veld niet zelf in te vullen, tenzij u geen
    nieuwkomersbekostiging wilt"), a ``false`` is the school opting out and stays."""
    if not stand.pgn.is_bsn:
        return []
    return [
        signaal("IS51", element=pad(PERIODE, nummer, "indicatieNieuwkomersbekostiging"))
        for nummer, p in enumerate(stand.perioden, start=1)
        if p.indicatie_nieuwkomersbekostiging is True
    ]
