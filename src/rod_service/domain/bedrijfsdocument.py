"""The four Bedrijfsdocument fields that open every message (spec section 3)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Bedrijfsdocument:
    identificatiecode: str
    verzendende_instantie: str
    ontvangende_instantie: str
    datum_tijd: datetime
