"""Persoonsgebonden nummer (PGN): the flat choice burgerservicenummer / onderwijsnummer.

Checks are python-stdnum's: BSN elfproef (weights 9..2,-1, sum mod 11 = 0) and the
onderwijsnummer check (starts with 10, same weights, sum mod 11 = 5); spec section 3.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import Enum

from stdnum.nl import bsn as _bsn
from stdnum.nl import onderwijsnummer as _own


class Nummersoort(str, Enum):
    BSN = "burgerservicenummer"
    OWN = "onderwijsnummer"


@dataclass(frozen=True)
class Pgn:
    soort: Nummersoort
    nummer: str

    @property
    def is_bsn(self) -> bool:
        return self.soort is Nummersoort.BSN

    @property
    def is_geldig(self) -> bool:
        return is_geldig_bsn(self.nummer) if self.is_bsn else is_geldig_onderwijsnummer(self.nummer)

    def gemaskeerd(self) -> str:
        """For logs and audit: only the last three digits stay visible."""
        return "******" + self.nummer[-3:]


def bsn(nummer: str) -> Pgn:
    return Pgn(Nummersoort.BSN, nummer)


def onderwijsnummer(nummer: str) -> Pgn:
    return Pgn(Nummersoort.OWN, nummer)


def is_geldig_bsn(nummer: str) -> bool:
    return len(nummer) == 9 and _bsn.is_valid(nummer)


def is_geldig_onderwijsnummer(nummer: str) -> bool:
    return len(nummer) == 9 and _own.is_valid(nummer)


def _controlecijfer(eerste_acht: str, rest: int) -> int | None:
    """The ninth digit d with (sum(w*c) - d) % 11 == rest, or None when it would be 10."""
    som = sum(w * int(c) for w, c in zip(range(9, 1, -1), eerste_acht))
    d = (som - rest) % 11
    return None if d == 10 else d


def genereer_onderwijsnummer(kies=secrets.randbelow) -> str:
    """A fresh, valid onderwijsnummer (``10`` + 6 random digits + check digit).
    Uniqueness against issued numbers is the caller's job (the store)."""
    while True:
        eerste_acht = "10" + f"{kies(10**6):06d}"
        d = _controlecijfer(eerste_acht, 5)
        if d is not None:
            return eerste_acht + str(d)


def genereer_bsn(kies=secrets.randbelow) -> str:
    """A valid burgerservicenummer for synthetic data (never starting with 0 or 10)."""
    while True:
        eerste_acht = f"{kies(8 * 10**7) + 2 * 10**7:08d}"
        d = _controlecijfer(eerste_acht, 0)
        if d is not None:
            return eerste_acht + str(d)
