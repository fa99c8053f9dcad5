"""`rod-service serve --workers 2`: two processes on one port and one database answer as
one service — a date put in force over HTTP holds in both, a killed worker comes back,
SIGTERM stops them all."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import requests
import zeep
from zeep.transports import Transport

from ..conftest import bedrijfsdocument, kinderen, wacht

ROD_SERVICE = Path(sys.executable).parent / "rod-service"
LATER_GEBOREN = dict(geboorteDatum=date(2026, 10, 15), geslacht="M", metPGN={"burgerservicenummer": "999990007"})


@pytest.fixture
def workers(tmp_path):
    env = {**os.environ, "ROD_HOME": str(tmp_path)}
    env.pop("ROD_DATABASE_URL", None)
    p = subprocess.Popen([str(ROD_SERVICE), "serve", "--port", "0", "--datum", "2026-10-01", "--workers", "2",
                          "--threads", "2", "--kwc-weekdag", "uit"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wsdl_url = p.stdout.readline().strip()
        assert wsdl_url.endswith("/rod/vo?wsdl"), p.stderr.read()
        yield p, wsdl_url
    finally:
        if p.poll() is None:
            p.terminate()
            p.wait(timeout=15)


def _per_worker(basis: str, pogingen: int = 400) -> dict[int, requests.Session]:
    """One keep-alive session per worker process (a connection stays with the process
    that accepted it; /health says which one that is)."""
    sessies: dict[int, requests.Session] = {}
    for _ in range(pogingen):
        sessie = requests.Session()
        pid = sessie.get(f"{basis}/health", timeout=5).json()["pid"]
        if pid in sessies:
            sessie.close()
        else:
            sessies[pid] = sessie
        if len(sessies) == 2:
            return sessies
    raise AssertionError(f"only workers {sorted(sessies)} answered in {pogingen} connections")


def _signalen(wsdl_url: str, sessie: requests.Session) -> list[str]:
    rod = zeep.Client(wsdl_url, transport=Transport(session=sessie))
    antwoord = rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(), **LATER_GEBOREN)
    return [s.code for s in antwoord.terugkoppeling.signaal]


def _wacht_op_twee(pid: int, zonder: int | None = None) -> set[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pids = kinderen(pid)
        if len(pids) == 2 and zonder not in pids:
            return pids
        time.sleep(0.1)
    raise AssertionError(f"no two workers: {kinderen(pid)}")


def test_een_datum_over_http_geldt_in_elke_worker(workers):
    proces, wsdl_url = workers
    basis = wsdl_url.removesuffix("/rod/vo?wsdl")
    sessies = _per_worker(basis)
    assert set(sessies) == kinderen(proces.pid)  # the parent's two children, not the parent
    for sessie in sessies.values():  # --datum 2026-10-01: mid-October is in the future (ID04)
        assert _signalen(wsdl_url, sessie) == ["ID04"]

    eerste, tweede = list(sessies.values())
    gezet = eerste.put(f"{basis}/admin/datum", json={"datum": "2026-11-23"}, timeout=5)
    assert gezet.status_code == 200
    # the other worker, which did not get the PUT, answers by the new date too
    assert tweede.get(f"{basis}/admin/datum", timeout=5).json()["datum"] == "2026-11-23"
    for sessie in (tweede, eerste):
        assert _signalen(wsdl_url, sessie) == ["ID02"]

    # /metrics, whichever worker answers the scrape, counts the requests of both
    for sessie in (eerste, tweede):
        tekst = sessie.get(f"{basis}/metrics", timeout=5).text
        assert _teller(tekst, 'rod_verzoeken_total{operatie="aanleverenIdentificerenPersoonVO",'
                              'uitkomst="AFGEKEURD"}') == 4  # ID04 twice, ID02 twice
        assert "rod_outbox_berichten" in tekst  # the store's series are there too


def _teller(tekst: str, reeks: str) -> float:
    return sum(float(regel.rsplit(" ", 1)[1]) for regel in tekst.splitlines() if regel.startswith(reeks + " "))


def test_een_gestorven_worker_komt_terug_en_sigterm_stopt_alles(workers):
    proces, wsdl_url = workers
    basis = wsdl_url.removesuffix("/rod/vo?wsdl")
    slachtoffer = min(_wacht_op_twee(proces.pid))
    os.kill(slachtoffer, signal.SIGKILL)
    na = _wacht_op_twee(proces.pid, zonder=slachtoffer)  # the parent started a new one
    assert set(_per_worker(basis)) == na  # both answer again
    assert _signalen(wsdl_url, requests.Session()) == ["ID04"]

    proces.send_signal(signal.SIGTERM)
    assert proces.wait(timeout=15) == 0
    for pid in na:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()


def _achtergrond_houder(pids: set[int]) -> int | None:
    """The worker holding the background lock (the outbox dispatcher and the KWC run there):
    the flock on the file the parent made, as /proc/locks shows it."""
    inodes = set()
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if "rod-service-achtergrond-" in os.readlink(fd):
                    inodes.add(os.stat(fd).st_ino)
            except OSError:
                continue
    for regel in Path("/proc/locks").read_text().splitlines():
        velden = regel.split()
        if velden[1] == "FLOCK" and int(velden[5].rsplit(":", 1)[1]) in inodes:  # "->" lines are waiters
            return int(velden[4])
    return None


def test_een_worker_doet_het_achtergrondwerk_en_bij_zijn_dood_neemt_de_ander_het_over(workers):
    proces, _ = workers
    pids = _wacht_op_twee(proces.pid)
    houder = wacht(lambda: _achtergrond_houder(pids), wat="a worker holds the background lock")
    assert houder in pids
    [ander] = pids - {houder}
    os.kill(houder, signal.SIGKILL)
    # the other worker was waiting for the lock: it takes over at once
    wacht(lambda: _achtergrond_houder({ander}) == ander, seconden=10, wat="the other worker takes over")
