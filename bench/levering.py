"""CPU per changed aanleverenInschrijvingVO, in-process: the WSGI app called directly (the
HTTP code path minus the socket), one thread, so the figure is our own work per delivery
with nothing else in it. Also the upper bound of a group commit (``--groep K``).

The stream is B1's (bench/b1.py): 50 identified and enrolled persons, then their stand
delivered again with the third period's opleidingskenmerk flipped, so every request
rewrites the stand. Prints the best of ``--rondes`` rounds of ``--aantal`` requests.

``--groep K`` lets K consecutive deliveries share one unit of work (one BEGIN, one
COMMIT): NOT a correct group commit, since a rejected delivery would roll back the others.
A correct one needs a savepoint per delivery: ``--savepoint orm`` (``Session.begin_nested``)
or ``--savepoint driver`` (``SAVEPOINT``/``RELEASE`` on the driver connection after a
flush; a rolled-back delivery would still have to drop its ORM state, which this does not
do: the stream never rolls back). ``--logniveau WARNING`` leaves the access line out. All
of these only measure what a change could save (bench/RESULTS.md, fourth and tenth pass).

Run: .venv/bin/python bench/levering.py [--aantal 3000] [--postgres URL]
     [--groep 8 [--savepoint orm|driver]] [--logniveau WARNING]
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time

from b1 import VANDAAG, Berichten, _met_code, personen
from plafond import _post

import rod_service.bootstrap
from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.http import maak_wsgi_app
from rod_service.ops.logging import configureer
from rod_service.service.unit_of_work import UnitOfWork


def gedeelde_uow(k: int, savepoint: str | None) -> type[UnitOfWork]:
    """A UnitOfWork whose transaction K consecutive units share (measurement only), each
    in a savepoint of the ``savepoint`` kind (None, "orm" or "driver")."""
    stand = {"open": None, "n": 0}

    class Gedeeld(UnitOfWork):
        def __enter__(self):
            eerste = stand["open"]
            if eerste is None:
                super().__enter__()
                stand["open"] = self
            else:  # the open one's session and repositories
                self.__dict__.update({n: w for n, w in eerste.__dict__.items() if n != "_per_persoon"})
            self._savepoint = self.session.begin_nested() if savepoint == "orm" else None
            if savepoint == "driver":
                self._driver = self.session.connection().connection.driver_connection
                self._driver.execute("SAVEPOINT levering")
            self._laatste = False
            return self

        def commit(self) -> None:
            if self._savepoint is not None:
                self._savepoint.commit()
            if savepoint == "driver":
                self.session.flush()
                self._driver.execute("RELEASE levering")
            stand["n"] += 1
            if stand["n"] % k == 0:
                self.session.commit()
                self._laatste = True

        def __exit__(self, *exc) -> None:
            if self._laatste:
                UnitOfWork.__exit__(stand["open"], *exc)
                stand["open"] = None

    return Gedeeld


def b1_stroom(register, aantal: int = 50) -> tuple:
    """The WSGI app on ``register`` with B1's ``aantal`` persons identified and enrolled, and
    the stream's templates (2 × ``aantal``): each person's stand with the third period's
    opleidingskenmerk flipped, then flipped back, so every delivery rewrites the stand."""
    berichten, mensen = Berichten(), personen(aantal)
    app = maak_wsgi_app(register)
    for p in mensen:
        _post(app, _met_code(berichten.identificatie(*p)))
        _post(app, _met_code(berichten.inschrijving(p[0], 0)))
    return app, [berichten.inschrijving(p[0], v) for v in (1, 0) for p in mensen]


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--aantal", type=int, default=3000, help="requests per round (a multiple of 100)")
    args.add_argument("--rondes", type=int, default=3)
    args.add_argument("--postgres", help="an EMPTY PostgreSQL database (postgresql+psycopg://...)")
    args.add_argument("--groep", type=int, default=1, help="K deliveries per transaction (the bound)")
    args.add_argument("--savepoint", choices=("orm", "driver"), help="each delivery in a savepoint of this kind")
    args.add_argument("--logniveau", default="INFO", help="WARNING: without the access line")
    a = args.parse_args()
    if a.groep > 1 or a.savepoint:
        rod_service.bootstrap.UnitOfWork = gedeelde_uow(a.groep, a.savepoint)
    configureer(formaat="json", niveau=a.logniveau, stroom=open(os.devnull, "w"))  # noqa: SIM115 (the access line costs)
    with tempfile.TemporaryDirectory() as tmp:
        register = bootstrap(Instellingen(database_url=a.postgres or f"sqlite:///{tmp}/levering.sqlite3",
                                          datum=VANDAAG))
        app, sjablonen = b1_stroom(register)
        cpu, wand = [], []
        for ronde in range(a.rondes + 1):  # the first round warms up
            stroom = [_met_code(sjablonen[i % 100]) for i in range(a.aantal)]
            c, w = time.process_time(), time.perf_counter()
            for data in stroom:
                _post(app, data)
            if ronde:
                cpu.append((time.process_time() - c) / a.aantal * 1000)
                wand.append((time.perf_counter() - w) / a.aantal * 1000)
        register.engine.dispose()
    print(f"{'postgresql' if a.postgres else 'sqlite'}, groep {a.groep}"
          f"{f', {a.savepoint} savepoint' if a.savepoint else ''}, log {a.logniveau}: "
          f"best {min(cpu):.3f} ms CPU and {min(wand):.3f} ms wall per delivery "
          f"(rounds: {', '.join(f'{c:.3f}' for c in cpu)})")


if __name__ == "__main__":
    main()
