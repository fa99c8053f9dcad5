"""LD — raadplegenLeerlingdossierVO (spec section 5 "LD"; handbook 000 ch. 06 "Raadplegen
Leerlingdossier": "Er komt een melding bovenaan het scherm als de leerling niet voorkomt;
het BSN of OWN niet voldoet aan de nummerproef; beide zoekcriteria zijn ingevuld"), and
what of another school's deelname the asking school may see."""
from __future__ import annotations

from collections.abc import Iterable

from ..domain.leerlingdossier import Deelname, RaadpleegLeerlingdossier
from ..domain.pgn import Pgn, is_geldig_bsn, is_geldig_onderwijsnummer
from ..domain.signalen import Signaal, signaal


def ld01_geen_nummer(bericht: RaadpleegLeerlingdossier) -> list[Signaal]:
    """LD01: a burgerservicenummer or an onderwijsnummer must be given (both are optional
    in the XSD). Handbook 000 ch. 06: "Vul één van de volgende selectiecriteria in"."""
    if bericht.burgerservicenummer is None and bericht.onderwijsnummer is None:
        return [signaal("LD01")]
    return []


def ld02_beide_nummers(bericht: RaadpleegLeerlingdossier) -> list[Signaal]:
    """LD02: not both. Handbook 000 ch. 06: "U mag maar één zoekcriterium opgeven"."""
    if bericht.burgerservicenummer is not None and bericht.onderwijsnummer is not None:
        return [signaal("LD02")]
    return []


def ld03_nummerproef(bericht: RaadpleegLeerlingdossier) -> list[Signaal]:
    """LD03: each given number passes its check (BSN elfproef; OWN check: starts with 10,
    weighted sum mod 11 = 5). Handbook 000 ch. 06: "het BSN of OWN niet voldoet aan de
    nummerproef"."""
    gevonden = []
    if bericht.burgerservicenummer is not None and not is_geldig_bsn(bericht.burgerservicenummer):
        gevonden.append(signaal("LD03", element="burgerservicenummer"))
    if bericht.onderwijsnummer is not None and not is_geldig_onderwijsnummer(bericht.onderwijsnummer):
        gevonden.append(signaal("LD03", element="onderwijsnummer"))
    return gevonden


def controleer_nummers(bericht: RaadpleegLeerlingdossier) -> list[Signaal]:
    """LD01–LD03 together, before any lookup."""
    return [*ld01_geen_nummer(bericht), *ld02_beide_nummers(bericht), *ld03_nummerproef(bericht)]


def ld04_persoon_bekend(pgn: Pgn, bekend: bool) -> list[Signaal]:
    """LD04: the person must be known to ROD (spec section 3; being in the BRP alone is not
    enough). Handbook 000 ch. 06: "de leerling niet voorkomt"."""
    return [] if bekend else [signaal("LD04", element=pgn.soort.value)]


def zichtbare_andere_deelnames(eigen: Iterable[Deelname], andere: Iterable[Deelname]) -> list[Deelname]:
    """Of other schools' deelnames, those that overlap at least one deelname at the asking
    school, reduced to brin and dates (spec 4.1 "leerlingdossier"). The dates shown are the
    other inschrijving's own, not clipped to the overlap. Without an own deelname nothing
    of another school is shown. Ordered by datumInschrijving, then brin."""
    eigen = list(eigen)
    zichtbaar = [a.alleen_datums() for a in andere if any(a.overlapt(e) for e in eigen)]
    return sorted(zichtbaar, key=lambda d: (d.datum_inschrijving, d.brin))
