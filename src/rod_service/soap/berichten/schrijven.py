"""Building answer elements in the contract's namespace, in XSD order."""
from __future__ import annotations

from datetime import UTC, date, datetime

from lxml import etree

from .lezen import NS, q

NSMAP = {"rod": NS}


def element(naam: str, ouder: etree._Element | None = None) -> etree._Element:
    return etree.Element(q(naam), nsmap=NSMAP) if ouder is None else etree.SubElement(ouder, q(naam))


def veld(ouder: etree._Element, naam: str, waarde) -> etree._Element | None:
    """Append ``<naam>waarde</naam>`` unless ``waarde`` is None (optional elements)."""
    if waarde is None:
        return None
    el = etree.SubElement(ouder, q(naam))
    el.text = lexicaal(waarde)
    return el


def lexicaal(waarde) -> str:
    """The contract's lexical forms: booleans true/false, dates without timezone,
    dateTimes in UTC with Z (spec section 2)."""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, datetime):
        return waarde.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde)


def naar_bytes(el: etree._Element) -> bytes:
    return etree.tostring(el, encoding="UTF-8")
