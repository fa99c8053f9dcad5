"""The scenario catalogue: load ``conformance/scenarios/*.yaml`` and check it.

A scenario file is a YAML stream: one scenario per document (``---`` between them).
Every mistake is reported at once, with file, scenario and step, before anything runs.
The shape of a scenario and of its steps is documented in docs/conformance.md; the
checks here are the contract of that text.

Rule coverage (:func:`dekking`): every code in ``conformance/regels.txt`` (generated from
the spec by ``conformance/genereer_regels.py``) must be proved by at least one scenario,
and a scenario proves a code only when one of its expectations names it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..domain.signalen import CATALOGUS
from .sjablonen import Sjablonen

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")
CODE = re.compile(r"^[A-Z]{2}[0-9]{2}$")
STATUS = re.compile(r"^(GOEDGEKEURD|AFGEKEURD|ONTVANGEN|FAULT(:[A-Z]{2}[0-9]{2})?)$")
ACTIES = ("verzoek", "ruw", "klok", "kwc", "pushes")
SCENARIOSLEUTELS = {"id", "titel", "beschrijving", "regels", "handboek", "datum", "referentiedata", "soort",
                    "stappen", "variabelen", "vereist", "datumonafhankelijk"}
STAPSLEUTELS = {*ACTIES, "naam", "variabelen", "wijzig", "zet", "document", "afzender", "soapaction",
                "verwacht", "bewaar", "wacht"}
VERWACHTSLEUTELS = {"status", "aanwezig", "afwezig", "precies", "velden", "aantal"}
SIGNAALSLEUTELS = {"code", "element", "brin", "teldatum", "soort", "bron", "pgn", "volgnummer", "achternaam"}
PUSHSLEUTELS = {"operatie", "ontvanger", "velden", "aanwezig", "afwezig"}
PUSHOPERATIES = ("verstrekkenDigitaalInUitschrijfbewijsVO", "verstrekkenBekostigingsberichtVO",
                 "verstrekkenTerugkoppelingVO")
SOORTEN = ("soap", "batch")
VEREISTEN = ("verse_database",)
ADMINISTRATIES = {"A": "00000009900000000101", "B": "00000009900000000202"}
ROD_OIN = "00000009900000000001"
STANDAARD = "standaard"


class CatalogusFout(ValueError):
    def __init__(self, fouten: list[str]) -> None:
        super().__init__("\n".join(fouten))
        self.fouten = fouten


@dataclass(frozen=True)
class Stap:
    nummer: int
    actie: str  # one of ACTIES
    waarde: Any  # template name, date, brin, or the list of push expectations
    naam: str = ""
    variabelen: dict = field(default_factory=dict)
    wijzig: dict = field(default_factory=dict)
    zet: dict = field(default_factory=dict)
    document: dict = field(default_factory=dict)
    afzender: str | None = None
    soapaction: str | None = None
    verwacht: dict = field(default_factory=dict)
    bewaar: dict = field(default_factory=dict)
    wacht: float | None = None

    @property
    def titel(self) -> str:
        if self.naam:
            return self.naam
        if self.actie == "pushes":
            return f"pushes ({len(self.waarde)})"
        return f"{self.actie} {self.waarde}"


@dataclass(frozen=True)
class Scenario:
    id: str
    titel: str
    regels: tuple[str, ...]
    handboek: str
    datum: date
    stappen: tuple[Stap, ...]
    bestand: Path
    referentiedata: str = STANDAARD
    soort: str = "soap"
    beschrijving: str = ""
    variabelen: dict = field(default_factory=dict)
    vereist: frozenset[str] = frozenset()
    datumonafhankelijk: bool = False

    @property
    def groep(self) -> str:
        return self.bestand.stem

    def vereisten(self) -> set[str]:
        """What the target must offer: ``klok`` (set the service date), ``pushes`` (register
        our receiver as the administratie's endpoint), ``batch`` (run the KWC and read its CSV),
        ``referentiedata`` (an overlay of its own), ``verse_database`` (declared)."""
        nodig = set(self.vereist)
        acties = {s.actie for s in self.stappen}
        if not self.datumonafhankelijk or "klok" in acties:
            nodig.add("klok")
        if "pushes" in acties:
            nodig.add("pushes")
        if self.soort == "batch" or "kwc" in acties:
            nodig.add("batch")
        if self.referentiedata != STANDAARD:
            nodig.add("referentiedata")
        return nodig


@dataclass
class Catalogus:
    map: Path
    scenarios: list[Scenario]
    sjablonen: Sjablonen
    fixtures: Path

    def scenario(self, id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == id), None)

    def kies(self, ids: list[str] | None = None, regels: list[str] | None = None) -> list[Scenario]:
        """The scenarios with one of ``ids`` or proving one of ``regels`` (all when neither)."""
        gekozen = self.scenarios
        if ids:
            onbekend = [i for i in ids if self.scenario(i) is None]
            if onbekend:
                raise KeyError(f"onbekend scenario: {', '.join(onbekend)}")
            gekozen = [s for s in gekozen if s.id in ids]
        if regels:
            codes = {r.upper() for r in regels}
            gekozen = [s for s in gekozen if codes & set(s.regels)]
        return gekozen

    def fixture(self, naam: str) -> Path:
        return self.fixtures / naam


def standaard_map() -> Path:
    """The checkout's ``conformance/`` (or its copy inside the wheel)."""
    from ..paden import conformance_map

    return conformance_map()


def lees_regels(pad: Path) -> list[str]:
    """The codes of ``regels.txt``: one per line, ``#`` comments."""
    codes = []
    for regel in Path(pad).read_text(encoding="utf-8").splitlines():
        regel = regel.split("#", 1)[0].strip()
        if regel:
            codes.append(regel)
    return codes


def laad(map: Path | None = None) -> Catalogus:
    """Read and check the catalogue in ``map`` (default: :func:`standaard_map`); raises
    :class:`CatalogusFout` with every problem found."""
    map = Path(map) if map is not None else standaard_map()
    sjablonen = Sjablonen(map / "sjablonen")
    fixtures = map / "fixtures"
    fouten = list(sjablonen.fouten)
    scenarios: list[Scenario] = []
    bestanden = sorted((map / "scenarios").glob("*.yaml"))
    if not bestanden:
        fouten.append(f"{map / 'scenarios'}: geen scenariobestanden (*.yaml)")
    for bestand in bestanden:
        try:
            documenten = [d for d in yaml.safe_load_all(bestand.read_text(encoding="utf-8")) if d is not None]
        except yaml.YAMLError as fout:
            fouten.append(f"{bestand.name}: geen geldige YAML: {fout}")
            continue
        for n, document in enumerate(documenten, 1):
            scenario, eigen = _scenario(document, bestand, n, sjablonen, fixtures)
            fouten += eigen
            if scenario is not None:
                scenarios.append(scenario)
    gezien: dict[str, str] = {}
    for s in scenarios:
        if s.id in gezien:
            fouten.append(f"{s.bestand.name}: scenario-id {s.id!r} komt ook voor in {gezien[s.id]}")
        gezien.setdefault(s.id, s.bestand.name)
    if fouten:
        raise CatalogusFout(fouten)
    return Catalogus(map, scenarios, sjablonen, fixtures)


def dekking(catalogus: Catalogus, codes: list[str]) -> dict[str, list[str]]:
    """code → the ids of the scenarios that prove it (empty list: not covered)."""
    uit: dict[str, list[str]] = {c: [] for c in codes}
    for s in catalogus.scenarios:
        for code in s.regels:
            uit.setdefault(code, []).append(s.id)
    return uit


# -- checking one scenario -------------------------------------------------------------------

def _scenario(doc: Any, bestand: Path, n: int, sjablonen: Sjablonen,
              fixtures: Path) -> tuple[Scenario | None, list[str]]:
    waar = f"{bestand.name} (document {n})"
    if not isinstance(doc, dict):
        return None, [f"{waar}: een scenario is een mapping"]
    if isinstance(doc.get("id"), str):
        waar = f"{bestand.name}: {doc['id']}"
    fouten: list[str] = []
    fout = fouten.append
    for sleutel in sorted(set(doc) - SCENARIOSLEUTELS):
        fout(f"{waar}: onbekende sleutel {sleutel!r}")
    ontbrekend = [k for k in ("id", "regels", "handboek", "datum", "referentiedata", "stappen") if k not in doc]
    if ontbrekend:
        return None, [*fouten, *(f"{waar}: '{k}' ontbreekt" for k in ontbrekend)]
    if not isinstance(doc["id"], str) or not ID.match(doc["id"]):
        fout(f"{waar}: id {doc['id']!r} moet tekst zijn van letters, cijfers en _.- (hoogstens 100)")
    regels = doc["regels"]
    if not isinstance(regels, list) or not regels or not all(isinstance(r, str) and CODE.match(r) for r in regels):
        fout(f"{waar}: 'regels' is een niet-lege lijst van signaalcodes zoals [IS07]")
        regels = []
    for code in regels:
        if code not in CATALOGUS:
            fout(f"{waar}: {code} staat niet in de signaalcatalogus (domain/signalen.py)")
    if not isinstance(doc["handboek"], str) or not doc["handboek"].strip():
        fout(f"{waar}: 'handboek' is een verwijzing (tekst) naar het handboek of de spec")
    if not isinstance(doc["datum"], date):
        fout(f"{waar}: 'datum' is een datum (JJJJ-MM-DD), niet {doc['datum']!r}")
    referentiedata = doc["referentiedata"]
    if referentiedata != STANDAARD:
        if not isinstance(referentiedata, str) or not (fixtures / referentiedata).is_file():
            fout(f"{waar}: referentiedata {referentiedata!r} is '{STANDAARD}' of een bestand in {fixtures}")
    soort = doc.get("soort", "soap")
    if soort not in SOORTEN:
        fout(f"{waar}: soort {soort!r} is een van {', '.join(SOORTEN)}")
    vereist = doc.get("vereist") or []
    if not isinstance(vereist, list) or set(vereist) - set(VEREISTEN):
        fout(f"{waar}: 'vereist' is een lijst uit {', '.join(VEREISTEN)}")
        vereist = []
    variabelen = doc.get("variabelen") or {}
    if not isinstance(variabelen, dict):
        fout(f"{waar}: 'variabelen' is een mapping")
        variabelen = {}
    ruwe_stappen = doc["stappen"]
    if not isinstance(ruwe_stappen, list) or not ruwe_stappen:
        return None, [*fouten, f"{waar}: 'stappen' is een niet-lege lijst"]
    stappen = []
    for nummer, ruw in enumerate(ruwe_stappen, 1):
        stap, eigen = _stap(ruw, nummer, f"{waar}: stap {nummer}", sjablonen)
        fouten += eigen
        if stap is not None:
            stappen.append(stap)
    if soort == "batch" and not any(s.actie == "kwc" for s in stappen):
        fout(f"{waar}: een scenario van soort batch heeft een kwc-stap")
    if any(s.actie == "kwc" for s in stappen) and soort != "batch":
        fout(f"{waar}: een kwc-stap hoort in een scenario met 'soort: batch'")
    genoemd = _genoemde_codes(stappen)
    for code in regels:
        if code not in genoemd:
            fout(f"{waar}: bewijst {code} maar geen verwachting noemt {code} "
                 f"(aanwezig, status FAULT:{code} of een push-signaal)")
    if fouten:
        return None, fouten
    return Scenario(id=doc["id"], titel=str(doc.get("titel") or doc["id"]), regels=tuple(regels),
                    handboek=doc["handboek"].strip(), datum=doc["datum"], stappen=tuple(stappen), bestand=bestand,
                    referentiedata=referentiedata, soort=soort, beschrijving=str(doc.get("beschrijving") or "").strip(),
                    variabelen=variabelen, vereist=frozenset(vereist),
                    datumonafhankelijk=bool(doc.get("datumonafhankelijk", False))), []


def _stap(ruw: Any, nummer: int, waar: str, sjablonen: Sjablonen) -> tuple[Stap | None, list[str]]:
    if not isinstance(ruw, dict):
        return None, [f"{waar}: een stap is een mapping"]
    fouten: list[str] = []
    fout = fouten.append
    for sleutel in sorted(set(ruw) - STAPSLEUTELS):
        fout(f"{waar}: onbekende sleutel {sleutel!r}")
    acties = [a for a in ACTIES if a in ruw]
    if len(acties) != 1:
        return None, [*fouten, f"{waar}: een stap heeft precies één van {', '.join(ACTIES)} (nu: {acties or 'geen'})"]
    actie = acties[0]
    waarde = ruw[actie]
    if actie == "verzoek":
        if not isinstance(waarde, str) or waarde not in sjablonen:
            fout(f"{waar}: onbekend sjabloon {waarde!r}")
        elif sjablonen.get(waarde).is_xml or not sjablonen.get(waarde).operatie:
            fout(f"{waar}: {waarde!r} is geen verzoeksjabloon (XML-sjablonen gaan met 'ruw')")
    elif actie == "ruw":
        if not isinstance(waarde, str) or waarde not in sjablonen or not sjablonen.get(waarde).is_xml:
            fout(f"{waar}: 'ruw' noemt een XML-sjabloon (sjablonen/*.xml), niet {waarde!r}")
    elif actie == "klok":
        if not isinstance(waarde, date):
            fout(f"{waar}: 'klok' is een datum (JJJJ-MM-DD)")
    elif actie == "kwc":
        if not isinstance(waarde, str) or not re.match(r"^[0-9]{2}[A-Z]{2}$", waarde):
            fout(f"{waar}: 'kwc' noemt de brin waarvoor de batch draait")
    elif actie == "pushes":
        if not isinstance(waarde, list) or not waarde:
            fout(f"{waar}: 'pushes' is een niet-lege lijst van verwachte pushes")
        else:
            for n, push in enumerate(waarde, 1):
                fouten += _push(push, f"{waar}: push {n}")
    for sleutel in ("variabelen", "wijzig", "zet", "document", "bewaar"):
        if sleutel in ruw and not isinstance(ruw[sleutel], dict):
            fout(f"{waar}: '{sleutel}' is een mapping")
    if actie not in ("verzoek", "ruw"):
        for sleutel in ("wijzig", "zet", "document", "afzender", "bewaar", "soapaction"):
            if sleutel in ruw:
                fout(f"{waar}: '{sleutel}' hoort bij een verzoek of ruw bericht, niet bij {actie}")
    if actie == "ruw" and ("wijzig" in ruw or "zet" in ruw):
        fout(f"{waar}: een XML-sjabloon verander je met variabelen, niet met wijzig/zet")
    afzender = ruw.get("afzender")
    if afzender is not None and afzender not in ADMINISTRATIES and not re.match(r"^[0-9]{20}$", str(afzender)):
        fout(f"{waar}: afzender is A, B of een OIN van 20 cijfers (tussen aanhalingstekens)")
    verwacht = ruw.get("verwacht") or {}
    if not isinstance(verwacht, dict):
        fout(f"{waar}: 'verwacht' is een mapping")
        verwacht = {}
    fouten += _verwacht(verwacht, actie, waar)
    for naam, pad in (ruw.get("bewaar") or {}).items():
        if not isinstance(pad, str) or not re.match(r"^(antwoord|verzoek)/", pad):
            fout(f"{waar}: bewaar {naam}: het pad begint met antwoord/ of verzoek/ (niet {pad!r})")
    wacht = ruw.get("wacht")
    if wacht is not None and (not isinstance(wacht, (int, float)) or wacht <= 0):
        fout(f"{waar}: 'wacht' is een aantal seconden")
    if fouten:
        return None, fouten
    return Stap(nummer=nummer, actie=actie, waarde=waarde, naam=str(ruw.get("naam") or ""),
                variabelen=ruw.get("variabelen") or {}, wijzig=ruw.get("wijzig") or {}, zet=ruw.get("zet") or {},
                document=ruw.get("document") or {}, afzender=afzender, soapaction=ruw.get("soapaction"),
                verwacht=verwacht, bewaar=ruw.get("bewaar") or {}, wacht=wacht), []


def _signaalverwachtingen(lijst: Any, waar: str, wat: str) -> list[str]:
    if not isinstance(lijst, list):
        return [f"{waar}: '{wat}' is een lijst van codes of mappings met code"]
    fouten = []
    for item in lijst:
        code = item if isinstance(item, str) else item.get("code") if isinstance(item, dict) else None
        if not isinstance(code, str) or code not in CATALOGUS:
            fouten.append(f"{waar}: {wat}: {item!r} noemt geen code uit de signaalcatalogus")
        if isinstance(item, dict) and set(item) - SIGNAALSLEUTELS:
            fouten.append(f"{waar}: {wat}: onbekende sleutel(s) {sorted(set(item) - SIGNAALSLEUTELS)}")
    return fouten


def _verwacht(verwacht: dict, actie: str, waar: str) -> list[str]:
    fouten = [f"{waar}: verwacht: onbekende sleutel {k!r}" for k in sorted(set(verwacht) - VERWACHTSLEUTELS)]
    if actie in ("klok", "pushes") and verwacht:
        fouten.append(f"{waar}: een {actie}-stap heeft geen 'verwacht'")
    status = verwacht.get("status")
    if status is not None and (not isinstance(status, str) or not STATUS.match(status)):
        fouten.append(f"{waar}: status {status!r} is GOEDGEKEURD, AFGEKEURD, ONTVANGEN, FAULT of FAULT:<code>")
    if status is not None and actie == "kwc":
        fouten.append(f"{waar}: een kwc-stap heeft geen status (alleen aanwezig/afwezig)")
    for wat in ("aanwezig", "afwezig"):
        if wat in verwacht:
            fouten += _signaalverwachtingen(verwacht[wat], waar, wat)
    for wat in ("velden", "aantal"):
        if wat in verwacht and not isinstance(verwacht[wat], dict):
            fouten.append(f"{waar}: '{wat}' is een mapping pad → waarde")
    if "aantal" in verwacht and not all(isinstance(v, int) for v in verwacht["aantal"].values()):
        fouten.append(f"{waar}: 'aantal' geeft per pad een aantal")
    return fouten


def _push(push: Any, waar: str) -> list[str]:
    if not isinstance(push, dict):
        return [f"{waar}: een verwachte push is een mapping met operatie"]
    fouten = [f"{waar}: onbekende sleutel {k!r}" for k in sorted(set(push) - PUSHSLEUTELS)]
    if push.get("operatie") not in PUSHOPERATIES:
        fouten.append(f"{waar}: operatie is een van {', '.join(PUSHOPERATIES)}")
    ontvanger = push.get("ontvanger")
    if ontvanger is not None and ontvanger not in ADMINISTRATIES and not re.match(r"^[0-9]{20}$", str(ontvanger)):
        fouten.append(f"{waar}: ontvanger is A, B of een OIN van 20 cijfers (tussen aanhalingstekens)")
    if "velden" in push and not isinstance(push["velden"], dict):
        fouten.append(f"{waar}: 'velden' is een mapping pad → waarde")
    for wat in ("aanwezig", "afwezig"):
        if wat in push:
            fouten += _signaalverwachtingen(push[wat], waar, wat)
    return fouten


def _genoemde_codes(stappen: list[Stap]) -> set[str]:
    """The codes a scenario's expectations name (what it can prove)."""
    codes: set[str] = set()

    def uit(lijst) -> None:
        for item in lijst or []:
            codes.add(item if isinstance(item, str) else item.get("code"))

    for stap in stappen:
        status = stap.verwacht.get("status") or ""
        if status.startswith("FAULT:"):
            codes.add(status.removeprefix("FAULT:"))
        uit(stap.verwacht.get("aanwezig"))
        if stap.actie == "pushes":
            for push in stap.waarde:
                uit(push.get("aanwezig"))
    return codes
