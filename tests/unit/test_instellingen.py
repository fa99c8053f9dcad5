"""Settings: ``--soap-tegelijk`` / ROD_SOAP_TEGELIJK (SOAP requests at once per serve process),
and a setting that cannot be used, refused with its name."""
from __future__ import annotations

import os
import threading
from datetime import date

import pytest

from rod_service.config import Instellingen, InstellingFout
from rod_service.http import _beurt


def test_soap_tegelijk_standaard_een_omgeving_en_optie(monkeypatch):
    monkeypatch.delenv("ROD_SOAP_TEGELIJK", raising=False)
    assert Instellingen.uit_omgeving().soap_tegelijk == 1
    monkeypatch.setenv("ROD_SOAP_TEGELIJK", "3")
    assert Instellingen.uit_omgeving().soap_tegelijk == 3
    assert Instellingen.uit_omgeving(soap_tegelijk=2).soap_tegelijk == 2


def test_de_beurt_laat_er_zoveel_tegelijk_toe():
    assert _beurt(None) is None and _beurt(0) is None
    een, drie = _beurt(1), _beurt(3)
    assert een.acquire(blocking=False) and not een.acquire(blocking=False)
    assert all(drie.acquire(blocking=False) for _ in range(3)) and not drie.acquire(blocking=False)
    assert isinstance(een, type(threading.Lock()))


# -- a setting that cannot be used is refused with its name ------------------------------------

@pytest.fixture
def zonder_rod_omgeving(monkeypatch):
    """No ROD_* variable of the machine running the tests: each test sets its own."""
    for naam in [k for k in os.environ if k.startswith("ROD_")]:
        monkeypatch.delenv(naam)
    return monkeypatch


@pytest.mark.parametrize(("variabele", "waarde", "melding"), [
    ("ROD_DATUM", "abc", "ROD_DATUM='abc' is no date of the form YYYY-MM-DD"),
    ("ROD_KWC_INTERVAL", "5m", "ROD_KWC_INTERVAL='5m' is no number"),
    ("ROD_KWC_INTERVAL", "0", "ROD_KWC_INTERVAL must be positive"),
    ("ROD_KWC_WEEKDAG", "maandagochtend", "ROD_KWC_WEEKDAG: 'maandagochtend' is geen weekdag"),
    ("ROD_SOAP_TEGELIJK", "twee", "ROD_SOAP_TEGELIJK='twee' is no whole number"),
    ("ROD_SOAP_TEGELIJK", "0", "ROD_SOAP_TEGELIJK must be at least 1, not 0"),
    ("ROD_MAX_BERICHT_BYTES", "1k", "ROD_MAX_BERICHT_BYTES='1k' is no whole number"),
    ("ROD_MAX_BERICHT_BYTES", "100", "ROD_MAX_BERICHT_BYTES must be at least 1024"),
    ("ROD_LOG_FORMAAT", "xml", "ROD_LOG_FORMAAT must be json or tekst, not 'xml'"),
    ("ROD_LOG_NIVEAU", "LUID", "ROD_LOG_NIVEAU must be DEBUG, INFO, WARNING, ERROR or CRITICAL"),
    ("ROD_OUTBOX_BEWAREN", "30d", "ROD_OUTBOX_BEWAREN='30d' is no number"),
    ("ROD_OUTBOX_CLAIM", "5", "ROD_OUTBOX_CLAIM (5.0) must exceed ROD_OUTBOX_TIMEOUT"),
])
def test_een_onbruikbare_waarde_uit_de_omgeving_wordt_met_haar_naam_geweigerd(zonder_rod_omgeving, variabele,
                                                                             waarde, melding):
    zonder_rod_omgeving.setenv(variabele, waarde)
    with pytest.raises(InstellingFout) as fout:
        Instellingen.uit_omgeving()
    assert melding in str(fout.value)


def test_een_optie_wordt_net_zo_gecontroleerd_als_de_omgeving(zonder_rod_omgeving):
    with pytest.raises(InstellingFout, match="--log-formaat / ROD_LOG_FORMAAT"):
        Instellingen.uit_omgeving(log_formaat="yaml")
    with pytest.raises(InstellingFout, match="--kwc-weekdag"):
        Instellingen.uit_omgeving(kwc_weekdag="8")


def test_bruikbare_waarden_blijven_werken(zonder_rod_omgeving):
    monkeypatch = zonder_rod_omgeving
    for variabele, waarde in {"ROD_DATUM": "2026-10-01", "ROD_KWC_WEEKDAG": "uit", "ROD_KWC_INTERVAL": "60",
                              "ROD_LOG_NIVEAU": "debug", "ROD_LOG_FORMAAT": "tekst",
                              "ROD_MAX_BERICHT_BYTES": "2048"}.items():
        monkeypatch.setenv(variabele, waarde)
    inst = Instellingen.uit_omgeving()
    assert (inst.datum, inst.kwc_weekdag, inst.kwc_interval, inst.log_niveau, inst.log_formaat,
            inst.max_bericht_bytes) == (date(2026, 10, 1), "uit", 60.0, "debug", "tekst", 2048)
    monkeypatch.setenv("ROD_KWC_WEEKDAG", "")  # empty: the default, as for every variable
    assert Instellingen.uit_omgeving().kwc_weekdag == "maandag"
