"""Request templates (``conformance/sjablonen/``): plain data, no template language.

A YAML template holds the request content after the four Bedrijfsdocument fields (the
runner adds those), exactly the dict zeep takes::

    operatie: aanleverenInschrijvingVO     # absent: a fragment, only used inside others
    standaard: {bsn: "999990007", brin: 12AB, ...}   # defaults of its variables
    bericht:
      burgerservicenummer: ${bsn}
      inschrijvingPeriodeVO:
        - {$periode: {datumBegin: "${datumInschrijving}"}}

Three mechanisms, applied in this order by :meth:`Sjablonen.bericht`:

1. **Variables** (:func:`vul_in`, Python's ``string.Template`` syntax). A string that is
   exactly ``${naam}`` is replaced by the variable's value *as is* (a date stays a date, a
   list stays a list, ``null`` drops the element); inside longer text the value is written
   as XML text (``CF-${uniek}``). ``$$`` is a literal dollar. An unknown variable is an error.
2. **Fragments**: a mapping with one key ``$naam`` is the fragment template ``naam``
   merged with the mapping's value (``{$periode: {leerjaar: 2}}``).
3. **Changes** from the scenario step: ``wijzig`` is deep-merged over the message (mappings
   merge key by key, anything else, lists included, replaces; ``null`` removes), and
   ``zet`` assigns by path with 1-based indexes (``cijferlijst[1]/vak[2]/vakcode: xx``).

XML templates (``*.xml``) are for what zeep cannot send (malformed XML, schema errors):
the whole SOAP envelope as text with ``${...}`` variables, posted as is.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from string import Template
from typing import Any

import yaml

VOLLEDIG = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")
PADDEEL = re.compile(r"^(?P<naam>[A-Za-z_][A-Za-z0-9_]*)(?:\[(?P<index>[0-9]+)\])?$")
#: Elements whose values are codes that may begin with 0 or are long digit strings: YAML
#: would read an unquoted 0090 or 00000009900000000101 as a number and lose the zeros.
TEKSTVELDEN = frozenset({
    "verzendendeInstantie", "ontvangendeInstantie", "identificatiecodeBedrijfsdocument",
    "burgerservicenummer", "onderwijsnummer", "huidigOnderwijsnummer", "opleidingcode", "landcode",
    "postcode", "brin", "vestiging", "onderwijsaanbieder", "onderwijslocatie", "vakcode",
    "inschrijvingvolgnummer", "examenresultaatvolgnummer", "volgnummerResultaat",
})
MAX_DIEPTE = 25


class SjabloonFout(ValueError):
    """A template, variable or path that cannot be applied (a mistake in the catalogue)."""


@dataclass(frozen=True)
class Sjabloon:
    naam: str
    bestand: Path
    operatie: str | None = None  # None: a fragment
    standaard: dict = field(default_factory=dict)
    bericht: Any = None
    tekst: str | None = None  # an XML template

    @property
    def is_xml(self) -> bool:
        return self.tekst is not None


def als_tekst(waarde: Any) -> str:
    """A value as XML text: dates ISO, booleans ``true``/``false``, null empty."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, datetime):
        return waarde.isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde)


def vul_in(waarde: Any, variabelen: dict[str, Any]) -> Any:
    """``waarde`` with every ``${naam}`` replaced (see the module docstring)."""
    if isinstance(waarde, str):
        heel = VOLLEDIG.match(waarde)
        if heel:
            naam = heel.group(1)
            if naam not in variabelen:
                raise SjabloonFout(f"variabele ${{{naam}}} is niet gedefinieerd")
            return copy.deepcopy(variabelen[naam])
        if "$" not in waarde:
            return waarde
        try:
            return Template(waarde).substitute({k: als_tekst(v) for k, v in variabelen.items()})
        except KeyError as fout:
            raise SjabloonFout(f"variabele ${{{fout.args[0]}}} is niet gedefinieerd (in {waarde!r})") from None
        except ValueError as fout:
            raise SjabloonFout(f"ongeldige $-verwijzing in {waarde!r}: {fout}") from None
    if isinstance(waarde, dict):
        return {k: vul_in(v, variabelen) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [vul_in(v, variabelen) for v in waarde]
    return waarde


def voeg_samen(basis: Any, extra: Any) -> Any:
    """``extra`` deep-merged over ``basis`` (new objects; mappings merge, the rest replaces)."""
    if isinstance(basis, dict) and isinstance(extra, dict):
        uit = dict(basis)
        for sleutel, waarde in extra.items():
            uit[sleutel] = voeg_samen(basis[sleutel], waarde) if sleutel in basis else copy.deepcopy(waarde)
        return uit
    return copy.deepcopy(extra)


def _delen(pad: str) -> list[tuple[str, int | None]]:
    delen = []
    for deel in pad.strip("/").split("/"):
        treffer = PADDEEL.match(deel)
        if not treffer:
            raise SjabloonFout(f"ongeldig pad {pad!r} (deel {deel!r}); gebruik naam of naam[n] met n vanaf 1")
        index = treffer.group("index")
        if index is not None and int(index) < 1:
            raise SjabloonFout(f"pad {pad!r}: indexen tellen vanaf 1")
        delen.append((treffer.group("naam"), int(index) if index is not None else None))
    return delen


def zet_pad(bericht: dict, pad: str, waarde: Any) -> None:
    """Assign ``waarde`` at ``pad`` (``a/b[2]/c``, 1-based) in place; null removes the element.
    Missing mappings along the way are made; list items must exist."""
    delen = _delen(pad)
    huidig: Any = bericht
    for positie, (naam, index) in enumerate(delen):
        laatste = positie == len(delen) - 1
        if not isinstance(huidig, dict):
            raise SjabloonFout(f"pad {pad!r}: {naam!r} zit niet in een structuur")
        if index is None:
            if laatste:
                if waarde is None:
                    huidig.pop(naam, None)
                else:
                    huidig[naam] = copy.deepcopy(waarde)
                return
            huidig = huidig.setdefault(naam, {})
            continue
        lijst = huidig.get(naam)
        if isinstance(lijst, dict) and index == 1:  # a single element written without a list
            lijst = huidig[naam] = [lijst]
        if not isinstance(lijst, list) or len(lijst) < index:
            lengte = len(lijst) if isinstance(lijst, list) else 0
            raise SjabloonFout(f"pad {pad!r}: {naam} heeft {lengte} element(en), geen [{index}]")
        if laatste:
            if waarde is None:
                del lijst[index - 1]
            else:
                lijst[index - 1] = copy.deepcopy(waarde)
            return
        huidig = lijst[index - 1]


def zonder_leeg(waarde: Any) -> Any:
    """Nulls dropped (zeep leaves them out anyway; the report shows what was sent)."""
    if isinstance(waarde, dict):
        return {k: zonder_leeg(v) for k, v in waarde.items() if v is not None}
    if isinstance(waarde, list):
        return [zonder_leeg(v) for v in waarde if v is not None]
    return waarde


def controleer_tekstvelden(waarde: Any, pad: str = "") -> None:
    """Refuse numbers where the contract has codes (see :data:`TEKSTVELDEN`)."""
    if isinstance(waarde, dict):
        for sleutel, kind in waarde.items():
            hier = f"{pad}/{sleutel}" if pad else str(sleutel)
            if sleutel in TEKSTVELDEN and isinstance(kind, int) and not isinstance(kind, bool):
                raise SjabloonFout(f"{hier} is het getal {kind}: zet de code tussen aanhalingstekens "
                                   f"(YAML leest 0090 als 90)")
            controleer_tekstvelden(kind, hier)
    elif isinstance(waarde, list):
        for n, kind in enumerate(waarde, 1):
            controleer_tekstvelden(kind, f"{pad}[{n}]")


class Sjablonen:
    """The templates of one folder, by name (file name without extension)."""

    def __init__(self, map: Path) -> None:
        self.map = Path(map)
        self.alle: dict[str, Sjabloon] = {}
        self.fouten: list[str] = []
        if not self.map.is_dir():
            self.fouten.append(f"{self.map}: geen map met sjablonen")
            return
        for pad in sorted(self.map.glob("*.yaml")):
            self._lees_yaml(pad)
        for pad in sorted(self.map.glob("*.xml")):
            self.alle[pad.stem] = Sjabloon(pad.stem, pad, tekst=pad.read_text(encoding="utf-8"))

    def _lees_yaml(self, pad: Path) -> None:
        try:
            inhoud = yaml.safe_load(pad.read_text(encoding="utf-8"))
        except yaml.YAMLError as fout:
            self.fouten.append(f"{pad.name}: geen geldige YAML: {fout}")
            return
        if not isinstance(inhoud, dict) or "bericht" not in inhoud:
            self.fouten.append(f"{pad.name}: een sjabloon is een mapping met 'bericht' (en 'operatie', 'standaard')")
            return
        onbekend = set(inhoud) - {"operatie", "standaard", "bericht", "beschrijving"}
        if onbekend:
            self.fouten.append(f"{pad.name}: onbekende sleutel(s) {sorted(onbekend)}")
        standaard = inhoud.get("standaard") or {}
        if not isinstance(standaard, dict):
            self.fouten.append(f"{pad.name}: 'standaard' moet een mapping zijn")
            standaard = {}
        self.alle[pad.stem] = Sjabloon(pad.stem, pad, inhoud.get("operatie"), standaard, inhoud["bericht"])

    def __contains__(self, naam: str) -> bool:
        return naam in self.alle

    def get(self, naam: str) -> Sjabloon:
        try:
            return self.alle[naam]
        except KeyError:
            raise SjabloonFout(f"onbekend sjabloon {naam!r} (in {self.map})") from None

    # -- building ------------------------------------------------------------------------
    def variabelen(self, sjabloon: Sjabloon, variabelen: dict[str, Any]) -> dict[str, Any]:
        """The template's defaults (themselves filled in) under the given variables."""
        basis = {**sjabloon.standaard, **variabelen}
        return {k: variabelen[k] if k in variabelen else vul_in(v, basis) for k, v in basis.items()}

    def uitwerken(self, waarde: Any, variabelen: dict[str, Any], diepte: int = 0) -> Any:
        """Fragments expanded and variables filled in, recursively."""
        if diepte > MAX_DIEPTE:
            raise SjabloonFout("sjablonen verwijzen te diep naar elkaar (kringverwijzing?)")
        if isinstance(waarde, dict):
            if len(waarde) == 1:
                (sleutel, extra), = waarde.items()
                if isinstance(sleutel, str) and sleutel.startswith("$") and not sleutel.startswith("${"):
                    fragment = self.get(sleutel[1:])
                    if fragment.is_xml:
                        raise SjabloonFout(f"{sleutel}: een XML-sjabloon is geen fragment")
                    eigen = self.variabelen(fragment, variabelen)
                    basis = self.uitwerken(fragment.bericht, eigen, diepte + 1)
                    return voeg_samen(basis, self.uitwerken(extra or {}, variabelen, diepte + 1))
            return {k: self.uitwerken(v, variabelen, diepte + 1) for k, v in waarde.items()}
        if isinstance(waarde, list):
            return [self.uitwerken(v, variabelen, diepte + 1) for v in waarde]
        if isinstance(waarde, str):
            gevuld = vul_in(waarde, variabelen)
            if isinstance(gevuld, (dict, list)):  # a structure from a variable may hold fragments
                return self.uitwerken(gevuld, variabelen, diepte + 1)
            return gevuld
        return waarde

    def bericht(self, naam: str, variabelen: dict[str, Any], wijzig: dict | None = None,
                zet: dict[str, Any] | None = None) -> tuple[str, dict]:
        """(operation, request content) of template ``naam``."""
        sjabloon = self.get(naam)
        if sjabloon.is_xml or not sjabloon.operatie:
            raise SjabloonFout(f"{naam!r} is geen verzoeksjabloon (het heeft geen 'operatie')")
        alle = self.variabelen(sjabloon, variabelen)
        bericht = self.uitwerken(sjabloon.bericht, alle)
        if wijzig:
            bericht = voeg_samen(bericht, self.uitwerken(wijzig, alle))
        for pad, waarde in (zet or {}).items():
            zet_pad(bericht, pad, self.uitwerken(waarde, alle))
        bericht = zonder_leeg(bericht)
        controleer_tekstvelden(bericht)
        return sjabloon.operatie, bericht

    def xml(self, naam: str, variabelen: dict[str, Any]) -> bytes:
        sjabloon = self.get(naam)
        if not sjabloon.is_xml:
            raise SjabloonFout(f"{naam!r} is geen XML-sjabloon")
        try:
            return Template(sjabloon.tekst).substitute({k: als_tekst(v) for k, v in variabelen.items()}).encode("utf-8")
        except KeyError as fout:
            raise SjabloonFout(f"{naam}.xml: variabele ${{{fout.args[0]}}} is niet gedefinieerd") from None
