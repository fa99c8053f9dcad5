"""SQLite: deliveries while monitoring reads the store next to them (Prometheus scraping
``/metrics``, an open ops page polling ``/ops/status.json``).

Two threads send B1's stream of changed deliveries through the in-process WSGI app without
pause, first alone, then while a second process on the same database file (another
``serve --workers`` process, where a scrape may land) answers ``/metrics`` and
``/ops/status.json`` in turn every ``--periode`` seconds. Prints per phase the deliveries,
their p50, p99 and slowest, and how long the reads took.

``--outbox N`` first stores N pushes delivered in the last hour and N/10 waiting ones (a
busy deployment's queue), which is what the reads count.

Run: .venv/bin/python bench/meekijken.py [--sekonden 15] [--periode 0.1] [--outbox 100000]
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import tempfile
import threading
import time
import uuid
from datetime import timedelta

from b1 import VANDAAG, _met_code
from levering import b1_stroom
from plafond import _post, _vraag
from verdeling import verdeling

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.ops.logging import configureer
from rod_service.store.models import OutboxBericht

ROUTES = ("/metrics", "/ops/status.json")


def kijker(url: str, periode: float, uit, start, stop) -> None:
    """The monitoring reads in their own process, as another worker answers them."""
    configureer(formaat="json", niveau="INFO", stroom=open(os.devnull, "w"))  # noqa: SIM115
    from rod_service.http import maak_wsgi_app

    register = bootstrap(Instellingen(database_url=url, datum=VANDAAG), migreren=False)
    app = maak_wsgi_app(register)
    uit.put("gereed")
    start.wait()
    duren: dict[str, list[float]] = {r: [] for r in ROUTES}
    i = 0
    while not stop.is_set():
        pad = ROUTES[i % len(ROUTES)]
        t = time.perf_counter()
        _vraag(app, "GET", pad)
        duren[pad].append((time.perf_counter() - t) * 1000)
        i += 1
        stop.wait(periode)
    uit.put(duren)
    register.engine.dispose()


def vul_outbox(register, aantal: int, body: bytes = b"<x/>") -> None:
    """``aantal`` pushes delivered over the last hour and a tenth of that waiting, per
    administratie of the reference data, straight into the store (``body``: each one's
    message; a real push is 1.1-1.6 KB, ``wachtrijstand.py``)."""
    nu = register.klok.nu()
    oins = [a.oin for a in register.referentiedata.administraties]

    def rij(i: int) -> dict:
        bezorgd = i < aantal
        tijd = nu - timedelta(seconds=3600 * i / max(aantal, 1))
        # a delivered push was due when it was made; a waiting one is parked for a day
        return dict(administratie_oin=oins[i % len(oins)], operatie="pushBekostigingVO",
                    identificatiecode=str(uuid.uuid4()), message_id=f"urn:uuid:{uuid.uuid4()}",
                    body=body, status="bezorgd" if bezorgd else "nieuw", pogingen=1 if bezorgd else 0,
                    volgende_poging_op=tijd if bezorgd else nu + timedelta(days=1), aangemaakt_op=tijd,
                    reeks_begin_op=tijd, laatste_poging_op=tijd if bezorgd else None,
                    bezorgd_op=tijd if bezorgd else None)

    totaal = aantal + aantal // 10
    with register.engine.begin() as verbinding:
        for begin in range(0, totaal, 20_000):  # bounded memory for a million rows
            verbinding.execute(OutboxBericht.__table__.insert(), [rij(i) for i in range(begin, min(totaal, begin + 20_000))])

def _fase(app, sjablonen, sekonden: float) -> list[float]:
    stop, duren = threading.Event(), [[], []]

    def lever(k: int) -> None:
        i = k
        while not stop.is_set():
            t = time.perf_counter()
            _post(app, _met_code(sjablonen[i % len(sjablonen)]))
            duren[k].append((time.perf_counter() - t) * 1000)
            i += 2

    draden = [threading.Thread(target=lever, args=(k,)) for k in range(2)]
    for d in draden:
        d.start()
    time.sleep(sekonden)
    stop.set()
    for d in draden:
        d.join()
    return duren[0] + duren[1]


def _regel(naam: str, ms: list[float], sekonden: float | None = None) -> str:
    per_s = f"{len(ms) / sekonden:,.0f}" if sekonden else ""
    return f"| {naam} | {len(ms):,} | {per_s} | {verdeling(ms)} |"


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--sekonden", type=float, default=15.0, help="length of each phase")
    args.add_argument("--periode", type=float, default=0.1, help="pause between two monitoring reads")
    args.add_argument("--outbox", type=int, default=0, help="delivered pushes stored first")
    a = args.parse_args()
    configureer(formaat="json", niveau="INFO", stroom=open(os.devnull, "w"))  # noqa: SIM115
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/meekijken.sqlite3"
        register = bootstrap(Instellingen(database_url=url, datum=VANDAAG))
        app, sjablonen = b1_stroom(register)
        vul_outbox(register, a.outbox)
        alleen = _fase(app, sjablonen, a.sekonden)
        ctx = mp.get_context("spawn")
        uit, start, stop = ctx.Queue(), ctx.Event(), ctx.Event()
        proces = ctx.Process(target=kijker, args=(url, a.periode, uit, start, stop))
        proces.start()
        assert uit.get(timeout=120) == "gereed"
        start.set()
        naast = _fase(app, sjablonen, a.sekonden)
        stop.set()
        reads = uit.get(timeout=120)
        proces.join()
        register.engine.dispose()
    print(f"2 delivery threads, {a.sekonden:.0f} s per phase; monitoring reads every {a.periode * 1000:.0f} ms "
          f"from a second process; {a.outbox:,} delivered pushes in the outbox\n")
    print("| | n | per s | p50 ms | p99 ms | slowest ms |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    print(_regel("deliveries alone", alleen, a.sekonden))
    print(_regel("deliveries next to the reads", naast, a.sekonden))
    for pad, ms in reads.items():
        print(_regel(f"`GET {pad}`", ms))


if __name__ == "__main__":
    main()
