"""Unit tests for the KW checks (spec section 9; handbook 000 ch. 16): per signal a seeded
case that raises it and a near miss that does not, plus the windows and the 120-day rule.

Today is 2026-11-23: schooljaar 2026-2027 (teldatum 2026-10-01), control period from
2026-05-03 (90 days before 1 August), examenregime judged 2026 (window 1 August 2026 –
1 February 2027, KW22 from 1 September)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rod_service.domain.examenresultaat import (
    Beoordeeld,
    CentraalExamen,
    Cijferlijst,
    Examenresultaat,
    Examenvak,
    Herkansing,
    Uitslag,
    Werkstuk,
)
from rod_service.domain.inschrijving import (
    Inschrijvingsstand,
    Ontwikkelingsperspectief,
    Periode,
    VerblijfAndereInstelling,
    Verzuimmelding,
)
from rod_service.domain.kalender import leeftijd
from rod_service.domain.pgn import bsn
from rod_service.domain.referentiedata import (
    ExterneInschrijving,
    Instelling,
    Opleiding,
    Referentiedata,
    Vak,
    Vestiging,
)
from rod_service.domain.signalen import CATALOGUS, Soort
from rod_service.rules import kwaliteitscontrole as kw
from rod_service.rules.kwaliteitscontrole import (
    dubbel,
    examen,
    inschrijving,
    perioden,
    verblijf,
)
from rod_service.rules.kwaliteitscontrole.context import (
    AndereInschrijving,
    InschrijvingOpSchool,
    Kwccontext,
    KwcExamenresultaat,
    KwcInschrijving,
)
from rod_service.rules.kwaliteitscontrole.datums import (
    in_examenvenster,
    in_kw22_venster,
    plus_maanden,
)
from rod_service.rules.kwaliteitscontrole.vervallen import (
    Eerder,
    eerst_gezien,
    zichtbaar,
)

VANDAAG = date(2026, 11, 23)
RD = Referentiedata(
    rod_oin="1" * 20,
    instellingen=(
        Instelling("12AB", "Lyceum", True, "VO", vestigingen=(
            Vestiging("12AB00", date(1995, 8, 1), onderwijslocaties=("101X001",)),
            Vestiging("12AB01", date(2005, 8, 1), date(2024, 7, 31), onderwijslocaties=("101X002",)))),
        Instelling("45GH", "College", True, "VO"),
    ),
    opleidingen=(Opleiding("3121", "VWO", "VWO", 6), Opleiding("3021", "HAVO", "HAVO", 5),
                 Opleiding("0090", "PRO", "PRO", 6), Opleiding("2911", "VMBO BB", "VMBO_BB", 4),
                 Opleiding("2941", "VMBO TL", "VMBO_TL", 4)),
    vakken=(Vak("ne", "Nederlands", centraal_examen=True), Vak("lo", "Lichamelijke opvoeding")),
)
CTX = Kwccontext(RD, VANDAAG)
JANSEN = bsn("999990007")


def op(vandaag: date) -> Kwccontext:
    return Kwccontext(RD, vandaag)


def periode(begin: date, code: str = "3121", leerjaar: int | None = 1, **kw) -> Periode:
    waarden = {"onderwijsaanbieder": "101A001", "onderwijslocatie": "101X001", **kw}
    return Periode(datum_begin=begin, opleidingcode=code, vestiging="12AB00", indicatie_bekostigbaar=True,
                   leerjaar=leerjaar, **waarden)


def stand(din: date = date(2025, 8, 1), dut: date | None = None, perioden_=None, **kw) -> Inschrijvingsstand:
    return Inschrijvingsstand(
        pgn=JANSEN, brin="12AB", inschrijvingvolgnummer="1", datum_inschrijving=din, datum_uitschrijving=dut,
        perioden=tuple(perioden_ if perioden_ is not None else (periode(din), periode(date(2026, 8, 1), leerjaar=2))),
        **kw)


def ins(s: Inschrijvingsstand | None = None, geboortedatum: date = date(2012, 3, 14),
        gewijzigd_op: date = date(2026, 11, 1), **kw) -> KwcInschrijving:
    return KwcInschrijving(stand=s or stand(), geboortedatum=geboortedatum, gewijzigd_op=gewijzigd_op, **kw)


def extern(sector: str, brin: str, begin: date, eind: date | None = None, niveau: str | None = None):
    return ExterneInschrijving(JANSEN.nummer, "burgerservicenummer", brin, sector, begin, eind, niveau)


def vak(vakcode: str = "ne", se: int | None = 70, ce: tuple[int, ...] = (65,), eind: int | None = 7) -> Examenvak:
    return Examenvak("1", vakcode, "GEMEENSCHAPPELIJK", True, False, False, False,
                     schoolexamen=Beoordeeld(cijfer=se) if se is not None else None,
                     centraal_examens=tuple(CentraalExamen(t, c) for t, c in enumerate(ce, 1)), eindcijfer=eind)


def er(regime: int = 2026, uitslag: str | None = "GESLAAGD", vakken=(vak(),), werkstuk: int | None = None,
       **kw) -> Examenresultaat:
    return Examenresultaat(
        brin="12AB", examenresultaatvolgnummer="E1", vestiging="12AB00", examenregime=regime, niveau="VWO",
        inschrijvingvolgnummer="1", onderwijsaanbieder="101A001",
        uitslag=Uitslag(uitslag, "DIPLOMA", False, date(regime, 7, 10)) if uitslag else None,
        cijferlijsten=(Cijferlijst("3121", tuple(vakken),
                                   Werkstuk("9", "pws", Beoordeeld(cijfer=werkstuk)) if werkstuk else None),),
        **kw)


def exr(resultaat: Examenresultaat | None = None, inschrijvingen=(InschrijvingOpSchool("1", date(2020, 8, 1)),),
        vorig: bool = False) -> KwcExamenresultaat:
    return KwcExamenresultaat(resultaat or er(), tuple(inschrijvingen), vorig)


def codes(signalen) -> list[str]:
    return [s.code for s in signalen]


#: An examenkandidaat of examenregime 2026: in the last leerjaar of VWO on 1 May 2026.
KANDIDAAT = stand(date(2020, 8, 1), date(2026, 7, 31), (periode(date(2020, 8, 1)), periode(date(2025, 8, 1), leerjaar=6)))

# (id, rule, context, case that raises, near miss that does not)
GEVALLEN = [
    ("KW01", inschrijving.kw01_inschrijving_ver_in_toekomst, CTX,
     ins(stand(date(2027, 11, 24), perioden_=[periode(date(2027, 11, 24))])),
     ins(stand(date(2027, 11, 23), perioden_=[periode(date(2027, 11, 23))]))),
    ("KW02", inschrijving.kw02_uitschrijving_na_overlijden, CTX,
     ins(stand(dut=date(2025, 12, 1)), datum_overlijden=date(2025, 11, 20)),
     ins(stand(dut=date(2025, 11, 20)), datum_overlijden=date(2025, 11, 20))),
    ("KW02 open", inschrijving.kw02_uitschrijving_na_overlijden, CTX,
     ins(datum_overlijden=date(2025, 11, 20)), ins()),
    ("KW03", inschrijving.kw03_uitschrijving_met_open_verzuim, CTX,
     ins(stand(dut=date(2026, 10, 31), verzuimmeldingen=(Verzuimmelding(date(2026, 9, 1)),)), gewijzigd_op=date(2026, 8, 25)),
     ins(stand(dut=date(2026, 10, 31), verzuimmeldingen=(Verzuimmelding(date(2026, 9, 1)),)), gewijzigd_op=date(2026, 8, 24))),
    ("KW03 afgesloten", inschrijving.kw03_uitschrijving_met_open_verzuim, CTX,
     ins(stand(dut=date(2026, 10, 31), verzuimmeldingen=(Verzuimmelding(date(2026, 9, 1)),))),
     ins(stand(dut=date(2026, 10, 31), verzuimmeldingen=(Verzuimmelding(date(2026, 9, 1), date(2026, 10, 31)),)))),
    ("KW04", inschrijving.kw04_zonder_bsn_na_negen_maanden, CTX,
     ins(met_onderwijsnummer=True, eerste_inschrijving=date(2026, 2, 22)),
     ins(met_onderwijsnummer=True, eerste_inschrijving=date(2026, 2, 23))),
    ("KW04 bsn", inschrijving.kw04_zonder_bsn_na_negen_maanden, CTX,
     ins(met_onderwijsnummer=True, eerste_inschrijving=date(2020, 1, 1)),
     ins(met_onderwijsnummer=False, eerste_inschrijving=date(2020, 1, 1))),
    ("KW05", perioden.kw05_hoge_leeftijd_bij_leerjaar, CTX,
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1), leerjaar=1)]), geboortedatum=date(2009, 7, 31)),
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1), leerjaar=1)]), geboortedatum=date(2009, 8, 2))),
    ("KW05 bovenbouw", perioden.kw05_hoge_leeftijd_bij_leerjaar, CTX,
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1), leerjaar=4)]), geboortedatum=date(2004, 7, 31)),
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1), leerjaar=4)]), geboortedatum=date(2005, 7, 31))),
    ("KW05 pro", perioden.kw05_hoge_leeftijd_bij_leerjaar, CTX,
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1), leerjaar=1)]), geboortedatum=date(2005, 1, 1)),
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1), "0090", leerjaar=1)]), geboortedatum=date(2005, 1, 1))),
    ("KW06", perioden.kw06_jonger_dan_negen, CTX,
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1))]), geboortedatum=date(2017, 8, 2)),
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1))]), geboortedatum=date(2017, 8, 1))),
    ("KW06 pro", perioden.kw06_jonger_dan_negen, CTX,
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1))]), geboortedatum=date(2018, 4, 4)),
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1), "0090")]), geboortedatum=date(2018, 4, 4))),
    ("KW07", perioden.kw07_leerjaarsprong, CTX,
     ins(stand(perioden_=[periode(date(2025, 8, 1), leerjaar=1), periode(date(2026, 8, 1), leerjaar=3)])),
     ins(stand(perioden_=[periode(date(2025, 8, 1), leerjaar=1), periode(date(2026, 8, 1), leerjaar=2)]))),
    ("KW07 versneld", perioden.kw07_leerjaarsprong, CTX,
     ins(stand(perioden_=[periode(date(2025, 8, 1), leerjaar=3), periode(date(2026, 8, 1), leerjaar=1)])),
     ins(stand(perioden_=[periode(date(2025, 8, 1), leerjaar=1),
                          periode(date(2026, 8, 1), leerjaar=3, experimenten=("VERSNELD_PROGRAMMA_VWO",))]))),
    ("KW08", perioden.kw08_pro_ouder_dan_twintig, CTX,
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1), "0090")]), geboortedatum=date(2005, 8, 1)),
     ins(stand(date(2026, 8, 1), perioden_=[periode(date(2026, 8, 1), "0090")]), geboortedatum=date(2005, 8, 2))),
    ("KW09", perioden.kw09_recentste_periode_voor_schooljaar, CTX,
     ins(stand(perioden_=[periode(date(2025, 8, 1))])),
     ins(stand(perioden_=[periode(date(2025, 8, 1)), periode(date(2026, 8, 1), leerjaar=2)]))),
    ("KW09 niet gewijzigd", perioden.kw09_recentste_periode_voor_schooljaar, CTX,
     ins(stand(perioden_=[periode(date(2025, 8, 1))]), gewijzigd_op=date(2026, 8, 25)),
     ins(stand(perioden_=[periode(date(2025, 8, 1))]), gewijzigd_op=date(2026, 8, 24))),
    ("KW10", perioden.kw10_locatie_niet_bij_vestiging, CTX,
     ins(stand(perioden_=[periode(date(2025, 8, 1)), periode(date(2026, 8, 1), onderwijslocatie="101X009")])),
     ins(stand(perioden_=[periode(date(2025, 8, 1), onderwijslocatie="101X009"), periode(date(2026, 8, 1))]))),
    ("KW11", perioden.kw11_ontbrekende_periode, CTX,
     ins(stand(perioden_=[periode(date(2025, 8, 1))]), gewijzigd_op=date(2025, 8, 1)),
     ins(stand(dut=date(2026, 7, 31), perioden_=[periode(date(2025, 8, 1))]), gewijzigd_op=date(2025, 8, 1))),
    ("KW11 augustus", perioden.kw11_ontbrekende_periode, op(date(2026, 9, 1)),
     ins(stand(perioden_=[periode(date(2025, 8, 1))])),
     ins(stand(perioden_=[periode(date(2025, 8, 1))]))),  # the near miss runs on 31 August below
    ("KW12", perioden.kw12_experiment_niet_vwo, CTX,
     ins(stand(perioden_=[periode(date(2025, 8, 1)),
                          periode(date(2026, 8, 1), "3021", experimenten=("VERRIJKT_PROGRAMMA_VWO",))])),
     ins(stand(perioden_=[periode(date(2025, 8, 1)),
                          periode(date(2026, 8, 1), "3121", experimenten=("VERRIJKT_PROGRAMMA_VWO",))]))),
    ("KW13", perioden.kw13_beide_experimenten, CTX,
     ins(stand(perioden_=[periode(date(2025, 8, 1),
                                  experimenten=("VERRIJKT_PROGRAMMA_VWO", "VERSNELD_PROGRAMMA_VWO"))])),
     ins(stand(perioden_=[periode(date(2025, 8, 1), experimenten=("VERSNELD_PROGRAMMA_VWO",))]))),
    ("KW14", verblijf.kw14_opp_begin_ver_in_toekomst, CTX,
     ins(stand(ontwikkelingsperspectieven=(Ontwikkelingsperspectief(date(2027, 11, 2)),))),
     ins(stand(ontwikkelingsperspectieven=(Ontwikkelingsperspectief(date(2027, 11, 1)),)))),
    ("KW15", verblijf.kw15_opp_eind_ver_in_toekomst, CTX,
     ins(stand(ontwikkelingsperspectieven=(Ontwikkelingsperspectief(date(2026, 9, 1), date(2027, 11, 2)),))),
     ins(stand(ontwikkelingsperspectieven=(Ontwikkelingsperspectief(date(2026, 9, 1), date(2027, 11, 1)),)))),
    ("KW16", verblijf.kw16_vai_begin_ver_in_toekomst, CTX,
     ins(stand(verblijven=(VerblijfAndereInstelling(date(2027, 11, 24), brin="27VA", verblijfsoort="VAVO"),))),
     ins(stand(verblijven=(VerblijfAndereInstelling(date(2027, 11, 23), brin="27VA", verblijfsoort="VAVO"),)))),
    ("KW17", verblijf.kw17_vai_zonder_vavo_inschrijving, CTX,
     ins(stand(verblijven=(VerblijfAndereInstelling(date(2026, 8, 1), brin="27VA", verblijfsoort="VAVO"),)),
         externe=(extern("VAVO", "27VA", date(2026, 8, 15)),)),
     ins(stand(verblijven=(VerblijfAndereInstelling(date(2026, 8, 1), brin="27VA", verblijfsoort="VAVO"),)),
         externe=(extern("VAVO", "27VA", date(2026, 8, 1)),))),
    ("KW18", dubbel.kw18_dubbel_met_po, CTX,
     ins(externe=(extern("PO", "07PA", date(2018, 8, 20)),)),
     ins(externe=(extern("PO", "07PA", date(2018, 8, 20), date(2026, 9, 30)),))),
    ("KW19", dubbel.kw19_dubbel_met_andere_vo, CTX,
     ins(andere_vo=(AndereInschrijving("45GH", date(2026, 9, 1)),)),
     ins(andere_vo=(AndereInschrijving("45GH", date(2024, 8, 1), date(2026, 7, 31)),))),
    ("KW20", dubbel.kw20_dubbel_met_mbo, CTX,
     ins(externe=(extern("MBO", "25MB", date(2026, 8, 1)),)),
     ins(externe=(extern("MBO", "25MB", date(2026, 10, 2)),))),
    ("KW21", dubbel.kw21_dubbel_met_vavo, CTX,
     ins(externe=(extern("VAVO", "27VA", date(2026, 8, 1)),)),
     ins(stand(verblijven=(VerblijfAndereInstelling(date(2026, 8, 1), brin="27VA", verblijfsoort="VAVO"),)),
         externe=(extern("VAVO", "27VA", date(2026, 8, 1)),))),
    ("KW22", examen.kw22_geen_inschrijving_op_datum_uitslag, CTX,
     exr(inschrijvingen=[InschrijvingOpSchool("1", date(2020, 8, 1), date(2026, 6, 30))]),
     exr(inschrijvingen=[InschrijvingOpSchool("1", date(2020, 8, 1), date(2026, 7, 31))])),
    ("KW22 venster", examen.kw22_geen_inschrijving_op_datum_uitslag, op(date(2026, 9, 1)),
     exr(inschrijvingen=[]), exr(inschrijvingen=[])),  # near miss on 31 August below
    ("KW23", examen.kw23_geslaagd_nog_ingeschreven, CTX,
     exr(), exr(inschrijvingen=[InschrijvingOpSchool("1", date(2020, 8, 1), date(2026, 7, 31))])),
    ("KW24", examen.kw24_se_verwacht, CTX,
     ins(KANDIDAAT), ins(KANDIDAAT, examenresultaten=(er(uitslag=None, vakken=[vak(ce=())]),))),
    ("KW24 bb", examen.kw24_se_verwacht, CTX,
     ins(KANDIDAAT),
     ins(stand(date(2022, 8, 1), date(2026, 7, 31), (periode(date(2022, 8, 1), "2911", leerjaar=4),)))),
    ("KW25", examen.kw25_ce_verwacht, CTX,
     ins(KANDIDAAT, examenresultaten=(er(uitslag=None, vakken=[vak(ce=())]),)),
     ins(KANDIDAAT, examenresultaten=(er(uitslag=None),))),
    ("KW25 geen kandidaat", examen.kw25_ce_verwacht, CTX,
     ins(KANDIDAAT),
     ins(stand(date(2020, 8, 1), date(2026, 7, 31), (periode(date(2020, 8, 1)), periode(date(2025, 8, 1), leerjaar=5))))),
    ("KW26", examen.kw26_uitslag_verwacht, CTX,
     exr(er(uitslag=None)), exr(er(uitslag=None, indicatie_teruggetrokken=True))),
    ("KW26 gespreid", examen.kw26_uitslag_verwacht, CTX,
     exr(er(uitslag=None, indicatie_gespreid_examen=True), vorig=True),
     exr(er(uitslag=None, indicatie_gespreid_examen=True), vorig=False)),
    ("KW26 zonder ce", examen.kw26_uitslag_verwacht, CTX,
     exr(er(uitslag=None)), exr(er(uitslag=None, vakken=[vak(ce=())]))),
    ("KW28", examen.kw28_herkansing_zonder_resultaat, CTX,
     exr(er(herkansingen=(Herkansing("ne", 2026, 2),))),
     exr(er(vakken=[vak(ce=(45, 60))], herkansingen=(Herkansing("ne", 2026, 2),)))),
    ("KW29", examen.kw29_vak_niet_compleet, CTX,
     exr(er(vakken=[vak(ce=())])), exr(er(vakken=[vak(), vak("lo", ce=())]))),
    ("KW30", examen.kw30_werkstuk_met_decimaal, CTX,
     exr(er(werkstuk=69)), exr(er(werkstuk=70))),
    ("KW30 oud regime", examen.kw30_werkstuk_met_decimaal, CTX,
     exr(er(werkstuk=69)), exr(er(regime=2025, werkstuk=69))),
    ("KW31", inschrijving.kw31_verzuim_lang_open, CTX,
     ins(stand(verzuimmeldingen=(Verzuimmelding(date(2026, 5, 23)),))),
     ins(stand(verzuimmeldingen=(Verzuimmelding(date(2026, 5, 24)),)))),
    ("KW32", verblijf.kw32_vavo_niveau_afwijkend, CTX,
     ins(stand(verblijven=(VerblijfAndereInstelling(date(2026, 8, 1), brin="27VA", verblijfsoort="VAVO"),)),
         externe=(extern("VAVO", "27VA", date(2026, 8, 1), niveau="HAVO"),)),
     ins(stand(verblijven=(VerblijfAndereInstelling(date(2026, 8, 1), brin="27VA", verblijfsoort="VAVO"),)),
         externe=(extern("VAVO", "27VA", date(2026, 8, 1), niveau="VWO"),))),
]


@pytest.mark.parametrize(("regel", "ctx", "raak", "net_niet"), [g[1:] for g in GEVALLEN], ids=[g[0] for g in GEVALLEN])
def test_signaal_wel_en_net_niet(regel, ctx, raak, net_niet, request):
    code = request.node.callspec.id.split()[0]
    gevonden = regel(raak, ctx)
    assert codes(gevonden) and set(codes(gevonden)) == {code}
    assert all(s.soort is Soort.ATTENTIE for s in gevonden)
    if request.node.callspec.id in ("KW11 augustus", "KW22 venster"):
        return  # their near misses are the window tests below
    assert regel(net_niet, ctx) == []


def test_andere_instellingscode_in_het_signaal():
    assert [s.brin for s in dubbel.kw18_dubbel_met_po(ins(externe=(extern("PO", "07PA", date(2018, 8, 20)),)), CTX)] \
        == ["07PA"]
    assert [s.brin for s in dubbel.kw19_dubbel_met_andere_vo(
        ins(andere_vo=(AndereInschrijving("45GH", date(2026, 9, 1)),)), CTX)] == ["45GH"]
    assert [s.brin for s in verblijf.kw17_vai_zonder_vavo_inschrijving(
        ins(stand(verblijven=(VerblijfAndereInstelling(date(2026, 8, 1), brin="27VA", verblijfsoort="VAVO"),))),
        CTX)] == ["27VA"]


def test_kw11_niet_in_augustus():
    zonder_nieuwe_periode = ins(stand(perioden_=[periode(date(2025, 8, 1))]))
    assert perioden.kw11_ontbrekende_periode(zonder_nieuwe_periode, op(date(2026, 8, 31))) == []
    assert codes(perioden.kw11_ontbrekende_periode(zonder_nieuwe_periode, op(date(2026, 9, 1)))) == ["KW11"]
    # KW09 is asked in August too (for inschrijvingen changed in the last 90 days).
    assert codes(perioden.kw09_recentste_periode_voor_schooljaar(zonder_nieuwe_periode, op(date(2026, 8, 31)))) \
        == ["KW09"]


@pytest.mark.parametrize(("vandaag", "verwacht"), [
    (date(2026, 8, 31), []), (date(2026, 9, 1), ["KW22"]), (date(2027, 2, 1), ["KW22"]), (date(2027, 2, 2), []),
])
def test_kw22_venster(vandaag, verwacht):
    assert codes(examen.kw22_geen_inschrijving_op_datum_uitslag(exr(inschrijvingen=[]), op(vandaag))) == verwacht


@pytest.mark.parametrize(("vandaag", "verwacht"), [
    (date(2026, 7, 31), []), (date(2026, 8, 1), ["KW30"]), (date(2027, 2, 1), ["KW30"]), (date(2027, 2, 2), []),
])
def test_examenvenster(vandaag, verwacht):
    """KW23–KW26, KW28–KW30 judge the examenregime that just ended, 1 August – 1 February;
    on 31 July 2026 the schooljaar is still 2025-2026 and regime 2026 is not "afgelopen" yet."""
    assert codes(examen.kw30_werkstuk_met_decimaal(exr(er(werkstuk=69)), op(vandaag))) == verwacht


def test_vensters():
    assert in_examenvenster(date(2026, 8, 1), 2026) and in_examenvenster(date(2027, 2, 1), 2026)
    assert not in_examenvenster(date(2027, 2, 2), 2026) and not in_examenvenster(date(2026, 7, 31), 2026)
    assert in_kw22_venster(date(2026, 9, 1), 2026) and not in_kw22_venster(date(2026, 8, 31), 2026)


def test_kw27_volledig_verwijderd():
    stand_ = er().naar_stand()
    assert codes(examen.kw27_volledig_verwijderd(stand_, date(2026, 9, 1), False, CTX)) == ["KW27"]
    assert examen.kw27_volledig_verwijderd(stand_, date(2026, 7, 20), False, CTX) == []  # before 1-8
    assert examen.kw27_volledig_verwijderd(stand_, date(2026, 9, 1), True, CTX) == []   # delivered again
    zonder = er(uitslag=None).naar_stand()
    assert examen.kw27_volledig_verwijderd(zonder, date(2026, 9, 1), False, CTX) == []  # no uitslag on 1-8
    # An uitslag dated after 1-8 did not exist on 1-8.
    later = replace(er(), uitslag=Uitslag("GESLAAGD", "DIPLOMA", False, date(2026, 8, 20))).naar_stand()
    assert examen.kw27_volledig_verwijderd(later, date(2026, 9, 1), False, CTX) == []


def test_kw27_alleen_uitslag_verwijderd():
    assert codes(examen.kw27_uitslag_verwijderd(True, False)) == ["KW27"]
    assert examen.kw27_uitslag_verwijderd(True, True) == []
    assert examen.kw27_uitslag_verwijderd(False, False) == []


def test_120_dagen_regel():
    eerder = Eerder("abc", date(2026, 7, 26))
    assert eerst_gezien(eerder, "abc", VANDAAG) == date(2026, 7, 26)   # unchanged stand: keeps its date
    assert eerst_gezien(eerder, "xyz", VANDAAG) == VANDAAG             # changed: starts afresh
    assert eerst_gezien(None, "abc", VANDAAG) == VANDAAG
    assert zichtbaar(date(2026, 7, 27), VANDAAG, 120)                  # day 119
    assert not zichtbaar(date(2026, 7, 26), VANDAAG, 120)              # day 120: gone
    assert kw.VERVALT_NA_DAGEN == {"KW05": 120, "KW06": 120}


def test_leeftijd_en_maanden():
    assert leeftijd(date(2009, 8, 1), date(2026, 8, 1)) == 17
    assert leeftijd(date(2009, 8, 2), date(2026, 8, 1)) == 16
    assert leeftijd(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert leeftijd(date(2008, 2, 29), date(2026, 3, 1)) == 18
    assert plus_maanden(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert plus_maanden(date(2026, 5, 23), 6) == date(2026, 11, 23)


def test_elke_kw_code_heeft_een_regel_en_staat_in_de_catalogus():
    regels = {*kw.INSCHRIJVINGSREGELS, *kw.EXAMENKANDIDAATREGELS, *kw.EXAMENREGELS}
    namen = {r.__name__[:4].upper() for r in regels} | {"KW27"}
    assert namen == set(kw.CODES) and len(kw.CODES) == 32
    assert all(CATALOGUS[c][0] is Soort.ATTENTIE for c in kw.CODES)
    assert all(r.__doc__ and "KW" in r.__doc__ for r in regels)
