"""The dispatch table: request element → how to read it and which operation runs it.
Operations of later issues are added here as they land."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..domain.examenresultaat import Examenresultaatresultaat
from ..domain.identificatie import Identificatieresultaat
from ..domain.inschrijving import Inschrijvingresultaat
from ..domain.leerlingdossier import Leerlingdossierresultaat
from ..service.examen import lever_examenresultaat_aan, verwijder_examenresultaat
from ..service.identificeren import identificeer
from ..service.inschrijven import lever_inschrijving_aan, verwijder_inschrijving
from ..service.leerlingdossier import raadpleeg_leerlingdossier
from ..service.verwerking import Operatie
from .berichten import examenresultaat, identificeren, inschrijving, leerlingdossier, verwijdering_examenresultaat


@dataclass(frozen=True)
class Ingang:
    lees: Callable[[etree._Element], Any]
    operatie: Operatie


def _ingang(naam: str, module, handler, resultaat_type) -> tuple[str, Ingang]:
    return f"{naam}_Request", Ingang(module.lees, Operatie(naam, handler, resultaat_type, module.schrijf))


INGANGEN: dict[str, Ingang] = dict(
    [
        _ingang("aanleverenIdentificerenPersoonVO", identificeren, identificeer, Identificatieresultaat),
        _ingang("aanleverenInschrijvingVO", inschrijving, lever_inschrijving_aan, Inschrijvingresultaat),
        _ingang("aanleverenVerwijderingInschrijvingVO", inschrijving.verwijdering, verwijder_inschrijving,
                Inschrijvingresultaat),
        _ingang("aanleverenExamenresultaatVO", examenresultaat, lever_examenresultaat_aan, Examenresultaatresultaat),
        _ingang("aanleverenVerwijderingExamenresultaatVO", verwijdering_examenresultaat, verwijder_examenresultaat,
                Examenresultaatresultaat),
        _ingang("raadplegenLeerlingdossierVO", leerlingdossier, raadpleeg_leerlingdossier, Leerlingdossierresultaat),
    ]
)

ACTIE_PREFIX = "urn:rod-service:vo:v1:RegisterOnderwijsdeelnemersVO:"


def antwoord_actie(operatie: str) -> str:
    return f"{ACTIE_PREFIX}{operatie}_Response"
