"""Records of one person for the registratieoverzicht and the OBO (spec section 8), from
the domain's stands: PER, ISG, ISP (same layout in both files), and for the RO also OPP,
VAI, EXR and VAK. Which inschrijvingen and results are in a file is the caller's choice;
which periods, OPPs and VAIs of an inschrijving are in it is decided here: those that
overlap the file's period (the schooljaar of an OBO, the selection period of an RO).
"""
from __future__ import annotations

from datetime import date

from ..domain.examenresultaat import Examenresultaat
from ..domain.inschrijving import Inschrijvingsstand
from ..domain.kalender import Schooljaar
from ..domain.persoon import BrpPersoon
from ..rules.overzichten import binnenland_op, geldig_op, overlapt
from .records import Record, record

Nummers = tuple[str | None, str | None]


def per(nummers: Nummers, geboortedatum: date, geslacht: str, brp: BrpPersoon | None,
        schooljaar: Schooljaar) -> Record:
    return record("PER", *nummers, geboortedatum, geslacht,
                  *(binnenland_op(brp, d) for d in schooljaar.binnenland_peildata))


def isg(nummers: Nummers, stand: Inschrijvingsstand, teldatum: date) -> Record:
    return record("ISG", *nummers, stand.inschrijvingvolgnummer, stand.datum_inschrijving,
                  stand.datum_uitschrijving, geldig_op(stand.datum_inschrijving, stand.datum_uitschrijving, teldatum))


def isp(nummers: Nummers, stand: Inschrijvingsstand, van: date, tot: date, teldatum: date) -> list[Record]:
    """The periods overlapping [van, tot], by datumBegin. ``indicatieNieuwkomersbekostiging``
    as the school delivered it (empty when not delivered)."""
    return [
        record("ISP", *nummers, stand.inschrijvingvolgnummer, g.periode.datum_begin, g.periode.opleidingcode,
               g.periode.leerjaar, g.periode.vestiging, g.periode.indicatie_bekostigbaar,
               g.periode.indicatie_nieuwkomersbekostiging, geldig_op(g.periode.datum_begin, g.einde, teldatum))
        for g in stand.perioden_met_einde() if overlapt(g.periode.datum_begin, g.einde, van, tot)
    ]


def opp(nummers: Nummers, stand: Inschrijvingsstand, van: date, tot: date) -> list[Record]:
    return [record("OPP", *nummers, stand.inschrijvingvolgnummer, o.datum_begin, o.datum_eind)
            for o in sorted(stand.ontwikkelingsperspectieven, key=lambda o: o.datum_begin)
            if overlapt(o.datum_begin, o.datum_eind, van, tot)]


def vai(nummers: Nummers, stand: Inschrijvingsstand, van: date, tot: date) -> list[Record]:
    return [record("VAI", *nummers, stand.inschrijvingvolgnummer, v.datum_begin, v.datum_eind, v.brin,
                   v.vestiging, v.verblijfsoort)
            for v in sorted(stand.verblijven, key=lambda v: (v.datum_begin, v.brin))
            if overlapt(v.datum_begin, v.datum_eind, van, tot)]


def exr(nummers: Nummers, er: Examenresultaat) -> list[Record]:
    """EXR and then one VAK per vak of every cijferlijst. ``schoolexamen``: the cijfer or the
    beoordeling; ``centraalExamen1..3``: the cijfer of tijdvak 1, 2, 3."""
    u = er.uitslag
    rijen = [record("EXR", *nummers, er.examenresultaatvolgnummer, er.inschrijvingvolgnummer, er.vestiging,
                    er.onderwijsaanbieder, er.examenregime, er.niveau, er.indicatie_teruggetrokken,
                    er.indicatie_eerder_leerjaar, er.indicatie_gespreid_examen, er.indicatie_doorlopende_leerlijn,
                    u.datum_uitslag if u else None, u.resultaat if u else None,
                    u.soort_waardedocument if u else None, u.indicatie_cum_laude if u else None)]
    for lijst in er.cijferlijsten:
        for vak in lijst.vakken:
            se = vak.schoolexamen
            ce = {c.tijdvak: c.cijfer for c in vak.centraal_examens}
            rijen.append(record(
                "VAK", *nummers, er.examenresultaatvolgnummer, lijst.opleidingcode, vak.volgnummer_resultaat,
                vak.vakcode, vak.examendeel, (se.cijfer if se.cijfer is not None else se.beoordeling) if se else None,
                ce.get(1), ce.get(2), ce.get(3), vak.eindcijfer, vak.eindbeoordeling, vak.indicatie_diplomavak,
                vak.indicatie_combinatiecijfer, vak.indicatie_werkstuk, vak.reden_niet_deelname,
                vak.indicatie_inruil, vak.vervangen_vak))
    return rijen
