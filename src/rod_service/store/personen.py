"""Repositories for persons: the fake BRP copy and the persons known to ROD."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from sqlalchemy import Row, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from ..domain.persoon import BrpPersoon
from ..domain.pgn import Pgn, genereer_onderwijsnummer
from .models import BrpPersoonRij, Onderwijsnummer, Persoon
from .snel import Snel

_BRP_GEGEVENS = Snel(select(BrpPersoonRij.__table__.c.gegevens).where(
    BrpPersoonRij.__table__.c.burgerservicenummer == bindparam("bsn")))
_NUMMERS = Snel(select(Onderwijsnummer.__table__.c.nummer).where(
    Onderwijsnummer.__table__.c.persoon_id == bindparam("persoon_id")).order_by(Onderwijsnummer.__table__.c.nummer))


_P = Persoon.__table__
_KOP_OP_BSN = select(_P.c.id, _P.c.burgerservicenummer, _P.c.geboortedatum).where(
    _P.c.burgerservicenummer == bindparam("bsn"))
_KOP_OP_OWN = select(_P.c.id, _P.c.burgerservicenummer, _P.c.geboortedatum).join_from(
    _P, Onderwijsnummer.__table__).where(Onderwijsnummer.__table__.c.nummer == bindparam("own"))
# the hot path runs these on the driver's cursor (store/snel.py)
_SNEL = {v: Snel(v) for v in (_KOP_OP_BSN, _KOP_OP_OWN)}
_VERGRENDELD = {v: Snel(v.with_for_update(of=_P)) for v in (_KOP_OP_BSN, _KOP_OP_OWN)}
_NIEUWE_PERSOON = Snel(insert(_P).returning(_P.c.id))
_KOP_OP_ID = Snel(select(_P.c.id, _P.c.burgerservicenummer, _P.c.geboortedatum).where(_P.c.id == bindparam("id")))


class BrpRepository:
    """The fake BRP, read-only for the register; filled from the reference data.

    ``cache`` (optional): persons already read under the reference-data version this unit
    of work runs on (``BrpCache.voor``); the copy changes only with a load, which gives a
    new version, so a person read once is not read again until then."""

    def __init__(self, session: Session, naar_domein: Callable[[dict], BrpPersoon],
                 cache: dict[str, BrpPersoon | None] | None = None) -> None:
        self.session = session
        self._naar_domein = naar_domein
        self._cache = cache

    def op_bsn(self, bsn: str) -> BrpPersoon | None:
        if self._cache is not None and bsn in self._cache:
            return self._cache[bsn]
        gegevens = _BRP_GEGEVENS.voer_uit(self.session, {"bsn": bsn}).scalar()
        persoon = self._naar_domein(gegevens) if gegevens is not None else None
        if self._cache is not None:
            self._cache[bsn] = persoon
        return persoon

    def kandidaten(self, geboortedatum: date, geslacht: str, postcode: str) -> list[BrpPersoon]:
        rijen = self.session.scalars(
            select(BrpPersoonRij).where(
                BrpPersoonRij.geboortedatum == geboortedatum,
                BrpPersoonRij.geslacht == geslacht,
                BrpPersoonRij.postcode == postcode,
            )
        )
        return [self._naar_domein(r.gegevens) for r in rijen]

    def vervang_alles(self, personen: Iterable[tuple[BrpPersoon, dict]], blok: int = 5000) -> int:
        """Replace the whole BRP copy (a reference-data load); returns the number stored.
        Rows are made and inserted ``blok`` at a time, so a stream (``loader.lees_stroom``)
        of a national BRP is never in memory as a whole."""
        self.session.execute(delete(BrpPersoonRij))
        return _per_blok(personen, blok, lambda rijen: self.session.execute(insert(BrpPersoonRij.__table__), rijen))

    def vervang(self, personen: Iterable[tuple[BrpPersoon, dict]], blok: int = 500) -> int:
        """Replace or add these persons by BSN (a reference-data merge), leaving the rest of
        the BRP copy as it is; returns the number stored. Costs what is merged, not what the
        copy holds."""
        return _per_blok(personen, blok, self._vervang_blok)

    def _vervang_blok(self, rijen: list[dict]) -> None:
        bsns = [r["burgerservicenummer"] for r in rijen]
        self.session.execute(delete(BrpPersoonRij).where(BrpPersoonRij.burgerservicenummer.in_(bsns)))
        self.session.execute(insert(BrpPersoonRij.__table__), rijen)


class BrpCache:
    """BRP persons as read, per reference-data version, shared by the units of work of one
    process: a delivery reads its pupil's BRP row twice (identificatie, then the
    bekostiging of the inschrijving), and a LAS delivers a pupil's stands one after the
    other. Each version has a dict of its own, made anew when a unit of work runs on
    another version, so no person crosses from one version to the next. Bounded: a full
    dict is emptied (a national ingest meets each pupil a few times, close together).
    The version and its dict are one value, swapped whole: a thread never sees one
    version's number with another version's persons."""

    def __init__(self, grootte: int = 20_000) -> None:
        self.grootte = grootte
        self._stand: tuple[int | None, dict[str, BrpPersoon | None]] = (None, {})

    def voor(self, versie: int) -> dict[str, BrpPersoon | None]:
        gelezen, personen = self._stand
        if versie != gelezen or len(personen) >= self.grootte:
            personen = {}
            self._stand = (versie, personen)
        return personen


def _per_blok(personen: Iterable[tuple[BrpPersoon, dict]], blok: int, schrijf: Callable[[list[dict]], object]) -> int:
    """Rows made and handed to ``schrijf`` ``blok`` at a time; returns how many."""
    aantal, rijen = 0, []
    for p, gegevens in personen:
        rijen.append(_rij(p, gegevens))
        if len(rijen) == blok:
            schrijf(rijen)
            aantal, rijen = aantal + len(rijen), []
    if rijen:
        schrijf(rijen)
    return aantal + len(rijen)


def _rij(p: BrpPersoon, gegevens: dict) -> dict:
    """A ``brp_persoon`` row: the columns the lookups use, and the item as it was loaded."""
    return {"burgerservicenummer": p.burgerservicenummer, "geboortedatum": p.geboortedatum,
            "geslacht": p.geslacht, "postcode": _postcode(p), "gegevens": gegevens}


def _postcode(persoon: BrpPersoon) -> str | None:
    postcode = getattr(persoon.adres, "postcode", None)
    return postcode.replace(" ", "").upper() if postcode else None


class PersonenRepository:
    """Persons known to ROD (spec section 3) and the onderwijsnummers ROD issued."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._koppen: dict[int, Row] = {}  # kop_op_pgn's rows, for kop() later in this unit of work

    def op_bsn(self, bsn: str) -> Persoon | None:
        return self.session.scalar(select(Persoon).where(Persoon.burgerservicenummer == bsn))

    def op_onderwijsnummer(self, nummer: str) -> Persoon | None:
        own = self.session.get(Onderwijsnummer, nummer)
        return own.persoon if own else None

    def op_pgn(self, pgn: Pgn) -> Persoon | None:
        """The person known to ROD by this BSN, or by an onderwijsnummer ROD issued."""
        return self.op_bsn(pgn.nummer) if pgn.is_bsn else self.op_onderwijsnummer(pgn.nummer)

    def kop_op_pgn(self, pgn: Pgn, *, vergrendel: bool = False) -> Row | None:
        """``id``, ``burgerservicenummer`` and ``geboortedatum`` of the person ``op_pgn``
        finds, without loading it into the session (Core: the delivery hot path).
        ``vergrendel``: hold the person's row lock until the transaction ends (PostgreSQL
        ``FOR UPDATE``; SQLite's BEGIN IMMEDIATE already gives one writer at a time)."""
        if pgn.is_bsn:
            vraag, waarden = _KOP_OP_BSN, {"bsn": pgn.nummer}
        else:
            vraag, waarden = _KOP_OP_OWN, {"own": pgn.nummer}
        kop = (_VERGRENDELD if vergrendel else _SNEL)[vraag].voer_uit(self.session, waarden).first()
        if kop is not None:
            self._koppen[kop.id] = kop
        return kop

    def kop(self, persoon_id: int) -> Row | None:
        """As ``kop_op_pgn``, by id (the row ``kop_op_pgn`` read in this unit of work, if any)."""
        if persoon_id not in self._koppen:
            self._koppen[persoon_id] = _KOP_OP_ID.voer_uit(self.session, {"id": persoon_id}).first()
        return self._koppen[persoon_id]

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

    def zorg_voor_bsn_persoon(self, waarden: dict) -> int:
        """The id of the person with ``waarden["burgerservicenummer"]``, inserted with
        ``waarden`` when ROD did not know it yet (Core: the identificatie hot path). Two
        processes inserting the same BSN at once: the unique index refuses the second, whose
        request runs again (store/db.py met_herhaling) and finds the first."""
        kop = _SNEL[_KOP_OP_BSN].voer_uit(self.session, {"bsn": waarden["burgerservicenummer"]}).first()
        if kop is not None:
            return kop.id
        return _NIEUWE_PERSOON.voer_uit(self.session, waarden).scalar_one()

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

    def onderwijsnummers(self, persoon_id: int) -> list[str]:
        """The onderwijsnummers ROD issued that now lead to the person (Core: the hot path)."""
        return _NUMMERS.voer_uit(self.session, {"persoon_id": persoon_id}).scalars()

    def eerste_onderwijsnummer(self, persoon: Persoon) -> str | None:
        return self.session.scalar(
            select(Onderwijsnummer.nummer)
            .where(Onderwijsnummer.persoon_id == persoon.id)
            .order_by(Onderwijsnummer.uitgegeven_op, Onderwijsnummer.nummer)
            .limit(1)
        )
