"""Register.laad_referentiedata_stroom: a reference-data file loaded in flat memory (the
national-size path, bench/b2.py) stores what laad_referentiedata(lees(file)) stores, and a
refused file changes nothing."""
from __future__ import annotations

import copy
import json

import pytest

from rod_service.referentiedata import ReferentiedataFout, lees
from rod_service.referentiedata import genereer as gen


def _aantal_brp(register) -> int:
    return register.aantal_brp_personen()


def _sleutel(p: dict) -> str:
    return p["burgerservicenummer"]


def test_laad_stroom_als_laad_en_een_geweigerd_bestand_verandert_niets(register, tmp_path):
    doc = gen.genereer(1200, 5, seed=9)
    pad = tmp_path / "rd.json"
    pad.write_text(json.dumps(doc), encoding="utf-8")
    rd = register.laad_referentiedata_stroom(pad)
    assert register.referentiedata is rd and len(rd.instellingen) == len(doc["instellingen"])
    opgeslagen = register.huidig_document()
    assert sorted(opgeslagen.pop("personen"), key=_sleutel) == sorted(doc["personen"], key=_sleutel)
    assert opgeslagen == {k: v for k, v in doc.items() if k != "personen"}
    assert _aantal_brp(register) == 1200

    kapot = copy.deepcopy(doc)
    kapot["personen"][1100]["geslacht"] = "X"     # after more than one block was inserted
    kapot["instellingen"] = kapot["instellingen"][:1]
    pad.write_text(json.dumps(kapot), encoding="utf-8")
    with pytest.raises(ReferentiedataFout) as fout:
        register.laad_referentiedata_stroom(pad)
    assert fout.value.fouten == ["$.personen[1100].geslacht: 'X' is not one of ['M', 'V', 'O']"]
    with pytest.raises(ReferentiedataFout) as ook:
        lees(pad)
    assert ook.value.fouten == fout.value.fouten
    assert _aantal_brp(register) == 1200 and register.referentiedata is rd
    assert register.huidig_document()["instellingen"] == doc["instellingen"]


def test_laad_stroom_geldt_voor_elk_proces(register, tmp_path):
    """Like laad_referentiedata: another process of the deployment takes the new data over
    at the start of its next unit of work (dienststand)."""
    from rod_service.bootstrap import bootstrap

    ander = bootstrap(register.instellingen, migreren=False)
    try:
        doc = gen.genereer(50, 3, seed=2)
        pad = tmp_path / "rd.json"
        pad.write_text(json.dumps(doc), encoding="utf-8")
        register.laad_referentiedata_stroom(pad)
        ander.ververs()
        assert [i.instellingscode for i in ander.referentiedata.instellingen] == [
            i["instellingscode"] for i in doc["instellingen"]]
    finally:
        ander.engine.dispose()


def test_serve_met_referentiedata_laadt_via_de_stroom(database_url, tmp_path):
    """``serve --referentiedata FILE`` (bootstrap) puts the file in force through the
    streaming path; a refused file stops the start with every problem named."""
    from rod_service.bootstrap import bootstrap
    from rod_service.config import Instellingen

    doc = gen.genereer(300, 3, seed=4)
    pad = tmp_path / "rd.json"
    pad.write_text(json.dumps(doc), encoding="utf-8")
    register = bootstrap(Instellingen(database_url=database_url, referentiedata=pad))
    assert {i.instellingscode for i in register.referentiedata.instellingen} == {
        i["instellingscode"] for i in doc["instellingen"]}
    assert register.aantal_brp_personen() == 300

    fout = copy.deepcopy(doc)
    fout["personen"][2]["geslacht"] = "X"
    pad.write_text(json.dumps(fout), encoding="utf-8")
    with pytest.raises(ReferentiedataFout) as gevangen:
        bootstrap(Instellingen(database_url=database_url, referentiedata=pad))
    assert any(r.startswith("$.personen[2].geslacht") for r in gevangen.value.fouten)
    assert bootstrap(Instellingen(database_url=database_url)).aantal_brp_personen() == 300  # unchanged
