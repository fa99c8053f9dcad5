"""The CLI verbs of the foundation: referentiedata load/genereer, db upgrade/check."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from rod_service.bootstrap import bootstrap
from rod_service.cli import app
from rod_service.config import Instellingen
from rod_service.referentiedata import loader

runner = CliRunner()


def test_genereer_en_laad(tmp_path):
    bestand = tmp_path / "groot.json"
    uit = runner.invoke(app, ["referentiedata", "genereer", str(bestand), "--personen", "500", "--scholen", "7"])
    assert uit.exit_code == 0, uit.output
    document = loader.lees(bestand)
    assert len(document["personen"]) == 500

    url = f"sqlite:///{tmp_path / 'rod.sqlite3'}"
    uit = runner.invoke(app, ["referentiedata", "load", str(bestand), "--database", url])
    assert uit.exit_code == 0, uit.output
    # serve without --referentiedata keeps what was loaded (it does not fall back to the default)
    register = bootstrap(Instellingen(database_url=url))
    assert {i.instellingscode for i in register.referentiedata.instellingen} == {
        i["instellingscode"] for i in document["instellingen"]}
    assert len(register.huidig_document()["personen"]) == 500


def test_laden_van_ongeldig_bestand_meldt_alle_fouten_en_verandert_niets(tmp_path):
    url = f"sqlite:///{tmp_path / 'rod.sqlite3'}"
    voor = bootstrap(Instellingen(database_url=url)).huidig_document()
    document = json.loads(loader.standaard_pad().read_text())
    document["rodOin"] = "123"
    document["personen"][0]["geslacht"] = "X"
    bestand = tmp_path / "fout.json"
    bestand.write_text(json.dumps(document))
    uit = runner.invoke(app, ["referentiedata", "load", str(bestand), "--database", url])
    assert uit.exit_code == 1
    assert "rodOin" in uit.output and "geslacht" in uit.output
    assert bootstrap(Instellingen(database_url=url)).huidig_document() == voor


def test_db_upgrade_en_check(tmp_path):
    url = f"sqlite:///{tmp_path / 'rod.sqlite3'}"
    assert runner.invoke(app, ["db", "upgrade", "--database", url]).exit_code == 0
    uit = runner.invoke(app, ["db", "check", "--database", url])
    assert uit.exit_code == 0, uit.output


def test_samenvoegen_met_gedeeltelijk_bestand(tmp_path):
    url = f"sqlite:///{tmp_path / 'rod.sqlite3'}"
    bootstrap(Instellingen(database_url=url))
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"administraties": [
        {"oin": "00000009900000000202", "brins": ["45GH", "56JK"], "endpoint": "http://127.0.0.1:9999/las"}]}))
    uit = runner.invoke(app, ["referentiedata", "load", str(extra), "--samenvoegen", "--database", url])
    assert uit.exit_code == 0, uit.output
    register = bootstrap(Instellingen(database_url=url))
    assert register.referentiedata.administratie("00000009900000000202").endpoint == "http://127.0.0.1:9999/las"
    assert len(register.huidig_document()["personen"]) == 300  # merged: the BRP stays
