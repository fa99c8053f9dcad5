"""Run scenarios against a target and compare what was expected with what came back.

Every request is built by zeep from the target's own WSDL (what a LAS generator would
send), posted over HTTP, and judged from the XML on the wire (:mod:`.antwoord`); zeep
then reads the same answer too, so an answer a WSDL client cannot read is a difference,
and so is an answer that breaks our XSD. A scenario stops at its first failing step (the
later steps depend on it); its outcome lists each difference as *what*, *expected*,
*actual*.
"""
from __future__ import annotations

import time
import traceback
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import requests
from lxml import etree

from .antwoord import ONTBREEKT, Antwoord, beschrijf_signaal, uit_element, uit_envelop
from .catalogus import ADMINISTRATIES, ROD_OIN, Catalogus, Scenario, Stap
from .doelen import Doel, NietUitvoerbaar
from .sjablonen import SjabloonFout, als_tekst, vul_in

GESLAAGD, GEFAALD, FOUT, OVERGESLAGEN, NIET_UITGEVOERD = "geslaagd", "gefaald", "fout", "overgeslagen", "niet uitgevoerd"
NIET_GEDEKT = "niet gedekt"
PUSH_WACHT = 15.0


@dataclass
class Verschil:
    wat: str
    verwacht: str
    werkelijk: str

    def als_tekst(self) -> str:
        return f"{self.wat}: verwacht {self.verwacht}; ontvangen {self.werkelijk}"


@dataclass
class Stapuitkomst:
    stap: Stap
    status: str
    verschillen: list[Verschil] = field(default_factory=list)
    fout: str | None = None
    samenvatting: str = ""
    verzoek: str | None = None
    antwoord: str | None = None
    duur: float = 0.0


@dataclass
class Scenariouitkomst:
    scenario: Scenario
    status: str
    reden: str | None = None
    stappen: list[Stapuitkomst] = field(default_factory=list)
    duur: float = 0.0

    @property
    def melding(self) -> str:
        """The first thing that went wrong, in one line (console, JUnit message)."""
        if self.reden:
            return self.reden
        for s in self.stappen:
            if s.status == FOUT:
                return f"stap {s.stap.nummer} ({s.stap.titel}): {s.fout}"
            if s.verschillen:
                return f"stap {s.stap.nummer} ({s.stap.titel}): {s.verschillen[0].als_tekst()}"
        return ""

    def verschiltekst(self) -> str:
        """Every difference of the failed steps, readable as plain text."""
        regels = []
        for s in self.stappen:
            if s.status not in (GEFAALD, FOUT):
                continue
            regels.append(f"stap {s.stap.nummer} ({s.stap.titel}) — ontvangen: {s.samenvatting or '-'}")
            if s.fout:
                regels.append(f"  fout: {s.fout}")
            regels += [f"  - {v.als_tekst()}" for v in s.verschillen]
        return "\n".join(regels)


@dataclass
class Regeluitkomst:
    code: str
    status: str
    scenarios: list[tuple[str, str]] = field(default_factory=list)  # (scenario id, status)


@dataclass
class Run:
    doel: str
    begonnen: datetime
    uitkomsten: list[Scenariouitkomst]
    codes: list[str]  # the rules to report on (regels.txt, or those of the selection)
    duur: float = 0.0

    def tellingen(self) -> Counter:
        return Counter(u.status for u in self.uitkomsten)

    @property
    def geslaagd(self) -> bool:
        return not any(u.status in (GEFAALD, FOUT) for u in self.uitkomsten)

    def per_regel(self) -> list[Regeluitkomst]:
        per: dict[str, Regeluitkomst] = {c: Regeluitkomst(c, NIET_GEDEKT) for c in self.codes}
        for u in self.uitkomsten:
            for code in u.scenario.regels:
                per.setdefault(code, Regeluitkomst(code, NIET_GEDEKT)).scenarios.append((u.scenario.id, u.status))
        for r in per.values():
            statussen = {s for _, s in r.scenarios}
            if not statussen:
                continue
            if statussen & {GEFAALD, FOUT}:
                r.status = GEFAALD
            elif GESLAAGD in statussen:
                r.status = GESLAAGD
            else:
                r.status = OVERGESLAGEN
        return sorted(per.values(), key=lambda r: _codevolgorde(r.code))


def _codevolgorde(code: str) -> tuple[int, str]:
    volgorde = ["AL", "ID", "IS", "EX", "BK", "LD", "RO", "OB", "KW"]
    return (volgorde.index(code[:2]) if code[:2] in volgorde else 99, code)


class _Lopend:
    """One scenario in progress: its variables (captures included) and today's date."""

    def __init__(self, scenario: Scenario, ontvangen_start: int) -> None:
        self.datum = scenario.datum
        ingebouwd = {**ADMINISTRATIES, "rod_oin": ROD_OIN, "uniek": uuid.uuid4().hex[:8], "datum": scenario.datum}
        self.variabelen = {**ingebouwd, **vul_in(scenario.variabelen, ingebouwd)}
        self.ontvangen_start = ontvangen_start


class Uitvoerder:
    """Runs scenarios of ``catalogus`` on ``doel``; ``ontvanger`` is the LAS receiver
    (``rod_service.las.start_ontvanger``) for push expectations, None when none runs."""

    def __init__(self, catalogus: Catalogus, doel: Doel, *, ontvanger=None, ontvanger_url: str | None = None,
                 push_wacht: float = PUSH_WACHT, voortgang: Callable[[Scenariouitkomst], None] | None = None) -> None:
        self.catalogus, self.doel, self.ontvanger = catalogus, doel, ontvanger
        self.ontvanger_url = ontvanger_url or (ontvanger.url if ontvanger is not None else None)
        self.push_wacht, self.voortgang = push_wacht, voortgang
        self._client = None
        self._http = requests.Session()
        self._contract = None

    # -- the run ---------------------------------------------------------------------------
    def draai(self, scenarios: list[Scenario], codes: list[str] | None = None) -> Run:
        begonnen, start = datetime.now(UTC), time.perf_counter()
        uitkomsten = []
        for scenario in scenarios:
            uitkomst = self.scenario(scenario)
            uitkomsten.append(uitkomst)
            if self.voortgang is not None:
                self.voortgang(uitkomst)
        gekozen = sorted({c for s in scenarios for c in s.regels}, key=_codevolgorde)
        return Run(self.doel.naam, begonnen, uitkomsten, list(codes) if codes is not None else gekozen,
                   time.perf_counter() - start)

    def scenario(self, scenario: Scenario) -> Scenariouitkomst:
        start = time.perf_counter()
        uitkomst = Scenariouitkomst(scenario, GESLAAGD)
        reden = self.doel.reden_overslaan(scenario)
        if reden is None and "pushes" in scenario.vereisten() and self.ontvanger is None:
            reden = "verwacht pushes maar er draait geen LAS-ontvanger (spyne, Python 3.11)"
        if reden is not None:
            uitkomst.status, uitkomst.reden = OVERGESLAGEN, reden
            return uitkomst
        lopend = _Lopend(scenario, len(self.ontvanger.ontvangen()) if self.ontvanger is not None else 0)
        try:
            self.doel.begin(scenario, self.ontvanger_url)
            for stap in scenario.stappen:
                if uitkomst.status != GESLAAGD:
                    uitkomst.stappen.append(Stapuitkomst(stap, NIET_UITGEVOERD))
                    continue
                resultaat = self._stap(stap, lopend)
                uitkomst.stappen.append(resultaat)
                if resultaat.status in (GEFAALD, FOUT):
                    uitkomst.status = resultaat.status
        except NietUitvoerbaar as reden:
            uitkomst.status, uitkomst.reden = OVERGESLAGEN, str(reden)
        except Exception as fout:  # the target or the bench broke: an error, not a difference
            uitkomst.status, uitkomst.reden = FOUT, f"{fout.__class__.__name__}: {fout}"
        finally:
            try:
                self.doel.einde(scenario)
            except Exception as fout:
                if uitkomst.status == GESLAAGD:
                    uitkomst.status, uitkomst.reden = FOUT, f"opruimen mislukt: {fout}"
        uitkomst.duur = time.perf_counter() - start
        return uitkomst

    def _stap(self, stap: Stap, lopend: _Lopend) -> Stapuitkomst:
        start = time.perf_counter()
        uitkomst = Stapuitkomst(stap, GESLAAGD)
        try:
            actie = {"verzoek": self._verzoek, "ruw": self._ruw, "klok": self._klok, "kwc": self._kwc,
                     "pushes": self._pushes}[stap.actie]
            actie(stap, lopend, uitkomst)
        except NietUitvoerbaar:
            raise
        except SjabloonFout as fout:
            uitkomst.status, uitkomst.fout = FOUT, f"fout in de catalogus: {fout}"
        except requests.RequestException as fout:
            uitkomst.status, uitkomst.fout = FOUT, f"het doel is niet bereikbaar: {fout.__class__.__name__}: {fout}"
        except Exception as fout:
            uitkomst.status = FOUT
            uitkomst.fout = f"{fout.__class__.__name__}: {fout}\n{traceback.format_exc(limit=4)}"
        if uitkomst.status == GESLAAGD and uitkomst.verschillen:
            uitkomst.status = GEFAALD
        uitkomst.duur = time.perf_counter() - start
        return uitkomst

    # -- zeep --------------------------------------------------------------------------------
    def _zeep(self):
        if self._client is None:
            import zeep
            from zeep.transports import Transport

            client = zeep.Client(self.doel.wsdl, transport=Transport(timeout=30, operation_timeout=60))
            binding = next(p.binding for s in client.wsdl.services.values() for p in s.ports.values()
                           if "RegisterOnderwijsdeelnemers" in p.binding.name.localname)
            self._client = (client, client.create_service(binding.name, self.doel.endpoint))
        return self._client

    def contract(self):
        if self._contract is None:
            from ..paden import wsdl_map
            from ..soap.schema import Contract

            self._contract = Contract(wsdl_map() / "xsd" / "rod-vo-register.xsd")
        return self._contract

    # -- the actions -----------------------------------------------------------------------
    def _variabelen(self, stap: Stap, lopend: _Lopend) -> dict[str, Any]:
        lopend.variabelen["datum"] = lopend.datum
        return {**lopend.variabelen, **vul_in(stap.variabelen, lopend.variabelen)}

    @staticmethod
    def _afzender(stap: Stap) -> str:
        return ADMINISTRATIES.get(stap.afzender or "A", stap.afzender or "")

    def _verzoek(self, stap: Stap, lopend: _Lopend, uit: Stapuitkomst) -> None:
        import zeep.exceptions

        variabelen = self._variabelen(stap, lopend)
        operatie, bericht = self.catalogus.sjablonen.bericht(stap.waarde, variabelen, stap.wijzig, stap.zet)
        document = {"identificatiecodeBedrijfsdocument": str(uuid.uuid4()), "verzendendeInstantie": self._afzender(stap),
                    "ontvangendeInstantie": ROD_OIN,
                    "datumTijdBedrijfsdocument": datetime.now(UTC).replace(microsecond=0)}
        document.update(vul_in(stap.document, variabelen))
        verzonden = {**document, **bericht}
        client, service = self._zeep()
        binding = service._binding
        try:
            envelop, koppen = binding._create(operatie, (), verzonden, client=client,
                                              options={"address": self.doel.endpoint})
        except (zeep.exceptions.Error, TypeError, ValueError) as fout:
            raise SjabloonFout(f"zeep kan {operatie} niet opbouwen uit het sjabloon: {fout}") from None
        data = etree.tostring(envelop, xml_declaration=True, encoding="utf-8")
        uit.verzoek = etree.tostring(envelop, pretty_print=True, encoding="unicode")
        antwoord_http = self._http.post(self.doel.endpoint, data=data, headers=dict(koppen), timeout=60)
        antwoord = uit_envelop(antwoord_http.content, antwoord_http.status_code)
        uit.antwoord, uit.samenvatting = antwoord.tekst, antwoord.samenvatting()
        try:
            binding.process_reply(client, binding.get(operatie), antwoord_http)
        except zeep.exceptions.Fault:
            pass  # judged from the XML below
        except Exception as fout:
            uit.verschillen.append(Verschil("leesbaarheid", "een antwoord dat zeep volgens de WSDL kan lezen",
                                            f"{fout.__class__.__name__}: {str(fout)[:300]}"))
        uit.verschillen += self._protocol(antwoord, document["identificatiecodeBedrijfsdocument"])
        uit.verschillen += vergelijk(vul_in(stap.verwacht, variabelen), antwoord)
        self._bewaar(stap, lopend, antwoord, verzonden, uit)

    def _ruw(self, stap: Stap, lopend: _Lopend, uit: Stapuitkomst) -> None:
        variabelen = {"id": str(uuid.uuid4()), "verzender": self._afzender(stap), "ontvanger": ROD_OIN,
                      "datumtijd": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), **self._variabelen(stap, lopend)}
        data = self.catalogus.sjablonen.xml(stap.waarde, variabelen)
        uit.verzoek = data.decode("utf-8", errors="replace")
        koppen = {"Content-Type": "text/xml; charset=utf-8"}
        if stap.soapaction:
            koppen["SOAPAction"] = f'"{vul_in(stap.soapaction, variabelen)}"'
        antwoord_http = self._http.post(self.doel.endpoint, data=data, headers=koppen, timeout=60)
        antwoord = uit_envelop(antwoord_http.content, antwoord_http.status_code)
        uit.antwoord, uit.samenvatting = antwoord.tekst, antwoord.samenvatting()
        uit.verschillen += self._protocol(antwoord, variabelen["id"])
        uit.verschillen += vergelijk(vul_in(stap.verwacht, variabelen), antwoord)
        self._bewaar(stap, lopend, antwoord, {"identificatiecodeBedrijfsdocument": variabelen["id"]}, uit)

    def _protocol(self, antwoord: Antwoord, identificatiecode: str) -> list[Verschil]:
        """What every answer must do (spec sections 2 and 3), whatever the scenario expects."""
        if antwoord.body is None:
            return [Verschil("antwoord", "een SOAP 1.1-envelop", antwoord.leesfout or "niets")]
        if antwoord.is_fault:
            if antwoord.http_status != 500:
                return [Verschil("HTTP-status", "500 bij een SOAP Fault", str(antwoord.http_status))]
            return []
        verschillen = []
        if antwoord.http_status != 200:
            verschillen.append(Verschil("HTTP-status", "200 bij een antwoord", str(antwoord.http_status)))
        fouten = self.contract().valideer(antwoord.body)
        if fouten:
            verschillen.append(Verschil("contract", "een antwoord geldig volgens rod-vo-register.xsd",
                                        "; ".join(f.als_tekst() for f in fouten[:5])))
        aanlevering = antwoord.veld("terugkoppeling/identificatiecodeAanlevering")
        if aanlevering is not ONTBREEKT and aanlevering != identificatiecode:
            verschillen.append(Verschil("terugkoppeling/identificatiecodeAanlevering", identificatiecode,
                                        str(aanlevering)))
        return verschillen

    def _bewaar(self, stap: Stap, lopend: _Lopend, antwoord: Antwoord, verzonden: dict, uit: Stapuitkomst) -> None:
        for naam, pad in stap.bewaar.items():
            bron, _, rest = pad.partition("/")
            waarde = antwoord.veld(rest) if bron == "antwoord" else _uit_dict(verzonden, rest)
            if waarde is ONTBREEKT or waarde is None:
                uit.verschillen.append(Verschil(f"bewaar {naam}", f"een waarde op {pad}", "(ontbreekt)"))
            else:
                lopend.variabelen[naam] = waarde

    def _klok(self, stap: Stap, lopend: _Lopend, uit: Stapuitkomst) -> None:
        self.doel.zet_datum(stap.waarde)
        lopend.datum = stap.waarde
        uit.samenvatting = f"servicedatum {stap.waarde.isoformat()}"

    def _kwc(self, stap: Stap, lopend: _Lopend, uit: Stapuitkomst) -> None:
        rijen, tekst = self.doel.kwc(stap.waarde)
        signalen = [{"code": r.get("code"), "pgn": r.get("pgn"), "volgnummer": r.get("volgnummer"),
                     "achternaam": r.get("achternaam"), "brin": r.get("andere_instellingscode") or None,
                     "soort": "ATTENTIE", "element": None, "teldatum": None, "bron": "kwc"} for r in rijen]
        uit.verzoek = f"KWC-batch voor {stap.waarde} op {lopend.datum.isoformat()}"
        uit.antwoord = tekst
        delen = [beschrijf_signaal(s) for s in signalen]
        uit.samenvatting = f"KWC {stap.waarde}: {', '.join(delen) if delen else '(geen signalen)'}"
        verwacht = vul_in(stap.verwacht, self._variabelen(stap, lopend))
        uit.verschillen += vergelijk_signalen(verwacht, signalen)

    def _pushes(self, stap: Stap, lopend: _Lopend, uit: Stapuitkomst) -> None:
        verwacht = vul_in(stap.waarde, self._variabelen(stap, lopend))
        einde = time.monotonic() + (stap.wacht or self.push_wacht)
        while True:
            ontvangen = [_push(r) for r in self.ontvanger.ontvangen()[lopend.ontvangen_start:]]
            open_ = _koppel(verwacht, ontvangen)
            if not open_ or time.monotonic() >= einde:
                break
            time.sleep(0.1)
        uit.samenvatting = f"{len(ontvangen)} push(es) ontvangen: " + "; ".join(p["beschrijving"] for p in ontvangen)
        uit.antwoord = "\n".join(p["antwoord"].tekst for p in ontvangen) or None
        for push in open_:
            anders = [p["beschrijving"] for p in ontvangen if p["operatie"] == push.get("operatie")]
            werkelijk = "; ".join(anders) if anders else (
                "geen push van deze operatie" + (f" (wel: {'; '.join(p['beschrijving'] for p in ontvangen)})"
                                                  if ontvangen else ""))
            uit.verschillen.append(Verschil("push", beschrijf_push(push), werkelijk))


# -- comparing -------------------------------------------------------------------------------

def _gelijk(verwacht: Any, werkelijk: Any) -> bool:
    if verwacht is None:
        return werkelijk is None or werkelijk is ONTBREEKT
    if werkelijk is None or werkelijk is ONTBREEKT:
        return False
    return als_tekst(verwacht) == str(werkelijk)


def _toon(waarde: Any) -> str:
    if waarde is ONTBREEKT:
        return "(ontbreekt)"
    if waarde is None:
        return "(leeg/nil)"
    return als_tekst(waarde)


def _als_signaal(item: Any) -> dict:
    return {"code": item} if isinstance(item, str) else dict(item)


def past(item: dict, signaal: dict) -> bool:
    return all(_gelijk(w, signaal.get(k)) for k, w in item.items())


def vergelijk_signalen(verwacht: dict, signalen: list[dict]) -> list[Verschil]:
    verschillen = []
    werkelijk = ", ".join(beschrijf_signaal(s) for s in signalen if s.get("code")) or "(geen signalen)"
    for item in map(_als_signaal, verwacht.get("aanwezig") or []):
        if not any(past(item, s) for s in signalen):
            verschillen.append(Verschil(f"signaal {item['code']}", f"aanwezig: {beschrijf_signaal(_tekstueel(item))}",
                                        werkelijk))
    for item in map(_als_signaal, verwacht.get("afwezig") or []):
        treffers = [s for s in signalen if past(item, s)]
        if treffers:
            verschillen.append(Verschil(f"signaal {item['code']}", f"afwezig: {beschrijf_signaal(_tekstueel(item))}",
                                        ", ".join(beschrijf_signaal(s) for s in treffers)))
    if verwacht.get("precies"):
        genoemd = {_als_signaal(i)["code"] for i in verwacht.get("aanwezig") or []}
        over = sorted({s["code"] for s in signalen if s.get("code")} - genoemd)
        if over:
            verschillen.append(Verschil("signalen (precies)", f"alleen {', '.join(sorted(genoemd)) or '(geen)'}",
                                        werkelijk))
    return verschillen


def _tekstueel(item: dict) -> dict:
    return {k: als_tekst(v) if v is not None else None for k, v in item.items()}


def vergelijk(verwacht: dict, antwoord: Antwoord) -> list[Verschil]:
    """The differences between a step's ``verwacht`` and an answer."""
    verschillen = []
    status = verwacht.get("status")
    if status is not None:
        werkelijk = antwoord.status
        klopt = werkelijk.startswith("FAULT") if status == "FAULT" else werkelijk == status
        if not klopt:
            verschillen.append(Verschil("status", status, werkelijk))
    verschillen += vergelijk_signalen(verwacht, antwoord.signalen)
    for pad, waarde in (verwacht.get("velden") or {}).items():
        gevonden = antwoord.veld(pad)
        if not _gelijk(waarde, gevonden):
            verschillen.append(Verschil(f"veld {pad}", _toon(waarde), _toon(gevonden)))
    from .antwoord import aantal

    for pad, getal in (verwacht.get("aantal") or {}).items():
        gevonden = aantal(antwoord.body, pad)
        if gevonden != getal:
            verschillen.append(Verschil(f"aantal {pad}", str(getal), str(gevonden)))
    return verschillen


def _uit_dict(waarde: Any, pad: str) -> Any:
    from .antwoord import PADDEEL

    for deel in pad.strip("/").split("/"):
        treffer = PADDEEL.match(deel)
        if not treffer or not isinstance(waarde, dict) or treffer.group("naam") not in waarde:
            return ONTBREEKT
        waarde = waarde[treffer.group("naam")]
        index = int(treffer.group("index") or 0)
        if isinstance(waarde, list):
            if len(waarde) < max(index, 1):
                return ONTBREEKT
            waarde = waarde[max(index, 1) - 1]
    return als_tekst(waarde) if not isinstance(waarde, (dict, list)) else waarde


# -- pushes ----------------------------------------------------------------------------------

def _push(regel: dict) -> dict:
    """A push as the receiver logged it, ready to match."""
    antwoord = uit_element(etree.fromstring(regel["body"].encode("utf-8")))
    push = {"operatie": regel["operatie"], "ontvanger": regel.get("ontvangendeInstantie"),
            "velden": regel.get("velden") or {}, "antwoord": antwoord}
    push["beschrijving"] = _beschrijf_ontvangen(push)
    return push


def _push_veld(push: dict, pad: str) -> Any:
    gevonden = push["antwoord"].veld(pad)
    if gevonden is ONTBREEKT and pad in push["velden"]:
        return push["velden"][pad]
    return gevonden


def push_past(verwacht: dict, push: dict) -> bool:
    if verwacht.get("operatie") != push["operatie"]:
        return False
    ontvanger = verwacht.get("ontvanger")
    if ontvanger is not None and ADMINISTRATIES.get(ontvanger, ontvanger) != push["ontvanger"]:
        return False
    if not all(_gelijk(w, _push_veld(push, pad)) for pad, w in (verwacht.get("velden") or {}).items()):
        return False
    signalen = push["antwoord"].signalen
    if not all(any(past(_als_signaal(i), s) for s in signalen) for i in verwacht.get("aanwezig") or []):
        return False
    return not any(past(_als_signaal(i), s) for i in verwacht.get("afwezig") or [] for s in signalen)


def _koppel(verwacht: list[dict], ontvangen: list[dict]) -> list[dict]:
    """The expected pushes without a received one (each received push counts once)."""
    vrij = list(range(len(ontvangen)))
    open_ = []
    for push in verwacht:
        treffer = next((i for i in vrij if push_past(push, ontvangen[i])), None)
        if treffer is None:
            open_.append(push)
        else:
            vrij.remove(treffer)
    return open_


def beschrijf_push(push: dict) -> str:
    ontvanger = push.get("ontvanger")
    delen = [push.get("operatie", "?")]
    if ontvanger:
        delen.append(f"→ {ontvanger} ({ADMINISTRATIES[ontvanger]})" if ontvanger in ADMINISTRATIES else f"→ {ontvanger}")
    delen += [f"{k}={_toon(v)}" for k, v in (push.get("velden") or {}).items()]
    signalen = [beschrijf_signaal(_tekstueel(_als_signaal(i))) for i in push.get("aanwezig") or []]
    if signalen:
        delen.append("met " + ", ".join(signalen))
    if push.get("afwezig"):
        delen.append("zonder " + ", ".join(beschrijf_signaal(_tekstueel(_als_signaal(i))) for i in push["afwezig"]))
    return " ".join(delen)


def _beschrijf_ontvangen(push: dict) -> str:
    a = push["antwoord"]
    operatie = push["operatie"]
    if operatie == "verstrekkenDigitaalInUitschrijfbewijsVO":
        datum = a.veld("inschrijving/datumInschrijving")
        if datum is ONTBREEKT:
            datum = a.veld("inschrijving/datumUitschrijving")
        kern = (f"{_toon(a.veld('soortBewijs'))} eigenBrin={_toon(a.veld('eigenBrin'))} "
                f"eigenInschrijvingvolgnummer={_toon(a.veld('eigenInschrijvingvolgnummer'))} "
                f"brin={_toon(a.veld('inschrijving/brin'))} datum={_toon(datum)}")
    elif operatie == "verstrekkenBekostigingsberichtVO":
        kern = f"brin={_toon(a.veld('bekostigingsbericht/brin'))}"
    else:
        kern = f"status={_toon(a.veld('terugkoppeling/status'))}"
    signalen = [beschrijf_signaal(s) for s in a.signalen if s.get("code")]
    return f"{operatie} → {push['ontvanger']}: {kern}" + (f" [{', '.join(signalen)}]" if signalen else "")
