"""The beslisboom (spec 6.1): per teldatum the period valid on 1 October, then BK01–BK07,
composed into one bekostigingsbericht (spec 4.1; handbook 000 ch. 13 'Controles vanuit
de beslisboom van bekostiging': "Direct bij het vastleggen van de gegevens bij DUO …
Signalen in het terugkoppelbericht van bekostiging")."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ...domain.bekostiging import Bekostigingsbericht, Deelname, Teldatumstatus
from ...domain.inschrijving import Inschrijvingsstand
from ...domain.referentiedata import ExterneInschrijving, Referentiedata
from .bekostigbaar import controleer_bekostigbaar
from .dubbel import dubbel_extern, dubbel_vo
from .licentie import controleer_licentie
from .nieuwkomers import nieuwkomer_op
from .periode import periode_op
from .praktijkonderwijs import controleer_dispensatie
from .teldata import huidige_teldatum, teldata


@dataclass(frozen=True)
class Leerling:
    """What the beslisboom needs to know about the person beyond the inschrijving.
    ``in_brp``/``nederlander``: the BRP's word (a pupil not in the BRP is an OWN pupil);
    ``eerste_pro``: the first datumBegin of a praktijkonderwijs period known to ROD."""

    geboortedatum: date | None = None
    in_brp: bool = False
    nederlander: bool = False
    datum_eerste_inschrijving_nederland: date | None = None
    eerste_pro: date | None = None
    externe: tuple[ExterneInschrijving, ...] = ()


def status_op(teldatum: date, stand: Inschrijvingsstand, eigen: Deelname, andere: Sequence[Deelname],
              leerling: Leerling, rd: Referentiedata) -> tuple[Teldatumstatus, bool]:
    """One teldatum: (its status, eligible for nieuwkomersbekostiging on it).
    indicatieBekostigd is true when the school is bekostigd, the period valid on 1 October
    is bekostigbaar (BK04) and licensed at its vestiging (BK03), and the pupil does not lose
    a dubbele inschrijving with another VO school (BK01). BK02, BK05, BK06 and BK07 explain
    only."""
    g = periode_op(stand, teldatum)
    dubbel = dubbel_vo(eigen, andere, teldatum)
    signalen = [*dubbel.signalen(), *dubbel_extern(stand, leerling.externe, teldatum)]
    bekostigd = not dubbel.verliest
    nieuwkomer = False
    if g is not None:
        bk03 = controleer_licentie(stand.brin, g, teldatum, rd)
        bk04 = controleer_bekostigbaar(g)
        opleiding = rd.opleiding(g.periode.opleidingcode)
        bk05 = controleer_dispensatie(opleiding is not None and opleiding.is_praktijkonderwijs,
                                      leerling.geboortedatum, leerling.eerste_pro, teldatum)
        uitkomst = nieuwkomer_op(teldatum, leerling.datum_eerste_inschrijving_nederland,
                                 in_brp=leerling.in_brp, nederlander=leerling.nederlander,
                                 indicatie_school=g.periode.indicatie_nieuwkomersbekostiging)
        signalen += [*bk03, *bk04, *bk05, *uitkomst.signalen]
        bekostigd = bekostigd and not bk03 and not bk04
        nieuwkomer = uitkomst.in_aanmerking
    else:  # no period on the teldatum: cannot happen for a stand that passed IS04
        bekostigd = False
    instelling = rd.instelling(stand.brin)
    bekostigd = bekostigd and instelling is not None and instelling.bekostigd
    return Teldatumstatus(teldatum, bekostigd, tuple(signalen)), nieuwkomer


def beslis(stand: Inschrijvingsstand, *, andere: Sequence[Deelname], leerling: Leerling, rd: Referentiedata,
           vandaag: date, volgorde: int = 0, verwijderd: bool = False) -> Bekostigingsbericht:
    """The bekostigingsbericht of ``stand``. ``andere``: the person's other VO
    inschrijvingen (any school; other brins count for BK01); ``volgorde``: this
    inschrijving's place in the storage order (BK01 ties); ``verwijderd``: the stand was
    just deleted (no teldatum). ``indicatieNieuwkomersbekostiging``: eligible on the
    current school year's teldatum, which needs this inschrijving to run on it."""
    eigen = Deelname(stand.brin, stand.inschrijvingvolgnummer, stand.datum_inschrijving,
                     stand.datum_uitschrijving, volgorde)
    andere = [a for a in andere if (a.brin, a.inschrijvingvolgnummer) != (eigen.brin, eigen.inschrijvingvolgnummer)]
    huidige = huidige_teldatum(vandaag)
    statussen, nieuwkomer_nu = [], False
    for t in teldata(stand.datum_inschrijving, stand.datum_uitschrijving, vandaag, verwijderd=verwijderd):
        status, nieuwkomer = status_op(t, stand, eigen, andere, leerling, rd)
        statussen.append(status)
        nieuwkomer_nu = nieuwkomer_nu or (t == huidige and nieuwkomer)
    return Bekostigingsbericht(
        pgn=stand.pgn, brin=stand.brin, inschrijvingvolgnummer=stand.inschrijvingvolgnummer,
        indicatie_nieuwkomersbekostiging=nieuwkomer_nu,
        datum_eerste_inschrijving_nederland=leerling.datum_eerste_inschrijving_nederland,
        teldata=tuple(statussen),
    )
