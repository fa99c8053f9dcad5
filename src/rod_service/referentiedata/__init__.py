"""Reference data (spec section 10): the JSON file format (``schema.json``), the shipped
default (``default.json``), loading/merging (``loader``) and synthetic sets (``genereer``,
imported on demand because it pulls in Faker). See docs/referentiedata.md."""
from .loader import (
    ReferentiedataFout, laad, lees, naar_domein, personen_met_gegevens, persoon_naar_domein, samenvoegen,
    standaard_pad, valideer,
)

__all__ = [
    "ReferentiedataFout", "laad", "lees", "naar_domein", "personen_met_gegevens", "persoon_naar_domein", "samenvoegen",
    "standaard_pad", "valideer",
]
