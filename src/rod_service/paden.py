"""Where the contract files and migrations are: the checkout's top-level ``wsdl/`` and
``migrations/`` (editable install), or their copies inside the wheel (``_contract/``)."""
from __future__ import annotations

from pathlib import Path

_PAKKET = Path(__file__).resolve().parent
_CHECKOUT = _PAKKET.parent.parent


def _eerste_bestaande(naam: str) -> Path:
    for kandidaat in (_PAKKET / "_contract" / naam, _CHECKOUT / naam):
        if kandidaat.exists():
            return kandidaat
    raise FileNotFoundError(f"{naam} not found next to the package or in the checkout")


def wsdl_map() -> Path:
    return _eerste_bestaande("wsdl")


def migraties_map() -> Path:
    return _eerste_bestaande("migrations")


def conformance_map() -> Path:
    """The conformance catalogue (scenarios, templates, fixtures, regels.txt)."""
    return _eerste_bestaande("conformance")
