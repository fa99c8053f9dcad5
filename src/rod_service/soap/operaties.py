"""The dispatch table: request element → how to read it and which operation runs it.
Every operation of RegisterOnderwijsdeelnemersVO has one row."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..domain.examenresultaat import Examenresultaatresultaat
from ..domain.identificatie import Identificatieresultaat
from ..domain.inschrijving import Inschrijvingresultaat
from ..domain.leerlingdossier import Leerlingdossierresultaat
from ..domain.overzichten import Overzichtresultaat
from ..service.examen import lever_examenresultaat_aan, verwijder_examenresultaat
from ..service.identificeren import identificeer
from ..service.inschrijven import lever_inschrijving_aan, verwijder_inschrijving
from ..service.leerlingdossier import raadpleeg_leerlingdossier
from ..service.overzichten import vraag_obo_aan, vraag_registratieoverzicht_aan
from ..service.verwerking import Operatie
from .berichten import (
    examenresultaat,
    identificeren,
    inschrijving,
    leerlingadministratie,
    leerlingdossier,
    obo,
    registratieoverzicht,
    verwijdering_examenresultaat,
)


@dataclass(frozen=True)
class Ingang:
    lees: Callable[[etree._Element], Any]
    operatie: Operatie


def _ingang(naam: str, module, handler, resultaat_type, per_persoon: bool = False) -> tuple[str, Ingang]:
    """Deliveries (``aanleveren*``) follow the administratie's answer mode; the information
    services (``raadplegen*``, ``aanvragen*``) always answer synchronously: a leerlingdossier
    or bestand has no place in verstrekkenTerugkoppelingVO. ``per_persoon``: the handler
    locks its person first (Operatie.per_persoon_vergrendeld)."""
    asynchroon = leerlingadministratie.splits_asynchroon if naam.startswith("aanleveren") else None
    return f"{naam}_Request", Ingang(module.lees, Operatie(naam, handler, resultaat_type, module.schrijf,
                                                           leerlingadministratie.schrijf_push, asynchroon,
                                                           per_persoon_vergrendeld=per_persoon))


INGANGEN: dict[str, Ingang] = dict(
    [
        _ingang("aanleverenIdentificerenPersoonVO", identificeren, identificeer, Identificatieresultaat),
        _ingang("aanleverenInschrijvingVO", inschrijving, lever_inschrijving_aan, Inschrijvingresultaat,
                per_persoon=True),
        _ingang("aanleverenVerwijderingInschrijvingVO", inschrijving.verwijdering, verwijder_inschrijving,
                Inschrijvingresultaat),
        _ingang("aanleverenExamenresultaatVO", examenresultaat, lever_examenresultaat_aan, Examenresultaatresultaat),
        _ingang("aanleverenVerwijderingExamenresultaatVO", verwijdering_examenresultaat, verwijder_examenresultaat,
                Examenresultaatresultaat),
        _ingang("raadplegenLeerlingdossierVO", leerlingdossier, raadpleeg_leerlingdossier, Leerlingdossierresultaat),
        _ingang("aanvragenRegistratieoverzichtVO", registratieoverzicht, vraag_registratieoverzicht_aan,
                Overzichtresultaat),
        _ingang("aanvragenOBOVO", obo, vraag_obo_aan, Overzichtresultaat),
    ]
)

ACTIE_PREFIX = "urn:rod-service:vo:v1:RegisterOnderwijsdeelnemersVO:"


def antwoord_actie(operatie: str) -> str:
    return f"{ACTIE_PREFIX}{operatie}_Response"
