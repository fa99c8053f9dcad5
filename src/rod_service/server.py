"""Plain-HTTP serving for ``rod-service serve``: granian (a Rust HTTP server with a WSGI
interface) with N worker processes, each accepting on its own ``SO_REUSEPORT`` socket on
the one port (the kernel spreads the connections over them).

One Python process runs one request's Python code at a time (the GIL), so a second core
only helps with a second process. Each worker builds its own app after the fork (its own
engine and connection pool: a pool must not cross a fork). The parent only watches: a
worker that dies is started again; SIGTERM or SIGINT stops them all.

Background work (the outbox dispatcher, the weekly KWC) runs in exactly one worker: the
one holding an exclusive lock on a file the parent made. If that worker dies, the kernel
drops its lock and a worker waiting for it takes over.

Measured (bench/RESULTS.md, third pass), against waitress with the same app and threads:
B1 +5–25 %, our edge without rules or store ~1.4 × (~2.4 × with ``--threads 1``).
HTTPS with client certificates (AL03) stays on cheroot (``cli._serve_tls``).
"""
from __future__ import annotations

import errno
import fcntl
import logging
import os
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable

WsgiApp = Callable


class PoortBezet(OSError):
    """The port is served already (by another ``rod-service serve`` or anything listening)."""


def luisteraar(host: str, port: int) -> socket.socket:
    """Reserve ``host:port`` (port 0: any free port) for the workers: bound with
    ``SO_REUSEPORT`` like theirs, not listening (so it takes no connections). Keep it open
    while serving.

    ``SO_REUSEPORT`` would let a second ``serve`` on the same port bind beside the first and
    take half its connections, so a port something already answers on is refused, and so is
    one another ``rod-service serve`` of this machine holds (an abstract Unix socket name per
    port, held while this process and its workers live). A program holding the port without
    ``SO_REUSEPORT`` makes the bind itself fail."""
    familie = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(familie, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
        poort = sock.getsockname()[1]
        slot = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:  # Linux's abstract names: no file, gone with the last process holding it, per network namespace
            slot.bind(f"\0rod-service-poort-{poort}")
        except OSError:
            slot.close()
            raise PoortBezet(errno.EADDRINUSE, f"port {poort} is in use by another rod-service serve") from None
        if _antwoordt(host, poort):
            slot.close()
            raise PoortBezet(errno.EADDRINUSE, f"port {poort} is in use: something answers there")
        _SLOTEN.append(slot)  # held for the life of this process (and its workers)
    except BaseException:
        sock.close()
        raise
    return sock


_SLOTEN: list[socket.socket] = []


#: A worker's app and the background work it would do (None: none); see ``serveer``.
Werker = tuple[WsgiApp, Callable[[], None] | None]


def serveer(maak_werker: Callable[[], Werker], sock: socket.socket, *, threads: int, workers: int,
            klaar: Callable[[], None] | None = None) -> None:
    """Serve on ``sock``'s address until SIGTERM/SIGINT with ``workers`` processes of
    ``threads`` threads each. ``maak_werker()`` builds a worker's app in that worker, and
    the background work that runs in the one worker holding the background lock;
    ``klaar()`` runs in this process once a worker accepts connections."""
    from granian import Granian
    from granian.constants import HTTPModes, Interfaces

    host, port = sock.getsockname()[:2]
    ouder = os.getpid()
    fd, slot = tempfile.mkstemp(prefix="rod-service-achtergrond-")
    os.close(fd)

    def laad(_target: str) -> WsgiApp:  # in each worker, after the fork
        # until granian sets the worker's own handlers (after this), SIGTERM stops it: the
        # parent's handlers it inherited would only set a flag, and a worker that is still
        # building its app when the service stops would never stop
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _sterf_met(ouder)
        app, achtergrond = maak_werker()
        if achtergrond is not None:
            threading.Thread(target=_als_enige, args=(slot, achtergrond), name="achtergrond", daemon=True).start()
        return app

    server = Granian(
        "rod_service", address=host, port=port, interface=Interfaces.WSGI, workers=workers,
        blocking_threads=threads, http=HTTPModes.http1, websockets=False, backlog=1024,
        respawn_failed_workers=True, workers_kill_timeout=10,
        # granian's own lines (start, worker exits) go through our root handler (JSON);
        # incremental: its logging setup (parent and each worker) leaves our handler alone
        log_dictconfig={"incremental": True, "handlers": {}, "loggers": {"_granian": {"propagate": True}}},
    )
    logging.getLogger("_granian").addFilter(_zonder_draadwaarschuwing)
    if klaar is not None:
        # one try here first: its lazy imports (the idna codec) must not be under way in
        # that thread when granian forks a worker (the child would inherit a held import lock)
        _antwoordt(host, port)
        threading.Thread(target=_als_het_antwoordt, args=(host, port, klaar), name="klaar", daemon=True).start()
    try:
        server.serve(target_loader=laad)
    finally:
        os.unlink(slot)


def _zonder_draadwaarschuwing(record: logging.LogRecord) -> bool:
    """granian warns when there are more threads than 2 × cores + 1 ("consider using
    backpressure"): ours wait on the SOAP lock (``--soap-tegelijk``), which is that limit,
    and the others only answer /health, /metrics and the WSDL."""
    return "Python threads, which seems quite high" not in record.getMessage()


def _als_het_antwoordt(host: str, port: int, klaar: Callable[[], None]) -> None:
    """Run ``klaar`` once a worker accepts a connection on ``host:port``: a client that
    read the start message finds the port open (the workers bind it when their app is
    built, not when this process starts)."""
    while not _antwoordt(host, port):
        time.sleep(0.02)
    klaar()


def _antwoordt(host: str, port: int) -> bool:
    try:
        socket.create_connection(({"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host), port), timeout=1).close()
    except OSError:
        return False
    return True


def _als_enige(slot: str, functie: Callable[[], None]) -> None:
    """Wait for the exclusive lock on ``slot`` (held until this process ends), then run
    ``functie``: one worker at a time does it."""
    fd = os.open(slot, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    functie()


def _sterf_met(ouder: int) -> None:
    """Linux: this process is killed when its parent dies, even by SIGKILL (prctl
    PR_SET_PDEATHSIG), so no orphaned worker keeps the port while the service is down.
    SIGKILL, not SIGTERM: with no parent left there is nobody to drain for, and granian's
    SIGTERM shutdown could hang (its handler waited, holding the GIL, for a request thread
    that waited for the GIL); a normal stop still reaches the workers as the parent's
    SIGTERM. What a killed worker had not committed, the database rolls back."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's SIGTERM handler still stops us
        return
    if os.getppid() != ouder:  # the parent died before prctl took effect
        os._exit(1)
