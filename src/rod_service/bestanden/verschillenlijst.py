"""The OBO verschillenlijst (spec section 8; handbook 000 ch. 09 "Wat is een
verschillenlijst?", 002 ch. 13 "Filteren en wijzigingen verschillenlijst OBO"):

- "als een record t.o.v. de vorige OBO is toegevoegd in de huidige OBO is de soort wijziging
  gevuld met 'T' en is alleen de huidige stand gevuld";
- "als een record … is verwijderd … 'V' en is alleen de vorige stand gevuld";
- "als een record … is gewijzigd … 'W' en is de vorige stand volledig gevuld en zijn in de
  huidige stand alleen de gewijzigde gegevens gevuld".

A record is identified by its key (:data:`~.records.SLEUTELLENGTE`): "Omdat de begindatum
onderdeel is van de sleutel van een inschrijfperiode" a moved period is a V plus a T. Row
layout: type, the previous stand's fields, the new stand's fields, soort wijziging last.
Rows come per record type (PER, ISG, ISP: the handbook's separate lists for persons,
inschrijvingen and inschrijfperiodes, in one file), within a type by key.
"""
from __future__ import annotations

from collections.abc import Iterable

from .records import OBO_TYPEN, VELDEN, Record, sleutel


def _per_sleutel(records: Iterable[Record], typen: tuple[str, ...]) -> dict[tuple[str, ...], Record]:
    return {sleutel(r): r for r in records if r[0] in typen}


def wijziging(vorig: Record | None, nieuw: Record | None) -> Record | None:
    """The verschillenlijst row for one key, or None when the record did not change."""
    if vorig is None and nieuw is None:
        raise ValueError("a row needs a previous or a new stand")
    soort = (vorig or nieuw)[0]
    leeg = ("",) * len(VELDEN[soort])
    if vorig is None:
        return (soort, *leeg, *nieuw[1:], "T")
    if nieuw is None:
        return (soort, *vorig[1:], *leeg, "V")
    if vorig == nieuw:
        return None
    gewijzigd = tuple(n if n != v else "" for v, n in zip(vorig[1:], nieuw[1:], strict=True))
    return (soort, *vorig[1:], *gewijzigd, "W")


def verschillenlijst(vorige: Iterable[Record], huidige: Iterable[Record],
                     typen: tuple[str, ...] = OBO_TYPEN) -> list[Record]:
    """Every T, V and W row of ``huidige`` against ``vorige`` (both: records of an OBO)."""
    vorig, nieuw = _per_sleutel(vorige, typen), _per_sleutel(huidige, typen)
    volgorde = {t: i for i, t in enumerate(typen)}
    sleutels = sorted(vorig.keys() | nieuw.keys(), key=lambda k: (volgorde[k[0]], k[1:]))
    rijen = (wijziging(vorig.get(k), nieuw.get(k)) for k in sleutels)
    return [r for r in rijen if r is not None]
