"""BK06 and BK07: nieuwkomersbekostiging (spec 5 BK06/BK07, 6.1 "Nieuwkomers"; handbook 000
ch. 03 'Nieuwkomersbekostiging (juli 2025 en update 9 september 2025)': "Vanaf
bekostigingsjaar 2026 is de datum waarop een leerling voor het eerst op een po- of vo-school
in Nederland is ingeschreven bepalend … Hiermee ontstaat voor elke nieuwkomer recht op de
maximale 8 kwartalen aanvullende bekostiging. U krijgt de nieuwkomersbekostiging per
kwartaal volgend op de eerste inschrijving"; for a BSN "bepaalt DUO automatisch …, tenzij
u geen nieuwkomersbekostiging wilt. Zet dan de indicatie op 'nee'"; for an OWN "Zet de
indicatie op 'ja' als u denkt dat het een nieuwkomer is … en geen Nederlandse
nationaliteit heeft")."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ...domain.referentiedata import ExterneInschrijving
from ...domain.signalen import Signaal, signaal

KWARTALEN = 8


def datum_eerste_inschrijving_nederland(vo: Iterable[date], externe: Iterable[ExterneInschrijving]) -> date | None:
    """The earliest datumInschrijving of any PO or VO inschrijving of the person known to
    ROD: the VO inschrijvingen in the register and the PO ones of the reference data
    (MBO and VAVO do not count: "op een po- of vo-school")."""
    data = [*vo, *(e.datum_inschrijving for e in externe if e.sector == "PO")]
    return min(data) if data else None


def _kwartaalbegin(index: int) -> date:
    """Quarter ``index`` (year * 4 + 0..3) → its first day."""
    return date(index // 4, index % 4 * 3 + 1, 1)


def venster(eerste: date) -> tuple[date, date]:
    """The 8 calendar quarters following the quarter of the first inschrijving, as first
    and last day (both inclusive)."""
    kwartaal = eerste.year * 4 + (eerste.month - 1) // 3
    return _kwartaalbegin(kwartaal + 1), _kwartaalbegin(kwartaal + 1 + KWARTALEN) - timedelta(days=1)


def in_venster(eerste: date | None, op: date) -> bool:
    if eerste is None:
        return False
    begin, eind = venster(eerste)
    return begin <= op <= eind


@dataclass(frozen=True)
class Nieuwkomer:
    """The nieuwkomers outcome on one teldatum."""

    in_aanmerking: bool
    signalen: list[Signaal] = field(default_factory=list)


def nieuwkomer_op(teldatum: date, eerste: date | None, *, in_brp: bool, nederlander: bool,
                  indicatie_school: bool | None) -> Nieuwkomer:
    """Outside the 8 quarters nothing applies. A pupil in the BRP (a BSN pupil) is eligible
    when the BRP shows no Dutch nationality, unless the school delivered ``false`` (BK06).
    A pupil not in the BRP (registered with an onderwijsnummer) gets BK07: only the
    school's indicatie ``true`` makes it eligible (then BK06 too).
    ``indicatie_school``: indicatieNieuwkomersbekostiging of the period valid on the teldatum."""
    if not in_venster(eerste, teldatum):
        return Nieuwkomer(False)
    if in_brp:
        ja = not nederlander and indicatie_school is not False
        return Nieuwkomer(ja, [signaal("BK06")] if ja else [])
    ja = indicatie_school is True
    return Nieuwkomer(ja, [*([signaal("BK06")] if ja else []), signaal("BK07")])
