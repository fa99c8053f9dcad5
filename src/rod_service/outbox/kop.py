"""Read the Bedrijfsdocument fields of a push body before it is queued.

A producer hands ``plaats_push`` the serialised ``<operatie>_Request`` element; the
queue row needs its identificatiecode, and a body whose element or ontvangendeInstantie
does not match the row it is queued as is a bug best caught inside the transaction that
causes it, not days later at the LAS.
"""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

NS = "urn:rod-service:vo:v1"


@dataclass(frozen=True)
class Kop:
    identificatiecode: str
    ontvangende_instantie: str


def lees_kop(body: bytes, operatie: str, administratie_oin: str) -> Kop:
    """The body's identificatiecode, or ValueError when it is not ``operatie``'s request to
    ``administratie_oin``. Our own bytes, so a plain lxml parse (no untrusted input)."""
    element = etree.fromstring(body)
    if element.tag != f"{{{NS}}}{operatie}_Request":
        raise ValueError(f"push body is {element.tag}, not {{{NS}}}{operatie}_Request")
    kop = Kop(element.findtext(f"{{{NS}}}identificatiecodeBedrijfsdocument") or "",
              element.findtext(f"{{{NS}}}ontvangendeInstantie") or "")
    if not kop.identificatiecode:
        raise ValueError("push body has no identificatiecodeBedrijfsdocument")
    if kop.ontvangende_instantie != administratie_oin:
        raise ValueError(f"push body is addressed to {kop.ontvangende_instantie!r}, queued for {administratie_oin!r}")
    return kop
