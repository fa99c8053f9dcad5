"""From a validated SOAP request to the service and back: the ``verwerk`` callback of
soap/wsgi.py. Looks the body element up in the dispatch table, reads it into a domain
command, runs the shared pipeline and wraps the answer in an envelope."""
from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from ..service.omgeving import Omgeving
from ..service.unit_of_work import UnitOfWork
from ..service.verwerking import Aanlevering, verwerk
from .envelope import Addressing, Verzoek
from .operaties import INGANGEN, antwoord_actie
from .payload import payload_hash
from .render import antwoord_addressing, envelope
from .wsgi import Context
from .xml import XmlFout


class NietGeimplementeerd(Exception):
    """A schema-valid request of an operation that has not been built yet."""


def maak_verwerker(uow: Callable[[], UnitOfWork], omgeving: Callable[[], Omgeving]):
    def verwerk_verzoek(verzoek: Verzoek, context: Context) -> tuple[bytes, Addressing | None]:
        ingang = INGANGEN.get(verzoek.operatie)
        if ingang is None:
            if verzoek.operatie.endswith("_Request"):
                raise NietGeimplementeerd(verzoek.operatie)
            raise XmlFout("AL02", f"{verzoek.operatie} is geen verzoek van deze dienst.",
                          regel=verzoek.body.sourceline, element=verzoek.operatie)
        bericht = ingang.lees(verzoek.body)
        omg = omgeving()
        aanlevering = Aanlevering(bericht, payload_hash(verzoek.body), context.request_id, context.client_cert_oin)
        antwoord = verwerk(aanlevering, ingang.operatie, uow(), omg)
        addressing = None
        if verzoek.addressing is not None:
            addressing = antwoord_addressing(verzoek.addressing, antwoord_actie(ingang.operatie.naam),
                                             omg.referentiedata.rod_oin, bericht.document.verzendende_instantie)
        return envelope(etree.fromstring(antwoord), addressing_antwoord=addressing), addressing

    return verwerk_verzoek
