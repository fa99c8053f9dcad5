"""``rod_service.server``: the port reservation and the one-worker-at-a-time background lock
of ``serve``'s worker processes (the whole server is exercised by tests/e2e)."""
from __future__ import annotations

import errno
import os
import signal
import socket
import time

import pytest

from rod_service.server import PoortBezet, _als_enige, luisteraar

from ..conftest import wacht


def _kind(slot, map_) -> int:
    pid = os.fork()
    if pid == 0:  # the child: wait for the lock, then say so and hold it
        try:
            _als_enige(str(slot), lambda: ((map_ / str(os.getpid())).touch(), time.sleep(60)))
        finally:
            os._exit(0)
    return pid


def _houders(map_) -> set[int]:
    return {int(p.name) for p in map_.iterdir()}


def test_een_proces_tegelijk_doet_het_achtergrondwerk_en_een_wachtend_neemt_het_over(tmp_path):
    slot, map_ = tmp_path / "slot", tmp_path / "houders"
    slot.touch()
    map_.mkdir()
    kinderen = [_kind(slot, map_), _kind(slot, map_)]
    try:
        [eerste] = wacht(lambda: _houders(map_))
        time.sleep(0.3)
        assert _houders(map_) == {eerste}, "the second must wait while the first holds the lock"
        os.kill(eerste, signal.SIGKILL)
        os.waitpid(eerste, 0)
        [tweede] = wacht(lambda: _houders(map_) - {eerste})
        assert tweede in kinderen and tweede != eerste
    finally:
        for pid in kinderen:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass


def test_de_gereserveerde_poort_neemt_geen_verbindingen_aan_en_houdt_anderen_weg():
    gereserveerd = luisteraar("127.0.0.1", 0)
    try:
        poort = gereserveerd.getsockname()[1]
        assert poort != 0
        with pytest.raises(ConnectionRefusedError):  # not listening: no connection waits on it
            socket.create_connection(("127.0.0.1", poort), timeout=2)
        ander = socket.socket()  # a program without SO_REUSEPORT cannot take the port
        with pytest.raises(OSError) as fout:
            ander.bind(("127.0.0.1", poort))
        ander.close()
        assert fout.value.errno == errno.EADDRINUSE
        worker = socket.socket()  # a worker's socket (SO_REUSEPORT) binds and listens beside it
        worker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        worker.bind(("127.0.0.1", poort))
        worker.listen(8)
        socket.create_connection(("127.0.0.1", poort), timeout=2).close()
        worker.close()
    finally:
        gereserveerd.close()


def test_een_poort_die_al_bediend_wordt_wordt_geweigerd():
    """SO_REUSEPORT would let a second serve bind beside the first and take half its
    connections: refused when another rod-service holds the port, or anything answers there."""
    eerste = luisteraar("127.0.0.1", 0)
    poort = eerste.getsockname()[1]
    try:
        with pytest.raises(PoortBezet, match="another rod-service serve"):
            luisteraar("127.0.0.1", poort)
    finally:
        eerste.close()
    ander = socket.socket()  # another program, listening with SO_REUSEPORT on a free port
    ander.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    ander.bind(("127.0.0.1", 0))
    ander.listen(8)
    try:
        with pytest.raises(PoortBezet, match="something answers there"):
            luisteraar("127.0.0.1", ander.getsockname()[1])
    finally:
        ander.close()
