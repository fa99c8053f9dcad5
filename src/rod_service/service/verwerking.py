"""The request pipeline every operation shares (spec sections 3 and 5 AL):

general checks (AL06, AL04, AL03) → idempotency (a repeat returns the first answer, AL05
for a reused id with another payload) → the operation's handler → answer, processed
bedrijfsdocument and audit record, committed together. An AFGEKEURD outcome rolls back
whatever the handler touched first: nothing of a rejected delivery is stored.
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from ..domain.bedrijfsdocument import Bedrijfsdocument
from ..domain.signalen import Signaal, afgekeurd, signaal
from ..rules.algemeen import algemene_controles
from .omgeving import Omgeving
from .unit_of_work import UnitOfWork


class Resultaat(Protocol):
    signalen: list[Signaal]


@dataclass(frozen=True)
class Operatie:
    """One row of the dispatch table: what runs the operation and how its answer looks.
    ``render(resultaat, verzoek, antwoord)`` turns the outcome into the response bytes."""

    naam: str
    handler: Callable[[Any, UnitOfWork, Omgeving], Resultaat]
    resultaat_type: Callable[[list[Signaal]], Resultaat]
    render: Callable[[Resultaat, Bedrijfsdocument, Bedrijfsdocument], bytes]


@dataclass(frozen=True)
class Aanlevering:
    """A parsed, schema-valid request as the edge hands it over."""

    bericht: Any  # the operation's command: has .document, maybe .brin and .pgn
    payload_hash: str
    request_id: str
    certificaat_oin: str | None = None


def verwerk(aanlevering: Aanlevering, operatie: Operatie, uow: UnitOfWork, omgeving: Omgeving) -> bytes:
    start = time.perf_counter()
    bericht = aanlevering.bericht
    document: Bedrijfsdocument = bericht.document
    antwoord_document = Bedrijfsdocument(
        identificatiecode=str(uuid.uuid4()),
        verzendende_instantie=omgeving.referentiedata.rod_oin,
        ontvangende_instantie=document.verzendende_instantie,
        datum_tijd=omgeving.klok.nu(),
    )
    with uow:
        uitkomst, antwoord = _beslis(aanlevering, operatie, uow, omgeving, antwoord_document)
        uow.audit.leg_vast(
            tijdstip=omgeving.klok.nu(),
            request_id=aanlevering.request_id,
            oin=document.verzendende_instantie,
            certificaat_oin=aanlevering.certificaat_oin,
            operatie=operatie.naam,
            identificatiecode=document.identificatiecode,
            brin=getattr(bericht, "brin", None),
            pgn_gemaskeerd=bericht.pgn.gemaskeerd() if getattr(bericht, "pgn", None) else None,
            uitkomst=uitkomst.status,
            signaalcodes=",".join(s.code for s in uitkomst.signalen),
            duur_ms=(time.perf_counter() - start) * 1000,
        )
        uow.commit()
    return antwoord


@dataclass(frozen=True)
class _Uitkomst:
    status: str
    signalen: list[Signaal]


def _beslis(aanlevering, operatie, uow, omgeving, antwoord_document) -> tuple[_Uitkomst, bytes]:
    bericht = aanlevering.bericht
    document = bericht.document
    algemeen = algemene_controles(document, getattr(bericht, "brin", None), omgeving.referentiedata,
                                  aanlevering.certificaat_oin)
    if algemeen:
        return _afgewezen(algemeen, operatie, document, antwoord_document)
    vorig = uow.bedrijfsdocumenten.zoek(document.verzendende_instantie, document.identificatiecode)
    if vorig is not None:
        if (vorig.operatie, vorig.payload_hash) == (operatie.naam, aanlevering.payload_hash):
            # A repeat: the first answer again, byte for byte, and nothing changes.
            return _Uitkomst("HERHAALD", []), vorig.antwoord
        return _afgewezen([signaal("AL05", element="identificatiecodeBedrijfsdocument")],
                          operatie, document, antwoord_document)
    resultaat = operatie.handler(bericht, uow, omgeving)
    if afgekeurd(resultaat.signalen):
        uow.session.rollback()
    antwoord = operatie.render(resultaat, document, antwoord_document)
    uow.bedrijfsdocumenten.bewaar(
        verzendende_instantie=document.verzendende_instantie, identificatiecode=document.identificatiecode,
        operatie=operatie.naam, payload_hash=aanlevering.payload_hash, antwoord=antwoord,
        ontvangen_op=omgeving.klok.nu(),
    )
    return _Uitkomst(_status(resultaat.signalen), resultaat.signalen), antwoord


def _afgewezen(signalen, operatie, document, antwoord_document) -> tuple[_Uitkomst, bytes]:
    """AL03–AL06: answered AFGEKEURD, and not recorded as processed, so the LAS can send
    the same document again once the cause is fixed."""
    return _Uitkomst("AFGEKEURD", signalen), operatie.render(
        operatie.resultaat_type(signalen), document, antwoord_document
    )


def _status(signalen: list[Signaal]) -> str:
    return "AFGEKEURD" if afgekeurd(signalen) else "GOEDGEKEURD"
