"""Unit tests for the overviews (spec section 8): RO01–RO03, OB01/OB02, the record layouts and
their one parser, the verschillenlijst (T, V, W) and the binnenland flags."""
from __future__ import annotations

from datetime import date

import pytest

from rod_service.bestanden.records import (
    VELDEN,
    Recordfout,
    als_dict,
    als_tekst,
    lees,
    lees_verschillenlijst,
    record,
    sleutel,
)
from rod_service.bestanden.verschillenlijst import verschillenlijst, wijziging
from rod_service.domain.adres import BinnenlandsAdres, BuitenlandsAdres
from rod_service.domain.overzichten import Schooljaar
from rod_service.domain.persoon import BrpPersoon
from rod_service.domain.referentiedata import Instelling, Referentiedata
from rod_service.rules.overzichten import (
    binnenland_op,
    controleer_bekostigd,
    controleer_een_per_dag,
    controleer_selectieperiode,
)


def codes(signalen):
    return [(s.code, s.element) for s in signalen]


@pytest.mark.parametrize(("begin", "einde", "verwacht"), [
    (None, None, [("RO01", "datumBeginPeriode"), ("RO01", "datumEindePeriode")]),
    (None, date(2026, 7, 31), [("RO01", "datumBeginPeriode")]),
    (date(2026, 8, 1), date(2026, 7, 31), [("RO02", "datumBeginPeriode")]),
    (date(2026, 7, 31), date(2026, 7, 31), []),
    (date(2025, 8, 1), date(2027, 7, 31), []),
    (date(2025, 8, 1), date(2027, 8, 1), [("RO03", "datumEindePeriode")]),
    (date(2024, 2, 29), date(2026, 2, 28), []),
    (date(2024, 2, 29), date(2026, 3, 1), [("RO03", "datumEindePeriode")]),
])
def test_ro_selectieperiode(begin, einde, verwacht):
    assert codes(controleer_selectieperiode(begin, einde)) == verwacht


def test_ob01_en_ob02():
    rd = Referentiedata(rod_oin="1" * 20, instellingen=(Instelling("12AB", "a", True, "VO"),
                                                          Instelling("56JK", "b", False, "VO")))
    assert codes(controleer_bekostigd("56JK", rd)) == [("OB01", "brin")]
    assert controleer_bekostigd("12AB", rd) == []
    assert codes(controleer_een_per_dag(True)) == [("OB02", None)]
    assert controleer_een_per_dag(False) == []


def test_schooljaar():
    sj = Schooljaar.uit_tekst("2025-2026")
    assert (sj.begin, sj.einde, sj.teldatum, str(sj)) == (date(2025, 8, 1), date(2026, 7, 31), date(2025, 10, 1),
                                                          "2025-2026")
    assert sj.binnenland_peildata == (date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1), date(2025, 10, 1))
    assert Schooljaar.van(date(2026, 7, 31)) == sj and Schooljaar.van(date(2026, 8, 1)) == Schooljaar(2026)
    for fout in ("2025-2027", "2025-2025", "abcd-efgh"):
        with pytest.raises(ValueError):
            Schooljaar.uit_tekst(fout)


def brp(**kw) -> BrpPersoon:
    return BrpPersoon("999990007", "Jansen", date(2012, 3, 14), "M",
                      **{"adres": BinnenlandsAdres(straatnaam="Oudegracht", postcode="3511AB"), **kw})


def test_binnenland_op():
    assert binnenland_op(brp(), date(2026, 1, 1))
    assert binnenland_op(brp(geheim=True), date(2026, 1, 1))
    assert binnenland_op(brp(adres=BinnenlandsAdres(straatnaam=".")), date(2026, 1, 1))  # puntadres
    assert not binnenland_op(None, date(2026, 1, 1))                                     # not in the BRP
    assert not binnenland_op(brp(adres=BuitenlandsAdres(adresregel1="Meir 45", landcode="5010")), date(2026, 1, 1))
    nieuwkomer = brp(datum_vestiging_nederland=date(2025, 10, 15))
    assert not binnenland_op(nieuwkomer, date(2025, 10, 1)) and binnenland_op(nieuwkomer, date(2026, 1, 1))
    overleden = brp(datum_overlijden=date(2025, 11, 20))
    assert binnenland_op(overleden, date(2025, 10, 1)) and not binnenland_op(overleden, date(2026, 1, 1))


def test_records_en_de_ene_parser():
    per = record("PER", "999990007", None, date(2012, 3, 14), "M", True, True, False, True)
    isg = record("ISG", "999990007", None, "1", date(2025, 8, 1), None, True)
    isp = record("ISP", "999990007", None, "1", date(2025, 8, 1), "3121", 1, "12AB00", True, None, True)
    tekst = als_tekst([per, isg, isp])
    assert tekst.decode() == ("PER|999990007||2012-03-14|M|J|J|N|J\n"
                              "ISG|999990007||1|2025-08-01||J\n"
                              "ISP|999990007||1|2025-08-01|3121|1|12AB00|J||J\n")
    assert list(lees(tekst)) == [per, isg, isp]
    assert als_dict(isp)["indicatieNieuwkomersbekostiging"] == "" and als_dict(isg)["geldig1-10"] == "J"
    assert sleutel(isp) == ("ISP", "999990007", "", "1", "2025-08-01")
    assert record("ISG", "9", None, "a|b\nc", None, None, False)[3] == "a b c"  # never a separator
    with pytest.raises(Recordfout):
        list(lees("ISG|1|2\n"))
    with pytest.raises(Recordfout):
        list(lees("XYZ|1\n"))
    with pytest.raises(Recordfout):
        record("PER", "1")
    assert all(len(VELDEN[t]) == n for t, n in (("PER", 8), ("ISG", 6), ("ISP", 10)))


def isg(nummer, begin, eind, geldig):
    return record("ISG", nummer, None, "1", begin, eind, geldig)


def test_wijziging_t_v_w():
    oud = isg("1", date(2026, 8, 1), None, True)
    nieuw = isg("1", date(2026, 8, 1), date(2026, 9, 30), False)
    assert wijziging(oud, nieuw) == ("ISG", "1", "", "1", "2026-08-01", "", "J", "", "", "", "", "2026-09-30", "N", "W")
    assert wijziging(None, nieuw) == ("ISG", "", "", "", "", "", "", "1", "", "1", "2026-08-01", "2026-09-30", "N", "T")
    assert wijziging(oud, None) == ("ISG", "1", "", "1", "2026-08-01", "", "J", "", "", "", "", "", "", "V")
    assert wijziging(oud, oud) is None


def test_verschillenlijst_volgorde_en_verplaatste_periode():
    def isp(begin, geldig):
        return record("ISP", "1", None, "1", begin, "3121", 1, "12AB00", True, None, geldig)

    vorige = [record("PER", "1", None, date(2012, 1, 1), "M", True, True, True, True), isp(date(2026, 9, 20), True)]
    huidige = [record("PER", "1", None, date(2012, 1, 1), "M", True, True, True, True), isp(date(2026, 10, 2), False),
               record("PER", "2", None, date(2012, 1, 1), "V", True, True, True, True)]
    rijen = verschillenlijst(vorige, huidige)
    assert [(r[0], r[-1]) for r in rijen] == [("PER", "T"), ("ISP", "V"), ("ISP", "T")]
    assert list(lees_verschillenlijst(als_tekst(rijen))) == rijen
    assert verschillenlijst(huidige, huidige) == []
