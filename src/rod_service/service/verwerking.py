"""The request pipeline every operation shares (spec sections 3 and 5 AL):

general checks (AL06, AL04, AL03) → idempotency (a repeat returns the first answer, AL05
for a reused id with another payload) → the operation's handler → answer, processed
bedrijfsdocument and audit record, committed together. An AFGEKEURD outcome rolls back
whatever the handler touched first: nothing of a rejected delivery is stored.

Pushes join the same transaction (spec section 12). A handler's result may list
``pushes`` (domain values); the pipeline renders each with the operation's push writer
and places it in the outbox. In ``asynchroon`` mode (the sender's administratie, spec
section 2) the operation's full answer is split by the edge: the synchronous answer keeps
only the ontvangstBevestiging, the rest goes out as verstrekkenTerugkoppelingVO; the short
answer is what a repeat gets, so a repeat pushes nothing again. Rejections before the
handler (AL03–AL06) are always answered synchronously.
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from ..domain.bedrijfsdocument import Bedrijfsdocument
from ..domain.push import TERUGKOPPELING, Push
from ..domain.signalen import Signaal, afgekeurd, signaal
from ..rules.algemeen import algemene_controles
from .omgeving import Omgeving
from .pushes import plaats_push
from .unit_of_work import UnitOfWork


class Resultaat(Protocol):
    signalen: list[Signaal]


@dataclass(frozen=True)
class Operatie:
    """One row of the dispatch table: what runs the operation and how its answer looks.
    ``render(resultaat, verzoek, antwoord)`` turns the outcome into the response bytes;
    ``schrijf_push(push, document)`` renders a push the handler asked for;
    ``splits_asynchroon(antwoord, document)`` → (short answer, verstrekkenTerugkoppelingVO
    body), None for an operation that always answers synchronously."""

    naam: str
    handler: Callable[[Any, UnitOfWork, Omgeving], Resultaat]
    resultaat_type: Callable[[list[Signaal]], Resultaat]
    render: Callable[[Resultaat, Bedrijfsdocument, Bedrijfsdocument], bytes]
    schrijf_push: Callable[[Push, Bedrijfsdocument], bytes] | None = None
    splits_asynchroon: Callable[[bytes, Bedrijfsdocument], tuple[bytes, bytes]] | None = None
    #: the handler locks its person before it reads anything of it (UnitOfWork.per_persoon_vergrendeld)
    per_persoon_vergrendeld: bool = False


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
    if operatie.per_persoon_vergrendeld:
        uow.per_persoon_vergrendeld()
    with uow:  # first in the unit of work: the date and reference data in force (Register.uow)
        antwoord_document = Bedrijfsdocument(
            identificatiecode=str(uuid.uuid4()),
            verzendende_instantie=omgeving.referentiedata.rod_oin,
            ontvangende_instantie=document.verzendende_instantie,
            datum_tijd=omgeving.klok.nu(),
        )
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
    antwoord = _plaats_pushes(aanlevering, operatie, uow, omgeving, resultaat, antwoord)
    uow.bedrijfsdocumenten.bewaar(
        verzendende_instantie=document.verzendende_instantie, identificatiecode=document.identificatiecode,
        operatie=operatie.naam, payload_hash=aanlevering.payload_hash, antwoord=antwoord,
        ontvangen_op=omgeving.klok.nu(),
    )
    return _Uitkomst(_status(resultaat.signalen), resultaat.signalen), antwoord


def _plaats_pushes(aanlevering, operatie, uow, omgeving, resultaat, antwoord: bytes) -> bytes:
    """The terugkoppeling push of the asynchroon mode first (it answers the request), then
    the pushes the handler decided on; returns the synchronous answer."""
    afzender = aanlevering.bericht.document.verzendende_instantie
    administratie = omgeving.referentiedata.administratie(afzender)
    if operatie.splits_asynchroon is not None and administratie is not None and not administratie.is_synchroon:
        antwoord, terugkoppeling = operatie.splits_asynchroon(antwoord, _push_document(omgeving, afzender))
        plaats_push(uow, omgeving, afzender, TERUGKOPPELING, terugkoppeling, aanlevering.request_id)
    pushes = () if afgekeurd(resultaat.signalen) else getattr(resultaat, "pushes", ())
    for push in pushes:
        body = operatie.schrijf_push(push, _push_document(omgeving, push.administratie_oin))
        plaats_push(uow, omgeving, push.administratie_oin, push.operatie, body, aanlevering.request_id)
    return antwoord


def _push_document(omgeving: Omgeving, administratie_oin: str) -> Bedrijfsdocument:
    """A pushed message's own Bedrijfsdocument: ROD → the administratie (spec section 3)."""
    return Bedrijfsdocument(identificatiecode=str(uuid.uuid4()), verzendende_instantie=omgeving.referentiedata.rod_oin,
                            ontvangende_instantie=administratie_oin, datum_tijd=omgeving.klok.nu())


def _afgewezen(signalen, operatie, document, antwoord_document) -> tuple[_Uitkomst, bytes]:
    """AL03–AL06: answered AFGEKEURD, and not recorded as processed, so the LAS can send
    the same document again once the cause is fixed."""
    return _Uitkomst("AFGEKEURD", signalen), operatie.render(
        operatie.resultaat_type(signalen), document, antwoord_document
    )


def _status(signalen: list[Signaal]) -> str:
    return "AFGEKEURD" if afgekeurd(signalen) else "GOEDGEKEURD"
