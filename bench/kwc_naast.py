"""Deliveries while the weekly KWC batch runs: how long a delivery waits for the batch.

Needs a register that ``bench/b2.py --map MAP`` filled (its SQLite database and generated
reference data). One process sends inschrijvingen of pupils already enrolled (each a new
bedrijfsdocument, so each commits: the audit record, the processed document) one after
the other through the in-process WSGI app; first for ``--sekonden`` seconds alone, then
while a second process runs the KWC batch over every school (what ``serve`` does once a
week, and ``rod-service kwc draai`` on demand). Prints per phase the deliveries, p50, p99
and the slowest, and the batch's own time.

Run: .venv/bin/python bench/b2.py --leerlingen 200000 --scholen 130 --direct --map /tmp/b2m
     .venv/bin/python bench/kwc_naast.py --map /tmp/b2m
"""
from __future__ import annotations

import argparse
import itertools
import multiprocessing as mp
import time
from pathlib import Path

from b2 import VANDAAG, Sjablonen, _stil, leerlingen, roep, scholen, uitkomst
from verdeling import verdeling


def kwc_proces(url: str, uit, start) -> None:
    """The batch in its own process, as the scheduler or the CLI runs it."""
    _stil()
    from rod_service.bootstrap import bootstrap
    from rod_service.config import Instellingen
    from rod_service.service.kwaliteitscontrole import draai

    register = bootstrap(Instellingen(database_url=url, datum=VANDAAG), migreren=False)
    uit.put("gereed")
    start.wait()
    begin = time.perf_counter()
    uitkomsten = draai(register)
    uit.put((time.perf_counter() - begin, len(uitkomsten)))
    register.engine.dispose()


def _regel(naam: str, duren: list[float], wand: float) -> str:
    ms = [d * 1000 for d in duren]
    traag = sum(1 for d in ms if d > 100)
    return f"| {naam} | {len(ms):,} | {len(ms) / wand:,.0f} | {verdeling(ms)} | {traag} |"


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--map", type=Path, required=True, help="the --map of a bench/b2.py run")
    args.add_argument("--sekonden", type=float, default=10, help="the phase without the batch (default 10)")
    args.add_argument("--seed", type=int, default=2, help="b2.py's --seed")
    a = args.parse_args()
    _stil()
    from rod_service.bootstrap import bootstrap
    from rod_service.config import Instellingen
    from rod_service.http import maak_wsgi_app

    url = f"sqlite:///{a.map / 'b2.sqlite3'}"
    register = bootstrap(Instellingen(database_url=url, datum=VANDAAG), migreren=False)
    rd = register.referentiedata
    sjablonen = Sjablonen(rd.rod_oin)
    pupils = list(leerlingen(a.map / "referentiedata.json", scholen(rd), a.seed, 0, 2000))
    app = maak_wsgi_app(register)
    stroom = itertools.cycle(pupils)

    def lever() -> float:
        bericht = sjablonen.berichten(next(stroom))[1]
        begin = time.perf_counter()
        antwoord = roep(app, bericht)
        duur = time.perf_counter() - begin
        assert uitkomst(antwoord) in ("goedgekeurd", "asynchroon (ontvangen)"), uitkomst(antwoord)[:200]
        return duur

    ctx = mp.get_context("spawn")
    uit, start = ctx.Queue(), ctx.Event()
    kwc = ctx.Process(target=kwc_proces, args=(url, uit, start), daemon=True)
    kwc.start()
    assert uit.get() == "gereed"

    alleen, begin = [], time.perf_counter()
    while time.perf_counter() - begin < a.sekonden:
        alleen.append(lever())
    wand_alleen = time.perf_counter() - begin

    naast, begin = [], time.perf_counter()
    start.set()
    while uit.empty():
        naast.append(lever())
    wand_naast = time.perf_counter() - begin
    batch, aantal = uit.get()
    kwc.join()
    register.engine.dispose()
    print(f"KWC batch: {aantal} schools in {batch:.1f} s (in its own process)\n")
    print("| phase | deliveries | per s | p50 ms | p99 ms | slowest ms | > 100 ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(_regel("alone", alleen, wand_alleen))
    print(_regel("while the KWC batch runs", naast, wand_naast))


if __name__ == "__main__":
    main()
