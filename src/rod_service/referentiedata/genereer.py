"""Synthetic reference data (spec section 10): the shipped default and large test sets.

* :func:`genereer` — a small set in memory (``dict`` in the file format).
* :func:`schrijf_groot` — the same set, streamed to a file: persons are written one by
  one and never held in memory (1 000 000 persons and ~650 schools in flat memory).
  For equal arguments ``json.load`` of its file equals ``genereer(...)``.
* :func:`maak_standaard` — the shipped ``default.json``: handcrafted schools and fixed,
  documented test persons (docs/referentiedata.md), then generated persons.
  Regenerate with ``python -m rod_service.referentiedata.genereer``.

Everything is deterministic for a seed: names, streets and places come from
``Faker('nl_NL')`` seeded with it, all choices from ``random.Random`` seeded with it, and
BSNs from ``domain.pgn.genereer_bsn`` fed by a keyed permutation, so they are valid
(python-stdnum elfproef) and unique without remembering the ones already issued.
"""
from __future__ import annotations

import copy
import json
import os
import random
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

from ..domain.pgn import genereer_bsn

ROD_OIN = "00000009900000000001"
#: Ages are chosen relative to this year: most persons are 10–20 years old in it.
REFERENTIEJAAR = 2026
#: ``voortgang`` is called after this many persons (and once at the end).
VOORTGANG_STAP = 1000

ALLE_EXAMENNIVEAUS = ("VMBO_BB", "VMBO_KB", "VMBO_GL", "VMBO_TL", "HAVO", "VWO")

# ---------------------------------------------------------------------------------------
# Catalogue shared by the default and generated sets. The elementcodes are invented but
# plausible (DUO's real table is not public here): 0090 is praktijkonderwijs as in the
# spec; 29LS = VMBO leerweg L (1 BB, 2 KB, 3 GL, 4 TL) sector/profiel S; 30.. HAVO and
# 31.. VWO per profiel (1 C&M, 2 E&M, 3 N&G, 4 N&T; 313x gymnasium); 40../41.. VAVO.
# ---------------------------------------------------------------------------------------
_O = [
    ("0090", "Praktijkonderwijs", "PRO", 6, "VO"),
    ("2911", "VMBO BB Economie en ondernemen", "VMBO_BB", 4, "VO"),
    ("2912", "VMBO BB Zorg en welzijn", "VMBO_BB", 4, "VO"),
    ("2913", "VMBO BB Bouwen, wonen en interieur", "VMBO_BB", 4, "VO"),
    ("2921", "VMBO KB Economie en ondernemen", "VMBO_KB", 4, "VO"),
    ("2922", "VMBO KB Zorg en welzijn", "VMBO_KB", 4, "VO"),
    ("2923", "VMBO KB Produceren, installeren en energie", "VMBO_KB", 4, "VO"),
    ("2931", "VMBO GL Dienstverlening en producten", "VMBO_GL", 4, "VO"),
    ("2932", "VMBO GL Zorg en welzijn", "VMBO_GL", 4, "VO"),
    ("2941", "VMBO TL Economie", "VMBO_TL", 4, "VO"),
    ("2942", "VMBO TL Techniek", "VMBO_TL", 4, "VO"),
    ("2943", "VMBO TL Zorg en welzijn", "VMBO_TL", 4, "VO"),
    ("3021", "HAVO Cultuur en maatschappij", "HAVO", 5, "VO"),
    ("3022", "HAVO Economie en maatschappij", "HAVO", 5, "VO"),
    ("3023", "HAVO Natuur en gezondheid", "HAVO", 5, "VO"),
    ("3024", "HAVO Natuur en techniek", "HAVO", 5, "VO"),
    ("3121", "VWO Cultuur en maatschappij", "VWO", 6, "VO"),
    ("3122", "VWO Economie en maatschappij", "VWO", 6, "VO"),
    ("3123", "VWO Natuur en gezondheid", "VWO", 6, "VO"),
    ("3124", "VWO Natuur en techniek", "VWO", 6, "VO"),
    ("3133", "VWO gymnasium Natuur en gezondheid", "VWO", 6, "VO"),
    ("3134", "VWO gymnasium Natuur en techniek", "VWO", 6, "VO"),
    ("4021", "VAVO HAVO", "HAVO", 5, "VAVO"),
    ("4121", "VAVO VWO", "VWO", 6, "VAVO"),
]
OPLEIDINGEN: tuple[dict, ...] = tuple(
    {"opleidingcode": c, "naam": n, "niveau": niv, "laatsteLeerjaar": lj, "sector": s}
    for c, n, niv, lj, s in _O
)


def _codes(*prefixen: str) -> list[str]:
    return [o["opleidingcode"] for o in OPLEIDINGEN if o["opleidingcode"].startswith(prefixen)]


_V = [  # vakcode, naam, verplicht bij niveau (gemeenschappelijk deel), kernvak
    ("ne", "Nederlandse taal en literatuur", ALLE_EXAMENNIVEAUS, True),
    ("en", "Engelse taal en literatuur", ALLE_EXAMENNIVEAUS, True),
    ("wi", "Wiskunde", (), True),
    ("wa", "Wiskunde A", (), True),
    ("wb", "Wiskunde B", (), True),
    ("wc", "Wiskunde C", (), True),
    ("wd", "Wiskunde D", (), False),
    ("maw", "Maatschappijleer", ALLE_EXAMENNIVEAUS, False),
    ("lo", "Lichamelijke opvoeding", ALLE_EXAMENNIVEAUS, False),
    ("ckv", "Culturele en kunstzinnige vorming", ALLE_EXAMENNIVEAUS, False),
    ("lv", "Levensbeschouwing", (), False),
    ("in", "Informatica", (), False),
    ("na", "Natuurkunde", (), False),
    ("sk", "Scheikunde", (), False),
    ("nask1", "Natuur- en scheikunde 1", (), False),
    ("nask2", "Natuur- en scheikunde 2", (), False),
    ("bi", "Biologie", (), False),
    ("ak", "Aardrijkskunde", (), False),
    ("gs", "Geschiedenis", (), False),
    ("ec", "Economie", (), False),
    ("fa", "Franse taal en literatuur", (), False),
    ("du", "Duitse taal en literatuur", (), False),
    ("la", "Latijnse taal en cultuur", (), False),
    ("gr", "Griekse taal en cultuur", (), False),
    ("bgp", "Beroepsgericht profielvak", (), False),
]
#: Vakken whose examenprogramma has a centraal examen (for bgp: the CSPE). Maatschappijleer,
#: lo, ckv, levensbeschouwing, informatica and wiskunde D are schoolexamen only.
_MET_CENTRAAL_EXAMEN = frozenset({"ne", "en", "wi", "wa", "wb", "wc", "na", "sk", "nask1", "nask2", "bi",
                                  "ak", "gs", "ec", "fa", "du", "la", "gr", "bgp"})
VAKKEN: tuple[dict, ...] = tuple(
    {"vakcode": c, "naam": n, "verplichtBijNiveau": list(v), "kernvak": k,
     "centraalExamen": c in _MET_CENTRAAL_EXAMEN} for c, n, v, k in _V
)


# ---------------------------------------------------------------------------------------
# Randomness
# ---------------------------------------------------------------------------------------

class _Permutatie:
    """A keyed pseudo-random permutation of ``range(n)``: a 4-round Feistel network on
    an even number of bits, with cycle walking back into ``range(n)``. Unique values
    in random order, without remembering the ones given out."""

    def __init__(self, n: int, rng: random.Random) -> None:
        bits = max(2, (n - 1).bit_length())
        self.n, self._helft = n, (bits + 1) // 2
        self._masker = (1 << self._helft) - 1
        self._sleutels = [rng.getrandbits(32) for _ in range(4)]

    def _ronde(self, x: int) -> int:
        links, rechts = x >> self._helft, x & self._masker
        for k in self._sleutels:
            f = ((((rechts * 0x9E3779B1) ^ k) * 0x85EBCA6B) >> 13) & self._masker
            links, rechts = rechts, links ^ f
        return (links << self._helft) | rechts

    def __getitem__(self, i: int) -> int:
        x = self._ronde(i)
        while x >= self.n:
            x = self._ronde(x)
        return x


class _Kiezer:
    """A ``kies(n)`` for ``genereer_bsn``: successive values of one permutation of
    ``range(n)``, so every BSN it leads to is new."""

    def __init__(self, rng: random.Random) -> None:
        self._rng, self._perm, self._i = rng, None, 0

    def __call__(self, n: int) -> int:
        if self._perm is None or self._perm.n != n:
            self._perm, self._i = _Permutatie(n, self._rng), 0
        waarde = self._perm[self._i]
        self._i += 1
        return waarde


def _bsns(seed: int, uitgesloten: frozenset[str] = frozenset()) -> Iterator[str]:
    kies = _Kiezer(random.Random(f"{seed}-bsn"))
    while True:
        nummer = genereer_bsn(kies)
        if nummer not in uitgesloten:
            yield nummer


_VOORVOEGSEL = re.compile(r"^(?:(van der|van den|van de|van 't|van|de|den|der|ter|ten|te|in 't|'t) )?"
                          r"([A-Z][a-zà-ÿ'-]+)$")


@dataclass(frozen=True)
class _Namen:
    """Pools drawn once from Faker('nl_NL') for a seed; persons pick from them."""

    jongens: tuple[str, ...]
    meisjes: tuple[str, ...]
    achternamen: tuple[tuple[str | None, str], ...]
    straten: tuple[str, ...]
    plaatsen: tuple[str, ...]


def _namen(seed: int) -> _Namen:
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    achternamen = []
    for _ in range(3000):
        if m := _VOORVOEGSEL.match(fake.last_name()):
            achternamen.append((m.group(1), m.group(2)))
    return _Namen(
        jongens=tuple(sorted({fake.first_name_male() for _ in range(800)})),
        meisjes=tuple(sorted({fake.first_name_female() for _ in range(800)})),
        achternamen=tuple(sorted(set(achternamen), key=lambda a: (a[1], a[0] or ""))),
        straten=tuple(sorted({fake.street_name() for _ in range(1500)})),
        plaatsen=tuple(sorted({fake.city() for _ in range(600)})),
    )


def _dag(rng: random.Random, van: date, tot: date) -> date:
    return van + timedelta(days=rng.randrange((tot - van).days + 1))


def _postcode(rng: random.Random) -> str:
    while (letters := rng.choice("ABCDEGHJKLMNPRSTVWXZ") + rng.choice("ABCDEGHJKLMNPRSTVWXZ")) in ("SA", "SD", "SS"):
        pass
    return f"{rng.randrange(1000, 10000)}{letters}"


def _schooldag(jaar: int, rng: random.Random) -> date:
    """A first school day in the second half of August."""
    return date(jaar, 8, 15) + timedelta(days=rng.randrange(14))


# ---------------------------------------------------------------------------------------
# Schools
# ---------------------------------------------------------------------------------------

#: School kind → (weight, name prefixes, opleidingcodes it offers).
_SOORTEN = {
    "scholengemeenschap": (35, ("Scholengemeenschap", "Christelijke Scholengemeenschap", "Openbare Scholengemeenschap"),
                           _codes("292", "293", "294", "30", "312")),
    "lyceum": (20, ("Lyceum", "Stedelijk Lyceum", "Christelijk Lyceum"), _codes("30", "312")),
    "vmbo": (25, ("Vakcollege", "VMBO", "Techniek College"), _codes("29")),
    "praktijkschool": (12, ("Praktijkschool", "Praktijkcollege"), ["0090"]),
    "gymnasium": (8, ("Gymnasium", "Stedelijk Gymnasium"), _codes("313")),
}


def _brin(nummer: int) -> str:
    cijfers, letters = divmod(nummer, 26 * 26)
    return f"{cijfers:02d}{chr(65 + letters // 26)}{chr(65 + letters % 26)}"


class _Teller:
    """Unique onderwijsaanbieder (``NNNANNN``) and onderwijslocatie (``NNNXNNN``) codes."""

    def __init__(self) -> None:
        self.n = 0

    def code(self, letter: str) -> str:
        self.n += 1
        return f"{self.n // 1000 + 100:03d}{letter}{self.n % 1000:03d}"


def _vo_school(rng: random.Random, namen: _Namen, brin: str, teller: _Teller) -> dict:
    soort = rng.choices(list(_SOORTEN), weights=[s[0] for s in _SOORTEN.values()])[0]
    _, prefixen, aanbod = _SOORTEN[soort]
    plaats = rng.choice(namen.plaatsen)
    begin = date(rng.randrange(1985, 2016), 8, 1)
    school = {"instellingscode": brin, "naam": f"{rng.choice(prefixen)} {plaats}",
              "bekostigd": rng.random() >= 0.05, "sector": "VO",
              "vestigingen": [], "onderwijsaanbieders": [], "onderwijslocaties": [], "licenties": []}
    for n in range(rng.choice((1, 1, 2, 2, 3))):
        locatie = {"code": teller.code("X"), "begindatum": begin.isoformat()}
        vestiging = {"vestigingscode": f"{brin}{n:02d}", "begindatum": begin.isoformat(),
                     "onderwijslocaties": [locatie["code"]]}
        if n and rng.random() < 0.1:
            einde = date(rng.randrange(2019, 2026), 7, 31).isoformat()
            vestiging["einddatum"] = locatie["einddatum"] = einde
        school["vestigingen"].append(vestiging)
        school["onderwijslocaties"].append(locatie)
        gegeven = aanbod if n == 0 else [c for c in aanbod if rng.random() < 0.6] or aanbod[:1]
        school["licenties"] += [{"vestigingscode": vestiging["vestigingscode"], "opleidingcode": c}
                                for c in gegeven if rng.random() >= 0.01]  # ~1 % unlicensed (BK03)
    if rng.random() < 0.1:  # a location not linked to any vestiging (IS53/KW10)
        school["onderwijslocaties"].append({"code": teller.code("X"), "begindatum": begin.isoformat()})
    school["onderwijsaanbieders"].append({"code": teller.code("A"), "begindatum": begin.isoformat()})
    return school


def _andere_school(rng: random.Random, namen: _Namen, brin: str, sector: str) -> dict:
    naam = {"PO": ("Basisschool", "OBS", "CBS", "Montessorischool"), "MBO": ("ROC", "MBO College"),
            "VAVO": ("VAVO", "VAVO Lyceum")}[sector]
    return {"instellingscode": brin, "naam": f"{rng.choice(naam)} {rng.choice(namen.plaatsen)}",
            "bekostigd": True, "sector": sector,
            "vestigingen": [{"vestigingscode": f"{brin}00", "begindatum": "1990-08-01"}]}


def _scholen(scholen: int, seed: int, namen: _Namen) -> tuple[list[dict], list[dict]]:
    """``scholen`` VO schools plus PO/MBO/VAVO instellingen, and administraties serving
    the VO schools (1–8 schools each, like a bestuur)."""
    rng = random.Random(f"{seed}-scholen")
    aantallen = {"VO": scholen, "PO": max(2, scholen // 3), "MBO": max(1, scholen // 15),
                 "VAVO": max(1, scholen // 20)}
    brins = iter(_brin(n) for n in rng.sample(range(100 * 26 * 26), sum(aantallen.values())))
    teller = _Teller()
    instellingen = [_vo_school(rng, namen, next(brins), teller) for _ in range(scholen)]
    for sector in ("PO", "MBO", "VAVO"):
        instellingen += [_andere_school(rng, namen, next(brins), sector) for _ in range(aantallen[sector])]
    leveranciers = [f"000000097{n:011d}" for n in range(1, 4)]
    administraties, vo = [], [i["instellingscode"] for i in instellingen[:scholen]]
    while vo:
        deel, vo = vo[:(k := rng.randint(1, 8))], vo[k:]
        oin = f"000000098{len(administraties) + 1:011d}"
        adm = {"oin": oin, "brins": deel, "modus": "asynchroon" if rng.random() < 0.15 else "synchroon"}
        if adm["modus"] == "asynchroon" or rng.random() < 0.5:
            adm["endpoint"] = f"http://127.0.0.1:8090/las/{oin}"
        if rng.random() < 0.6:
            adm["leveranciersOins"] = [rng.choice(leveranciers)]
        administraties.append(adm)
    return administraties, instellingen


# ---------------------------------------------------------------------------------------
# Persons
# ---------------------------------------------------------------------------------------

_NATIONALITEITEN = ("SY", "UA", "PL", "TR", "MA", "ER", "AF", "DE", "BE", "RO", "BG", "IN", "CN", "GB", "SO", "IQ")
_BUITENLAND = {
    "5010": ("BE", ("Meir", "Grote Markt", "Kerkstraat", "Statiestraat", "Dorpsstraat"),
             ("2000 Antwerpen", "2300 Turnhout", "3900 Pelt", "3680 Maaseik", "9900 Eeklo")),
    "9089": ("DE", ("Hauptstraße", "Bahnhofstraße", "Kirchstraße", "Schulstraße", "Lindenweg"),
             ("47533 Kleve", "48527 Nordhorn", "52062 Aachen", "46395 Bocholt", "26789 Leer")),
}


def _adres(rng: random.Random, namen: _Namen) -> dict:
    adres = {"straatnaam": rng.choice(namen.straten), "huisnummer": min(int(rng.paretovariate(1.0)), 400)}
    r = rng.random()
    if r < 0.05:
        adres["huisletter"] = rng.choice("ABCD")
    elif r < 0.12:
        adres["huisnummerToevoeging"] = rng.choice(("1", "2", "3", "bis", "hs", "A01"))
    elif r < 0.125:
        adres["huisnummerAanduiding"] = "to"
        adres["locatieOmschrijving"] = "Woonboot tegenover de brug"
    adres["postcode"] = _postcode(rng)
    adres["plaatsnaam"] = rng.choice(namen.plaatsen)
    return adres


def _persoon(rng: random.Random, namen: _Namen, bsn: str) -> dict:
    r = rng.random()
    if r < 0.94:
        geboren = _dag(rng, date(REFERENTIEJAAR - 20, 1, 1), date(REFERENTIEJAAR - 10, 12, 31))
    elif r < 0.97:
        geboren = _dag(rng, date(REFERENTIEJAAR - 9, 1, 1), date(REFERENTIEJAAR - 5, 12, 31))
    else:
        geboren = _dag(rng, date(REFERENTIEJAAR - 65, 1, 1), date(REFERENTIEJAAR - 21, 12, 31))
    geslacht = rng.choices("MVO", weights=(497, 497, 6))[0]
    pool = namen.jongens if geslacht == "M" or (geslacht == "O" and rng.random() < 0.5) else namen.meisjes
    voornamen = " ".join(rng.sample(pool, rng.choices((1, 2, 3), weights=(45, 40, 15))[0]))
    voorvoegsel, achternaam = rng.choice(namen.achternamen)
    p: dict = {"burgerservicenummer": bsn, "achternaam": achternaam}
    if voorvoegsel:
        p["voorvoegsels"] = voorvoegsel
    p |= {"voornamen": voornamen, "geboorteDatum": geboren.isoformat(), "geslacht": geslacht}
    r = rng.random()
    if r < 0.02:  # cross-border pupil
        landcode = rng.choice(sorted(_BUITENLAND))
        land, straten, plaatsen = _BUITENLAND[landcode]
        p["buitenlandsAdres"] = {"adresregelBuitenland1": f"{rng.choice(straten)} {rng.randint(1, 150)}",
                                 "adresregelBuitenland2": rng.choice(plaatsen), "landcode": landcode}
        nationaliteiten = [land] if rng.random() < 0.5 else ["NL"]
    else:
        p["binnenlandsAdres"] = {"straatnaam": "."} if r < 0.04 else _adres(rng, namen)
        nationaliteiten = ["NL"] if rng.random() >= 0.08 else [rng.choice(_NATIONALITEITEN)]
        if nationaliteiten == ["NL"] and rng.random() < 0.05:
            nationaliteiten.append(rng.choice(_NATIONALITEITEN))
    p["geheim"] = rng.random() < 0.03
    p["nationaliteiten"] = nationaliteiten
    if "binnenlandsAdres" in p:
        vestiging = None
        r = rng.random()
        if "NL" not in nationaliteiten and r < 0.40:  # nieuwkomer: arrived in the last two years
            vestiging = _dag(rng, max(geboren, date(REFERENTIEJAAR - 2, 1, 1)), date(REFERENTIEJAAR - 1, 12, 31))
        elif ("NL" not in nationaliteiten and r < 0.75) or r < 0.02:
            vestiging = _dag(rng, geboren, max(geboren, date(REFERENTIEJAAR - 3, 12, 31)))
        if vestiging:
            p["datumVestigingNederland"] = vestiging.isoformat()
    if rng.random() < 0.002:
        p["datumOverlijden"] = _dag(rng, max(geboren, date(REFERENTIEJAAR - 6, 1, 1)),
                                    date(REFERENTIEJAAR - 1, 12, 31)).isoformat()
    return p


def _externe(rng: random.Random, p: dict, brins: dict[str, list[str]]) -> list[dict]:
    """PO history for part of the pupils; an open PO inschrijving for children still of
    PO age; now and then an MBO or VAVO inschrijving for the 16-plussers."""
    geboren = date.fromisoformat(p["geboorteDatum"])
    leeftijd = REFERENTIEJAAR - geboren.year
    bsn = p["burgerservicenummer"]
    uit: list[dict] = []
    if 5 <= leeftijd <= 21 and rng.random() < (0.7 if leeftijd <= 11 else 0.1):
        e = {"burgerservicenummer": bsn, "brin": rng.choice(brins["PO"]), "sector": "PO",
             "datumInschrijving": _schooldag(geboren.year + 4, rng).isoformat()}
        if geboren.year + 12 < REFERENTIEJAAR:
            e["datumUitschrijving"] = date(geboren.year + 12, 7, 31).isoformat()
        uit.append(e)
    if 16 <= leeftijd <= 21:
        r = rng.random()
        if r < 0.03:
            uit.append({"burgerservicenummer": bsn, "brin": rng.choice(brins["MBO"]), "sector": "MBO",
                        "datumInschrijving": _schooldag(REFERENTIEJAAR - rng.randint(1, 3), rng).isoformat()})
        elif r < 0.04:
            uit.append({"burgerservicenummer": bsn, "brin": rng.choice(brins["VAVO"]), "sector": "VAVO",
                        "datumInschrijving": _schooldag(REFERENTIEJAAR - 1, rng).isoformat(),
                        "niveau": rng.choice(("VMBO_TL", "HAVO", "VWO"))})
    return uit


def _personen(aantal: int, seed: int, namen: _Namen, instellingen: list[dict],
              uitgesloten: frozenset[str] = frozenset()) -> Iterator[tuple[dict, list[dict]]]:
    """``aantal`` persons, one at a time, each with its externe inschrijvingen."""
    rng = random.Random(f"{seed}-personen")
    brins = {s: [i["instellingscode"] for i in instellingen if i["sector"] == s] for s in ("PO", "MBO", "VAVO")}
    bsns = _bsns(seed, uitgesloten)
    for _ in range(aantal):
        p = _persoon(rng, namen, next(bsns))
        yield p, (_externe(rng, p, brins) if all(brins.values()) else [])


# ---------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------

def _kop(scholen: int, seed: int) -> tuple[dict, _Namen]:
    namen = _namen(seed)
    administraties, instellingen = _scholen(scholen, seed, namen)
    return {"rodOin": ROD_OIN, "administraties": administraties, "instellingen": instellingen,
            "opleidingen": copy.deepcopy(list(OPLEIDINGEN)), "vakken": copy.deepcopy(list(VAKKEN))}, namen


def genereer(personen: int, scholen: int, seed: int) -> dict:
    """A synthetic dataset in memory: ``scholen`` VO schools (plus PO/MBO/VAVO
    instellingen and administraties), ``personen`` BRP persons with valid, unique BSNs.
    Deterministic for ``seed``. Use :func:`schrijf_groot` for large sets."""
    doc, namen = _kop(scholen, seed)
    doc["personen"], externe = [], []
    for p, ext in _personen(personen, seed, namen, doc["instellingen"]):
        doc["personen"].append(p)
        externe += ext
    doc["externeInschrijvingen"] = externe
    return doc


def schrijf_groot(pad: str | Path, personen: int, scholen: int, seed: int,
                  voortgang: Callable[[int], None] | None = None) -> Path:
    """Stream the dataset ``genereer(personen, scholen, seed)`` would give to ``pad``.

    Persons are generated and written one per line, never collected; their externe
    inschrijvingen go to a temporary file and are appended at the end. Memory stays flat
    whatever ``personen`` is. ``voortgang(n)`` is called with the number of persons
    written so far, every :data:`VOORTGANG_STAP` persons and at the end (e.g.
    ``lambda n: progress.update(taak, completed=n)``). The file appears atomically.
    """
    pad = Path(pad)
    kop, namen = _kop(scholen, seed)
    tijdelijk = pad.with_name(pad.name + ".tmp")
    with open(tijdelijk, "w", encoding="utf-8") as uit, tempfile.TemporaryFile("w+", encoding="utf-8") as ext:
        uit.write("{\n")
        for sleutel, waarde in kop.items():
            uit.write(f"  {json.dumps(sleutel)}: ")
            if isinstance(waarde, list):
                _schrijf_lijst(uit, (json.dumps(w, ensure_ascii=False) for w in waarde))
            else:
                uit.write(json.dumps(waarde))
            uit.write(",\n")
        uit.write('  "personen": ')
        n = 0

        def regels() -> Iterator[str]:
            nonlocal n
            for p, externe in _personen(personen, seed, namen, kop["instellingen"]):
                for e in externe:
                    ext.write(json.dumps(e, ensure_ascii=False) + "\n")
                n += 1
                if voortgang and n % VOORTGANG_STAP == 0:
                    voortgang(n)
                yield json.dumps(p, ensure_ascii=False)

        _schrijf_lijst(uit, regels())
        uit.write(',\n  "externeInschrijvingen": ')
        ext.seek(0)
        _schrijf_lijst(uit, (regel.rstrip("\n") for regel in ext))
        uit.write("\n}\n")
    os.replace(tijdelijk, pad)
    if voortgang:
        voortgang(n)
    return pad


def _schrijf_lijst(uit, regels: Iterator[str]) -> None:
    uit.write("[")
    eerste = True
    for regel in regels:
        uit.write("\n    " if eerste else ",\n    ")
        uit.write(regel)
        eerste = False
    uit.write("]" if eerste else "\n  ]")


# ---------------------------------------------------------------------------------------
# The shipped default (docs/referentiedata.md describes every school and fixed person)
# ---------------------------------------------------------------------------------------

STANDAARD_SEED = 2026
STANDAARD_AANTAL_PERSONEN = 300
ADMINISTRATIE_1 = "00000009900000000101"
ADMINISTRATIE_2 = "00000009900000000202"
LEVERANCIER_1 = "00000009900000000901"


def _v(code: str, begin: str, eind: str | None = None, *locaties: str) -> dict:
    v = {"vestigingscode": code, "begindatum": begin}
    if eind:
        v["einddatum"] = eind
    return v | {"onderwijslocaties": list(locaties)}


def _g(code: str, begin: str, eind: str | None = None) -> dict:
    return {"code": code, "begindatum": begin} | ({"einddatum": eind} if eind else {})


def _lic(vestiging: str, codes: list[str]) -> list[dict]:
    return [{"vestigingscode": vestiging, "opleidingcode": c} for c in codes]


_HAVO, _VWO = _codes("302"), _codes("312")

#: The five VO schools, then the PO/MBO/VAVO instellingen the externe inschrijvingen use.
STANDAARD_INSTELLINGEN: tuple[dict, ...] = (
    {"instellingscode": "12AB", "naam": "Stedelijk Lyceum De Vaart", "bekostigd": True, "sector": "VO",
     "vestigingen": [_v("12AB00", "1995-08-01", None, "101X001"),
                     _v("12AB01", "2005-08-01", "2024-07-31", "101X002"),  # ended: IS06 from 2024-08-01
                     _v("12AB02", "2024-08-01", None, "101X003")],
     "onderwijsaanbieders": [_g("101A001", "1995-08-01")],
     "onderwijslocaties": [_g("101X001", "1995-08-01"), _g("101X002", "2005-08-01", "2024-07-31"),
                           _g("101X003", "2024-08-01"),
                           _g("101X009", "2020-08-01")],  # linked to no vestiging: IS53/KW10
     "licenties": _lic("12AB00", _HAVO + _VWO) + _lic("12AB01", ["2941", "2942"])
                  + _lic("12AB02", ["2941", "2942", "2943"])},
    {"instellingscode": "23CD", "naam": "Christelijk College Het Baken", "bekostigd": True, "sector": "VO",
     "vestigingen": [_v("23CD00", "2000-08-01", None, "202X001"), _v("23CD01", "2010-08-01", None, "202X002")],
     "onderwijsaanbieders": [_g("202A001", "2000-08-01"),
                             _g("202A002", "2026-08-01")],  # not yet valid: IS07 before 2026-08-01
     "onderwijslocaties": [_g("202X001", "2000-08-01"), _g("202X002", "2010-08-01")],
     "licenties": _lic("23CD00", _codes("291", "292"))
                  + _lic("23CD01", _codes("293", "294"))},
    {"instellingscode": "34EF", "naam": "Praktijkschool De Werkplaats", "bekostigd": True, "sector": "VO",
     "vestigingen": [_v("34EF00", "1998-08-01", None, "303X001")],
     "onderwijsaanbieders": [_g("303A001", "1998-08-01")],
     "onderwijslocaties": [_g("303X001", "1998-08-01")],
     "licenties": _lic("34EF00", ["0090"])},
    {"instellingscode": "45GH", "naam": "Montessori College Oost", "bekostigd": True, "sector": "VO",
     "vestigingen": [_v("45GH00", "1992-08-01", None, "404X001"), _v("45GH01", "2015-08-01", None, "404X002")],
     "onderwijsaanbieders": [_g("404A001", "1992-08-01")],
     "onderwijslocaties": [_g("404X001", "1992-08-01"), _g("404X002", "2015-08-01")],
     "licenties": _lic("45GH00", ["2941", "2942"] + _HAVO + _VWO)
                  + _lic("45GH01", ["3021", "3022", "3121", "3122", "3124"])},  # no 3123 here: BK03
    {"instellingscode": "56JK", "naam": "Internationale School Brabant", "bekostigd": False, "sector": "VO",
     "vestigingen": [_v("56JK00", "2012-08-01", None, "505X001")],
     "onderwijsaanbieders": [_g("505A001", "2012-08-01")],
     "onderwijslocaties": [_g("505X001", "2012-08-01")],
     "licenties": _lic("56JK00", ["3022", "3023", "3122", "3123"])},
    {"instellingscode": "07PA", "naam": "Basisschool De Regenboog", "bekostigd": True, "sector": "PO",
     "vestigingen": [_v("07PA00", "1985-08-01")]},
    {"instellingscode": "08PB", "naam": "OBS De Klimop", "bekostigd": True, "sector": "PO",
     "vestigingen": [_v("08PB00", "1979-08-01")]},
    {"instellingscode": "25MB", "naam": "ROC Midden Nederland", "bekostigd": True, "sector": "MBO",
     "vestigingen": [_v("25MB00", "1996-08-01")]},
    {"instellingscode": "27VA", "naam": "VAVO Lyceum Amsterdam", "bekostigd": True, "sector": "VAVO",
     "vestigingen": [_v("27VA00", "2001-08-01")], "licenties": _lic("27VA00", ["4021", "4121"])},
)

STANDAARD_ADMINISTRATIES: tuple[dict, ...] = (
    {"oin": ADMINISTRATIE_1, "brins": ["12AB", "23CD", "34EF"], "endpoint": "http://127.0.0.1:8090/las",
     "modus": "synchroon", "leveranciersOins": [LEVERANCIER_1]},
    {"oin": ADMINISTRATIE_2, "brins": ["45GH", "56JK"], "modus": "synchroon"},
)


def _bp(bsn: str, voornamen: str, achternaam: str, geboren: str, geslacht: str, adres: dict,
        voorvoegsels: str | None = None, nationaliteiten: tuple[str, ...] = ("NL",), **extra) -> dict:
    p = {"burgerservicenummer": bsn, "achternaam": achternaam}
    if voorvoegsels:
        p["voorvoegsels"] = voorvoegsels
    p |= {"voornamen": voornamen, "geboorteDatum": geboren, "geslacht": geslacht}
    p["buitenlandsAdres" if "landcode" in adres else "binnenlandsAdres"] = adres
    p |= {"geheim": extra.pop("geheim", False), "nationaliteiten": list(nationaliteiten)}
    return p | extra


def _nl(straat: str, huisnummer: int, postcode: str, plaats: str, **rest) -> dict:
    return {"straatnaam": straat, "huisnummer": huisnummer, **rest, "postcode": postcode, "plaatsnaam": plaats}


#: (what it covers, the person). BSNs 99999xxxx are the RvIG test range; they never
#: come out of the generator. Documented in docs/referentiedata.md — keep in sync.
VASTE_PERSONEN: tuple[tuple[str, dict], ...] = (
    ("gewone leerling (beperkte set, ID51)",
     _bp("999990007", "Daan Pieter", "Jansen", "2012-03-14", "M", _nl("Oudegracht", 101, "3511AB", "Utrecht"))),
    ("accent en voorvoegsel: Renée / Renee, 'van der' (naamtolerantie)",
     _bp("999990019", "Renée Sophie", "Berg", "2011-06-02", "V",
         _nl("Keizersgracht", 12, "1015CJ", "Amsterdam", huisletter="A"), voorvoegsels="van der")),
    ("geheim adres (ID53: adres niet teruggegeven)",
     _bp("999990020", "Lotte", "Bakker", "2012-09-30", "V", _nl("Laan van Meerdervoort", 200, "2517AP", "Den Haag"),
         geheim=True)),
    ("puntadres (ID54)",
     _bp("999990032", "Milan", "Vries", "2010-12-05", "M", {"straatnaam": "."}, voorvoegsels="de")),
    ("overleden 2025-11-20 (ID55, KW02)",
     _bp("999990044", "Thijs", "Visser", "2009-04-18", "M", _nl("Vismarkt", 5, "9711KS", "Groningen"),
         datumOverlijden="2025-11-20")),
    ("nieuwkomer: Syrische nationaliteit, in Nederland sinds 2025-10-15 (BK06)",
     _bp("999990056", "Amira", "Haddad", "2013-01-22", "V", _nl("Stratumseind", 3, "5611ER", "Eindhoven"),
         nationaliteiten=("SY",), datumVestigingNederland="2025-10-15")),
    ("buitenlands adres België (landcode 5010)",
     _bp("999990068", "Lucas", "Peeters", "2012-07-07", "M",
         {"adresregelBuitenland1": "Meir 45", "adresregelBuitenland2": "2000 Antwerpen", "landcode": "5010"})),
    ("dubbelganger A: zelfde geboortedatum, geslacht en postcode als B, bijna dezelfde naam (geen unieke match, ID52)",
     _bp("999990081", "Emma Louise", "Jong", "2012-05-05", "V", _nl("Coolsingel", 40, "3011AD", "Rotterdam"),
         voorvoegsels="de")),
    ("dubbelganger B (zie A)",
     _bp("999990093", "Emma Sophie", "Jonge", "2012-05-05", "V", _nl("Coolsingel", 42, "3011AD", "Rotterdam"),
         voorvoegsels="de")),
    ("ouder dan 100 (ID04)",
     _bp("999990111", "Johanna Maria", "Smit", "1923-02-11", "V", _nl("Oude Markt", 1, "7511GA", "Enschede"))),
    ("praktijkonderwijs, ouder dan 18 op 1 oktober 2026 (BK05, KW08)",
     _bp("999990123", "Kevin", "Mulder", "2007-05-01", "M", _nl("Melkmarkt", 10, "8011MC", "Zwolle"))),
    ("lopende PO-inschrijving bij 07PA (BK02, KW18)",
     _bp("999990135", "Noah", "Bos", "2014-02-10", "M", _nl("Grote Markt", 8, "6511KB", "Nijmegen"))),
    ("lopende MBO-inschrijving bij 25MB sinds 2025-08-01 (BK02, KW20)",
     _bp("999990147", "Fleur", "Hendriks", "2009-08-15", "V", _nl("Markt", 20, "5211JX", "'s-Hertogenbosch"))),
    ("VAVO-inschrijving HAVO bij 27VA sinds 2025-08-01 (VAI VAVO, KW17, KW21, KW32)",
     _bp("999990159", "Sem", "Dijk", "2008-11-11", "M", _nl("Damrak", 70, "1012LM", "Amsterdam"),
         voorvoegsels="van")),
    ("dubbele nationaliteit NL en MA: Nederlander, geen nieuwkomer",
     _bp("999990160", "Yassin", "El Amrani", "2011-10-10", "M",
         _nl("Hoefkade", 100, "2526BE", "Den Haag", huisnummerToevoeging="2"), nationaliteiten=("NL", "MA"))),
    ("geslacht O (onbekend)",
     _bp("999990172", "Alex", "Meijer", "2012-12-12", "O", _nl("Jansbuitensingel", 7, "6811AA", "Arnhem"))),
    ("jonger dan 9 op 1 augustus 2026, lopende PO-inschrijving (KW06)",
     _bp("999990184", "Julia", "Graaf", "2018-04-04", "V", _nl("Grote Markt", 2, "4811XR", "Breda"),
         voorvoegsels="de")),
    ("buitenlands adres Duitsland (landcode 9089), Duitse nationaliteit",
     _bp("999990196", "Jonas", "Weber", "2011-03-03", "M",
         {"adresregelBuitenland1": "Hauptstraße 12", "adresregelBuitenland2": "47533 Kleve", "landcode": "9089"},
         nationaliteiten=("DE",))),
    ("nieuwkomer: Oekraïens, in Nederland sinds 2024-03-10, eerste inschrijving PO 2024-03-18 (BK06-venster)",
     _bp("999990202", "Oleksandr", "Kovalenko", "2012-09-01", "M",
         _nl("Stationsplein", 5, "3818LE", "Amersfoort"), nationaliteiten=("UA",),
         datumVestigingNederland="2024-03-10")),
)

#: A PO pupil known by an onderwijsnummer only (valid OWN check, no BRP person).
ONDERWIJSNUMMER_PO = "102345606"

STANDAARD_EXTERNE: tuple[dict, ...] = (
    {"burgerservicenummer": "999990007", "brin": "07PA", "sector": "PO",
     "datumInschrijving": "2016-08-22", "datumUitschrijving": "2024-07-31"},
    {"burgerservicenummer": "999990019", "brin": "08PB", "sector": "PO",
     "datumInschrijving": "2015-08-17", "datumUitschrijving": "2023-07-31"},
    {"burgerservicenummer": "999990135", "brin": "07PA", "sector": "PO", "datumInschrijving": "2018-08-20"},
    {"burgerservicenummer": "999990147", "brin": "25MB", "sector": "MBO", "datumInschrijving": "2025-08-01"},
    {"burgerservicenummer": "999990159", "brin": "27VA", "sector": "VAVO", "datumInschrijving": "2025-08-01",
     "niveau": "HAVO"},
    {"burgerservicenummer": "999990184", "brin": "08PB", "sector": "PO", "datumInschrijving": "2022-08-22"},
    {"burgerservicenummer": "999990202", "brin": "07PA", "sector": "PO",
     "datumInschrijving": "2024-03-18", "datumUitschrijving": "2024-07-31"},
    {"onderwijsnummer": ONDERWIJSNUMMER_PO, "brin": "08PB", "sector": "PO", "datumInschrijving": "2019-08-19"},
)


def maak_standaard(pad: str | Path | None = None) -> dict:
    """The shipped default dataset: the handcrafted administraties, schools and fixed
    persons above, then generated persons (seed :data:`STANDAARD_SEED`) up to
    :data:`STANDAARD_AANTAL_PERSONEN`. Written to ``pad`` (pretty JSON) when given."""
    vast = copy.deepcopy([p for _, p in VASTE_PERSONEN])
    instellingen = copy.deepcopy(list(STANDAARD_INSTELLINGEN))
    doc = {"rodOin": ROD_OIN, "administraties": copy.deepcopy(list(STANDAARD_ADMINISTRATIES)),
           "instellingen": instellingen, "opleidingen": copy.deepcopy(list(OPLEIDINGEN)),
           "vakken": copy.deepcopy(list(VAKKEN)), "personen": vast,
           "externeInschrijvingen": copy.deepcopy(list(STANDAARD_EXTERNE))}
    uitgesloten = frozenset(p["burgerservicenummer"] for p in vast)
    for p, externe in _personen(STANDAARD_AANTAL_PERSONEN - len(vast), STANDAARD_SEED,
                                _namen(STANDAARD_SEED), instellingen, uitgesloten):
        doc["personen"].append(p)
        doc["externeInschrijvingen"] += externe
    if pad is not None:
        Path(pad).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return doc


if __name__ == "__main__":
    from .loader import standaard_pad

    maak_standaard(standaard_pad())
    print(f"geschreven: {standaard_pad()}")
