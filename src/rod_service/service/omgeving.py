"""What a handler may use besides the unit of work: reference data and the clock."""
from __future__ import annotations

from dataclasses import dataclass

from ..domain.referentiedata import Referentiedata
from ..klok import Klok


@dataclass
class Omgeving:
    referentiedata: Referentiedata
    klok: Klok
