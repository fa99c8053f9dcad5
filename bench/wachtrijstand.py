"""SQLite: the queue status (what ``/metrics``, ``/ops/status.json`` and ``rod-service
queue status`` read) against the size of the delivered history, and the retention that
bounds that history (``ROD_OUTBOX_BEWAREN``, ``queue purge``).

For each N of ``--aantallen``: a fresh register with N pushes delivered over the last hour
(``meekijken.vul_outbox``), each with the contract's ``verstrekkenBekostigingsberichtVO``
example as its body (1.6 KB, as a real push) and 1 % of them with an earlier failed
attempt, plus N/10 waiting. Then ``--keer`` reads of the queue status
(``status_per_administratie`` in a reading session) and of ``GET /metrics`` (in-process
WSGI): median and slowest. Then the retention removes the older half (delivered more than
30 minutes ago) in portions of 1 000: rows per second, and the reads once more.

Run: .venv/bin/python bench/wachtrijstand.py [--aantallen 10000 100000 1000000] [--keer 10]
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import timedelta

from b1 import VANDAAG
from meekijken import vul_outbox
from plafond import _vraag
from sqlalchemy import text

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.http import maak_wsgi_app
from rod_service.ops.logging import configureer
from rod_service.paden import wsdl_map
from rod_service.store.outbox import OutboxRepository

BODY = (wsdl_map() / "voorbeelden" / "verstrekkenBekostigingsberichtVO_Request.xml").read_bytes()


def _ms(doe, keer: int) -> str:
    """``median | slowest`` milliseconds of ``keer`` calls of ``doe``, as markdown cells."""
    duren = []
    for _ in range(keer):
        t = time.perf_counter()
        doe()
        duren.append((time.perf_counter() - t) * 1000)
    return f"{statistics.median(duren):.1f} | {max(duren):.1f}"


def _lezingen(register, app, keer: int) -> str:
    def status():
        with register.lezen() as sessie:
            OutboxRepository(sessie).status_per_administratie(nu=register.klok.nu())

    return f"{_ms(status, keer)} | {_ms(lambda: _vraag(app, 'GET', '/metrics'), keer)}"


def meet(aantal: int, keer: int, tmp: str) -> str:
    url = f"sqlite:///{tmp}/wachtrij_{aantal}.sqlite3"
    register = bootstrap(Instellingen(database_url=url, datum=VANDAAG))
    app = maak_wsgi_app(register)
    vul_outbox(register, aantal, BODY)
    with register.engine.begin() as verbinding:  # an earlier failed attempt on 1 % of them
        verbinding.execute(text("UPDATE outbox SET pogingen = 2, fout_soort = 'tijdelijk', "
                                "laatste_fout = '[tijdelijk] HTTP 503' WHERE status = 'bezorgd' AND id % 100 = 0"))
    mb = os.path.getsize(url.removeprefix("sqlite:///")) / 1e6
    voor = _lezingen(register, app, keer)
    opruimen = "–"
    try:
        from rod_service.store.outbox import ruim_bezorgd_op
    except ImportError:  # a checkout from before the retention (the "before" figures)
        na = " | ".join(["–"] * 4)
    else:
        t = time.perf_counter()
        weg = ruim_bezorgd_op(register.sessies, voor=register.klok.nu() - timedelta(minutes=30))
        duur = time.perf_counter() - t
        opruimen = f"{weg:,} in {duur:.2f} s ({weg / duur:,.0f}/s)"
        na = _lezingen(register, app, keer)
    register.engine.dispose()
    os.remove(url.removeprefix("sqlite:///"))
    return f"| {aantal:,} | {mb:,.0f} | {voor} | {opruimen} | {na} |"


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--aantallen", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args.add_argument("--keer", type=int, default=10, help="reads per measurement")
    a = args.parse_args()
    configureer(formaat="json", niveau="WARNING", stroom=open(os.devnull, "w"))  # noqa: SIM115
    print(f"SQLite, {len(BODY):,}-byte push bodies; {a.keer} reads each: median | slowest ms\n")
    print("| delivered | file MB | status p50 | status max | /metrics p50 | /metrics max | retention: older half "
          "removed | status p50 after | status max after | /metrics p50 after | /metrics max after |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR", "/tmp")) as tmp:
        for aantal in a.aantallen:
            print(meet(aantal, a.keer, tmp), flush=True)


if __name__ == "__main__":
    main()
