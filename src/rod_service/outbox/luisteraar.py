"""PostgreSQL: wake a dispatcher when another process commits a push.

``OutboxRepository.plaats`` sends ``NOTIFY rod_outbox, '<administratie OIN>'`` in the
transaction that queues a push; PostgreSQL delivers it at commit, to every connection
that listens. A dispatcher in another process (``rod-service dispatch``, the background worker of
``serve --workers``) then claims the push at once instead of at its next poll
(``ROD_OUTBOX_INTERVAL``; bench/RESULTS.md B3: p50 ~265 ms at the default 0.5 s). The
poll stays: it is what finds pushes while this connection is away, pause and endpoint
changes, and retries that came due. SQLite has no such channel: processes poll there.
"""
from __future__ import annotations

import logging
import threading

from sqlalchemy import Engine

from ..store.outbox import NOTIFY_KANAAL as KANAAL
from ..store.outbox import Wekker

log = logging.getLogger(__name__)


class Luisteraar:
    """A daemon thread on its own connection (autocommit, ``LISTEN rod_outbox``) that
    wakes ``wekker`` with the administratie of every notification; it reconnects after
    ``interval`` when the connection is lost, until :meth:`stop`."""

    def __init__(self, engine: Engine, wekker: Wekker, interval: float) -> None:
        self._conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._wekker, self._interval = wekker, interval
        self._stop = threading.Event()
        self._draad: threading.Thread | None = None

    def start(self) -> "Luisteraar":
        self._stop.clear()
        self._draad = threading.Thread(target=self._lus, name="outbox-luisteraar", daemon=True)
        self._draad.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._draad is not None:
            self._draad.join(timeout=5)

    def _lus(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as verbinding:
                    verbinding.execute(f"LISTEN {KANAAL}")
                    while not self._stop.is_set():
                        for bericht in verbinding.notifies(timeout=0.5):
                            self._wekker.wek(frozenset({bericht.payload}) if bericht.payload else None)
            except Exception:  # noqa: BLE001 (the database away: the poll goes on, we retry)
                log.warning("outbox: LISTEN %s onderbroken; opnieuw over %s s", KANAAL, self._interval,
                            exc_info=True)
            self._stop.wait(self._interval)
