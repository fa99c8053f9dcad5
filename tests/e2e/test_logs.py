"""Structured logs of a real ``rod-service serve`` (spec section 13: BSNs are masked in
logs): JSON lines on stderr, a request id that is in the answer header, in every log
line of the request, in its audit record and in any push it causes; and no BSN or
onderwijsnummer anywhere, not even inside a library's or the XSD validator's message."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest
import requests
import zeep
from sqlalchemy import create_engine, text

from rod_service.domain.pgn import is_geldig_bsn, is_geldig_onderwijsnummer
from rod_service.ops.logging import maskeer

from ..conftest import ADMINISTRATIE_A, bedrijfsdocument
from .test_foutafhandeling import envelop, identificatie_body

pytestmark = pytest.mark.e2e
ROD_SERVICE = Path(sys.executable).parent / "rod-service"
BSNS = ("999990007", "999990019")


def test_maskeer():
    assert maskeer("bsn 999990007, bsn=999990019; own 1012345") == "bsn ******007, bsn=******019; own 1012345"
    assert maskeer("oin 00000009900000000101 rid 0a999990007b") == "oin 00000009900000000101 rid 0a999990007b"
    assert maskeer("<x>999990007</x> bsn_999990007") == "<x>******007</x> bsn_******007"
    assert maskeer("123456789") == "123456789"  # fails both checks: not a personal number
    own = next(str(n) for n in range(100000000, 100100000) if is_geldig_onderwijsnummer(str(n)))
    assert maskeer(f"own {own}") == f"own ******{own[-3:]}" and not is_geldig_bsn("123456789")


def test_configureer_maskeert_stdlib_structlog_en_exceptions():
    import io
    import logging

    import structlog

    from rod_service.ops.logging import configureer

    stroom = io.StringIO()
    root = logging.getLogger()
    oud_niveau = root.level
    configureer(stroom=stroom)
    try:
        logging.getLogger("waitress").warning("bsn %s in een bibliotheek", "999990007")
        structlog.get_logger("rod").info("gestructureerd", bsn="999990019", lijst=["999990007"], getal=999990007)
        try:
            raise ValueError("kapot bij 999990019")
        except ValueError:
            logging.getLogger("rod").exception("fout voor 999990007")
    finally:
        for handler in [h for h in root.handlers if h.get_name() == "rod-service"]:
            root.removeHandler(handler)
        root.setLevel(oud_niveau)
        structlog.reset_defaults()
    regels = [json.loads(r) for r in stroom.getvalue().splitlines()]
    assert len(regels) == 3 and not any(b in stroom.getvalue() for b in BSNS)
    assert regels[0]["event"] == "bsn ******007 in een bibliotheek" and regels[0]["logger"] == "waitress"
    assert regels[1]["bsn"] == "******019" and regels[1]["lijst"] == ["******007"] and regels[1]["getal"] == "******007"
    assert "kapot bij ******019" in regels[2]["exception"]


@pytest.fixture
def serve(tmp_path):
    env = {**os.environ, "ROD_HOME": str(tmp_path), "ROD_LOG_NIVEAU": "DEBUG"}
    env.pop("ROD_DATABASE_URL", None)
    log = (tmp_path / "stderr.log").open("w")
    p = subprocess.Popen([str(ROD_SERVICE), "serve", "--port", "0", "--datum", "2026-11-23"],
                         stdout=subprocess.PIPE, stderr=log, text=True, env=env)

    def stop():  # the test reads the log once the service has ended: every line it wrote is in the file
        if p.poll() is None:
            p.terminate()
            p.wait(timeout=15)

    try:
        wsdl = p.stdout.readline().strip()
        assert wsdl.endswith("/rod/vo?wsdl"), (tmp_path / "stderr.log").read_text()
        yield wsdl.removesuffix("/rod/vo?wsdl"), tmp_path, stop
    finally:
        stop()
        log.close()


def test_logs_zijn_json_met_request_id_en_zonder_bsn(serve):
    basis, map_, stop = serve
    rod = zeep.Client(f"{basis}/rod/vo?wsdl")
    for bsn, geboren, geslacht in (("999990007", date(2012, 3, 14), "M"), ("999990019", date(2011, 6, 2), "V")):
        rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(), geboorteDatum=geboren, geslacht=geslacht,
                                                     metPGN={"burgerservicenummer": bsn})
    periode = dict(onderwijsaanbieder="101A001", onderwijslocatie="101X001", opleidingcode="3121",
                   vestiging="12AB00", indicatieBekostigbaar=True)
    rod.service.aanleverenInschrijvingVO(
        **bedrijfsdocument(), burgerservicenummer="999990007", brin="12AB", inschrijvingvolgnummer="2024-0001",
        datumInschrijving=date(2024, 8, 1), inschrijvingPeriodeVO=[dict(periode, datumBegin=date(2024, 8, 1), leerjaar=1)])
    # the XSD validator quotes the wrong value in its message: a BSN where geslacht belongs
    fout = requests.post(f"{basis}/rod/vo", data=envelop(identificatie_body(geslacht="999990019")),
                         headers={"Content-Type": "text/xml"}, timeout=10)
    assert fout.status_code == 500
    request_id = fout.headers["X-Request-Id"]
    goed = requests.post(f"{basis}/rod/vo", data=envelop(identificatie_body(str(uuid.uuid4()))),
                         headers={"Content-Type": "text/xml"}, timeout=10)
    goed_id = goed.headers["X-Request-Id"]
    # administratie A switches to the asynchroon mode: its terugkoppeling becomes a push
    asynchroon = {"administraties": [{"oin": ADMINISTRATIE_A, "brins": ["12AB", "23CD", "34EF"],
                                      "modus": "asynchroon", "leveranciersOins": ["00000009900000000901"]}]}
    assert requests.post(f"{basis}/admin/referentiedata?modus=samenvoegen", json=asynchroon,
                         timeout=30).status_code == 200
    push = requests.post(f"{basis}/rod/vo", data=envelop(identificatie_body()), headers={"Content-Type": "text/xml"},
                         timeout=10)
    assert push.status_code == 200 and b"<rod:terugkoppeling>" not in push.content
    push_id = push.headers["X-Request-Id"]

    stop()
    tekst = (map_ / "stderr.log").read_text()
    for bsn in BSNS:
        assert bsn not in tekst
    regels = [json.loads(r) for r in tekst.splitlines() if r.startswith("{")]
    assert regels and all({"event", "level", "timestamp"} <= r.keys() for r in regels)
    van_fout = [r for r in regels if r.get("request_id") == request_id]
    # on failure: what the log has around it (a missing line must be explainable from the CI output)
    rond = "\n".join(f"{r.get('request_id')} {r['event'][:120]}" for r in regels[-25:])
    assert any("AL02" in r["event"] and "******019" in r["event"] for r in van_fout), \
        f"no AL02 line for request {request_id} ({maskeer(fout.text[:300])!r}); the log's last lines:\n{rond}"
    assert any(r.get("pad") == "/rod/vo" and r.get("status") == "500" for r in van_fout)
    assert all("request_id" in r for r in regels if r.get("pad") == "/rod/vo")

    # the same id in the audit record (and in any push the request caused)
    engine = create_engine(f"sqlite:///{map_ / 'rod-service.sqlite3'}")
    with engine.connect() as c:
        assert c.execute(text("select uitkomst from audit where request_id = :r"), {"r": request_id}).scalar() == "FOUT"
        assert c.execute(text("select uitkomst from audit where request_id = :r"),
                         {"r": goed_id}).scalar() == "GOEDGEKEURD"
        push_ids = list(c.execute(text("select request_id from outbox")).scalars())
    engine.dispose()
    assert push_ids == [push_id]
