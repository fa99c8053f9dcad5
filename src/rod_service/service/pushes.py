"""The one way to send a push to a LAS (spec sections 4.2 and 12).

Every push — spontaneous bekostigingsbericht, digitaal in/uitschrijfbewijs, the
terugkoppeling of the asynchroon mode — goes ONLY through :func:`plaats_push`, called
inside the request's unit of work: the push is then committed together with the change
that causes it (no push without its stored change, no stored change without its push),
and the dispatcher delivers it later, in order per administratie, with retries. Nothing
else writes to the outbox and nothing sends pushes directly.
"""
from __future__ import annotations

from ..outbox.kop import lees_kop
from ..store.models import OutboxBericht
from .omgeving import Omgeving
from .unit_of_work import UnitOfWork


def plaats_push(uow: UnitOfWork, omgeving: Omgeving, administratie_oin: str, operatie: str,
                body: bytes, request_id: str | None = None) -> OutboxBericht:
    """Queue ``body`` (the serialised ``<operatie>_Request`` element, Bedrijfsdocument
    fields first, ``ontvangendeInstantie`` = ``administratie_oin``) for the administratie.

    The row keeps the body's identificatiecodeBedrijfsdocument and gets a wsa:MessageID;
    both stay the same on every retry and replay, so the LAS can deduplicate. Raises
    ValueError for a body that does not match (a producer bug: the request fails whole).
    Not committed here: the caller's ``uow.commit()`` does that, with the cause.
    """
    kop = lees_kop(body, operatie, administratie_oin)
    return uow.outbox.plaats(administratie_oin=administratie_oin, operatie=operatie, body=body,
                             identificatiecode=kop.identificatiecode, request_id=request_id,
                             nu=omgeving.klok.nu())
