"""Unit tests for the leerlingdossier: LD01–LD04 and what of another school's deelname the
asking school sees (overlap, reduced to brin and dates)."""
from datetime import UTC, date, datetime

import pytest

from rod_service.domain.bedrijfsdocument import Bedrijfsdocument
from rod_service.domain.inschrijving import Periode
from rod_service.domain.leerlingdossier import Deelname, RaadpleegLeerlingdossier
from rod_service.domain.pgn import Nummersoort, bsn, onderwijsnummer
from rod_service.rules import leerlingdossier as ld

DOC = Bedrijfsdocument("0b7c1b8e-1c1f-4d7e-9d2e-2f1d3c4b5a69", "0" * 20, "1" * 20, datetime(2026, 1, 1, tzinfo=UTC))
BSN, OWN = "999990007", "101234564"


def verzoek(**kw) -> RaadpleegLeerlingdossier:
    return RaadpleegLeerlingdossier(document=DOC, brin="12AB", **kw)


def codes(signalen):
    return [(s.code, s.element) for s in signalen]


class TestNummers:
    def test_een_bsn(self):
        v = verzoek(burgerservicenummer=BSN)
        assert ld.controleer_nummers(v) == [] and v.pgn == bsn(BSN)

    def test_een_onderwijsnummer(self):
        v = verzoek(onderwijsnummer=OWN)
        assert ld.controleer_nummers(v) == [] and v.pgn.soort is Nummersoort.OWN

    def test_ld01_geen(self):
        v = verzoek()
        assert codes(ld.controleer_nummers(v)) == [("LD01", None)] and v.pgn is None

    def test_ld02_beide(self):
        v = verzoek(burgerservicenummer=BSN, onderwijsnummer=OWN)
        assert codes(ld.controleer_nummers(v)) == [("LD02", None)] and v.pgn is None

    @pytest.mark.parametrize("kw, element", [
        ({"burgerservicenummer": "999990008"}, "burgerservicenummer"),
        ({"burgerservicenummer": OWN}, "burgerservicenummer"),  # a valid OWN is no valid BSN
        ({"onderwijsnummer": "101234563"}, "onderwijsnummer"),
        ({"onderwijsnummer": BSN}, "onderwijsnummer"),
    ])
    def test_ld03_nummerproef(self, kw, element):
        assert codes(ld.controleer_nummers(verzoek(**kw))) == [("LD03", element)]

    def test_ld02_en_ld03_samen(self):
        v = verzoek(burgerservicenummer="999990008", onderwijsnummer=OWN)
        assert codes(ld.controleer_nummers(v)) == [("LD02", None), ("LD03", "burgerservicenummer")]

    def test_ld04(self):
        assert codes(ld.ld04_persoon_bekend(onderwijsnummer(OWN), bekend=False)) == [("LD04", "onderwijsnummer")]
        assert ld.ld04_persoon_bekend(bsn(BSN), bekend=True) == []


PERIODE = Periode(date(2021, 8, 1), "3022", "12AB00", True, "101A001", "101X001", leerjaar=1)
EIGEN = Deelname("12AB", date(2021, 8, 1), date(2024, 7, 31), "2021-1", perioden=(PERIODE,))


def andere(begin: date, eind: date | None, brin: str = "45GH") -> Deelname:
    return Deelname(brin, begin, eind, "B-1", perioden=(PERIODE,))


class TestOverlap:
    @pytest.mark.parametrize("begin, eind, zichtbaar", [
        (date(2020, 8, 1), date(2021, 7, 31), False),   # ends the day before
        (date(2020, 8, 1), date(2021, 8, 1), True),     # one shared day: the first
        (date(2022, 1, 1), date(2022, 6, 30), True),    # inside
        (date(2019, 1, 1), None, True),                 # open, around it
        (date(2024, 7, 31), None, True),                # one shared day: the last
        (date(2024, 8, 1), None, False),                # begins the day after
    ])
    def test_grenzen(self, begin, eind, zichtbaar):
        assert bool(ld.zichtbare_andere_deelnames([EIGEN], [andere(begin, eind)])) is zichtbaar
        assert EIGEN.overlapt(andere(begin, eind)) is zichtbaar
        assert andere(begin, eind).overlapt(EIGEN) is zichtbaar

    def test_open_eigen_inschrijving(self):
        open_eigen = Deelname("12AB", date(2021, 8, 1))
        assert ld.zichtbare_andere_deelnames([open_eigen], [andere(date(2030, 1, 1), None)]) == [
            Deelname("45GH", date(2030, 1, 1))]

    def test_alleen_brin_en_datums_niet_afgekapt(self):
        (d,) = ld.zichtbare_andere_deelnames([EIGEN], [andere(date(2020, 8, 1), date(2021, 8, 15))])
        assert d == Deelname("45GH", date(2020, 8, 1), date(2021, 8, 15))
        assert d.inschrijvingvolgnummer is None and d.perioden == ()

    def test_overlap_met_een_van_meerdere_eigen(self):
        tweede = Deelname("12AB", date(2025, 8, 1), None, "2025-1")
        gevonden = ld.zichtbare_andere_deelnames(
            [EIGEN, tweede],
            [andere(date(2024, 9, 1), date(2025, 7, 31), "45GH"),   # in the gap between the two
             andere(date(2025, 1, 1), date(2025, 8, 1), "23CD"),    # overlaps the second only
             andere(date(2019, 1, 1), date(2021, 9, 1), "56JK")])   # overlaps the first only
        assert [(d.brin, d.datum_inschrijving) for d in gevonden] == [("56JK", date(2019, 1, 1)),
                                                                      ("23CD", date(2025, 1, 1))]

    def test_zonder_eigen_deelname_niets(self):
        assert ld.zichtbare_andere_deelnames([], [andere(date(2020, 1, 1), None)]) == []
