"""Interop: a client that is not Python. node-soap (the npm package ``soap``, major 1)
reads the WSDL our server serves, identifies a fixed test person with the beperkte set and
delivers an inschrijving with two periods (``node_client.js``); this test checks what the
Node client got back. It proves the WSDL and its XSDs work outside zeep.

node-soap is installed from the npm registry into pytest's cache folder in the test's own
setup (``npm install soap@1 --prefix ...``; a later run reuses it). The test is skipped only
when node or npm is not installed; a failing install is a failure."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from rod_service.store.models import Inschrijving, InschrijvingPeriode

from ..conftest import tel

pytestmark = pytest.mark.e2e
HIER = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def node_soap(request, tmp_path_factory) -> Path:
    """The node_modules folder holding soap@1."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed for the node-soap interop test (not installed on this machine)")
    cache = getattr(request.config, "cache", None)
    prefix = cache.mkdir("node-soap") if cache is not None else tmp_path_factory.mktemp("node-soap")
    modules = Path(prefix) / "node_modules"
    if not (modules / "soap" / "package.json").is_file():
        uitkomst = subprocess.run(
            [npm, "install", "soap@1", "--prefix", str(prefix), "--no-audit", "--no-fund", "--loglevel=error"],
            capture_output=True, text=True, timeout=180)
        assert uitkomst.returncode == 0, f"npm install soap@1 failed:\n{uitkomst.stdout}\n{uitkomst.stderr}"
    versie = json.loads((modules / "soap" / "package.json").read_text())["version"]
    assert versie.startswith("1."), versie
    return modules


def test_node_soap_identificeert_en_schrijft_in(server, register, node_soap):
    uitkomst = subprocess.run(
        [shutil.which("node"), str(HIER / "node_client.js"), f"{server}/rod/vo?wsdl"],
        capture_output=True, text=True, timeout=60, env={**os.environ, "NODE_PATH": str(node_soap)})
    assert uitkomst.returncode == 0, f"node client failed:\n{uitkomst.stdout}\n{uitkomst.stderr}"
    antwoord = json.loads(uitkomst.stdout.strip().splitlines()[-1])

    assert antwoord["services"] == ["RegisterOnderwijsdeelnemersVO"]
    identificatie = antwoord["identificatie"]
    assert identificatie["ontvangstBevestiging"] == "J"
    assert identificatie["status"] == "GOEDGEKEURD" and identificatie["signalen"] == []
    assert identificatie["identificatiecodeAanlevering"] == identificatie["verzonden"]
    assert (identificatie["bsn"], identificatie["achternaam"]) == ("999990007", "Jansen")

    inschrijving = antwoord["inschrijving"]
    assert inschrijving["status"] == "GOEDGEKEURD"
    assert inschrijving["identificatiecodeAanlevering"] == inschrijving["verzonden"]
    assert inschrijving["signalen"] == [
        {"code": "IS53", "soort": "ATTENTIE", "element": "inschrijvingPeriodeVO[2]/onderwijslocatie"}]
    assert inschrijving["teldata"] == [{"datum": "2024-10-01", "indicatieBekostigd": True},
                                       {"datum": "2025-10-01", "indicatieBekostigd": True},
                                       {"datum": "2026-10-01", "indicatieBekostigd": True}]
    assert tel(register, Inschrijving) == 1 and tel(register, InschrijvingPeriode) == 2
