"""B2: the national start of the school year. N synthetic pupils over S schools are
identified and enrolled, then the weekly KWC batch runs over every school and the largest
school asks its OBO.

Steps, each printed as it finishes with wall time, CPU time and peak RSS:

1. ``genereer``: the reference-data file (``referentiedata.genereer.schrijf_groot``): S VO
   schools (plus PO/MBO/VAVO instellingen and administraties) and enough BRP persons for N
   pupils (a pupil is a person aged 11-20 on 1 August 2026, alive: ~85 % of them).
2. ``laad``: ``Register.laad_referentiedata_stroom``: the file checked while it is read,
   the BRP copy inserted in blocks, one transaction (flat memory).
3. ``ingest``: every pupil is identified (aanleverenIdentificerenPersoonVO, beperkte set)
   and gets one inschrijving (aanleverenInschrijvingVO) at their school: schools have
   lognormal sizes (the largest ~4x the mean), the opleiding is one the school is licensed
   for at its first vestiging, leerjaar by age (age - 11, at least 1, at most the
   opleiding's last), one period per schooljaar since the datumInschrijving (1-6 periods).
   The requests go through the **in-process WSGI app** (``http.maak_wsgi_app``: exactly the
   code behind the HTTP server, without socket and HTTP parsing), driven by P worker
   processes, each with its own Register on the same database (SQLite WAL; BEGIN IMMEDIATE
   serialises the writers). Messages are rendered once per shape by zeep from our WSDL and
   filled per pupil by string substitution. Pupils are streamed from the file to the workers
   in blocks (bounded queue): memory stays flat. A progress line every ~50 000 pupils.
   With ``--direct`` the same inschrijvingen are instead written straight into the tables
   (SQLAlchemy Core, like bench/kwc.py): NOT the service path, only to have national-size
   data for steps 4 and 5 when the service ingest is too slow to run here;
   ``--service-laatste K`` then sends the last K pupils through the service after all.
4. ``kwc``: ``service.kwaliteitscontrole.draai`` over every VO school (CSV, HTML, PDF each).
5. ``obo``: aanvragenOBOVO of the largest bekostigde school through the WSGI app
   (in-process), and the OBO records of that school alone (``obo_records``).
6. ``samenvoegen``: one changed BRP person merged into the reference data in force
   (``Register.voeg_referentiedata_samen``, what ``referentiedata load --samenvoegen`` and
   ``POST /admin/referentiedata?modus=samenvoegen`` do) on the national register.

The clock is fixed on 2026-10-01 (the teldatum of schooljaar 2026-2027). Peak RSS: VmHWM of
the process doing the step (reset at its start via /proc/self/clear_refs); for the ingest
the largest peak of the workers and the main process (which streams the pupils).

Run (a couple of minutes; then extrapolate):
    .venv/bin/python bench/b2.py --leerlingen 20000 --scholen 13
national size, ingest written directly (generation, load, KWC and OBO at full size), the
last 20 000 pupils through the service (its rate with a national register underneath):
    .venv/bin/python bench/b2.py --direct --service-laatste 20000
"""
from __future__ import annotations

import argparse
import base64
import itertools
import logging
import math
import multiprocessing as mp
import os
import random
import re
import resource
import shutil
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

VANDAAG = date(2026, 10, 1)
SCHOOLJAAR = "2026-2027"
DATUMTIJD = "2026-10-01T09:00:00Z"
BLOK = 250               # pupils per work item for a worker
VOORTGANG = 50_000       # a progress line every this many pupils (fewer for small runs)
AANDEEL_LEERLINGEN = 0.80  # of the generated persons, roughly, is a pupil (aged 11-20, alive: ~0.82)


# -- measuring ------------------------------------------------------------------------------

def _status(pid: int | str = "self") -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process in MiB."""
    try:
        tekst = open(f"/proc/{pid}/status").read()
    except OSError:
        return {}
    return {k: int(v) // 1024 for k, v in re.findall(r"(VmRSS|VmHWM):\s+(\d+) kB", tekst)}


def _reset_piek() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:  # not Linux: the peak then counts from the start of the process
        pass


def _piek() -> int:
    return _status().get("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


@dataclass
class Stap:
    naam: str
    wat: str
    wall: float = 0.0
    cpu: float = 0.0
    piek: int = 0
    noot: str = ""

    def regel(self) -> str:
        return (f"| {self.naam} | {self.wat} | {self.wall:.1f} | {self.cpu:.1f} | {self.piek} | {self.noot} |")


class Meting:
    def __init__(self, naam: str, wat: str) -> None:
        self.stap = Stap(naam, wat)

    def __enter__(self) -> Stap:
        _reset_piek()
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self.stap

    def __exit__(self, *exc) -> None:
        self.stap.wall = time.perf_counter() - self._wall
        self.stap.cpu += time.process_time() - self._cpu
        self.stap.piek = max(self.stap.piek, _piek())
        if exc[0] is None:
            print(self.stap.regel(), flush=True)


# -- the pupils -----------------------------------------------------------------------------

@dataclass(frozen=True)
class School:
    brin: str
    oin: str
    vestiging: str
    locatie: str
    aanbieder: str
    opleidingen: tuple[tuple[str, int], ...]  # (opleidingcode, laatsteLeerjaar)
    bekostigd: bool


@dataclass(frozen=True)
class Leerling:
    nummer: int
    bsn: str
    geboren: str
    geslacht: str
    brin: str
    oin: str
    opleiding: str
    vestiging: str
    locatie: str
    aanbieder: str
    leerjaar: int
    dag: int  # first school day in August (15-28): each period begins on it

    @property
    def volgnummer(self) -> str:
        return f"B2-{self.nummer}"

    def begin(self, j: int) -> date:
        """datumBegin of period j (0-based); period 0 begins on the datumInschrijving."""
        return date(VANDAAG.year - self.leerjaar + 1 + j, 8, self.dag)


def scholen(rd) -> list[School]:
    uit = []
    for i in rd.instellingen:
        if not i.is_vo or not i.vestigingen:
            continue
        v = i.vestigingen[0]
        codes = sorted({lic.opleidingcode for lic in i.licenties if lic.vestigingscode == v.vestigingscode}) or \
            sorted({lic.opleidingcode for lic in i.licenties})
        adm = rd.administratie_voor_brin(i.instellingscode)
        if not codes or adm is None or not v.onderwijslocaties or not i.onderwijsaanbieders:
            continue
        uit.append(School(i.instellingscode, adm.oin, v.vestigingscode, v.onderwijslocaties[0],
                          i.onderwijsaanbieders[0].code,
                          tuple((c, rd.opleiding(c).laatste_leerjaar) for c in codes), i.bekostigd))
    return uit


def leeftijd(geboren: date, op: date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def leerlingen(pad: Path, lijst: list[School], seed: int, van: int, tot: int):
    """Pupils ``van`` up to ``tot`` in file order: persons aged 11-20 on 1 August, alive,
    each at a school drawn by (lognormal) size. Streamed from the file; nothing is
    collected. The same seed gives the same pupils whatever range is asked."""
    from rod_service.referentiedata import loader

    rng = random.Random(f"{seed}-b2")
    gewichten = [rng.lognormvariate(0, 0.5) for _ in lijst]
    cumulatief, som = [], 0.0
    for g in gewichten:
        som += g
        cumulatief.append(som)
    peil = date(VANDAAG.year, 8, 1)
    n = 0
    for p in loader.lees_stroom(pad).personen():
        if n >= tot:
            return
        geboren = date.fromisoformat(p["geboorteDatum"])
        jaren = leeftijd(geboren, peil)
        if not 11 <= jaren <= 20 or "datumOverlijden" in p:
            continue
        s = rng.choices(lijst, cum_weights=cumulatief)[0]
        code, laatste = rng.choice(s.opleidingen)
        dag = rng.randint(15, 28)
        n += 1
        if n <= van:
            continue
        yield Leerling(n - 1, p["burgerservicenummer"], p["geboorteDatum"], p["geslacht"], s.brin, s.oin, code,
                       s.vestiging, s.locatie, s.aanbieder, max(1, min(jaren - 11, laatste)), dag)


# -- messages: rendered once per shape by zeep, filled by substitution -------------------------

_CODE = "0b2b2b2b-0000-4000-8000-000000000000"
_OIN = "99999999999999999991"
_BSN = "888888881"


class Sjablonen:
    """``str.format`` templates of the request envelopes, made from zeep renderings with
    sentinel values (zeep itself runs once per shape, never per message)."""

    def __init__(self, rod_oin: str) -> None:
        import zeep
        from lxml import etree

        from rod_service.paden import wsdl_map

        client = zeep.Client(str(wsdl_map() / "RegisterOnderwijsdeelnemersVO.wsdl"))

        def render(operatie: str, vervang: dict[str, str], **waarden) -> str:
            doc = {"identificatiecodeBedrijfsdocument": _CODE, "verzendendeInstantie": _OIN,
                   "ontvangendeInstantie": rod_oin, "datumTijdBedrijfsdocument": DATUMTIJD}
            tekst = etree.tostring(client.create_message(client.service, operatie, **doc, **waarden),
                                   encoding="unicode").replace("{", "{{").replace("}", "}}")
            tekst = re.sub(r"(MessageID>urn:uuid:)[^<]+<", r"\1{mid}<", tekst)
            for oud, nieuw in {_CODE: "{code}", _OIN: "{oin}", **vervang}.items():
                assert tekst.count(oud) >= 1, (operatie, oud)
                tekst = tekst.replace(oud, nieuw)
            return tekst

        self.identificatie = render(
            "aanleverenIdentificerenPersoonVO", {_BSN: "{bsn}", "1901-01-01": "{geboren}", ">O<": ">{geslacht}<"},
            geboorteDatum=date(1901, 1, 1), geslacht="O", metPGN={"burgerservicenummer": _BSN})
        self.inschrijving = {}
        for n in range(1, 7):
            vervang = {_BSN: "{bsn}", "QQ99": "{brin}", "@VOLG@": "{volg}", "1901-01-01": "{b0}",
                       "@AANB@": "{aanbieder}", "@LOC@": "{locatie}", "@OPL@": "{opleiding}", "@VEST@": "{vestiging}"}
            perioden = []
            for j in range(n):
                vervang[f"1901-0{2 + j}-01"] = f"{{b{j}}}"
                vervang[f">{7771 + j}<"] = f">{{l{j}}}<"
                perioden.append({"datumBegin": date(1901, 2 + j, 1), "onderwijsaanbieder": "@AANB@",
                                 "onderwijslocatie": "@LOC@", "opleidingcode": "@OPL@", "vestiging": "@VEST@",
                                 "leerjaar": 7771 + j, "indicatieBekostigbaar": True})
            vervang["1901-01-01"] = "{b0}"
            self.inschrijving[n] = render(
                "aanleverenInschrijvingVO", vervang, burgerservicenummer=_BSN, brin="QQ99",
                inschrijvingvolgnummer="@VOLG@", datumInschrijving=date(1901, 1, 1), inschrijvingPeriodeVO=perioden)
        self.obo = render("aanvragenOBOVO", {"QQ99": "{brin}"}, brin="QQ99", schooljaar=SCHOOLJAAR)

    def berichten(self, ll: Leerling) -> tuple[bytes, bytes]:
        ident = self.identificatie.format(code=uuid.uuid4(), mid=uuid.uuid4(), oin=ll.oin, bsn=ll.bsn,
                                          geboren=ll.geboren, geslacht=ll.geslacht)
        waarden = {f"b{j}": ll.begin(j).isoformat() for j in range(ll.leerjaar)}
        waarden |= {f"l{j}": j + 1 for j in range(ll.leerjaar)}
        ins = self.inschrijving[ll.leerjaar].format(
            code=uuid.uuid4(), mid=uuid.uuid4(), oin=ll.oin, bsn=ll.bsn, brin=ll.brin, volg=ll.volgnummer,
            aanbieder=ll.aanbieder, locatie=ll.locatie, opleiding=ll.opleiding, vestiging=ll.vestiging, **waarden)
        return ident.encode(), ins.encode()


# -- the in-process WSGI call -----------------------------------------------------------------

_OMGEVING = {"REQUEST_METHOD": "POST", "PATH_INFO": "/rod/vo", "CONTENT_TYPE": "text/xml; charset=utf-8",
             "REMOTE_ADDR": "127.0.0.1", "SERVER_NAME": "b2", "SERVER_PORT": "80", "wsgi.url_scheme": "http",
             "QUERY_STRING": ""}


def roep(app, data: bytes) -> bytes:
    import io

    env = dict(_OMGEVING, CONTENT_LENGTH=str(len(data)))
    env["wsgi.input"] = io.BytesIO(data)
    return b"".join(app(env, lambda status, headers, *rest: None))


_SIGNAAL = re.compile(rb"<(?:\w+:)?code>(\w+)</")


def uitkomst(antwoord: bytes) -> str:
    if b">GOEDGEKEURD<" in antwoord:
        return "goedgekeurd"
    if b">AFGEKEURD<" in antwoord:
        return "afgekeurd " + ",".join(sorted({c.decode() for c in _SIGNAAL.findall(antwoord)}))
    if b"Fault>" in antwoord:
        return "fault " + ",".join(sorted({c.decode() for c in _SIGNAAL.findall(antwoord)}))
    if b"ontvangstBevestiging>J<" in antwoord:
        return "asynchroon (ontvangen)"
    return "onbekend"


def _stil() -> None:
    logging.disable(logging.WARNING)


def werker(url: str, sjablonen: Sjablonen, taken, uit) -> None:
    """One worker process: its own Register on the shared database, its own WSGI app."""
    _stil()
    from rod_service.bootstrap import bootstrap
    from rod_service.config import Instellingen
    from rod_service.http import maak_wsgi_app

    register = bootstrap(Instellingen(database_url=url, datum=VANDAAG), migreren=False)
    app = maak_wsgi_app(register)
    uit.put(("gereed", os.getpid()))
    cpu = time.process_time()
    while (blok := taken.get()) is not None:
        tellingen: Counter = Counter()
        for ll in blok:
            for soort, bericht in zip(("identificatie", "inschrijving"), sjablonen.berichten(ll)):
                tellingen[f"{soort}: {uitkomst(roep(app, bericht))}"] += 1
        uit.put(("blok", os.getpid(), len(blok), tellingen))
    register.engine.dispose()
    uit.put(("klaar", os.getpid(), time.process_time() - cpu, _piek()))


def ingest_service(url: str, pad: Path, lijst: list[School], seed: int, van: int, tot: int, processen: int,
                   sjablonen: Sjablonen, meting: Meting) -> Counter:
    """Start the workers (not timed: imports, bootstrap), then time streaming the pupils
    to them until the last answer."""
    ctx = mp.get_context("spawn")
    taken, uit = ctx.Queue(maxsize=4 * processen), ctx.Queue()
    werkers = [ctx.Process(target=werker, args=(url, sjablonen, taken, uit), daemon=True) for _ in range(processen)]
    for w in werkers:
        w.start()
    for _ in werkers:
        assert uit.get()[0] == "gereed"
    # the stream is put on pupil ``van`` before the clock starts: with --service-laatste it
    # reads past the pupils before it first (~16 s for 980 000), which is not the service's work
    stroom = leerlingen(pad, lijst, seed, van, tot)
    eerste = next(stroom, None)
    with meting as stap:
        tellingen = _stuur(itertools.chain([eerste] if eerste else [], stroom), tot - van,
                           werkers, taken, uit, stap)
    return tellingen


def _stuur(stroom, aantal: int, werkers, taken, uit, stap: Stap) -> Counter:
    tellingen: Counter = Counter()
    klaar, gedaan, volgende = {}, 0, min(VOORTGANG, max(1000, aantal // 10))
    begin = time.perf_counter()

    def verwerk(bericht) -> None:
        nonlocal gedaan, volgende
        if bericht[0] == "klaar":
            klaar[bericht[1]] = bericht[2:]
            return
        gedaan += bericht[2]
        tellingen.update(bericht[3])
        if gedaan >= volgende or gedaan == aantal:
            duur = time.perf_counter() - begin
            rss = [_status(w.pid).get("VmRSS", 0) for w in werkers]
            print(f"    {gedaan:>9,} pupils  {duur:7.0f} s  {gedaan / duur:6.0f} pupils/s "
                  f"({2 * gedaan / duur:6.0f} req/s)  RSS MiB main {_status().get('VmRSS', 0)}, "
                  f"workers {rss}", flush=True)
            volgende += min(VOORTGANG, max(1000, aantal // 10))

    def leeg() -> None:
        while not uit.empty():
            verwerk(uit.get())

    blok: list[Leerling] = []
    for ll in stroom:
        blok.append(ll)
        if len(blok) == BLOK:
            taken.put(blok)
            blok = []
            leeg()
    if blok:
        taken.put(blok)
    for _ in werkers:
        taken.put(None)
    while len(klaar) < len(werkers):
        verwerk(uit.get())
    for w in werkers:
        w.join()
    stap.cpu += sum(cpu for cpu, _ in klaar.values())
    stap.piek = max(piek for _, piek in klaar.values())
    stap.noot = (f"{len(werkers)} worker processes, in-process WSGI; CPU = main + workers; "
                 f"peak = largest of main and workers (workers: {sorted(p for _, p in klaar.values())})")
    return tellingen


def ingest_direct(register, pad: Path, lijst: list[School], seed: int, van: int, tot: int, stap: Stap) -> Counter:
    """The same inschrijvingen written straight into the tables: NOT the service path."""
    from sqlalchemy import func, insert, select

    from rod_service.domain.inschrijving import Inschrijvingsstand, Periode
    from rod_service.domain.pgn import bsn as als_bsn
    from rod_service.store import models as m

    nu = datetime.now(UTC)
    tellingen: Counter = Counter()
    with register.sessies() as s, s.begin():
        pid = (s.scalar(select(func.max(m.Persoon.id))) or 0)
        iid = (s.scalar(select(func.max(m.Inschrijving.id))) or 0)
        personen, inschrijvingen, perioden = [], [], []

        def schrijf() -> None:
            for tabel, rijen in ((m.Persoon, personen), (m.Inschrijving, inschrijvingen),
                                 (m.InschrijvingPeriode, perioden)):
                if rijen:
                    s.execute(insert(tabel.__table__), rijen)
                rijen.clear()

        for ll in leerlingen(pad, lijst, seed, van, tot):
            pid, iid = pid + 1, iid + 1
            personen.append(dict(id=pid, burgerservicenummer=ll.bsn, geboortedatum=date.fromisoformat(ll.geboren),
                                 geslacht=ll.geslacht, bekend_sinds=nu, naamsleutel=None, voornaamsleutel=None,
                                 postcode=None, landcode=None))
            pers = tuple(Periode(ll.begin(j), ll.opleiding, ll.vestiging, True, ll.aanbieder, ll.locatie,
                                 leerjaar=j + 1) for j in range(ll.leerjaar))
            stand = Inschrijvingsstand(pgn=als_bsn(ll.bsn), brin=ll.brin, inschrijvingvolgnummer=ll.volgnummer,
                                       datum_inschrijving=ll.begin(0), perioden=pers)
            inschrijvingen.append(dict(id=iid, persoon_id=pid, brin=ll.brin, inschrijvingvolgnummer=ll.volgnummer,
                                       pgn_soort="burgerservicenummer", pgn_nummer=ll.bsn, administratie_oin=ll.oin,
                                       datum_inschrijving=ll.begin(0), datum_uitschrijving=None,
                                       standsleutel=stand.standsleutel(), opgeslagen_op=nu))
            perioden.extend(dict(inschrijving_id=iid, datum_begin=p.datum_begin,
                                 onderwijsaanbieder=p.onderwijsaanbieder, onderwijslocatie=p.onderwijslocatie,
                                 opleidingcode=p.opleidingcode, vestiging=p.vestiging, leerjaar=p.leerjaar,
                                 indicatie_bekostigbaar=True, indicatie_nieuwkomersbekostiging=None,
                                 aanvullende_opleidingen=[], experimenten=[], opleidingskenmerken=[])
                            for p in pers)
            tellingen["direct geschreven"] += 1
            if len(personen) == 5000:
                schrijf()
                if tellingen["direct geschreven"] % VOORTGANG == 0:
                    print(f"    {tellingen['direct geschreven']:>9,} pupils written", flush=True)
        schrijf()
    stap.noot = "DIRECT INSERT (SQLAlchemy Core), not the service path"
    return tellingen


# -- main -------------------------------------------------------------------------------------

def _samenvatting(stap: Stap, tellingen: Counter) -> None:
    n = sum(v for k, v in tellingen.items() if not k.startswith("identificatie"))
    print(f"    {n:,} pupils in {stap.wall:.0f} s: {n / stap.wall:.0f} pupils/s, "
          f"{stap.wall / n * 1e3:.2f} ms wall and {stap.cpu / n * 1e3:.2f} ms CPU per pupil")
    for k, v in sorted(tellingen.items()):
        print(f"    {k}: {v:,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leerlingen", type=int, default=1_000_000, help="pupils (default 1 000 000)")
    parser.add_argument("--scholen", type=int, default=650, help="VO schools (default 650)")
    parser.add_argument("--processen", type=int, default=2, help="worker processes for the ingest (default 2)")
    parser.add_argument("--database", help="SQLAlchemy URL of an EMPTY database (default: a temporary SQLite file)")
    parser.add_argument("--direct", action="store_true",
                        help="write the inschrijvingen directly into the tables instead of through the service")
    parser.add_argument("--service-laatste", type=int, default=0, metavar="K",
                        help="with --direct: send the last K pupils through the service after all (its rate at "
                             "national fill level)")
    parser.add_argument("--referentiedata", type=Path, help="reuse this generated file (skips step 1)")
    parser.add_argument("--map", type=Path, help="keep the generated file and SQLite database here")
    parser.add_argument("--seed", type=int, default=2)
    opties = parser.parse_args()
    _stil()

    from rod_service.bootstrap import bootstrap
    from rod_service.config import Instellingen
    from rod_service.domain.kalender import Schooljaar
    from rod_service.http import maak_wsgi_app
    from rod_service.referentiedata import loader
    from rod_service.referentiedata.genereer import schrijf_groot
    from rod_service.referentiedata.loader import persoon_naar_domein
    from rod_service.service.kwaliteitscontrole import draai
    from rod_service.service.overzichten import obo_records
    from rod_service.store.overzichten import deelnemers

    tijdelijk = None
    if opties.map is None:
        opties.map = Path(tijdelijk := tempfile.mkdtemp(prefix="b2-"))
    opties.map.mkdir(parents=True, exist_ok=True)
    url = opties.database or f"sqlite:///{opties.map / 'b2.sqlite3'}"
    personen = math.ceil(opties.leerlingen / AANDEEL_LEERLINGEN) + 1000
    print(f"B2: {opties.leerlingen:,} pupils over {opties.scholen} schools, {opties.processen} worker processes, "
          f"{url.split('://')[0]}, clock {VANDAAG}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print("| step | what | wall s | CPU s | peak RSS MiB | note |\n"
          "| --- | --- | ---: | ---: | ---: | --- |", flush=True)
    try:
        pad = opties.referentiedata or opties.map / "referentiedata.json"
        if opties.referentiedata is None:
            with Meting("genereer", f"{personen:,} BRP persons, {opties.scholen} VO schools") as stap:
                schrijf_groot(pad, personen=personen, scholen=opties.scholen, seed=opties.seed)
                stap.noot = f"{pad.stat().st_size / 2**20:.0f} MiB JSON"

        with Meting("laad", "streaming check + BRP copy (one transaction)") as stap:
            register = bootstrap(Instellingen(database_url=url, datum=VANDAAG))
            rd = register.laad_referentiedata_stroom(pad)
            stap.noot = (f"{len(rd.instellingen)} instellingen, "
                         f"{len(rd.externe_inschrijvingen):,} externe inschrijvingen")
        lijst = scholen(rd)

        n, via_service = opties.leerlingen, opties.leerlingen
        if opties.direct:
            via_service = min(opties.service_laatste, n)
            meting = Meting("ingest direct", f"{n - via_service:,} pupils: persoon + inschrijving rows")
            with meting as stap:
                tellingen = ingest_direct(register, pad, lijst, opties.seed, 0, n - via_service, stap)
            _samenvatting(stap, tellingen)
        if via_service:
            meting = Meting("ingest", f"{via_service:,} pupils: identificatie + inschrijving" +
                            (f" (the last, on top of {n - via_service:,} direct)" if via_service < n else ""))
            tellingen = ingest_service(url, pad, lijst, opties.seed, n - via_service, n, opties.processen,
                                       Sjablonen(rd.rod_oin), meting)
            _samenvatting(meting.stap, tellingen)

        from sqlalchemy import func, select

        from rod_service.store import models as m

        with register.sessies() as s:
            per_school = dict(s.execute(select(m.Inschrijving.brin, func.count()).group_by(m.Inschrijving.brin)).all())
        bekostigd = {sc.brin for sc in lijst if sc.bekostigd}
        grootste = max((b for b in per_school if b in bekostigd), key=per_school.get)
        print(f"    stored inschrijvingen: {sum(per_school.values()):,} at {len(per_school)} schools; "
              f"largest bekostigde school {grootste}: {per_school[grootste]:,}", flush=True)

        with Meting("kwc", f"KWC batch, {len(lijst)} schools") as stap:
            uitkomsten = draai(register)
            stap.noot = f"{sum(u.totaal for u in uitkomsten):,} signals"

        sj = Schooljaar(VANDAAG.year)
        with Meting("obo records", f"OBO records of {grootste} ({per_school[grootste]:,} pupils), no file") as stap:
            with register.sessies() as s:
                regels = sum(len(obo_records(d, sj)) for blok in deelnemers(
                    s, grootste, sj.begin, sj.einde, brp_naar_domein=persoon_naar_domein) for d in blok)
            stap.noot = f"{regels:,} records"

        app = maak_wsgi_app(register)
        sjablonen = Sjablonen(rd.rod_oin)
        oin = rd.administratie_voor_brin(grootste).oin
        with Meting("obo", f"aanvragenOBOVO {grootste} via the WSGI app") as stap:
            bericht = sjablonen.obo.format(code=uuid.uuid4(), mid=uuid.uuid4(), oin=oin, brin=grootste)
            antwoord = roep(app, bericht.encode())
            inhoud = re.search(rb"<(?:\w+:)?inhoud>([^<]*)</", antwoord)
            regels = base64.b64decode(inhoud.group(1)).count(b"\n") if inhoud else 0
            stap.noot = f"{uitkomst(antwoord)}, {regels:,} lines, {len(antwoord) / 2**20:.1f} MiB answer"

        with register.lezen() as s:  # a person of the BRP copy, changed
            persoon = dict(s.scalars(select(m.BrpPersoonRij.gegevens).limit(1)).one())
        persoon["achternaam"] += "-B2"
        with Meting("samenvoegen", "one changed BRP person merged into the reference data in force") as stap:
            register.voeg_referentiedata_samen(loader.lees({"personen": [persoon]}, gedeeltelijk=True))
            stap.noot = f"{register.aantal_brp_personen():,} BRP persons kept"
        register.engine.dispose()
    finally:
        if tijdelijk:
            shutil.rmtree(tijdelijk, ignore_errors=True)


if __name__ == "__main__":
    main()
