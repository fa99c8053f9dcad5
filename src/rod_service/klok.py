"""The one clock. Rules get "today" from here, never from ``date.today()``.

``--datum``/``ROD_DATUM`` fixes the date (deterministic scenarios: teldatum, half year,
KWC windows); ``PUT /admin/datum`` moves it at runtime. The time of day stays real, so
``datumTijdBedrijfsdocument`` keeps moving forward on a fixed date.
"""
from __future__ import annotations

import threading
from datetime import UTC, date, datetime


class Klok:
    def __init__(self, vaste_datum: date | None = None) -> None:
        self._vaste_datum = vaste_datum
        self._lock = threading.Lock()

    def vandaag(self) -> date:
        with self._lock:
            vast = self._vaste_datum
        return vast if vast is not None else datetime.now(UTC).date()

    def nu(self) -> datetime:
        """Now in UTC, on the fixed date when one is set."""
        echt = datetime.now(UTC)
        with self._lock:
            vast = self._vaste_datum
        return echt if vast is None else datetime.combine(vast, echt.timetz())

    def zet(self, datum: date | None) -> None:
        """Fix "today" to ``datum``; ``None`` returns to the real date."""
        with self._lock:
            self._vaste_datum = datum

    @property
    def is_vast(self) -> bool:
        return self._vaste_datum is not None
