"""One ``ROD_*`` environment variable read as a setting, and the error of one that cannot
be used. Shared by ``config`` and ``outbox.instellingen``; the CLI prints an
``InstellingFout`` as one line and exits with 2."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


class InstellingFout(ValueError):
    """A setting cannot be used; the message names its option or environment variable."""


def lees_waarde(env: Mapping[str, str], naam: str, omzetten: Callable[[str], Any], soort: str) -> Any:
    """``env[naam]`` converted, None when unset or empty; a value that does not convert is
    refused with the variable's name: ``ROD_DATUM='1-10-2026' is no date of the form …``."""
    tekst = env.get(naam)
    if not tekst:
        return None
    try:
        return omzetten(tekst)
    except ValueError:
        raise InstellingFout(f"{naam}={tekst!r} is no {soort}") from None
