"""SQLite: how long a short write transaction outside a delivery waits under delivery load,
in its turn on the write slot (``store/db.schrijfslot``) and without it (on SQLite's busy
handler, which sleeps in steps of up to 100 ms and only wins if it wakes in a gap).

Two threads send B1's stream of changed deliveries through the in-process WSGI app without
pause; meanwhile, every 50 ms, the dispatcher's claim transaction (``run_once`` on an empty
outbox: what it does on every look) runs, and, in turn, a bare ``BEGIN IMMEDIATE``
transaction without the slot. Prints the wait of each kind: median, p90 and the slowest.

Run: .venv/bin/python bench/schrijfslot.py [--aantal 100]
"""
from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time

from b1 import VANDAAG, _met_code
from levering import b1_stroom
from plafond import _post
from sqlalchemy import text
from verdeling import verdeling

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.ops.logging import configureer
from rod_service.outbox.dispatcher import maak_dispatcher


def _regel(naam: str, ms: list[float]) -> str:
    return f"| {naam} | {len(ms)} | {verdeling(ms, 0.9)} |"


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--aantal", type=int, default=100, help="transactions of each kind")
    a = args.parse_args()
    configureer(formaat="json", niveau="INFO", stroom=open(os.devnull, "w"))  # noqa: SIM115
    with tempfile.TemporaryDirectory() as tmp:
        register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp}/slot.sqlite3", datum=VANDAAG))
        app, sjablonen = b1_stroom(register)
        stop, geleverd = threading.Event(), [0, 0]

        def lever(k: int) -> None:
            i = k
            while not stop.is_set():
                _post(app, _met_code(sjablonen[i % 100]))
                geleverd[k] += 1
                i += 2

        draden = [threading.Thread(target=lever, args=(k,)) for k in range(2)]
        for d in draden:
            d.start()
        dispatcher = maak_dispatcher(register)
        met_slot, zonder = [], []
        begin = time.perf_counter()
        for _ in range(a.aantal):
            t = time.perf_counter()
            dispatcher.run_once()
            met_slot.append((time.perf_counter() - t) * 1000)
            time.sleep(0.05)
            t = time.perf_counter()
            with register.engine.begin() as verbinding:
                verbinding.execute(text("SELECT 1"))
            zonder.append((time.perf_counter() - t) * 1000)
            time.sleep(0.05)
        stop.set()
        for d in draden:
            d.join()
        duur = time.perf_counter() - begin
        register.engine.dispose()
    print(f"{sum(geleverd):,} deliveries in {duur:.0f} s ({sum(geleverd) / duur:,.0f}/s) from 2 threads\n")
    print("| transaction | n | median ms | p90 ms | slowest ms |\n| --- | ---: | ---: | ---: | ---: |")
    print(_regel("dispatcher claim (run_once), in the slot", met_slot))
    print(_regel("bare BEGIN IMMEDIATE, no slot", zonder))


if __name__ == "__main__":
    main()
