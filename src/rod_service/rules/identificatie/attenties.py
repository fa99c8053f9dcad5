"""ID53–ID55: attention signals about a BRP person found (beperkte or uitgebreide set)."""
from __future__ import annotations

from ...domain.persoon import BrpPersoon
from ...domain.signalen import Signaal, signaal


def attenties_brp(persoon: BrpPersoon) -> list[Signaal]:
    """ID53 geheim adres: address withheld (handbook 000 ch. 06, 'Geheim adres').
    ID54 puntadres (handbook 000 ch. 07, 'Status adres onbetrouwbaar = Puntadres').
    ID55 deceased: datumOverlijden returned (handbook 000 ch. 16, KW02 relies on it)."""
    gevonden = []
    if persoon.geheim:
        gevonden.append(signaal("ID53", element="persoon"))
    elif persoon.heeft_puntadres:
        gevonden.append(signaal("ID54", element="persoon/binnenlandsAdres"))
    if persoon.datum_overlijden is not None:
        gevonden.append(signaal("ID55", element="persoon/datumOverlijden"))
    return gevonden
