"""Reading schema-valid body elements. The XSD already guaranteed presence, order and
lexical form, so these helpers only convert."""
from __future__ import annotations

from datetime import date, datetime

from lxml import etree

NS = "urn:rod-service:vo:v1"


def q(naam: str) -> str:
    return f"{{{NS}}}{naam}"


# Children by tag with ``iterchildren`` (a C loop), not ``find``/``findall``: the same
# elements, without ElementPath's Python layer; a delivery reads ~45 of them (bench/RESULTS.md,
# ninth pass).

def kind(el: etree._Element, naam: str) -> etree._Element | None:
    return next(el.iterchildren(q(naam)), None)


def kinderen(el: etree._Element, naam: str) -> list[etree._Element]:
    return list(el.iterchildren(q(naam)))


def tekst(el: etree._Element | None, naam: str) -> str | None:
    if el is None:
        return None
    gevonden = kind(el, naam)
    return None if gevonden is None else (gevonden.text or "").strip()


def datum(el: etree._Element | None, naam: str) -> date | None:
    waarde = tekst(el, naam)
    return date.fromisoformat(waarde[:10]) if waarde else None


def datumtijd(el: etree._Element, naam: str) -> datetime:
    return datetime.fromisoformat(tekst(el, naam).replace("Z", "+00:00"))


def geheel(el: etree._Element | None, naam: str) -> int | None:
    waarde = tekst(el, naam)
    return int(waarde) if waarde not in (None, "") else None


def booleaans(el: etree._Element | None, naam: str) -> bool | None:
    waarde = tekst(el, naam)
    return None if waarde is None else waarde in ("true", "1")
