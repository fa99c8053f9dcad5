"""Matching an uitgebreide set against candidates (spec section 5, 'Matching the
uitgebreide set'; handbook 004 on spelling tolerance: 'Renee i.p.v. René').

Candidates already share geboortedatum and geslacht (the store selects them); here the
names (and the postcode, for a binnenlandsAdres) decide. Pure functions.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

#: Names of this many letters or more may differ by one edit.
MIN_LENGTE_TOLERANTIE = 5

K = TypeVar("K")


def naamsleutel(naam: str | None) -> str:
    """Case-, accent-, space- and punctuation-insensitive form: 'van der Berg-Émile' →
    'vanderbergemile'."""
    zonder_accenten = unicodedata.normalize("NFKD", naam or "")
    return "".join(c for c in zonder_accenten.casefold() if c.isalnum())


def volledige_achternaam(voorvoegsels: str | None, achternaam: str) -> str:
    return naamsleutel(f"{voorvoegsels or ''}{achternaam}")


def eerste_voornaam(voornamen: str | None) -> str:
    return naamsleutel((voornamen or "").split()[0]) if (voornamen or "").strip() else ""


def binnen_een_bewerking(a: str, b: str) -> bool:
    """Levenshtein distance ≤ 1, without building the full matrix."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def namen_komen_overeen(gegeven: str, bekend: str) -> bool:
    """Equal after normalising, or one edit apart when the longer name has 5+ letters."""
    if gegeven == bekend:
        return True
    return max(len(gegeven), len(bekend)) >= MIN_LENGTE_TOLERANTIE and binnen_een_bewerking(gegeven, bekend)


@dataclass(frozen=True)
class Zoeksleutel:
    """The normalised identifying part of an uitgebreide set."""

    achternaam: str
    voornaam: str
    postcode: str | None = None
    landcode: str | None = None


@dataclass(frozen=True)
class Kandidaat:
    """Something to match against (a BRP person or a person known to ROD), with a ref
    back to it."""

    sleutel: Zoeksleutel
    ref: object


def past(gezocht: Zoeksleutel, kandidaat: Zoeksleutel) -> bool:
    """Names within tolerance; the first voornaam only when both sides have one; postcode
    and landcode must be equal when the search gives one."""
    if not namen_komen_overeen(gezocht.achternaam, kandidaat.achternaam):
        return False
    if gezocht.voornaam and kandidaat.voornaam and not namen_komen_overeen(gezocht.voornaam, kandidaat.voornaam):
        return False
    if gezocht.postcode is not None and gezocht.postcode != kandidaat.postcode:
        return False
    return gezocht.landcode is None or gezocht.landcode == kandidaat.landcode


def enige_match(gezocht: Zoeksleutel, kandidaten: Iterable[Kandidaat]) -> object | None:
    """The one candidate that fits, or None when none or more than one fit (an ambiguous
    match is no match: spec section 5, 'More than one candidate → no match')."""
    passend: Sequence[Kandidaat] = [k for k in kandidaten if past(gezocht, k.sleutel)]
    return passend[0].ref if len(passend) == 1 else None
