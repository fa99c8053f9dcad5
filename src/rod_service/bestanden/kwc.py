"""The kwaliteitscontrolebestand (KWC), one CSV per school per run (spec section 9;
handbook 000 ch. 15 "DUO plaatst het dashboard (pdf) en kwaliteitscontrolebestand (csv)
wekelijks"). Columns in spec order; ``;``-separated (what Dutch spreadsheet software opens
directly), UTF-8 with a header row, one row per signal."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

KOLOMMEN = ("instellingscode", "pgn", "achternaam", "volgnummer", "code", "omschrijving", "andere_instellingscode")


@dataclass(frozen=True)
class Kwcregel:
    """One signal about one subject. ``volgnummer``: the inschrijvingvolgnummer, or for
    KW22, KW23, KW26–KW30 the examenresultaatvolgnummer."""

    instellingscode: str
    pgn: str
    achternaam: str
    volgnummer: str
    code: str
    omschrijving: str
    andere_instellingscode: str = ""

    def als_rij(self) -> tuple[str, ...]:
        return tuple(getattr(self, k) for k in KOLOMMEN)


def als_csv(regels: Iterable[Kwcregel]) -> bytes:
    buffer = io.StringIO(newline="")
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\n")
    schrijver.writerow(KOLOMMEN)
    for r in regels:
        schrijver.writerow(r.als_rij())
    return buffer.getvalue().encode("utf-8")


def lees_csv(inhoud: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(inhoud.decode("utf-8")), delimiter=";"))
