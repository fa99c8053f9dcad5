"""Settings: ``--soap-tegelijk`` / ROD_SOAP_TEGELIJK (SOAP requests at once per serve process)."""
from __future__ import annotations

import threading

from rod_service.config import Instellingen
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
