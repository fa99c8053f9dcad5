"""The shared calendar (domain/kalender.py): school year, teldatum, examenregime, and the
leap-day reading that IS15 and its weekly twin KW01 now share."""
from datetime import date

from rod_service.domain.kalender import Schooljaar, een_jaar_na, leeftijd, verjaardag
from rod_service.rules.kwaliteitscontrole.context import Kwccontext
from rod_service.rules.kwaliteitscontrole.inschrijving import (
    kw01_inschrijving_ver_in_toekomst,
)


def test_schooljaar_loopt_van_1_augustus_tot_31_juli():
    assert Schooljaar.van(date(2026, 7, 31)) == Schooljaar(2025)
    assert Schooljaar.van(date(2026, 8, 1)) == Schooljaar(2026)
    sj = Schooljaar(2026)
    assert (sj.begin, sj.einde, sj.teldatum, sj.examenregime, str(sj)) == (
        date(2026, 8, 1), date(2027, 7, 31), date(2026, 10, 1), 2027, "2026-2027")


def test_verjaardag_en_leeftijd_op_schrikkeldag():
    assert verjaardag(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert leeftijd(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert leeftijd(date(2008, 2, 29), date(2026, 3, 1)) == 18


def test_een_jaar_na_schrikkeldag_is_28_februari():
    assert een_jaar_na(date(2028, 2, 29)) == date(2029, 2, 28)
    assert een_jaar_na(date(2026, 11, 23)) == date(2027, 11, 23)


def test_kw01_volgt_is15_op_schrikkeldag():
    """On 2028-02-29 an inschrijving from 2029-03-01 is more than a year ahead for IS15;
    KW01 must say the same (it used to read 'a year later' as 1 March)."""
    from rod_service.domain.inschrijving import Inschrijvingsstand
    from rod_service.domain.pgn import bsn
    from rod_service.referentiedata import loader
    from rod_service.rules.kwaliteitscontrole.context import KwcInschrijving

    stand = Inschrijvingsstand(pgn=bsn("999990007"), brin="12AB", inschrijvingvolgnummer="1",
                               datum_inschrijving=date(2029, 3, 1), datum_uitschrijving=None, perioden=())
    i = KwcInschrijving(stand=stand, geboortedatum=date(2012, 3, 14), gewijzigd_op=date(2028, 2, 29))
    ctx = Kwccontext(loader.laad(), date(2028, 2, 29))
    assert [s.code for s in kw01_inschrijving_ver_in_toekomst(i, ctx)] == ["KW01"]
