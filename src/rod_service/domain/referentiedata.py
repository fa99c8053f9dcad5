"""Reference data (spec section 10): RIO-like instellingen, opleidingen, vakken, the
administraties that may deliver, the fake BRP and inschrijvingen from other sectors.

Plain frozen dataclasses and one index, no I/O: ``rod_service.referentiedata.loader``
reads the JSON file and builds a :class:`Referentiedata`. Every "valid on" question goes
through :func:`is_geldig_op`, so IS06–IS08, EX02/EX03, BK03 and the KWC checks agree on
what an end date means (inclusive).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from .persoon import BrpPersoon

Modus = Literal["synchroon", "asynchroon"]
Sector = Literal["VO", "PO", "MBO", "VAVO"]
Niveau = Literal["PRO", "VMBO_BB", "VMBO_KB", "VMBO_GL", "VMBO_TL", "HAVO", "VWO"]
Nummersoort = Literal["burgerservicenummer", "onderwijsnummer"]


def is_geldig_op(begindatum: date, einddatum: date | None, op: date) -> bool:
    """RIO validity: ``begindatum <= op`` and (no einddatum or ``op <= einddatum``);
    both ends inclusive (a vestiging ended 2024-07-31 is still valid that day)."""
    return begindatum <= op and (einddatum is None or op <= einddatum)


@dataclass(frozen=True)
class Geldigheid:
    """A RIO code with a validity window (onderwijsaanbieder, onderwijslocatie)."""

    code: str
    begindatum: date
    einddatum: date | None = None

    def is_geldig_op(self, op: date) -> bool:
        return is_geldig_op(self.begindatum, self.einddatum, op)


class Onderwijsaanbieder(Geldigheid):
    """RIO onderwijsaanbieder, code ``[0-9]{3}A[0-9]{3}``."""


class Onderwijslocatie(Geldigheid):
    """RIO onderwijslocatie, code ``[0-9]{3}X[0-9]{3}``."""


@dataclass(frozen=True)
class Vestiging:
    """A vestiging (``instellingscode`` + 2 digits) and the onderwijslocaties linked to it
    (IS53/KW10: a period's onderwijslocatie should be one of these)."""

    vestigingscode: str
    begindatum: date
    einddatum: date | None = None
    onderwijslocaties: tuple[str, ...] = ()

    def is_geldig_op(self, op: date) -> bool:
        return is_geldig_op(self.begindatum, self.einddatum, op)


@dataclass(frozen=True)
class Licentie:
    """Elementcode ``opleidingcode`` may be given at ``vestigingscode`` (BK03)."""

    vestigingscode: str
    opleidingcode: str


@dataclass(frozen=True)
class Instelling:
    instellingscode: str
    naam: str
    bekostigd: bool
    sector: Sector
    vestigingen: tuple[Vestiging, ...] = ()
    onderwijsaanbieders: tuple[Onderwijsaanbieder, ...] = ()
    onderwijslocaties: tuple[Onderwijslocatie, ...] = ()
    licenties: tuple[Licentie, ...] = ()

    @property
    def is_vo(self) -> bool:
        return self.sector == "VO"


@dataclass(frozen=True)
class Administratie:
    """A registered leerlingadministratie (AL03): the OIN that delivers, the brins it may
    deliver for, where pushes go and in which answer mode."""

    oin: str
    brins: tuple[str, ...]
    endpoint: str | None = None
    modus: Modus = "synchroon"
    leveranciers_oins: tuple[str, ...] = ()

    @property
    def is_synchroon(self) -> bool:
        return self.modus == "synchroon"


@dataclass(frozen=True)
class Opleiding:
    """An elementcode. ``sector`` ``VAVO`` marks a VAVO opleiding (not a VO one: IS09)."""

    opleidingcode: str
    naam: str
    niveau: Niveau
    laatste_leerjaar: int
    sector: Literal["VO", "VAVO"] = "VO"

    @property
    def is_vo(self) -> bool:
        return self.sector == "VO"

    @property
    def is_praktijkonderwijs(self) -> bool:
        return self.niveau == "PRO"


@dataclass(frozen=True)
class Vak:
    """``verplicht_bij_niveau``: the niveaus where it belongs to the gemeenschappelijk deel
    (EX56); ``kernvak``: counts for the kernvakkenregel (section 6.2); ``centraal_examen``:
    its examenprogramma has a centraal examen (a CSPE counts), so a complete result has a
    ``centraalExamen`` (EX52) and the CE counts for the CE average (EX55). Default ``False``:
    files without the flag never make EX52 ask for a CE."""

    vakcode: str
    naam: str
    verplicht_bij_niveau: tuple[str, ...] = ()
    kernvak: bool = False
    centraal_examen: bool = False


@dataclass(frozen=True)
class ExterneInschrijving:
    """A PO/MBO/VAVO inschrijving known to ROD from another sector (BK02, KW18/20/21,
    datumEersteInschrijvingNederland)."""

    pgn: str
    pgn_soort: Nummersoort
    brin: str
    sector: Sector
    datum_inschrijving: date
    datum_uitschrijving: date | None = None
    niveau: str | None = None

    def loopt_op(self, op: date) -> bool:
        return is_geldig_op(self.datum_inschrijving, self.datum_uitschrijving, op)


def _nummer(pgn: object) -> str:
    """Accept a bare number or anything with ``.nummer`` (``domain.pgn.Pgn``)."""
    return getattr(pgn, "nummer", pgn)  # type: ignore[return-value]


@dataclass(frozen=True)
class Referentiedata:
    """All reference data with its lookup indexes (built once, read-only afterwards)."""

    rod_oin: str
    administraties: tuple[Administratie, ...] = ()
    instellingen: tuple[Instelling, ...] = ()
    opleidingen: tuple[Opleiding, ...] = ()
    vakken: tuple[Vak, ...] = ()
    personen: tuple[BrpPersoon, ...] = ()
    externe_inschrijvingen: tuple[ExterneInschrijving, ...] = ()
    _index: MappingProxyType = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        brin_admin: dict[str, Administratie] = {}
        for a in self.administraties:
            for brin in a.brins:
                brin_admin.setdefault(brin, a)  # first one wins; the loader forbids two
        externe: dict[str, list[ExterneInschrijving]] = {}
        for e in self.externe_inschrijvingen:
            externe.setdefault(e.pgn, []).append(e)
        index = {
            "administratie": _op_sleutel(self.administraties, lambda a: a.oin),
            "brin_admin": brin_admin,
            "instelling": _op_sleutel(self.instellingen, lambda i: i.instellingscode),
            "vestiging": {(i.instellingscode, v.vestigingscode): v
                          for i in self.instellingen for v in i.vestigingen},
            "aanbieder": {(i.instellingscode, o.code): o
                          for i in self.instellingen for o in i.onderwijsaanbieders},
            "locatie": {(i.instellingscode, o.code): o
                        for i in self.instellingen for o in i.onderwijslocaties},
            "licentie": frozenset((i.instellingscode, lic.vestigingscode, lic.opleidingcode)
                                  for i in self.instellingen for lic in i.licenties),
            "opleiding": _op_sleutel(self.opleidingen, lambda o: o.opleidingcode),
            "vak": _op_sleutel(self.vakken, lambda v: v.vakcode),
            "persoon": _op_sleutel(self.personen, lambda p: p.burgerservicenummer),
            "externe": {k: tuple(v) for k, v in externe.items()},
        }
        object.__setattr__(self, "_index", MappingProxyType(index))

    # administraties -----------------------------------------------------------------
    def administratie(self, oin: str) -> Administratie | None:
        return self._index["administratie"].get(oin)

    def administratie_voor_brin(self, brin: str) -> Administratie | None:
        """The administratie that delivers for (and receives pushes of) ``brin``."""
        return self._index["brin_admin"].get(brin)

    # RIO ----------------------------------------------------------------------------
    def instelling(self, brin: str) -> Instelling | None:
        return self._index["instelling"].get(brin)

    def vestiging(self, brin: str, code: str, op: date | None = None) -> Vestiging | None:
        """The vestiging of ``brin``, or None when it is not one of that instelling or
        not valid on ``op`` (no date: validity is not checked, e.g. EX03)."""
        return _geldig(self._index["vestiging"].get((brin, code)), op)

    def onderwijsaanbieder(self, brin: str, code: str, op: date | None = None) -> Onderwijsaanbieder | None:
        return _geldig(self._index["aanbieder"].get((brin, code)), op)

    def onderwijslocatie(self, brin: str, code: str, op: date | None = None) -> Onderwijslocatie | None:
        return _geldig(self._index["locatie"].get((brin, code)), op)

    def is_locatie_van_vestiging(self, brin: str, vestigingscode: str, locatiecode: str) -> bool:
        """IS53/KW10: is the onderwijslocatie linked to this vestiging?"""
        vestiging = self._index["vestiging"].get((brin, vestigingscode))
        return vestiging is not None and locatiecode in vestiging.onderwijslocaties

    def heeft_licentie(self, brin: str, vestigingscode: str, opleidingcode: str) -> bool:
        """BK03: may this elementcode be given at this vestiging?"""
        return (brin, vestigingscode, opleidingcode) in self._index["licentie"]

    # opleidingen en vakken ----------------------------------------------------------
    def opleiding(self, code: str) -> Opleiding | None:
        return self._index["opleiding"].get(code)

    def vak(self, code: str) -> Vak | None:
        return self._index["vak"].get(code)

    def verplichte_vakken(self, niveau: str) -> tuple[Vak, ...]:
        """The gemeenschappelijk deel of ``niveau`` (EX56), in file order."""
        return tuple(v for v in self.vakken if niveau in v.verplicht_bij_niveau)

    def kernvakken(self) -> tuple[Vak, ...]:
        return tuple(v for v in self.vakken if v.kernvak)

    # personen -----------------------------------------------------------------------
    def externe_inschrijvingen_van(self, pgn: object) -> tuple[ExterneInschrijving, ...]:
        """By number (a ``str`` or a ``Pgn``): a valid BSN is never a valid OWN."""
        return self._index["externe"].get(_nummer(pgn), ())

    def brp_persoon(self, bsn: str) -> BrpPersoon | None:
        return self._index["persoon"].get(bsn)


def _op_sleutel(items: Iterable, sleutel) -> dict:
    return {sleutel(item): item for item in items}


def _geldig(item, op: date | None):
    if item is None or (op is not None and not item.is_geldig_op(op)):
        return None
    return item
