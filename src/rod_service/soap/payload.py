"""The payload fingerprint for idempotency (spec section 3): everything after the four
Bedrijfsdocument fields, compared by meaning — namespace prefixes, whitespace between
elements, comments, SOAP and WS-Addressing headers do not make a request different."""
from __future__ import annotations

import hashlib

from lxml import etree

BEDRIJFSDOCUMENT_VELDEN = 4


def payload_hash(body: etree._Element) -> str:
    h = hashlib.sha256()
    for kind in _elementen(body)[BEDRIJFSDOCUMENT_VELDEN:]:
        _voeg_toe(h, kind)
    return h.hexdigest()


def _elementen(el: etree._Element) -> list[etree._Element]:
    return [k for k in el if isinstance(k.tag, str)]


def _voeg_toe(h, el: etree._Element) -> None:
    h.update(b"<" + el.tag.encode())
    for naam, waarde in sorted(el.attrib.items()):
        h.update(f" {naam}={waarde!r}".encode())
    kinderen = _elementen(el)
    if not kinderen:
        h.update(b">" + (el.text or "").strip().encode())
    for kind in kinderen:
        _voeg_toe(h, kind)
    h.update(b"/>")
