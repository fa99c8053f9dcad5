"""Figures for docs/bestanden.md: what the KWC batch and an OBO cost per school size.

Fills one school (12AB) of a fresh SQLite register with N synthetic pupils (one person, one
inschrijving with three periods, an OPP and a verzuimmelding each; a tenth with a BSN of the
BRP), written directly with SQLAlchemy Core, then measures ``kwc draai --brin 12AB`` and the
OBO records of that school: wall time and the Python heap's peak (tracemalloc) while they
run. Run: .venv/bin/python bench/kwc.py [--aantal 1000 4000]
"""
from __future__ import annotations

import argparse
import logging
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime

from sqlalchemy import insert, select

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.domain.overzichten import Schooljaar
from rod_service.domain.pgn import genereer_onderwijsnummer
from rod_service.referentiedata.loader import persoon_naar_domein
from rod_service.service.kwaliteitscontrole import draai
from rod_service.service.overzichten import obo_records
from rod_service.store import models as m
from rod_service.store.overzichten import deelnemers

VANDAAG = date(2026, 11, 23)


def vul(register, aantal: int) -> None:
    nu = datetime.now(UTC)
    with register.sessies() as s, s.begin():
        bsns = list(s.scalars(select(m.BrpPersoonRij.burgerservicenummer).limit(aantal // 10)))
        uitgegeven: set[str] = set()
        for n in range(aantal):
            bsn = bsns[n] if n < len(bsns) else None
            pid = s.execute(insert(m.Persoon).values(
                burgerservicenummer=bsn, geboortedatum=date(2011 + n % 4, 1 + n % 12, 1 + n % 28),
                geslacht="MV"[n % 2], bekend_sinds=nu)).inserted_primary_key[0]
            nummer = bsn
            while nummer is None or (bsn is None and nummer in uitgegeven):
                nummer = genereer_onderwijsnummer()
            uitgegeven.add(nummer)
            if bsn is None:
                s.execute(insert(m.Onderwijsnummer).values(nummer=nummer, persoon_id=pid, uitgegeven_op=nu))
            iid = s.execute(insert(m.Inschrijving).values(
                persoon_id=pid, brin="12AB", inschrijvingvolgnummer=f"B-{n}",
                pgn_soort="burgerservicenummer" if bsn else "onderwijsnummer", pgn_nummer=nummer,
                administratie_oin="00000009900000000101", datum_inschrijving=date(2024, 8, 1),
                datum_uitschrijving=None, standsleutel=f"{n:064d}", opgeslagen_op=nu)).inserted_primary_key[0]
            s.execute(insert(m.InschrijvingPeriode), [
                dict(inschrijving_id=iid, datum_begin=date(2024 + j, 8, 1), onderwijsaanbieder="101A001",
                     onderwijslocatie="101X001", opleidingcode="3022", vestiging="12AB00", leerjaar=1 + j,
                     indicatie_bekostigbaar=True, indicatie_nieuwkomersbekostiging=None if bsn else False,
                     aanvullende_opleidingen=[], experimenten=[], opleidingskenmerken=[]) for j in range(3)])
            s.execute(insert(m.Ontwikkelingsperspectief).values(inschrijving_id=iid, datum_begin=date(2024, 10, 1)))
            s.execute(insert(m.Verzuimmelding).values(inschrijving_id=iid, datum_begin=date(2026, 3, 1)))


def meet(functie) -> tuple[float, float]:
    """Wall time of a plain run, then the heap peak of a second run under tracemalloc
    (which slows Python down several times over)."""
    start = time.perf_counter()
    functie()
    duur = time.perf_counter() - start
    tracemalloc.start()
    functie()
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return duur, piek / 2**20


def obo(register) -> None:
    sj = Schooljaar(2026)
    with register.sessies() as s:
        regels = 0
        for blok in deelnemers(s, "12AB", sj.begin, sj.einde, brp_naar_domein=persoon_naar_domein):
            regels += sum(len(obo_records(d, sj)) for d in blok)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aantal", type=int, nargs="+", default=[1000, 4000])
    args = parser.parse_args()
    logging.disable(logging.INFO)
    print("| leerlingen | KWC (s) | KWC heap peak (MiB) | OBO records (s) | OBO heap peak (MiB) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for aantal in args.aantal:
        with tempfile.TemporaryDirectory() as map_:
            register = bootstrap(Instellingen(database_url=f"sqlite:///{map_}/bench.sqlite3", datum=VANDAAG))
            vul(register, aantal)
            draai(register, brins=["23CD"])  # warm up: imports (matplotlib, reportlab), font cache
            kwc_s, kwc_mb = meet(lambda: draai(register, brins=["12AB"]))
            obo_s, obo_mb = meet(lambda: obo(register))
            print(f"| {aantal} | {kwc_s:.2f} | {kwc_mb:.1f} | {obo_s:.2f} | {obo_mb:.1f} |")


if __name__ == "__main__":
    main()
