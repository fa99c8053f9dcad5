"""raadplegenLeerlingdossierVO: persoonsgegevens, deelnames and examenresultaten of one
pupil as the asking school may see them (spec 4.1 "leerlingdossier", 5 LD; handbook 000
ch. 06 "Raadplegen Leerlingdossier")."""
from __future__ import annotations

from ..domain.examenresultaat import Examenresultaat
from ..domain.inschrijving import Ontwikkelingsperspectief, Periode, VerblijfAndereInstelling
from ..domain.leerlingdossier import Deelname, Leerlingdossier, Leerlingdossierresultaat, RaadpleegLeerlingdossier
from ..domain.persoon import Persoonsgegevens
from ..domain.pgn import bsn
from ..domain.referentiedata import Referentiedata
from ..rules.leerlingdossier import controleer_nummers, ld04_persoon_bekend, zichtbare_andere_deelnames
from ..store import models as m
from .omgeving import Omgeving
from .unit_of_work import UnitOfWork


def raadpleeg_leerlingdossier(bericht: RaadpleegLeerlingdossier, uow: UnitOfWork,
                              omgeving: Omgeving) -> Leerlingdossierresultaat:
    if signalen := controleer_nummers(bericht):
        return Leerlingdossierresultaat(signalen)
    persoon = uow.personen.op_pgn(bericht.pgn)
    if signalen := ld04_persoon_bekend(bericht.pgn, persoon is not None):
        return Leerlingdossierresultaat(signalen)
    deelnames = _deelnames(persoon, bericht.brin, uow, omgeving.referentiedata)
    examenresultaten = tuple(Examenresultaat.uit_stand(r.stand)
                             for r in uow.examenresultaten.van_persoon_bij_brin(persoon.id, bericht.brin))
    eigen_leerling = examenresultaten or any(d.brin == bericht.brin for d in deelnames)
    # Only the school's own pupils get the BRP data (handbook 000 ch. 06); any other
    # authorised school learns no more than the number it asked with.
    persoonsgegevens = _persoonsgegevens(persoon, bericht, uow) if eigen_leerling else Persoonsgegevens(bericht.pgn)
    return Leerlingdossierresultaat([], Leerlingdossier(persoonsgegevens, deelnames, examenresultaten))


def _persoonsgegevens(persoon: m.Persoon, bericht: RaadpleegLeerlingdossier, uow: UnitOfWork) -> Persoonsgegevens:
    """As in ``persoon``: the BSN when ROD knows it (also when asked by an OWN that was
    linked to it), else the OWN asked for; BRP data only for a person in the BRP."""
    if persoon.burgerservicenummer:
        return Persoonsgegevens(bsn(persoon.burgerservicenummer), uow.brp.op_bsn(persoon.burgerservicenummer))
    return Persoonsgegevens(bericht.pgn)


def _deelnames(persoon: m.Persoon, brin: str, uow: UnitOfWork, referentiedata: Referentiedata) -> tuple[Deelname, ...]:
    """The asking school's inschrijvingen in full, then the overlapping ones of other
    schools as brin + dates: VO inschrijvingen in the register and the PO/MBO/VAVO ones ROD
    knows from the reference data."""
    rijen = uow.inschrijvingen.van_persoon(persoon.id)
    eigen = sorted((_deelname(r) for r in rijen if r.brin == brin),
                   key=lambda d: (d.datum_inschrijving, d.inschrijvingvolgnummer or ""))
    nummers = [persoon.burgerservicenummer, *(o.nummer for o in persoon.onderwijsnummers)]
    andere = [_deelname(r) for r in rijen if r.brin != brin] + [
        Deelname(e.brin, e.datum_inschrijving, e.datum_uitschrijving)
        for nummer in nummers if nummer
        for e in referentiedata.externe_inschrijvingen_van(nummer) if e.brin != brin
    ]
    return (*eigen, *dict.fromkeys(zichtbare_andere_deelnames(eigen, andere)))


def _deelname(r: m.Inschrijving) -> Deelname:
    return Deelname(
        brin=r.brin,
        datum_inschrijving=r.datum_inschrijving,
        datum_uitschrijving=r.datum_uitschrijving,
        inschrijvingvolgnummer=r.inschrijvingvolgnummer,
        perioden=tuple(
            Periode(datum_begin=p.datum_begin, opleidingcode=p.opleidingcode, vestiging=p.vestiging,
                    indicatie_bekostigbaar=p.indicatie_bekostigbaar, onderwijsaanbieder=p.onderwijsaanbieder,
                    onderwijslocatie=p.onderwijslocatie, aanvullende_opleidingen=tuple(p.aanvullende_opleidingen or ()),
                    leerjaar=p.leerjaar, experimenten=tuple(p.experimenten or ()),
                    opleidingskenmerken=tuple(p.opleidingskenmerken or ()),
                    indicatie_nieuwkomersbekostiging=p.indicatie_nieuwkomersbekostiging)
            for p in sorted(r.perioden, key=lambda p: p.datum_begin)
        ),
        ontwikkelingsperspectieven=tuple(Ontwikkelingsperspectief(o.datum_begin, o.datum_eind)
                                         for o in sorted(r.ontwikkelingsperspectieven, key=lambda o: o.datum_begin)),
        verblijven=tuple(VerblijfAndereInstelling(v.datum_begin, v.datum_eind, brin=v.brin, vestiging=v.vestiging,
                                                  verblijfsoort=v.verblijfsoort)
                         for v in sorted(r.verblijven, key=lambda v: v.datum_begin)),
    )
