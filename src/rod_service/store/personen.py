"""Repositories for persons: the fake BRP copy and the persons known to ROD."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..domain.persoon import BrpPersoon
from ..domain.pgn import Pgn, genereer_onderwijsnummer
from .models import BrpPersoonRij, Onderwijsnummer, Persoon


class BrpRepository:
    """The fake BRP, read-only for the register; filled from the reference data."""

    def __init__(self, session: Session, naar_domein: Callable[[dict], BrpPersoon]) -> None:
        self.session = session
        self._naar_domein = naar_domein

    def op_bsn(self, bsn: str) -> BrpPersoon | None:
        rij = self.session.get(BrpPersoonRij, bsn)
        return self._naar_domein(rij.gegevens) if rij else None

    def kandidaten(self, geboortedatum: date, geslacht: str, postcode: str) -> list[BrpPersoon]:
        rijen = self.session.scalars(
            select(BrpPersoonRij).where(
                BrpPersoonRij.geboortedatum == geboortedatum,
                BrpPersoonRij.geslacht == geslacht,
                BrpPersoonRij.postcode == postcode,
            )
        )
        return [self._naar_domein(r.gegevens) for r in rijen]

    def vervang_alles(self, personen: Iterable[tuple[BrpPersoon, dict]]) -> int:
        """Replace the whole BRP copy (reference data load); returns the number stored."""
        self.session.execute(delete(BrpPersoonRij))
        rijen = [
            {
                "burgerservicenummer": p.burgerservicenummer,
                "geboortedatum": p.geboortedatum,
                "geslacht": p.geslacht,
                "postcode": _postcode(p),
                "gegevens": gegevens,
            }
            for p, gegevens in personen
        ]
        for begin in range(0, len(rijen), 5000):
            self.session.execute(insert(BrpPersoonRij), rijen[begin:begin + 5000])
        return len(rijen)


def _postcode(persoon: BrpPersoon) -> str | None:
    postcode = getattr(persoon.adres, "postcode", None)
    return postcode.replace(" ", "").upper() if postcode else None


class PersonenRepository:
    """Persons known to ROD (spec section 3) and the onderwijsnummers ROD issued."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def op_bsn(self, bsn: str) -> Persoon | None:
        return self.session.scalar(select(Persoon).where(Persoon.burgerservicenummer == bsn))

    def op_onderwijsnummer(self, nummer: str) -> Persoon | None:
        own = self.session.get(Onderwijsnummer, nummer)
        return own.persoon if own else None

    def op_pgn(self, pgn: Pgn) -> Persoon | None:
        """The person known to ROD by this BSN, or by an onderwijsnummer ROD issued."""
        return self.op_bsn(pgn.nummer) if pgn.is_bsn else self.op_onderwijsnummer(pgn.nummer)

    def zonder_bsn(self, geboortedatum: date, geslacht: str) -> list[Persoon]:
        return list(
            self.session.scalars(
                select(Persoon).where(
                    Persoon.geboortedatum == geboortedatum,
                    Persoon.geslacht == geslacht,
                    Persoon.burgerservicenummer.is_(None),
                )
            )
        )

    def voeg_toe(self, persoon: Persoon) -> Persoon:
        self.session.add(persoon)
        self.session.flush()
        return persoon

    def geef_onderwijsnummer(self, persoon: Persoon, nu: datetime, kies=None) -> str:
        """Issue a fresh, unique onderwijsnummer to ``persoon``."""
        while True:
            nummer = genereer_onderwijsnummer(kies) if kies else genereer_onderwijsnummer()
            if self.session.get(Onderwijsnummer, nummer) is None:
                break
        self.session.add(Onderwijsnummer(nummer=nummer, persoon=persoon, uitgegeven_op=nu))
        self.session.flush()
        return nummer

    def koppel_onderwijsnummer(self, nummer: str, persoon: Persoon) -> int | None:
        """ID51 with huidigOnderwijsnummer: the old OWN now belongs to the BSN person.
        Returns the id of the OWN-only person it belonged to (whose stands the caller
        moves), or None when nothing changed."""
        own = self.session.get(Onderwijsnummer, nummer)
        if own is None or own.persoon_id == persoon.id:
            return None
        vorige = own.persoon_id
        own.persoon = persoon
        self.session.flush()
        return vorige

    def eerste_onderwijsnummer(self, persoon: Persoon) -> str | None:
        return self.session.scalar(
            select(Onderwijsnummer.nummer)
            .where(Onderwijsnummer.persoon_id == persoon.id)
            .order_by(Onderwijsnummer.uitgegeven_op, Onderwijsnummer.nummer)
            .limit(1)
        )
