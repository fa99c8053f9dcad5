"""Reading, checking, merging and converting the reference-data file (spec section 10).

The pipeline is ``lees`` (parse + JSON Schema + cross-reference checks) → optionally
``samenvoegen`` → ``valideer`` → ``naar_domein``; ``laad`` does it all for one file.
Every problem is collected before raising, so a user fixes a file in one go.
"""
from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jsonschema import Draft202012Validator

from ..domain.adres import Adres, BinnenlandsAdres, BuitenlandsAdres
from ..domain.persoon import BrpPersoon
from ..domain.pgn import is_geldig_bsn, is_geldig_onderwijsnummer
from ..domain.referentiedata import (
    Administratie, ExterneInschrijving, Instelling, Licentie, Onderwijsaanbieder,
    Onderwijslocatie, Opleiding, Referentiedata, Vak, Vestiging,
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
    """Every JSON Schema violation as ``<json path>: <message>``, in document order."""
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
    fouten: list[str] = []
    for lijst, sleutel in SLEUTELS.items():
        fouten += _dubbele(f"$.{lijst}", doc.get(lijst, []), sleutel)
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
    for n, p in enumerate(doc["personen"]):
        pad = f"$.personen[{n}]"
        if not is_geldig_bsn(p["burgerservicenummer"]):
            fouten.append(f"{pad}.burgerservicenummer: {p['burgerservicenummer']} voldoet niet aan de elfproef")
        for veld in ("datumOverlijden", "datumVestigingNederland"):
            if veld in p and p[veld] < p["geboorteDatum"]:
                fouten.append(f"{pad}.{veld}: ligt voor geboorteDatum {p['geboorteDatum']}")
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
