"""aanvragenRegistratieoverzichtVO and aanvragenOBOVO (spec 4.1, 5 RO/OB, section 8;
handbook 000 ch. 09 "OBO aanvragen", ch. 11 "Registratie Overzicht aanvragen").

Both read the school's register state in chunks (``store.overzichten.deelnemers``), write
the pipe-delimited file, keep a copy under ``/bestanden/{brin}`` and answer with it. Every
OBO is stored: from the second OBO of a schooljaar on, the answer carries the
verschillenlijst against the previous one. The file is made in the request, not "de
volgende werkdag" as at DUO (handbook ch. 09): a LAS test bench wants the answer now.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..bestanden import overzicht
from ..bestanden.records import Record, als_tekst, lees
from ..bestanden.verschillenlijst import verschillenlijst
from ..domain.examenresultaat import Examenresultaat, huidig_examenregime
from ..domain.kalender import Schooljaar
from ..domain.overzichten import (
    Bestand,
    Overzichtresultaat,
    VraagOboAan,
    VraagRegistratieoverzichtAan,
)
from ..referentiedata.loader import persoon_naar_domein
from ..rules.overzichten import (
    controleer_bekostigd,
    controleer_een_per_dag,
    controleer_selectieperiode,
)
from ..store.inschrijvingen import naar_domein
from ..store.overzichten import (
    BestandenRepository,
    Deelnemer,
    OboRepository,
    deelnemers,
)
from .omgeving import Omgeving
from .unit_of_work import UnitOfWork

SOORT_RO, SOORT_OBO, SOORT_VERSCHIL = "RO", "OBO", "OBO_VERSCHIL"


def vraag_registratieoverzicht_aan(bericht: VraagRegistratieoverzichtAan, uow: UnitOfWork,
                                   omgeving: Omgeving) -> Overzichtresultaat:
    """RO01–RO03, then every inschrijving of the school overlapping the selection period
    (with its periods, OPPs and VAIs overlapping it) and every examenresultaat of an
    examenregime whose schooljaar overlaps it, per person after a PER record. Flags
    ``geldig1-10`` and ``binnenland…`` refer to the schooljaar in which the period ends."""
    if signalen := controleer_selectieperiode(bericht.datum_begin, bericht.datum_einde):
        return Overzichtresultaat(signalen)
    van, tot = bericht.datum_begin, bericht.datum_einde
    schooljaar = Schooljaar.van(tot)
    regimes = (huidig_examenregime(van), huidig_examenregime(tot))
    records: list[Record] = []
    for blok in deelnemers(uow.session, bericht.brin, van, tot, brp_naar_domein=persoon_naar_domein,
                           examenregimes=regimes):
        for d in blok:
            records += ro_records(d, van, tot, schooljaar)
    bestand = Bestand(f"RO_{bericht.brin}_{van:%Y%m%d}_{tot:%Y%m%d}.txt", als_tekst(records))
    BestandenRepository(uow.session).bewaar(brin=bericht.brin, soort=SOORT_RO, naam=bestand.bestandsnaam,
                                            inhoud=bestand.inhoud, nu=omgeving.klok.nu())
    return Overzichtresultaat([], bestand)


def vraag_obo_aan(bericht: VraagOboAan, uow: UnitOfWork, omgeving: Omgeving) -> Overzichtresultaat:
    """OB01 (niet bekostigd), OB02 (already one today, by the service clock); then the
    PER/ISG/ISP records of every inschrijving overlapping the schooljaar, stored, and the
    verschillenlijst against the previous OBO of the same schooljaar when there is one."""
    vandaag, brin, sj = omgeving.klok.vandaag(), bericht.brin, bericht.schooljaar
    obo = OboRepository(uow.session)
    signalen = [*controleer_bekostigd(brin, omgeving.referentiedata),
                *controleer_een_per_dag(obo.gemaakt_op(brin, vandaag))]
    if signalen:
        return Overzichtresultaat(signalen)
    records: list[Record] = []
    for blok in deelnemers(uow.session, brin, sj.begin, sj.einde, brp_naar_domein=persoon_naar_domein):
        for d in blok:
            records += obo_records(d, sj)
    bestand = Bestand(f"OBO_{brin}_{sj}_{vandaag:%Y%m%d}.txt", als_tekst(records))
    vorige = obo.vorige(brin, str(sj))
    verschil = None
    if vorige is not None:
        verschil = Bestand(f"OBO_VERSCHIL_{brin}_{sj}_{vandaag:%Y%m%d}.txt",
                           als_tekst(verschillenlijst(lees(vorige.inhoud), records)))
    nu = omgeving.klok.nu()
    obo.bewaar(brin=brin, schooljaar=str(sj), datum=vandaag, nu=nu, bestandsnaam=bestand.bestandsnaam,
               inhoud=bestand.inhoud)
    bestanden = BestandenRepository(uow.session)
    for soort, b in ((SOORT_OBO, bestand), (SOORT_VERSCHIL, verschil)):
        if b is not None:
            bestanden.bewaar(brin=brin, soort=soort, naam=b.bestandsnaam, inhoud=b.inhoud, nu=nu)
    return Overzichtresultaat([], bestand, verschil)


def obo_records(d: Deelnemer, sj: Schooljaar) -> list[Record]:
    """PER, then per inschrijving ISG and its ISPs overlapping the schooljaar."""
    nummers = d.nummers
    uit = [overzicht.per(nummers, d.persoon.geboortedatum, d.persoon.geslacht, d.brp, sj)]
    for rij in d.inschrijvingen:
        stand = naar_domein(rij)
        uit.append(overzicht.isg(nummers, stand, sj.teldatum))
        uit += overzicht.isp(nummers, stand, sj.begin, sj.einde, sj.teldatum)
    return uit


def ro_records(d: Deelnemer, van, tot, sj: Schooljaar) -> list[Record]:
    """PER; per inschrijving ISG, ISP, OPP, VAI; per examenresultaat EXR and its VAKs."""
    nummers = d.nummers
    uit = [overzicht.per(nummers, d.persoon.geboortedatum, d.persoon.geslacht, d.brp, sj)]
    for rij in d.inschrijvingen:
        stand = naar_domein(rij)
        uit.append(overzicht.isg(nummers, stand, sj.teldatum))
        uit += overzicht.isp(nummers, stand, van, tot, sj.teldatum)
        uit += overzicht.opp(nummers, stand, van, tot)
        uit += overzicht.vai(nummers, stand, van, tot)
    for er in _examenresultaten(d.examenresultaten):
        uit += overzicht.exr(nummers, er)
    return uit


def _examenresultaten(rijen: Iterable) -> list[Examenresultaat]:
    return [Examenresultaat.uit_stand(r.stand) for r in rijen]
