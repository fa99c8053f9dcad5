"""BK01 and BK02: dubbele inschrijving op 1 oktober (spec 5 BK01/BK02, 6.1; 003 step 7
"dubbele inschrijving geconstateerd per 1-10"; 004 "voor DUO geldt de wettelijke bepaling
dat een leerling op enig moment slechts op één school ingeschreven mag staan", "Zodra een
dubbele inschrijving is geregistreerd in BRON krijgt de school een melding", "Hierover
worden beide scholen bericht"; 000 ch. 13 "dit bericht kan spontaan gestuurd worden
(bijvoorbeeld door een dubbel inschrijving bij een andere school)")."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ...domain.bekostiging import Deelname
from ...domain.inschrijving import Inschrijvingsstand
from ...domain.referentiedata import ExterneInschrijving
from ...domain.signalen import Signaal, signaal

ANDERE_SECTOREN = ("PO", "MBO", "VAVO")


@dataclass(frozen=True)
class DubbeleInschrijving:
    """On one teldatum: the other VO schools enrolled too, and whether this one loses."""

    teldatum: date
    andere_brins: tuple[str, ...]
    verliest: bool

    def signalen(self) -> list[Signaal]:
        return [signaal("BK01", brin=brin) for brin in self.andere_brins]


def gaat_voor(a: Deelname, b: Deelname) -> bool:
    """Does ``a`` keep the bekostiging against ``b``? The earlier datumInschrijving wins;
    on a tie the one ROD stored first (6.1 "ties: the later stored" loses)."""
    return (a.datum_inschrijving, a.volgorde) < (b.datum_inschrijving, b.volgorde)


def dubbel_vo(eigen: Deelname, andere: Iterable[Deelname], teldatum: date) -> DubbeleInschrijving:
    """BK01: every other VO school (another brin) where the pupil is enrolled on the
    teldatum too; both schools get the signal with the other's brin, the inschrijving with
    the later datumInschrijving loses the bekostiging. Another inschrijving at the same
    school is not "another VO school"."""
    tegelijk = [a for a in andere if a.brin != eigen.brin and a.loopt_op(teldatum)]
    return DubbeleInschrijving(
        teldatum,
        tuple(sorted({a.brin for a in tegelijk})),
        any(gaat_voor(a, eigen) for a in tegelijk),
    )


def dubbel_kenmerk(eigen: Deelname, andere: Iterable[Deelname], teldata: Iterable[date]) -> tuple:
    """What a change of another school can alter in this inschrijving's BK01 outcome: per
    teldatum the other schools and whether it loses. Different before and after a change
    means a spontaneous bekostigingsbericht (6.1)."""
    andere = list(andere)
    return tuple((d.teldatum, d.andere_brins, d.verliest) for d in (dubbel_vo(eigen, andere, t) for t in teldata))


def heeft_vai_vavo(stand: Inschrijvingsstand, brin: str, teldatum: date) -> bool:
    """A verblijfAndereInstelling VAVO at ``brin`` running on the teldatum (the pupil is
    uitbesteed to that VAVO: a Rutte-leerling, handbook 000 ch. 14)."""
    return any(v.verblijfsoort == "VAVO" and v.brin == brin and v.datum_begin <= teldatum
               and (v.datum_eind is None or teldatum <= v.datum_eind) for v in stand.verblijven)


def dubbel_extern(stand: Inschrijvingsstand, externe: Iterable[ExterneInschrijving], teldatum: date) -> list[Signaal]:
    """BK02 (a signal only, the VO school keeps the bekostiging): a PO, MBO or VAVO
    inschrijving known to ROD also runs on the teldatum; not for a VAVO inschrijving the VO
    stand matches with a VAI VAVO at that instelling. One signal per other instelling."""
    brins = sorted({
        e.brin for e in externe
        if e.sector in ANDERE_SECTOREN and e.loopt_op(teldatum)
        and not (e.sector == "VAVO" and heeft_vai_vavo(stand, e.brin, teldatum))
    })
    return [signaal("BK02", brin=brin) for brin in brins]
