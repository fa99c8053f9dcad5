"""What a handler may use besides the unit of work: reference data and the clock."""
from __future__ import annotations

from collections.abc import Callable

from ..domain.referentiedata import Referentiedata
from ..klok import Klok


class Omgeving:
    """``referentiedata`` is a value, or a callable giving the data in force: then it is
    read at first use and kept, so one request sees one version even when another process
    puts new reference data in force meanwhile (bootstrap.Register.ververs)."""

    def __init__(self, referentiedata: Referentiedata | Callable[[], Referentiedata], klok: Klok) -> None:
        self._referentiedata = referentiedata
        self.klok = klok

    @property
    def referentiedata(self) -> Referentiedata:
        if callable(self._referentiedata):
            self._referentiedata = self._referentiedata()
        return self._referentiedata
