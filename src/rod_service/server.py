"""Plain-HTTP serving for ``rod-service serve``: waitress, in this process (``--workers 1``,
the default) or in N worker processes forked from one parent, all accepting on one
listening socket (the kernel hands each connection to one of them).

One Python process runs one request's Python code at a time (the GIL), so a second core
only helps with a second process. Each worker builds its own app after the fork (its own
engine and connection pool: a pool must not cross a fork). The parent only watches: a
worker that dies is started again; SIGTERM or SIGINT stops them all.
"""
from __future__ import annotations

import os
import signal
import socket
import sys
import time
from collections.abc import Callable

WsgiApp = Callable


def luisteraar(host: str, port: int) -> socket.socket:
    """A bound, listening TCP socket (port 0: any free port)."""
    familie = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(familie, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def waitress_server(app: WsgiApp, sock: socket.socket, threads: int):
    from waitress import create_server

    return create_server(app, sockets=[sock], threads=threads, backlog=1024)


def serveer(maak_app: Callable[[int], WsgiApp], sock: socket.socket, *, threads: int, workers: int) -> None:
    """Serve on ``sock`` until SIGTERM/SIGINT. ``maak_app(nummer)`` builds worker
    ``nummer``'s app (0 .. workers-1); with one worker it runs in this process."""
    if workers <= 1:
        server = waitress_server(maak_app(0), sock, threads)
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        return
    _Ouder(maak_app, sock, threads, workers).draai()


def _sterf_met(ouder: int) -> None:
    """Linux: this process gets SIGTERM when its parent dies, even by SIGKILL (prctl
    PR_SET_PDEATHSIG), so no orphaned worker keeps the port while the service is down."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's SIGTERM handler still stops us
        return
    if os.getppid() != ouder:  # the parent died before prctl took effect
        os._exit(1)


class _Ouder:
    """The parent of the worker processes."""

    def __init__(self, maak_app, sock, threads: int, workers: int) -> None:
        self.maak_app, self.sock, self.threads, self.workers = maak_app, sock, threads, workers
        self.kinderen: dict[int, int] = {}  # pid → worker number
        self.stoppen = False

    def draai(self) -> None:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        for nummer in range(self.workers):
            self._start(nummer)
        while self.kinderen:
            try:
                pid, status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            nummer = self.kinderen.pop(pid, None)
            if nummer is not None and not self.stoppen:
                print(f"worker {nummer} (pid {pid}) stopped with status {status}; starting it again",
                      file=sys.stderr, flush=True)
                time.sleep(0.5)
                self._start(nummer)

    def _start(self, nummer: int) -> None:
        ouder = os.getpid()
        pid = os.fork()
        if pid:
            self.kinderen[pid] = nummer
            return
        code = 0
        try:  # the worker: default signal handling, gone with its parent, its own app, then serve
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            _sterf_met(ouder)
            waitress_server(self.maak_app(nummer), self.sock, self.threads).run()
        except BaseException as fout:  # noqa: BLE001 (a worker never returns into the parent's code)
            print(f"worker {nummer}: {fout!r}", file=sys.stderr, flush=True)
            code = 1
        finally:
            os._exit(code)

    def _stop(self, signum, _frame) -> None:
        self.stoppen = True
        for pid in list(self.kinderen):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
