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
