"""store/db.py met_herhaling: a unit of work that lost a race runs again and is counted;
any other database error is not retried."""
from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError, OperationalError

from rod_service.store.db import met_herhaling


class _PgFout(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _race(sqlstate: str) -> DBAPIError:
    return OperationalError("COMMIT", {}, _PgFout(sqlstate))


def test_verloren_race_draait_opnieuw_en_telt():
    pogingen, gehoord = [], []

    def werk():
        pogingen.append(1)
        if len(pogingen) < 3:
            raise _race("40001" if len(pogingen) == 1 else "23505")
        return "klaar"

    assert met_herhaling(werk, bij_herhaling=gehoord.append) == "klaar"
    assert len(pogingen) == 3 and gehoord == ["40001", "23505"]


def test_andere_fout_en_laatste_poging_gaan_door():
    gehoord = []
    with pytest.raises(DBAPIError):
        met_herhaling(lambda: (_ for _ in ()).throw(_race("42P01")), bij_herhaling=gehoord.append)
    assert gehoord == []  # undefined table: a real error, not a race
    with pytest.raises(DBAPIError):
        met_herhaling(lambda: (_ for _ in ()).throw(_race("40001")), pogingen=2, bij_herhaling=gehoord.append)
    assert gehoord == ["40001"]  # retried once, then given up
