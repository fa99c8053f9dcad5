"""From a validated SOAP request to the service and back: the ``verwerk`` callback of
soap/wsgi.py. Looks the body element up in the dispatch table, reads it into a domain
command, runs the shared pipeline and wraps the answer in an envelope."""
from __future__ import annotations

import time
from collections.abc import Callable

from lxml import etree

from ..service.omgeving import Omgeving
from ..service.unit_of_work import UnitOfWork
from ..service.verwerking import Aanlevering, verwerk
from ..store.db import met_herhaling
from .berichten.lezen import NS
from .envelope import Addressing, Verzoek
from .operaties import INGANGEN, antwoord_actie
from .payload import payload_hash
from .render import antwoord_addressing, envelope_om
from .wsgi import Context, ServerFout
from .xml import XmlFout


def maak_verwerker(uow: Callable[[], UnitOfWork], omgeving: Callable[[], Omgeving], metrieken=None):
    """``metrieken`` (ops/metrics.py, optional) hears of every answer: operation, status,
    signals (read from the rendered answer, so service/ stays free of ops code), duration."""

    def verwerk_verzoek(verzoek: Verzoek, context: Context) -> tuple[bytes, Addressing | None]:
        start = time.perf_counter()
        ingang = INGANGEN.get(verzoek.operatie)
        if ingang is None:
            if verzoek.operatie.endswith("_Request"):
                naam = verzoek.operatie.removesuffix("_Request")
                raise ServerFout("NIET_GEIMPLEMENTEERD", f"De operatie {naam} is in deze versie van "
                                 "rod-service nog niet geïmplementeerd.")
            raise XmlFout("AL02", f"{verzoek.operatie} is geen verzoek van deze dienst.",
                          regel=verzoek.body.sourceline, element=verzoek.operatie)
        bericht = ingang.lees(verzoek.body)
        omg = omgeving()
        aanlevering = Aanlevering(bericht, payload_hash(verzoek.body), context.request_id, context.client_cert_oin)
        # on PostgreSQL a request that lost a race with a concurrent one runs again
        antwoord = met_herhaling(lambda: verwerk(aanlevering, ingang.operatie, uow(), omg),
                                 bij_herhaling=metrieken.herhaald if metrieken else None)
        if metrieken is not None:
            _meet(metrieken, ingang.operatie.naam, etree.fromstring(antwoord), time.perf_counter() - start)
        addressing = None
        if verzoek.addressing is not None:
            addressing = antwoord_addressing(verzoek.addressing, antwoord_actie(ingang.operatie.naam),
                                             omg.referentiedata.rod_oin, bericht.document.verzendende_instantie)
        return envelope_om(antwoord, addressing_antwoord=addressing), addressing

    return verwerk_verzoek


def _meet(metrieken, operatie: str, antwoord: etree._Element, duur: float) -> None:
    terugkoppeling = antwoord.find(f"{{{NS}}}terugkoppeling")
    status = terugkoppeling.findtext(f"{{{NS}}}status") if terugkoppeling is not None else None
    signalen = [(s.findtext(f"{{{NS}}}code") or "", s.findtext(f"{{{NS}}}soort") or "")
                for s in (terugkoppeling.iterfind(f"{{{NS}}}signaal") if terugkoppeling is not None else ())]
    metrieken.antwoord(operatie, status, signalen, duur)


def maak_foutregistratie(uow: Callable[[], UnitOfWork], klok, metrieken=None):
    """The ``bij_fout`` hook: every Fault (AL01, AL02, server faults) gets an audit record
    of its own (spec section 13: refused requests are recorded too). The sender is read
    from the body when it got that far; nothing else is stored."""

    def registreer(context: Context, verzoek: Verzoek | None, code: str, omschrijving: str) -> None:
        if metrieken is not None:
            metrieken.fout(verzoek.operatie if verzoek else None, code)
        oin = identificatiecode = None
        if verzoek is not None:
            oin = _tekst(verzoek.body, "verzendendeInstantie")
            identificatiecode = _tekst(verzoek.body, "identificatiecodeBedrijfsdocument")
        with uow() as u:
            u.audit.leg_vast(
                tijdstip=klok.nu(), request_id=context.request_id, oin=oin and oin[:20],
                certificaat_oin=context.client_cert_oin,
                operatie=verzoek.operatie.removesuffix("_Request")[:60] if verzoek else None,
                identificatiecode=identificatiecode and identificatiecode[:36],
                uitkomst="FOUT", signaalcodes=code,
            )
            u.commit()

    return registreer


def _tekst(body: etree._Element, naam: str) -> str | None:
    gevonden = body.find(f"{{{NS}}}{naam}")
    return (gevonden.text or "").strip() if gevonden is not None else None
