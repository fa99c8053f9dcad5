"""Shared fixtures: a register on a fresh SQLite file (or, with ``ROD_TEST_DATABASE_URL``, a
fresh PostgreSQL database), and a real HTTP server around it."""
from __future__ import annotations

import io
import itertools
import json
import os
import threading
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import zeep
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url
from waitress import create_server

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.http import maak_wsgi_app
from rod_service.paden import wsdl_map
from rod_service.soap.schema import Contract

VANDAAG = date(2026, 11, 23)
ROD_OIN = "00000009900000000001"
ADMINISTRATIE_A = "00000009900000000101"
ADMINISTRATIE_B = "00000009900000000202"


#: Set (``postgresql+psycopg://user@host:port/db``) to run the ``register`` fixture on
#: PostgreSQL instead of a SQLite file (.ci/run runs the suite both ways). Tests that build
#: their own ``sqlite:///`` URLs keep testing the embedded default.
PG_URL = os.environ.get("ROD_TEST_DATABASE_URL") or None
op_postgres = pytest.mark.skipif(PG_URL is None, reason="needs PostgreSQL: set ROD_TEST_DATABASE_URL (.ci/run does)")


@pytest.fixture(scope="session")
def _pg_sjabloon():
    """PostgreSQL only: one database migrated (and with the default reference data) once
    per session; each test gets a copy (CREATE DATABASE ... TEMPLATE), dropped afterwards."""
    if PG_URL is None:
        yield None
        return
    beheer = create_engine(make_url(PG_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")
    sjabloon = f"rod_sjabloon_{os.getpid()}"
    with beheer.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{sjabloon}" WITH (FORCE)')
        c.exec_driver_sql(f'CREATE DATABASE "{sjabloon}"')
    url = make_url(PG_URL).set(database=sjabloon).render_as_string(hide_password=False)
    bootstrap(Instellingen(database_url=url, datum=VANDAAG)).engine.dispose()
    yield beheer, sjabloon
    with beheer.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{sjabloon}" WITH (FORCE)')
    beheer.dispose()


@pytest.fixture
def database_url(tmp_path, _pg_sjabloon):
    """A fresh, migrated, empty register database for this test: a SQLite file, or on
    PostgreSQL a copy of the session's template database."""
    if _pg_sjabloon is None:
        yield f"sqlite:///{tmp_path / 'rod.sqlite3'}"
        return
    beheer, sjabloon = _pg_sjabloon
    naam = f"rod_t_{os.getpid()}_{next(_volgnummer)}"
    with beheer.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{naam}" TEMPLATE "{sjabloon}"')
    yield make_url(PG_URL).set(database=naam).render_as_string(hide_password=False)
    with beheer.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


_volgnummer = itertools.count()


@pytest.fixture
def register(database_url):
    register = bootstrap(Instellingen(database_url=database_url, datum=VANDAAG))
    yield register
    register.engine.dispose()


class _Wisselapp:
    """One HTTP server for the whole session; each test puts its own register's app in."""

    app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


@pytest.fixture(scope="session")
def _http():
    wissel = _Wisselapp()
    http = create_server(wissel, host="127.0.0.1", port=0, threads=4)
    draad = threading.Thread(target=http.run, daemon=True)
    draad.start()
    yield wissel, f"http://127.0.0.1:{http.effective_port}"
    http.close()


@pytest.fixture
def server(register, _http):
    """The real WSGI app of a fresh register behind a real HTTP server on loopback;
    yields the base URL."""
    wissel, url = _http
    wissel.app = maak_wsgi_app(register)
    yield url
    wissel.app = None


class XsdControle(zeep.Plugin):
    """Validates every answer the service sends against our own XSD: a test that talks
    to the service through ``rod`` fails when an answer breaks the contract."""

    def __init__(self) -> None:
        self.contract = Contract(wsdl_map() / "xsd" / "rod-vo-register.xsd")

    def ingress(self, envelope, http_headers, operation):
        body = envelope.find("{http://schemas.xmlsoap.org/soap/envelope/}Body")[0]
        if body.tag != "{http://schemas.xmlsoap.org/soap/envelope/}Fault":
            fouten = self.contract.valideer(body)
            assert not fouten, [f.als_tekst() for f in fouten]
        return envelope, http_headers


@pytest.fixture(scope="session")
def _zeep_client(_http, tmp_path_factory):
    wissel, url = _http
    db = tmp_path_factory.mktemp("wsdl") / "rod.sqlite3"
    wissel.app = maak_wsgi_app(bootstrap(Instellingen(database_url=f"sqlite:///{db}", datum=VANDAAG)))
    client = zeep.Client(f"{url}/rod/vo?wsdl", plugins=[XsdControle()])
    wissel.app = None
    return client


@pytest.fixture
def rod(server, _zeep_client):
    """A zeep client built from the served WSDL (as a LAS vendor would); every answer is
    checked against the XSD. Built once per session: the WSDL does not change."""
    return _zeep_client


def wsgi_roep(app, methode: str, pad: str, inhoud=None, **environ) -> tuple[str, dict, bytes]:
    """Call a WSGI app in-process (no HTTP): (3-digit status, headers, body). ``inhoud`` is
    sent as JSON; ``environ`` adds or overrides keys (REMOTE_ADDR, HTTP_AUTHORIZATION, ...)."""
    data = json.dumps(inhoud).encode() if inhoud is not None else b""
    env = {"REQUEST_METHOD": methode, "PATH_INFO": pad, "CONTENT_LENGTH": str(len(data)),
           "wsgi.input": io.BytesIO(data), "wsgi.url_scheme": "http", "SERVER_NAME": "t", "SERVER_PORT": "80",
           "REMOTE_ADDR": "127.0.0.1", **environ}
    status, headers = [], []
    body = b"".join(app(env, lambda s, h: (status.append(s), headers.extend(h))))
    return status[0][:3], dict(headers), body


@pytest.fixture
def sqlite_register(register):
    """``register`` where it is SQLite: tests of its locking (the write slot, reading
    snapshots); PostgreSQL locks rows instead, and its readers never lock."""
    if register.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's locking; PostgreSQL locks rows, and its readers never lock")
    return register


def wacht(voorwaarde, seconden: float = 20, wat: str = ""):
    """Until ``voorwaarde()`` gives something true (returned), at most ``seconden``."""
    einde = time.monotonic() + seconden
    while not (uitkomst := voorwaarde()):
        if time.monotonic() > einde:
            raise AssertionError(f"niet binnen {seconden} s: {wat}")
        time.sleep(0.01)
    return uitkomst


def kinderen(pid: int) -> set[int]:
    """The child processes of ``pid`` (Linux /proc): ``serve --workers`` tests."""
    pad = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(k) for k in pad.read_text().split()} if pad.exists() else set()


def tel(register, model) -> int:
    """Rows of ``model`` in the register's store."""
    with register.sessies() as sessie:
        return sessie.scalar(select(func.count()).select_from(model))


def bedrijfsdocument(verzender: str = ADMINISTRATIE_A, ontvanger: str = ROD_OIN, code: str | None = None) -> dict:
    return {
        "identificatiecodeBedrijfsdocument": code or str(uuid.uuid4()),
        "verzendendeInstantie": verzender,
        "ontvangendeInstantie": ontvanger,
        "datumTijdBedrijfsdocument": datetime.now(UTC).replace(microsecond=0),
    }
