"""Reading, checking, merging and converting the reference-data file (spec section 10).

The pipeline is ``lees`` (parse + JSON Schema + cross-reference checks) → optionally
``samenvoegen`` → ``valideer`` → ``naar_domein``; ``laad`` does it all for one file.
Every problem is collected before raising, so a user fixes a file in one go.

``lees_stroom`` is the same check for a national-size file in flat memory: it parses the
file incrementally and hands out the persons one by one (for the BRP store), reporting the
same problems with the same paths as ``lees`` would.
"""
from __future__ import annotations

import copy
import json
import numbers
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jsonschema import Draft202012Validator

from ..domain.adres import Adres, BinnenlandsAdres, BuitenlandsAdres
from ..domain.persoon import BrpPersoon
from ..domain.pgn import is_geldig_bsn, is_geldig_onderwijsnummer
from ..domain.referentiedata import (
    Administratie,
    ExterneInschrijving,
    Instelling,
    Licentie,
    Onderwijsaanbieder,
    Onderwijslocatie,
    Opleiding,
    Referentiedata,
    Vak,
    Vestiging,
)

PAKKET = "rod_service.referentiedata"

#: List name → natural key of its items, for ``samenvoegen`` and the duplicate check.
SLEUTELS: dict[str, tuple[str, ...]] = {
    "administraties": ("oin",),
    "instellingen": ("instellingscode",),
    "opleidingen": ("opleidingcode",),
    "vakken": ("vakcode",),
    "personen": ("burgerservicenummer",),
    "externeInschrijvingen": ("burgerservicenummer", "onderwijsnummer", "brin", "datumInschrijving"),
}

_MAX_MELDING = 200


class ReferentiedataFout(ValueError):
    """The reference data is unusable. ``fouten`` holds one readable line per problem,
    each starting with the JSON path of the offending value (``$.personen[3].geslacht``)."""

    def __init__(self, fouten: list[str], bron: str | None = None) -> None:
        self.fouten = list(fouten)
        self.bron = bron
        kop = f"referentiedata{f' {bron}' if bron else ''} ongeldig ({len(self.fouten)} fout(en)):"
        super().__init__("\n  - ".join([kop, *self.fouten]))


# reading and checking -----------------------------------------------------------------

def standaard_pad() -> Path:
    """The shipped default dataset (``default.json`` inside this package)."""
    return Path(str(resources.files(PAKKET).joinpath("default.json")))


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema (draft 2020-12) of the file format."""
    return json.loads(resources.files(PAKKET).joinpath("schema.json").read_text("utf-8"))


@lru_cache(maxsize=2)
def _validator(gedeeltelijk: bool) -> Draft202012Validator:
    s = schema()
    # Local $refs inlined once: resolving them per value costs ~45 % of the time on a
    # large file (1M persons). Same constraints, same instance paths in the errors.
    s = {k: _zonder_refs(v, s["$defs"]) for k, v in s.items() if k != "$defs"}
    if gedeeltelijk:  # a merge file may carry any subset of the top-level lists
        s = {k: v for k, v in s.items() if k != "required"}
    return Draft202012Validator(s, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _zonder_refs(s: object, defs: dict) -> object:
    """``{"$ref": "#/$defs/x"}`` replaced by x; with sibling keywords ``{"allOf": [x], ...}``
    (2020-12 semantics, so ``unevaluatedProperties`` still sees x's properties)."""
    if isinstance(s, list):
        return [_zonder_refs(x, defs) for x in s]
    if not isinstance(s, dict):
        return s
    rest = {k: _zonder_refs(v, defs) for k, v in s.items() if k != "$ref"}
    if "$ref" not in s:
        return rest
    doel = _zonder_refs(defs[s["$ref"].removeprefix("#/$defs/")], defs)
    return {"allOf": [doel], **rest} if rest else doel


def lees(bron: str | Path | dict, *, gedeeltelijk: bool = False) -> dict:
    """Parse (a path) or take (a dict) a reference-data document and check it.

    ``gedeeltelijk=True`` is for a file that will be merged into another one: no
    top-level list is required, and the cross-reference checks wait for the merged
    result (call :func:`valideer` on it). Raises :class:`ReferentiedataFout`.
    """
    naam = None
    if isinstance(bron, dict):
        doc = bron
    else:
        naam = str(bron)
        try:
            with open(bron, encoding="utf-8") as f:
                doc = json.load(f)
        except OSError as e:
            raise ReferentiedataFout([f"$: kan niet gelezen worden: {e.strerror or e}"], naam) from e
        except json.JSONDecodeError as e:
            melding = f"$: geen geldige JSON: {e.msg} (regel {e.lineno}, kolom {e.colno})"
            raise ReferentiedataFout([melding], naam) from e
    return valideer(doc, gedeeltelijk=gedeeltelijk, bron=naam)


def valideer(doc: dict, *, gedeeltelijk: bool = False, bron: str | None = None) -> dict:
    """JSON Schema, then (for a complete document) :func:`samenhangfouten`; returns ``doc``."""
    fouten = schemafouten(doc, gedeeltelijk=gedeeltelijk)
    if not fouten and not gedeeltelijk:
        fouten = samenhangfouten(doc)
    if fouten:
        raise ReferentiedataFout(fouten, bron)
    return doc


def schemafouten(doc: object, *, gedeeltelijk: bool = False) -> list[str]:
    """Every JSON Schema violation as ``<json path>: <message>``, in document order.

    A valid document is recognised by the exact fast check (:func:`_snel`, ~10x faster than
    jsonschema on a national file); only a document it does not pass goes through
    jsonschema, which then names every problem."""
    if _is_snel_geldig(_snelle_controle(gedeeltelijk), doc):
        return []
    fouten = sorted(_validator(gedeeltelijk).iter_errors(doc), key=lambda e: _volgorde(e.absolute_path))
    return [f"{e.json_path}: {_melding(e)}" for e in fouten]


def _volgorde(pad) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in pad)


def _melding(fout) -> str:
    if fout.validator in ("oneOf", "anyOf") and "description" in fout.schema:
        return fout.schema["description"]
    melding = fout.message
    return melding if len(melding) <= _MAX_MELDING else melding[:_MAX_MELDING] + "…"


def samenhangfouten(doc: dict) -> list[str]:
    """What a JSON Schema cannot say: references between lists, elfproef, date order.
    Expects a schema-valid, complete document."""
    personen = doc["personen"]
    return _samenhangfouten(doc, _dubbele("$.personen", personen, SLEUTELS["personen"]),
                            [f for n, p in enumerate(personen) for f in _persoonfouten(f"$.personen[{n}]", p)])


def _persoonfouten(pad: str, p: dict) -> list[str]:
    """The checks beyond the schema of one ``personen`` item (schema-valid)."""
    fouten = []
    if not is_geldig_bsn(p["burgerservicenummer"]):
        fouten.append(f"{pad}.burgerservicenummer: {p['burgerservicenummer']} voldoet niet aan de elfproef")
    for veld in ("datumOverlijden", "datumVestigingNederland"):
        if veld in p and p[veld] < p["geboorteDatum"]:
            fouten.append(f"{pad}.{veld}: ligt voor geboorteDatum {p['geboorteDatum']}")
    return fouten


def _samenhangfouten(doc: dict, dubbele_personen: list[str], persoonfouten: list[str]) -> list[str]:
    """:func:`samenhangfouten` with the person checks done by the caller (in one pass over
    the list, or while streaming), in the same order."""
    fouten: list[str] = []
    for lijst, sleutel in SLEUTELS.items():
        fouten += dubbele_personen if lijst == "personen" else _dubbele(f"$.{lijst}", doc.get(lijst, []), sleutel)
    instellingen = {i["instellingscode"]: i for i in doc["instellingen"]}
    opleidingen = {o["opleidingcode"] for o in doc["opleidingen"]}
    bediend: dict[str, str] = {}
    for n, adm in enumerate(doc["administraties"]):
        for m, brin in enumerate(adm["brins"]):
            pad = f"$.administraties[{n}].brins[{m}]"
            if brin not in instellingen:
                fouten.append(f"{pad}: instelling {brin} bestaat niet in instellingen")
            elif brin in bediend:
                fouten.append(f"{pad}: {brin} wordt al bediend door administratie {bediend[brin]}")
            bediend.setdefault(brin, adm["oin"])
    for n, inst in enumerate(doc["instellingen"]):
        fouten += _instellingfouten(f"$.instellingen[{n}]", inst, opleidingen)
    fouten += persoonfouten
    for n, e in enumerate(doc.get("externeInschrijvingen", [])):
        fouten += _externefouten(f"$.externeInschrijvingen[{n}]", e, instellingen)
    return fouten


def _dubbele(pad: str, items: list[dict], sleutel: tuple[str, ...]) -> list[str]:
    tellingen = Counter(tuple(item.get(k) for k in sleutel) for item in items)
    return [f"{pad}: {'/'.join(str(s) for s in k if s is not None)} komt {aantal} keer voor"
            for k, aantal in tellingen.items() if aantal > 1]


def _periodefout(pad: str, item: dict, begin: str = "begindatum", eind: str = "einddatum") -> list[str]:
    if item.get(eind) is not None and item[eind] < item[begin]:
        return [f"{pad}.{eind}: {item[eind]} ligt voor {begin} {item[begin]}"]
    return []


def _instellingfouten(pad: str, inst: dict, opleidingen: set[str]) -> list[str]:
    code = inst["instellingscode"]
    fouten: list[str] = []
    locaties = {o["code"] for o in inst.get("onderwijslocaties", [])}
    vestigingen = set()
    for n, v in enumerate(inst.get("vestigingen", [])):
        vpad = f"{pad}.vestigingen[{n}]"
        vestigingen.add(v["vestigingscode"])
        if not v["vestigingscode"].startswith(code):
            fouten.append(f"{vpad}.vestigingscode: {v['vestigingscode']} begint niet met instellingscode {code}")
        fouten += _periodefout(vpad, v)
        for m, loc in enumerate(v.get("onderwijslocaties", [])):
            if loc not in locaties:
                fouten.append(f"{vpad}.onderwijslocaties[{m}]: {loc} staat niet in de onderwijslocaties van {code}")
    for lijst in ("onderwijsaanbieders", "onderwijslocaties"):
        for n, item in enumerate(inst.get(lijst, [])):
            fouten += _periodefout(f"{pad}.{lijst}[{n}]", item)
        fouten += _dubbele(f"{pad}.{lijst}", inst.get(lijst, []), ("code",))
    fouten += _dubbele(f"{pad}.vestigingen", inst.get("vestigingen", []), ("vestigingscode",))
    for n, lic in enumerate(inst.get("licenties", [])):
        if lic["vestigingscode"] not in vestigingen:
            fouten.append(f"{pad}.licenties[{n}].vestigingscode: {lic['vestigingscode']} is geen vestiging van {code}")
        if lic["opleidingcode"] not in opleidingen:
            fouten.append(f"{pad}.licenties[{n}].opleidingcode: {lic['opleidingcode']} staat niet in opleidingen")
    return fouten


def _externefouten(pad: str, e: dict, instellingen: dict[str, dict]) -> list[str]:
    fouten = _periodefout(pad, e, "datumInschrijving", "datumUitschrijving")
    if "burgerservicenummer" in e and not is_geldig_bsn(e["burgerservicenummer"]):
        fouten.append(f"{pad}.burgerservicenummer: {e['burgerservicenummer']} voldoet niet aan de elfproef")
    if "onderwijsnummer" in e and not is_geldig_onderwijsnummer(e["onderwijsnummer"]):
        fouten.append(f"{pad}.onderwijsnummer: {e['onderwijsnummer']} voldoet niet aan de controle")
    inst = instellingen.get(e["brin"])
    if inst is None:
        fouten.append(f"{pad}.brin: instelling {e['brin']} bestaat niet in instellingen")
    elif inst["sector"] != e["sector"]:
        fouten.append(f"{pad}.sector: {e['sector']} maar instelling {e['brin']} is sector {inst['sector']}")
    return fouten


# the fast schema check ----------------------------------------------------------------
#
# jsonschema costs ~75 µs per person; a national file has a million. The schema uses a
# small set of keywords, so it is also compiled once into plain closures that answer
# exactly "valid or not" (same semantics as jsonschema for every keyword they handle; a
# case they cannot decide raises _Onbeslist). They never produce a message: whatever
# they do not pass goes through jsonschema, which reports every problem with its path.

class _Onbeslist(Exception):
    """The fast check cannot decide this value; jsonschema will."""


class _NietOndersteund(Exception):
    """A keyword the fast check does not implement: no fast check for that schema."""


_ANNOTATIES = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples"})
_FORMATEN = {"date"}  # the formats of schema.json; checked by jsonschema's own format checker


def _is_integer(x: object) -> bool:
    if isinstance(x, bool):
        return False
    if isinstance(x, int):
        return True
    if isinstance(x, float):  # draft 2020-12: 1.0 is an integer
        raise _Onbeslist
    return False


def _is_number(x: object) -> bool:
    if isinstance(x, bool):
        return False
    if isinstance(x, (int, float)):
        return True
    if isinstance(x, numbers.Number):
        raise _Onbeslist
    return False


_TYPEN: dict[str, Callable[[object], bool]] = {
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "null": lambda x: x is None,
    "integer": _is_integer,
    "number": _is_number,
}


def _snel(s: object) -> Callable[[object], bool]:
    """A closure answering whether a value is valid against schema ``s`` (local ``$ref``s
    already inlined); raises _NietOndersteund for a keyword it does not know."""
    if s is True or s == {}:
        return lambda x: True
    if s is False:
        return lambda x: False
    if not isinstance(s, dict):
        raise _NietOndersteund(s)
    if s.get("type") == "string" and set(s) - _ANNOTATIES <= _TEKST:
        return _tekst(s)
    controles: list[Callable[[object], bool]] = []
    for sleutel, waarde in s.items():
        if sleutel in _ANNOTATIES or sleutel in ("properties", "additionalProperties", "required"):
            continue
        controles.append(_sleutelwoord(sleutel, waarde))
    if any(k in s for k in ("properties", "additionalProperties", "required")):
        controles.append(_object(s))
    return controles[0] if len(controles) == 1 else _alle(controles)


def _alle(controles: list[Callable[[object], bool]]) -> Callable[[object], bool]:
    def controle(x: object) -> bool:
        for c in controles:
            if not c(x):
                return False
        return True

    return controle


_TEKST = frozenset({"type", "minLength", "maxLength", "pattern", "format"})


def _tekst(s: dict) -> Callable[[object], bool]:
    """``type: string`` with length, pattern and format in one closure (most leaves)."""
    kort, lang = s.get("minLength", 0), s.get("maxLength")
    zoek = re.compile(s["pattern"]).search if "pattern" in s else None
    formaat = _formaat(s["format"]) if "format" in s else None

    def controle(x: object) -> bool:
        if not isinstance(x, str) or len(x) < kort or (lang is not None and len(x) > lang):
            return False
        return (zoek is None or zoek(x) is not None) and (formaat is None or formaat(x))

    return controle


def _formaat(naam: str) -> Callable[[object], bool]:
    """jsonschema's own check of a format (``FormatChecker.conforms`` without its lookups)."""
    if naam not in _FORMATEN:
        raise _NietOndersteund(naam)
    functie, fouten = Draft202012Validator.FORMAT_CHECKER.checkers[naam]

    def controle(x: object) -> bool:
        try:
            return bool(functie(x))
        except fouten:
            return False

    return controle


def _sleutelwoord(sleutel: str, w) -> Callable[[object], bool]:
    if sleutel == "type":
        typen = [_TYPEN[t] for t in ([w] if isinstance(w, str) else w)]
        return typen[0] if len(typen) == 1 else (lambda x: any(t(x) for t in typen))
    if sleutel == "enum" and all(isinstance(e, str) for e in w):
        toegestaan = frozenset(w)
        return lambda x: isinstance(x, str) and x in toegestaan
    if sleutel == "pattern":
        zoek = re.compile(w).search  # jsonschema: re.search, so "$" also matches before a final "\n"
        return lambda x: not isinstance(x, str) or zoek(x) is not None
    if sleutel == "minLength":
        return lambda x: not isinstance(x, str) or len(x) >= w
    if sleutel == "maxLength":
        return lambda x: not isinstance(x, str) or len(x) <= w
    if sleutel == "minimum":
        return lambda x: not _is_number(x) or x >= w
    if sleutel == "maximum":
        return lambda x: not _is_number(x) or x <= w
    if sleutel == "format":
        return _formaat(w)
    if sleutel == "items" and not isinstance(w, bool | list):
        item = _snel(w)
        return lambda x: not isinstance(x, list) or all(item(i) for i in x)
    if sleutel == "uniqueItems":
        return _uniek if w else (lambda x: True)
    if sleutel in ("allOf", "anyOf", "oneOf"):
        delen = [_snel(d) for d in w]
        if sleutel == "allOf":
            return _alle(delen)
        if sleutel == "anyOf":
            return lambda x: any(d(x) for d in delen)
        return lambda x: sum(1 for d in delen if d(x)) == 1
    raise _NietOndersteund(sleutel)


def _uniek(x: object) -> bool:
    if not isinstance(x, list):
        return True
    if all(isinstance(i, str) for i in x):
        return len(set(x)) == len(x)
    raise _Onbeslist  # jsonschema's equality of mixed values (1 vs true, 1 vs 1.0) is its own


def _object(s: dict) -> Callable[[object], bool]:
    if "patternProperties" in s:
        raise _NietOndersteund("patternProperties")
    velden = {k: _snel(v) for k, v in s.get("properties", {}).items()}
    verplicht = tuple(s.get("required", ()))
    extra = s.get("additionalProperties", True)
    overig = None if extra is True else _snel(extra)

    def controle(x: object) -> bool:
        if not isinstance(x, dict):
            return True
        for k in verplicht:
            if k not in x:
                return False
        for k, v in x.items():
            c = velden.get(k)
            if c is None:
                if overig is not None and not overig(v):
                    return False
            elif not c(v):
                return False
        return True

    return controle


@lru_cache(maxsize=16)
def _snelle_controle(gedeeltelijk: bool, onderdeel: str | None = None) -> Callable[[object], bool] | None:
    """The fast check of the whole document, or of one item of the top-level list
    ``onderdeel``; None when the schema uses a keyword it does not know."""
    s = _validator(gedeeltelijk).schema
    if onderdeel is not None:
        s = s["properties"][onderdeel]["items"]
    try:
        return _snel(s)
    except _NietOndersteund:
        return None


def _is_snel_geldig(controle: Callable[[object], bool] | None, waarde: object) -> bool:
    if controle is None:
        return False
    try:
        return controle(waarde)
    except _Onbeslist:
        return False


# streaming: a national file in flat memory ----------------------------------------------

_WIT = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
#: A value not decodable with this much text after its start is an error, not a short read.
_MAX_ITEM = 16 * 2**20


class _Json:
    """One JSON text read incrementally: values are decoded with ``json``'s own scanner
    (``raw_decode``) from a buffer that holds only what is not consumed yet. Errors carry
    ``json``'s message, line and column, as ``json.load`` of the whole text gives them."""

    BLOK = 2**20

    def __init__(self, f) -> None:
        self.f, self.buf, self.pos, self.eof = f, "", 0, False
        self.regels = 0  # newlines before buf[0]
        self.kolom = 0   # characters between the last of them and buf[0]

    def _meer(self) -> bool:
        """Read on (at least as much as is buffered, so a long value is re-scanned O(1) times)."""
        if self.eof:
            return False
        data = self.f.read(max(self.BLOK, len(self.buf) - self.pos))
        if not data:
            self.eof = True
            return False
        if self.pos:
            weg = self.buf[:self.pos]
            n = weg.count("\n")
            self.regels += n
            self.kolom = len(weg) - weg.rfind("\n") - 1 if n else self.kolom + len(weg)
            self.buf, self.pos = self.buf[self.pos:], 0
        self.buf += data
        return True

    def fout(self, melding: str, pos: int | None = None) -> ReferentiedataFout:
        pos = self.pos if pos is None else pos
        n = self.buf.count("\n", 0, pos)
        regel = self.regels + n + 1
        kolom = pos - self.buf.rfind("\n", 0, pos) if n else self.kolom + pos + 1
        return ReferentiedataFout([f"$: geen geldige JSON: {melding} (regel {regel}, kolom {kolom})"])

    def teken(self) -> str:
        """The next character after whitespace (not consumed); '' at the end."""
        while True:
            self.pos = _WIT.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._meer():
                return ""

    def waarde(self, max_lengte: int | None = None) -> object:
        """The next value. A value that runs into the end of the buffer is read again with
        more text (a number cut in two would otherwise decode as a shorter one)."""
        if not self.pos and not self.regels and not self.kolom and self.teken() == "\ufeff":
            raise self.fout("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0)
        self.teken()
        while True:
            try:
                waarde, eind = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                if (max_lengte is None or len(self.buf) - self.pos < max_lengte) and self._meer():
                    continue
                raise self.fout(e.msg, e.pos) from None
            if eind < len(self.buf) or not self._meer():
                self.pos = eind
                return waarde

    def scheiding(self, einde: str, melding: str) -> bool:
        """After a member: True on ',' (consumed), False on ``einde`` (consumed)."""
        c = self.teken()
        if c == ",":
            self.pos += 1
            return True
        if c == einde:
            self.pos += 1
            return False
        raise self.fout(melding)


class Stroom:
    """A reference-data file checked while it is read; see :func:`lees_stroom`."""

    def __init__(self, pad: str | Path) -> None:
        self.bron = str(pad)
        self._pad = pad
        self._personen_gelezen = False
        self._rest: dict = {}
        self._schemafouten: list[tuple[tuple, str]] = []
        self._persoonfouten: list[str] = []
        self._bsns = array("q")      # the common case, 9 digits, as numbers: 8 bytes a person
        self._andere_bsns: list[tuple[int, str]] = []  # (position, value) of any other
        self.aantal_personen = 0
        self._document: dict | None = None

    # reading ---------------------------------------------------------------------------
    def personen(self) -> Iterator[dict]:
        """The ``personen`` items that pass every check, one by one, in file order; the
        problems of the others are collected for :meth:`document`. Call once."""
        if self._personen_gelezen:
            raise RuntimeError("Stroom.personen() is called once")
        self._personen_gelezen = True
        try:
            f = open(self._pad, encoding="utf-8")
        except OSError as e:
            raise ReferentiedataFout([f"$: kan niet gelezen worden: {e.strerror or e}"], self.bron) from e
        with f:
            try:
                yield from self._lees(_Json(f))
            except ReferentiedataFout as fout:
                raise ReferentiedataFout(fout.fouten, self.bron) from None

    def personen_met_gegevens(self) -> Iterator[tuple[BrpPersoon, dict]]:
        """``(BrpPersoon, item)`` pairs of :meth:`personen`, as ``BrpRepository`` takes them."""
        for p in self.personen():
            yield persoon_naar_domein(p), p

    def document(self) -> dict:
        """Everything but the persons, once the whole file is read and checked (reads the
        rest when :meth:`personen` was not exhausted). Raises :class:`ReferentiedataFout`
        with every problem of the file, as :func:`lees` would."""
        if self._document is None:
            if not self._personen_gelezen:
                for _ in self.personen():
                    pass
            self._document = self._afronden()
        return self._document

    def _lees(self, js: _Json) -> Iterator[dict]:
        if js.teken() != "{":  # not an object: the schema says what is wrong with it
            self._rest = {"__geheel__": js.waarde()}
            self._einde(js)
            return
        js.pos += 1
        if js.teken() == "}":
            js.pos += 1
        else:
            while True:
                if js.teken() != '"':
                    raise js.fout("Expecting property name enclosed in double quotes")
                sleutel = js.waarde()
                if js.teken() != ":":
                    raise js.fout("Expecting ':' delimiter")
                js.pos += 1
                if sleutel == "personen" and js.teken() == "[":
                    if "personen" in self._rest:
                        raise ReferentiedataFout(["$.personen: komt twee keer voor"])
                    self._rest["personen"] = []  # a placeholder: items are checked one by one
                    js.pos += 1
                    yield from self._items(js)
                else:
                    if js.teken() == "":
                        raise js.fout("Expecting value")
                    self._rest[sleutel] = js.waarde()
                if not js.scheiding("}", "Expecting ',' delimiter"):
                    break
                if js.teken() != '"':
                    raise js.fout("Expecting property name enclosed in double quotes")
        self._einde(js)

    @staticmethod
    def _einde(js: _Json) -> None:
        if js.teken() != "":
            raise js.fout("Extra data")

    def _items(self, js: _Json) -> Iterator[dict]:
        controle = _snelle_controle(False, "personen")
        if js.teken() == "]":
            js.pos += 1
            return
        n = 0
        while True:
            if js.teken() == "":
                raise js.fout("Expecting value")
            p = js.waarde(_MAX_ITEM)
            if self._controleer(n, p, controle):
                yield p
            n += 1
            self.aantal_personen = n
            if not js.scheiding("]", "Expecting ',' delimiter"):
                return

    def _controleer(self, n: int, p: object, controle) -> bool:
        if not _is_snel_geldig(controle, p):
            fouten = list(_persoonvalidator().iter_errors(p))
            if fouten:
                for e in fouten:
                    e.relative_path.extendleft((n, "personen"))
                    self._schemafouten.append((_volgorde(e.absolute_path), f"{e.json_path}: {_melding(e)}"))
                return False
        bsn = p["burgerservicenummer"]
        if len(bsn) == 9 and bsn.isascii() and bsn.isdigit():
            self._bsns.append(int(bsn))
        else:
            self._bsns.append(-1)
            self._andere_bsns.append((n, bsn))
        fouten = _persoonfouten(f"$.personen[{n}]", p)
        self._persoonfouten += fouten
        return not fouten and not self._schemafouten

    def _afronden(self) -> dict:
        rest = self._rest
        if "__geheel__" in rest:  # not an object at all
            return valideer(rest["__geheel__"], bron=self.bron)
        leeg = rest  # the streamed persons are an empty list here: checked one by one already
        fouten = [(_volgorde(e.absolute_path), f"{e.json_path}: {_melding(e)}")
                  for e in ([] if _is_snel_geldig(_snelle_controle(False), leeg)
                            else _validator(False).iter_errors(leeg))]
        fouten = [f for _, f in sorted(fouten + self._schemafouten, key=lambda f: f[0])]
        if not fouten:
            fouten = _samenhangfouten(leeg, self._dubbele_personen(), self._persoonfouten)
        if fouten:
            raise ReferentiedataFout(fouten, self.bron)
        return {k: v for k, v in rest.items() if k != "personen"}

    def _dubbele_personen(self) -> list[str]:
        """``_dubbele`` of the persons' BSNs (first occurrence order), from 8 bytes a person."""
        eerste: dict[str, tuple[int, int]] = {}  # bsn -> (first position, count)
        if len(self._bsns):
            import numpy as np  # a dependency of matplotlib; only here, for a sort of 10^6 numbers

            waarden = np.frombuffer(self._bsns, dtype=np.int64)
            uniek, index, aantal = np.unique(waarden, return_index=True, return_counts=True)
            for w, i, a in zip(uniek[aantal > 1].tolist(), index[aantal > 1].tolist(), aantal[aantal > 1].tolist()):
                if w >= 0:
                    eerste[f"{w:09d}"] = (i, a)
        for n, bsn in self._andere_bsns:
            i, a = eerste.get(bsn, (n, 0))
            eerste[bsn] = (i, a + 1)
        dubbel = sorted((i, bsn, a) for bsn, (i, a) in eerste.items() if a > 1)
        return [f"$.personen: {bsn} komt {a} keer voor" for _, bsn, a in dubbel]


@lru_cache(maxsize=1)
def _persoonvalidator() -> Draft202012Validator:
    return Draft202012Validator(_validator(False).schema["properties"]["personen"]["items"],
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def lees_stroom(pad: str | Path) -> Stroom:
    """A complete reference-data file (to replace the data in force) read incrementally:
    ``Stroom.personen()`` yields the persons that pass every check one at a time,
    ``Stroom.document()`` then returns the rest of the document and raises
    :class:`ReferentiedataFout` with every problem of the file, the same lines ``lees``
    gives (JSON Schema per person, the duplicate check over 8 bytes per person). Memory is
    flat in the number of persons; use it inside one transaction so that a refused file
    leaves nothing behind::

        stroom = lees_stroom(pad)
        with transaction:
            repository.vervang_alles(stroom.personen_met_gegevens())
            document = stroom.document()   # raises: the transaction rolls back
    """
    return Stroom(pad)


# merging ------------------------------------------------------------------------------

def samenvoegen(basis: dict, extra: dict) -> dict:
    """``basis`` with ``extra`` merged in; neither argument is changed.

    Lists are merged per item on their natural key (:data:`SLEUTELS`): an item of
    ``extra`` replaces the ``basis`` item with the same key *as a whole* (in its place),
    new items are appended. ``rodOin`` comes from ``extra`` when present.
    """
    resultaat = copy.deepcopy(basis)
    if "rodOin" in extra:
        resultaat["rodOin"] = extra["rodOin"]
    for lijst, velden in SLEUTELS.items():
        if lijst not in extra:
            continue
        items = resultaat.setdefault(lijst, [])
        plek = {tuple(i.get(v) for v in velden): n for n, i in enumerate(items)}
        for item in extra[lijst]:
            sleutel = tuple(item.get(v) for v in velden)
            if sleutel in plek:
                items[plek[sleutel]] = copy.deepcopy(item)
            else:
                plek[sleutel] = len(items)
                items.append(copy.deepcopy(item))
    return resultaat


# to the domain ------------------------------------------------------------------------

def laad(pad: str | Path | None = None) -> Referentiedata:
    """Read, check and convert one file; ``None`` is the shipped default."""
    return naar_domein(lees(standaard_pad() if pad is None else pad))


def naar_domein_zonder_personen(doc: dict) -> Referentiedata:
    """What a process keeps in memory: everything but the BRP persons, which live in the
    store (``brp_persoon``) only."""
    return naar_domein({**doc, "personen": []})


def naar_domein(doc: dict) -> Referentiedata:
    """A checked document (see :func:`lees`) as :class:`Referentiedata`."""
    return Referentiedata(
        rod_oin=doc["rodOin"],
        administraties=tuple(
            Administratie(a["oin"], tuple(a["brins"]), a.get("endpoint"), a.get("modus", "synchroon"),
                          tuple(a.get("leveranciersOins", ())))
            for a in doc.get("administraties", ())),
        instellingen=tuple(_instelling(i) for i in doc.get("instellingen", ())),
        opleidingen=tuple(
            Opleiding(o["opleidingcode"], o["naam"], o["niveau"], o["laatsteLeerjaar"], o.get("sector", "VO"))
            for o in doc.get("opleidingen", ())),
        vakken=tuple(
            Vak(v["vakcode"], v["naam"], tuple(v["verplichtBijNiveau"]), v["kernvak"],
                v.get("centraalExamen", False))
            for v in doc.get("vakken", ())),
        personen=tuple(persoon_naar_domein(p) for p in doc.get("personen", ())),
        externe_inschrijvingen=tuple(_externe(e) for e in doc.get("externeInschrijvingen", ())),
    )


def persoon_naar_domein(p: dict) -> BrpPersoon:
    """One ``personen`` item as a :class:`BrpPersoon` (also the store's BRP row decoder)."""
    return BrpPersoon(
        burgerservicenummer=p["burgerservicenummer"],
        achternaam=p["achternaam"],
        geboortedatum=date.fromisoformat(p["geboorteDatum"]),
        geslacht=p["geslacht"],
        voorvoegsels=p.get("voorvoegsels"),
        voornamen=p.get("voornamen"),
        adres=_adres(p),
        geheim=p.get("geheim", False),
        nationaliteiten=tuple(p.get("nationaliteiten", ())),
        datum_vestiging_nederland=_datum(p.get("datumVestigingNederland")),
        datum_overlijden=_datum(p.get("datumOverlijden")),
    )


def personen_met_gegevens(doc: dict) -> Iterator[tuple[BrpPersoon, dict]]:
    """``(BrpPersoon, item)`` pairs, the shape ``BrpRepository.vervang_alles`` takes."""
    for p in doc.get("personen", ()):
        yield persoon_naar_domein(p), p


def _adres(p: dict) -> Adres | None:
    if (b := p.get("binnenlandsAdres")) is not None:
        return BinnenlandsAdres(
            straatnaam=b.get("straatnaam"), huisnummer=b.get("huisnummer"), huisletter=b.get("huisletter"),
            huisnummer_toevoeging=b.get("huisnummerToevoeging"),
            huisnummer_aanduiding=b.get("huisnummerAanduiding"),
            locatie_omschrijving=b.get("locatieOmschrijving"), postcode=b.get("postcode"),
            plaatsnaam=b.get("plaatsnaam"))
    if (b := p.get("buitenlandsAdres")) is not None:
        return BuitenlandsAdres(adresregel1=b["adresregelBuitenland1"], landcode=b["landcode"],
                                adresregel2=b.get("adresregelBuitenland2"),
                                adresregel3=b.get("adresregelBuitenland3"))
    return None


def _instelling(i: dict) -> Instelling:
    return Instelling(
        instellingscode=i["instellingscode"], naam=i["naam"], bekostigd=i["bekostigd"], sector=i["sector"],
        vestigingen=tuple(
            Vestiging(v["vestigingscode"], date.fromisoformat(v["begindatum"]), _datum(v.get("einddatum")),
                      tuple(v.get("onderwijslocaties", ())))
            for v in i.get("vestigingen", ())),
        onderwijsaanbieders=tuple(
            Onderwijsaanbieder(o["code"], date.fromisoformat(o["begindatum"]), _datum(o.get("einddatum")))
            for o in i.get("onderwijsaanbieders", ())),
        onderwijslocaties=tuple(
            Onderwijslocatie(o["code"], date.fromisoformat(o["begindatum"]), _datum(o.get("einddatum")))
            for o in i.get("onderwijslocaties", ())),
        licenties=tuple(Licentie(lic["vestigingscode"], lic["opleidingcode"]) for lic in i.get("licenties", ())),
    )


def _externe(e: dict) -> ExterneInschrijving:
    soort = "burgerservicenummer" if "burgerservicenummer" in e else "onderwijsnummer"
    return ExterneInschrijving(
        pgn=e[soort], pgn_soort=soort, brin=e["brin"], sector=e["sector"],
        datum_inschrijving=date.fromisoformat(e["datumInschrijving"]),
        datum_uitschrijving=_datum(e.get("datumUitschrijving")), niveau=e.get("niveau"))


def _datum(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None
