"""/bestanden/{brin} (admin only), ``rod-service kwc draai|bestanden``, the weekly planner
and the 90-day retention of generated files."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from rod_service.bootstrap import bootstrap
from rod_service.cli import app as cli
from rod_service.config import Instellingen
from rod_service.domain.kalender import weekdag
from rod_service.http import maak_wsgi_app
from rod_service.service.kwaliteitscontrole import (
    KwcPlanner,
    bestanden_van,
    draai,
    is_aan_de_beurt,
)
from rod_service.store import models as m
from rod_service.store.overzichten import BestandenRepository

from ..conftest import wsgi_roep

MAANDAG = date(2026, 11, 23)
runner = CliRunner()


def roep(app, pad, **environ):
    return wsgi_roep(app, "GET", pad, **environ)


def test_bestanden_via_http_alleen_met_admin_token(tmp_path):
    register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", datum=MAANDAG,
                                      admin_token="geheim"))
    draai(register, brins=["12AB"])
    app = maak_wsgi_app(register)
    assert roep(app, "/bestanden/12AB")[0] == "401"
    assert roep(app, "/bestanden/12AB", HTTP_AUTHORIZATION="Bearer fout")[0] == "401"
    assert roep(app, "/bestanden/12AB/KWC_12AB_20261123.csv")[0] == "401"

    token = {"HTTP_AUTHORIZATION": "Bearer geheim"}
    status, _, body = roep(app, "/bestanden/12AB", **token)
    lijst = json.loads(body)
    assert status == "200" and lijst["brin"] == "12AB"
    assert sorted(b["naam"] for b in lijst["bestanden"]) == [
        "DASHBOARD_12AB_20261123.html", "DASHBOARD_12AB_20261123.pdf", "KWC_12AB_20261123.csv"]
    assert {b["soort"] for b in lijst["bestanden"]} == {"KWC", "DASHBOARD_HTML", "DASHBOARD_PDF"}

    status, headers, body = roep(app, "/bestanden/12AB/DASHBOARD_12AB_20261123.pdf", **token)
    assert status == "200" and headers["Content-Type"] == "application/pdf" and body.startswith(b"%PDF")
    assert 'filename="DASHBOARD_12AB_20261123.pdf"' in headers["Content-Disposition"]
    status, headers, body = roep(app, "/bestanden/12AB/KWC_12AB_20261123.csv", **token)
    assert status == "200" and headers["Content-Type"].startswith("text/csv")
    assert body.decode().splitlines()[0] == (
        "instellingscode;pgn;achternaam;volgnummer;code;omschrijving;andere_instellingscode")
    assert roep(app, "/bestanden/12AB/bestaat_niet.csv", **token)[0] == "404"
    assert roep(app, "/bestanden/23CD", **token)[2] == b'{"brin": "23CD", "bestanden": []}'
    assert roep(app, "/bestanden/12AB/..%2Fgeheim", **token)[0] == "404"


def test_bestanden_zonder_token_alleen_via_loopback(tmp_path):
    register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", datum=MAANDAG))
    app = maak_wsgi_app(register)
    assert roep(app, "/bestanden/12AB", REMOTE_ADDR="10.1.2.3")[0] == "403"
    assert roep(app, "/bestanden/12AB")[0] == "200"


def test_bestanden_voor_een_clientcertificaat_van_de_eigen_administratie(tmp_path):
    """Spec section 11: besides the admin token, a TLS client certificate whose OIN is
    authorised for the brin (its administratie or a SaaS vendor of it) may fetch the files."""
    from rod_service.ops.pki import maak_ca, maak_clientcertificaat

    register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", datum=MAANDAG,
                                      admin_token="geheim"))
    draai(register, brins=["12AB"])
    app = maak_wsgi_app(register)
    ca = maak_ca()

    def met_certificaat(oin: str, pad: str = "/bestanden/12AB") -> str:
        pem = maak_clientcertificaat(ca, oin).cert_pem.decode()
        return roep(app, pad, REMOTE_ADDR="10.1.2.3", SSL_CLIENT_CERT=pem, SSL_CLIENT_VERIFY="SUCCESS")[0]

    assert met_certificaat("00000009900000000101") == "200"  # administratie A serves 12AB
    assert met_certificaat("00000009900000000901") == "200"  # A's SaaS vendor
    assert met_certificaat("00000009900000000101", "/bestanden/12AB/KWC_12AB_20261123.csv") == "200"
    assert met_certificaat("00000009900000000202") == "401"  # B does not serve 12AB: falls back to the token
    assert met_certificaat("00000009900000000101", "/bestanden/45GH") == "401"


def test_bestanden_blijven_90_dagen(tmp_path):
    register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", datum=MAANDAG))
    draai(register, brins=["12AB"])
    register.klok.zet(date(2027, 2, 20))  # 89 days later: still listed
    assert len(bestanden_van(register, "12AB")) == 3
    register.klok.zet(date(2027, 2, 22))  # 91 days: no longer listed, and the next batch removes them
    assert bestanden_van(register, "12AB") == []
    draai(register, brins=["23CD"])
    with register.sessies() as sessie:
        assert set(sessie.scalars(select(m.Overzichtbestand.brin))) == {"23CD"}


def test_cli_kwc_draai_en_bestanden(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    uit = runner.invoke(cli, ["kwc", "draai", "--brin", "12AB", "--database", url, "--datum", "2026-11-23"])
    assert uit.exit_code == 0, uit.output
    assert "12AB" in uit.output and "KWC_12AB_20261123.csv" in uit.output
    uit = runner.invoke(cli, ["kwc", "bestanden", "12AB", "--database", url])
    assert uit.exit_code == 0, uit.output
    assert "DASHBOARD_12AB_20261123.pdf" in uit.output
    doel = tmp_path / "kwc.csv"
    uit = runner.invoke(cli, ["kwc", "bestanden", "12AB", "--naam", "KWC_12AB_20261123.csv", "-o", str(doel),
                              "--database", url])
    assert uit.exit_code == 0, uit.output
    assert doel.read_text().startswith("instellingscode;pgn;")
    assert runner.invoke(cli, ["kwc", "bestanden", "12AB", "--naam", "nee.csv", "--database", url]).exit_code == 1
    assert runner.invoke(cli, ["kwc", "draai", "--brin", "99ZZ", "--database", url]).exit_code != 0


def test_planner_wekelijks_op_de_klok(tmp_path):
    register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", datum=MAANDAG))
    gedraaid = []

    def nep(reg, **kw):
        gedraaid.append(reg.klok.vandaag())
        return draai(reg, brins=["12AB"])

    planner = KwcPlanner(register, dag=0, draai_fn=nep)
    assert planner.controleer() is True                  # Monday, never ran
    assert planner.controleer() is False                 # ran today already
    register.klok.zet(date(2026, 11, 24))
    assert planner.controleer() is False                 # Tuesday
    register.klok.zet(date(2026, 11, 30))
    assert planner.controleer() is True                  # next Monday
    register.klok.zet(date(2026, 12, 9))
    assert planner.controleer() is True                  # overdue (server was down on Monday)
    assert gedraaid == [MAANDAG, date(2026, 11, 30), date(2026, 12, 9)]


def test_planner_draad_start_en_stopt(tmp_path):
    register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", datum=MAANDAG))
    import threading

    klaar = threading.Event()

    def nep(reg, **kw):
        klaar.set()
        return []

    planner = KwcPlanner(register, dag=0, interval=0.05, draai_fn=nep).start()
    try:
        assert klaar.wait(5)
    finally:
        planner.stop()
    assert not planner._draad.is_alive()


def test_weekdag_en_beurt():
    assert weekdag("maandag") == 0 and weekdag("Zondag") == 6 and weekdag("3") == 3
    assert weekdag("uit") is None and weekdag(None) is None
    with pytest.raises(ValueError):
        weekdag("maandagochtend")
    assert is_aan_de_beurt(MAANDAG, 0, None)
    assert not is_aan_de_beurt(date(2026, 11, 24), 0, None)
    assert not is_aan_de_beurt(MAANDAG, 0, MAANDAG)
    assert is_aan_de_beurt(date(2026, 12, 1), 0, date(2026, 11, 23))   # 8 days: overdue


def test_bestand_met_dezelfde_naam_vervangt(tmp_path):
    register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", datum=MAANDAG))
    with register.sessies() as sessie, sessie.begin():
        repo = BestandenRepository(sessie)
        repo.bewaar(brin="12AB", soort="RO", naam="RO_x.txt", inhoud=b"een", nu=register.klok.nu())
        repo.bewaar(brin="12AB", soort="RO", naam="RO_x.txt", inhoud=b"twee", nu=register.klok.nu())
    assert [(b.naam, b.grootte) for b in bestanden_van(register, "12AB")] == [("RO_x.txt", 4)]
