"""The one hardened XML entry point (spec section 13).

Everything that turns untrusted bytes into an lxml tree goes through :func:`parse_xml`:
no DTD (internal or external), no entity expansion, no network, a size limit checked
before parsing and a depth limit. Every refusal is an :class:`XmlFout` with code AL01,
which the edge renders as a SOAP Client Fault — never a crash, a hang or an HTML page.
"""
from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

from lxml import etree

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 256  # libxml2 itself refuses deeper documents unless huge_tree is set
_TE_DIEP = "Het bericht is dieper genest dan {} niveaus."


@dataclass(eq=False)  # exceptions stay hashable (traceback/logging keep them in sets)
class XmlFout(Exception):
    """A request that cannot be read as XML or as a SOAP 1.1 envelope (AL01)."""

    code: str
    omschrijving: str
    regel: int | None = None
    element: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.code, self.omschrijving)

    def __str__(self) -> str:
        waar = f" (regel {self.regel})" if self.regel else ""
        return f"{self.code}: {self.omschrijving}{waar}"


def _parser(target: object | None = None) -> etree.XMLParser:
    # A fresh parser per call: lxml serialises use of one parser instance with a lock,
    # and building one costs microseconds.
    return etree.XMLParser(
        target=target,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


class _DoctypeGevonden(Exception):
    pass


class _ProloogGelezen(Exception):
    pass


class _ProloogWachter:
    """Parser target that stops at the DOCTYPE or at the first element, whichever comes first.

    libxml2 reports ``<!DOCTYPE name ...`` before it reads the internal subset, so a
    billion-laughs or XXE document is refused before a single entity is declared.
    """

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _DoctypeGevonden(name)

    def start(self, tag: str, attrib: object, nsmap: object = None) -> None:
        raise _ProloogGelezen

    def close(self) -> None:
        return None


_per_thread = threading.local()


def _wachter_parser() -> etree.XMLParser:
    """The prolog watcher's parser, one per thread: lxml inspects a target's methods when
    the parser is built, which costs more than the prolog parse itself."""
    parser = getattr(_per_thread, "wachter", None)
    if parser is None:
        parser = _per_thread.wachter = _parser(_ProloogWachter())
    return parser


def _weiger_doctype(data: bytes) -> None:
    try:
        etree.fromstring(data, _wachter_parser())
    except _DoctypeGevonden:
        raise XmlFout("AL01", "Een DOCTYPE/DTD is niet toegestaan.") from None
    except (_ProloogGelezen, etree.XMLSyntaxError):
        pass  # prolog is clean; syntax errors are reported by the real parse with a line


def _weiger_diepte(root: etree._Element, max_depth: int) -> None:
    te_diep = _te_diep(max_depth)(root)  # the first element one level deeper than allowed
    if te_diep:
        raise XmlFout("AL01", _TE_DIEP.format(max_depth), regel=te_diep[0].sourceline)


@functools.lru_cache(maxsize=8)
def _te_diep(max_depth: int) -> etree.XPath:
    """``(/*/*/…/*)[1]`` with max_depth + 1 steps: libxml2 walks it in C and stops at the
    first empty level (a walk over every element in Python cost more than the parse)."""
    return etree.XPath("(" + "/*" * (max_depth + 1) + ")[1]")


def parse_xml(data: bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> etree._Element:
    """Parse untrusted bytes into an element tree (line numbers kept) or raise XmlFout AL01."""
    if len(data) > max_bytes:
        raise XmlFout("AL01", f"Het bericht is groter dan {max_bytes} bytes.")
    _weiger_doctype(data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as fout:
        if "Excessive depth" in fout.msg:  # libxml2's own cap; its hint (XML_PARSE_HUGE) is not for clients
            raise XmlFout("AL01", _TE_DIEP.format(min(max_depth, MAX_DEPTH)), regel=fout.lineno) from None
        raise XmlFout("AL01", f"Geen goedgevormde XML: {fout.msg}", regel=fout.lineno) from None
    except (ValueError, LookupError) as fout:  # e.g. an encoding lxml cannot decode
        raise XmlFout("AL01", f"Geen goedgevormde XML: {fout}") from None
    if root.getroottree().docinfo.doctype:  # defence in depth: the prolog check missed one
        raise XmlFout("AL01", "Een DOCTYPE/DTD is niet toegestaan.")
    _weiger_diepte(root, max_depth)
    return root
