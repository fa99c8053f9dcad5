"""`rod-service serve` as a new user starts it: a real process on the embedded default,
the WSDL consumed by zeep, both identificatie sets answered, the clock moved over HTTP."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import requests
import zeep

from ..conftest import bedrijfsdocument

ROD_SERVICE = Path(sys.executable).parent / "rod-service"


@pytest.fixture
def proces(tmp_path):
    env = {**os.environ, "ROD_HOME": str(tmp_path)}
    env.pop("ROD_DATABASE_URL", None)
    p = subprocess.Popen([str(ROD_SERVICE), "serve", "--port", "0", "--datum", "2026-10-01"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wsdl_url = p.stdout.readline().strip()  # the first line on stdout is the WSDL URL
        assert wsdl_url.endswith("/rod/vo?wsdl"), p.stderr.read()
        yield wsdl_url
    finally:
        p.terminate()
        p.wait(timeout=10)
    assert (tmp_path / "rod-service.sqlite3").exists()  # the embedded default database


def test_serve_beantwoordt_beide_sets_en_de_klok_is_verzetbaar(proces):
    rod = zeep.Client(proces)
    beperkt = rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(), geboorteDatum=date(2012, 3, 14), geslacht="M",
        metPGN={"burgerservicenummer": "999990007"})
    assert beperkt.terugkoppeling.status == "GOEDGEKEURD" and beperkt.persoon.achternaam == "Jansen"
    uitgebreid = rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(), geboorteDatum=date(2011, 6, 2), geslacht="V",
        zonderPGN={"achternaam": "Berg", "voorvoegsels": "van der", "voornamen": "Renee",
                   "binnenlandsAdres": {"postcode": "1015CJ"}})
    assert [s.code for s in uitgebreid.terugkoppeling.signaal] == ["ID51"]
    assert uitgebreid.persoon.burgerservicenummer == "999990019"

    # --datum 2026-10-01: a birth date in mid-October is in the future (ID04) ...
    later_geboren = dict(geboorteDatum=date(2026, 10, 15), geslacht="M",
                         metPGN={"burgerservicenummer": "999990007"})
    eerst = rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(), **later_geboren)
    assert [s.code for s in eerst.terugkoppeling.signaal] == ["ID04"]
    # ... until the clock is moved over HTTP: then only the BRP mismatch (ID02) remains.
    basis = proces.removesuffix("/rod/vo?wsdl")
    gezet = requests.put(f"{basis}/admin/datum", json={"datum": "2026-11-23"}, timeout=5)
    assert gezet.status_code == 200 and gezet.json()["datum"] == "2026-11-23"
    daarna = rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(), **later_geboren)
    assert [s.code for s in daarna.terugkoppeling.signaal] == ["ID02"]


def test_ongeldige_datum_wordt_geweigerd(proces):
    basis = proces.removesuffix("/rod/vo?wsdl")
    antwoord = requests.put(f"{basis}/admin/datum", json={"datum": "23-11-2026"}, timeout=5)
    assert antwoord.status_code == 400 and "fout" in antwoord.json()


def test_een_langzaam_verzonden_bericht_houdt_de_andere_niet_op(proces):
    """granian hands the body to the app as it arrives: it is read before the request takes
    its turn at the SOAP lock (``--soap-tegelijk``), so a LAS sending slowly (here 3 s for
    one message) holds up nobody else's request, and is answered itself once it is complete."""
    import socket
    import threading
    import time
    from urllib.parse import urlsplit

    from lxml import etree

    rod = zeep.Client(proces)
    persoon = dict(geboorteDatum=date(2012, 3, 14), geslacht="M", metPGN={"burgerservicenummer": "999990007"})
    body = etree.tostring(rod.create_message(rod.service, "aanleverenIdentificerenPersoonVO",
                                             **bedrijfsdocument(), **persoon))
    adres = urlsplit(proces)
    antwoord: list[bytes] = []

    def langzaam() -> None:
        with socket.create_connection((adres.hostname, adres.port), timeout=20) as s:
            s.sendall(f"POST {adres.path} HTTP/1.1\r\nHost: {adres.netloc}\r\nContent-Type: text/xml; "
                      f"charset=utf-8\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode())
            stuk = len(body) // 6 + 1
            for i in range(0, len(body), stuk):
                s.sendall(body[i:i + stuk])
                time.sleep(0.5)
            while data := s.recv(65536):
                antwoord.append(data)

    draad = threading.Thread(target=langzaam)
    draad.start()
    time.sleep(0.4)  # the slow one has begun its body
    begin = time.monotonic()
    snel = rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(), **persoon)
    duur = time.monotonic() - begin
    draad.join(30)
    assert snel.terugkoppeling.status == "GOEDGEKEURD"
    assert duur < 1.5, f"the other request waited {duur:.1f} s for the slow sender"
    geheel = b"".join(antwoord)
    assert geheel.startswith(b"HTTP/1.1 200") and b"GOEDGEKEURD" in geheel, geheel[:300]


def test_vastgelopen_verzenders_houden_de_dienst_niet_op(proces):
    """A LAS whose body stops halfway (a hung client, a dropped link without a FIN) holds
    one HTTP thread while it waits: granian has no body-read timeout. With serve's default
    threads, 16 of them at once still leave /health and the other SOAP requests answered
    (with 8 threads, /health waited as long as they hung); once they are gone, all is as before."""
    import socket
    import time
    from urllib.parse import urlsplit

    rod = zeep.Client(proces)
    adres, basis = urlsplit(proces), proces.removesuffix("/rod/vo?wsdl")
    persoon = dict(geboorteDatum=date(2012, 3, 14), geslacht="M", metPGN={"burgerservicenummer": "999990007"})
    vast = []
    try:
        for _ in range(16):
            s = socket.create_connection((adres.hostname, adres.port), timeout=10)
            s.sendall(f"POST {adres.path} HTTP/1.1\r\nHost: {adres.netloc}\r\nContent-Type: text/xml\r\n"
                      "Content-Length: 2000\r\n\r\n<soap:Envelope".encode())
            vast.append(s)
        time.sleep(0.5)  # every one of them is being read by a thread of its own now
        begin = time.monotonic()
        assert requests.get(f"{basis}/health", timeout=5).status_code == 200
        antwoord = rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(), **persoon)
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
        assert time.monotonic() - begin < 2
    finally:
        for s in vast:
            s.close()
    time.sleep(0.5)
    assert requests.get(f"{basis}/health", timeout=5).status_code == 200


def test_een_tweede_serve_op_dezelfde_poort_wordt_geweigerd_en_verzet_de_datum_niet(proces, tmp_path):
    """Workers share the port with SO_REUSEPORT; a second serve on it must not silently take
    half the connections, nor put its own --datum in force for the running one."""
    basis = proces.removesuffix("/rod/vo?wsdl")
    poort = basis.rsplit(":", 1)[1]
    env = {**os.environ, "ROD_HOME": str(tmp_path)}
    env.pop("ROD_DATABASE_URL", None)
    tweede = subprocess.run([str(ROD_SERVICE), "serve", "--port", poort, "--datum", "2026-12-01"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert tweede.returncode == 1 and f"port {poort} is in use" in tweede.stderr, tweede.stderr
    assert requests.get(f"{basis}/admin/datum", timeout=5).json() == {"datum": "2026-10-01", "vast": True}
    assert requests.get(f"{basis}/health", timeout=5).status_code == 200


@pytest.mark.parametrize("opdracht", [["serve", "--port", "0"], ["dispatch"], ["queue", "status"]])
def test_een_onbruikbare_instelling_stopt_met_een_regel_en_maakt_niets_aan(tmp_path, opdracht):
    env = {**os.environ, "ROD_HOME": str(tmp_path), "ROD_DATUM": "1-10-2026", "COLUMNS": "40"}
    env.pop("ROD_DATABASE_URL", None)
    p = subprocess.run([str(ROD_SERVICE), *opdracht], capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 2
    assert p.stderr.strip() == "Error: ROD_DATUM='1-10-2026' is no date of the form YYYY-MM-DD"  # one line
    assert list(tmp_path.iterdir()) == []  # no database made, no date put in force
