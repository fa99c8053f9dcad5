"""Unit tests for the bekostiging beslisboom (spec 4.1 bekostigingsbericht, 5 BK, 6.1): one
class per rule, with the boundary dates (1 October on datumUitschrijving, ties, 18th
birthday, quarters)."""
from datetime import date

import pytest

from rod_service.domain.bekostiging import Deelname
from rod_service.domain.inschrijving import (
    Inschrijvingsstand,
    Periode,
    VerblijfAndereInstelling,
)
from rod_service.domain.pgn import bsn, onderwijsnummer
from rod_service.domain.referentiedata import (
    ExterneInschrijving,
    Instelling,
    Licentie,
    Opleiding,
    Referentiedata,
    Vestiging,
)
from rod_service.rules.bekostiging import (
    bekostigbaar,
    dubbel,
    licentie,
    nieuwkomers,
    praktijkonderwijs,
    teldata,
)
from rod_service.rules.bekostiging.beslisboom import Leerling, beslis
from rod_service.rules.bekostiging.periode import periode_op

VANDAAG = date(2026, 11, 23)
BSN = bsn("999990056")
OWN = onderwijsnummer("101234564")


def _vo(brin, *vestigingen, licenties=(), bekostigd=True):
    return Instelling(brin, brin, bekostigd, "VO", vestigingen=vestigingen,
                      licenties=tuple(Licentie(v, o) for v, o in licenties))


RD = Referentiedata(
    rod_oin="1" * 20,
    instellingen=(
        _vo("12AB", Vestiging("12AB00", date(1995, 8, 1)), Vestiging("12AB01", date(2005, 8, 1), date(2024, 7, 31)),
            licenties=[("12AB00", "3121"), ("12AB00", "3123"), ("12AB01", "3121")]),
        _vo("45GH", Vestiging("45GH00", date(1992, 8, 1)), Vestiging("45GH01", date(2015, 8, 1)),
            licenties=[("45GH00", "3123"), ("45GH01", "3121")]),
        _vo("34EF", Vestiging("34EF00", date(1998, 8, 1)), licenties=[("34EF00", "0090")]),
        _vo("56JK", Vestiging("56JK00", date(2012, 8, 1)), licenties=[("56JK00", "3121")], bekostigd=False),
    ),
    opleidingen=(Opleiding("3121", "VWO", "VWO", 6), Opleiding("3123", "VWO", "VWO", 6),
                 Opleiding("0090", "PRO", "PRO", 6)),
)


def periode(begin: date, **kw) -> Periode:
    waarden = {"opleidingcode": "3121", "vestiging": "12AB00", "indicatie_bekostigbaar": True,
                   "onderwijsaanbieder": "101A001", "onderwijslocatie": "101X001"}
    waarden.update(kw)
    return Periode(datum_begin=begin, **waarden)


def stand(*perioden: Periode, brin="12AB", pgn=BSN, **kw) -> Inschrijvingsstand:
    perioden = perioden or (periode(date(2024, 8, 1)),)
    kw.setdefault("datum_inschrijving", min(p.datum_begin for p in perioden))
    return Inschrijvingsstand(pgn=pgn, brin=brin, inschrijvingvolgnummer="1", perioden=perioden, **kw)


def extern(sector, brin, begin, eind=None):
    return ExterneInschrijving(BSN.nummer, "burgerservicenummer", brin, sector, begin, eind)


def codes(signalen):
    return [s.code for s in signalen]


class TestTeldata:
    @pytest.mark.parametrize("dag, jaar", [(date(2026, 7, 31), 2025), (date(2026, 8, 1), 2026),
                                           (date(2026, 12, 31), 2026), (date(2027, 1, 1), 2026)])
    def test_schooljaar(self, dag, jaar):
        assert teldata.schooljaar(dag) == jaar

    def test_open_inschrijving_tot_en_met_huidig_schooljaar(self):
        assert teldata.teldata(date(2024, 8, 1), None, VANDAAG) == [
            date(2024, 10, 1), date(2025, 10, 1), date(2026, 10, 1)]

    def test_teldatum_van_huidig_schooljaar_ligt_nog_voor_ons(self):
        assert teldata.teldata(date(2024, 8, 1), None, date(2026, 8, 15))[-1] == date(2026, 10, 1)

    def test_niet_na_huidig_schooljaar(self):
        assert teldata.teldata(date(2024, 8, 1), None, date(2026, 7, 31))[-1] == date(2025, 10, 1)

    @pytest.mark.parametrize("uit, laatste", [(date(2025, 10, 1), date(2025, 10, 1)),
                                               (date(2025, 9, 30), date(2024, 10, 1))])
    def test_uitschrijving_op_of_voor_1_oktober(self, uit, laatste):
        assert teldata.teldata(date(2024, 8, 1), uit, VANDAAG)[-1] == laatste

    @pytest.mark.parametrize("din, eerste", [(date(2025, 10, 1), date(2025, 10, 1)),
                                              (date(2025, 10, 2), date(2026, 10, 1))])
    def test_inschrijving_op_of_na_1_oktober(self, din, eerste):
        assert teldata.teldata(din, None, VANDAAG)[0] == eerste

    def test_inschrijving_zonder_1_oktober(self):
        assert teldata.teldata(date(2025, 10, 2), date(2026, 9, 30), VANDAAG) == []

    def test_toekomstige_inschrijving(self):
        assert teldata.teldata(date(2027, 8, 1), None, VANDAAG) == []

    def test_verwijderd(self):
        assert teldata.teldata(date(2024, 8, 1), None, VANDAAG, verwijderd=True) == []


class TestPeriodeOp:
    def test_periode_geldig_op_1_oktober(self):
        s = stand(periode(date(2024, 8, 1)), periode(date(2024, 10, 2), leerjaar=2))
        assert periode_op(s, date(2024, 10, 1)).nummer == 1
        assert periode_op(s, date(2025, 10, 1)).nummer == 2

    def test_periode_begint_op_1_oktober(self):
        s = stand(periode(date(2024, 10, 1), leerjaar=2), periode(date(2024, 8, 1)))
        assert periode_op(s, date(2024, 10, 1)).nummer == 1  # message order: the first given

    def test_na_uitschrijving_geen_periode(self):
        assert periode_op(stand(datum_uitschrijving=date(2024, 9, 30)), date(2024, 10, 1)) is None


class TestBK04Bekostigbaar:
    def test_bekostigbaar(self):
        assert bekostigbaar.controleer_bekostigbaar(periode_op(stand(), date(2024, 10, 1))) == []

    def test_niet_bekostigbaar(self):
        s = stand(periode(date(2024, 8, 1)), periode(date(2025, 8, 1), indicatie_bekostigbaar=False))
        (sig,) = bekostigbaar.controleer_bekostigbaar(periode_op(s, date(2025, 10, 1)))
        assert (sig.code, sig.soort.value, sig.element) == ("BK04", "ATTENTIE",
                                                            "inschrijvingPeriodeVO[2]/indicatieBekostigbaar")


class TestBK03Licentie:
    def _bk03(self, brin, vestiging, code, op=date(2025, 10, 1)):
        s = stand(periode(date(2022, 8, 1), vestiging=vestiging, opleidingcode=code), brin=brin)
        return codes(licentie.controleer_licentie(brin, periode_op(s, op), op, RD))

    def test_gelicentieerd(self):
        assert self._bk03("45GH", "45GH00", "3123") == []

    def test_niet_op_deze_vestiging(self):
        assert self._bk03("45GH", "45GH01", "3123") == ["BK03"]

    def test_vestiging_op_1_oktober_niet_meer_geldig(self):
        assert self._bk03("12AB", "12AB01", "3121", op=date(2023, 10, 1)) == []
        assert self._bk03("12AB", "12AB01", "3121", op=date(2024, 10, 1)) == ["BK03"]


class TestBK01DubbeleInschrijvingVO:
    A = Deelname("12AB", "a", date(2024, 8, 1), None, volgorde=1)
    B = Deelname("45GH", "b", date(2026, 9, 1), None, volgorde=2)

    def test_beide_signaal_de_latere_verliest(self):
        t = date(2026, 10, 1)
        a, b = dubbel.dubbel_vo(self.A, [self.B], t), dubbel.dubbel_vo(self.B, [self.A], t)
        assert (a.andere_brins, a.verliest) == (("45GH",), False)
        assert (b.andere_brins, b.verliest) == (("12AB",), True)
        (sig,) = b.signalen()
        assert (sig.code, sig.brin, sig.soort.value) == ("BK01", "12AB", "ATTENTIE")

    def test_gelijke_datum_inschrijving_later_opgeslagen_verliest(self):
        a = Deelname("12AB", "a", date(2026, 9, 1), None, volgorde=7)
        b = Deelname("45GH", "b", date(2026, 9, 1), None, volgorde=3)
        assert dubbel.dubbel_vo(a, [b], date(2026, 10, 1)).verliest
        assert not dubbel.dubbel_vo(b, [a], date(2026, 10, 1)).verliest

    @pytest.mark.parametrize("uit, dubbel_", [(date(2026, 10, 1), True), (date(2026, 9, 30), False)])
    def test_uitschrijving_op_1_oktober_telt_nog_mee(self, uit, dubbel_):
        a = Deelname("12AB", "a", date(2024, 8, 1), uit, volgorde=1)
        uitkomst = dubbel.dubbel_vo(self.B, [a], date(2026, 10, 1))
        assert (uitkomst.andere_brins != (), uitkomst.verliest) == (dubbel_, dubbel_)

    def test_zelfde_school_is_geen_dubbele_inschrijving(self):
        ander = Deelname("45GH", "c", date(2020, 8, 1), None, volgorde=0)
        assert dubbel.dubbel_vo(self.B, [ander], date(2026, 10, 1)) == dubbel.DubbeleInschrijving(
            date(2026, 10, 1), (), False)

    def test_drie_scholen(self):
        c = Deelname("23CD", "c", date(2025, 8, 1), None, volgorde=3)
        uitkomst = dubbel.dubbel_vo(c, [self.A, self.B], date(2026, 10, 1))
        assert uitkomst.andere_brins == ("12AB", "45GH") and uitkomst.verliest
        assert codes(uitkomst.signalen()) == ["BK01", "BK01"]

    def test_kenmerk_ziet_toevoegen_en_verwijderen(self):
        teldata_ = [date(2025, 10, 1), date(2026, 10, 1)]
        zonder = dubbel.dubbel_kenmerk(self.A, [], teldata_)
        met = dubbel.dubbel_kenmerk(self.A, [self.B], teldata_)
        assert zonder != met
        assert met == ((date(2025, 10, 1), (), False), (date(2026, 10, 1), ("45GH",), False))


class TestBK02AndereSectoren:
    T = date(2025, 10, 1)

    @pytest.mark.parametrize("sector, brin", [("PO", "07PA"), ("MBO", "25MB"), ("VAVO", "27VA")])
    def test_dubbel_met_andere_sector(self, sector, brin):
        (sig,) = dubbel.dubbel_extern(stand(), [extern(sector, brin, date(2025, 8, 1))], self.T)
        assert (sig.code, sig.brin) == ("BK02", brin)

    def test_geen_overlap_op_1_oktober(self):
        assert dubbel.dubbel_extern(stand(), [extern("PO", "07PA", date(2016, 8, 22), date(2025, 9, 30))], self.T) == []
        assert codes(dubbel.dubbel_extern(
            stand(), [extern("PO", "07PA", date(2016, 8, 22), date(2025, 10, 1))], self.T)) == ["BK02"]

    def test_vai_vavo_die_past(self):
        vai = VerblijfAndereInstelling(date(2025, 8, 1), None, brin="27VA", verblijfsoort="VAVO")
        s = stand(verblijven=(vai,))
        assert dubbel.dubbel_extern(s, [extern("VAVO", "27VA", date(2025, 8, 1))], self.T) == []

    @pytest.mark.parametrize("vai", [
        VerblijfAndereInstelling(date(2025, 8, 1), None, brin="28VB", verblijfsoort="VAVO"),  # another VAVO
        VerblijfAndereInstelling(date(2025, 8, 1), date(2025, 9, 30), brin="27VA", verblijfsoort="VAVO"),  # ended
        VerblijfAndereInstelling(date(2025, 8, 1), None, brin="27VA", verblijfsoort="OPDC"),
    ])
    def test_vai_die_niet_past(self, vai):
        s = stand(verblijven=(vai,))
        assert codes(dubbel.dubbel_extern(s, [extern("VAVO", "27VA", date(2025, 8, 1))], self.T)) == ["BK02"]

    def test_vai_vavo_dekt_geen_mbo(self):
        s = stand(verblijven=(VerblijfAndereInstelling(date(2025, 8, 1), None, brin="25MB", verblijfsoort="VAVO"),))
        assert codes(dubbel.dubbel_extern(s, [extern("MBO", "25MB", date(2025, 8, 1))], self.T)) == ["BK02"]


class TestBK05Praktijkonderwijs:
    T = date(2026, 10, 1)

    def test_ouder_dan_18_in_zevende_jaar(self):
        assert codes(praktijkonderwijs.controleer_dispensatie(True, date(2007, 5, 1), date(2020, 8, 24), self.T)) == ["BK05"]

    @pytest.mark.parametrize("geboren, signaal", [(date(2008, 9, 30), True), (date(2008, 10, 1), False)])
    def test_achttiende_verjaardag(self, geboren, signaal):
        uit = praktijkonderwijs.controleer_dispensatie(True, geboren, date(2020, 8, 24), self.T)
        assert bool(uit) is signaal

    @pytest.mark.parametrize("eerste, signaal", [(date(2020, 8, 1), True), (date(2020, 7, 31), True),
                                                  (date(2021, 8, 1), False)])
    def test_zevende_schooljaar(self, eerste, signaal):
        # 2020-08-01 and 2020-07-31 (school year 2019) start the count; 2021-08-01 makes 2026 the 6th
        uit = praktijkonderwijs.controleer_dispensatie(True, date(2005, 1, 1), eerste, self.T)
        assert bool(uit) is signaal

    def test_geen_praktijkonderwijs(self):
        assert praktijkonderwijs.controleer_dispensatie(False, date(2005, 1, 1), date(2015, 8, 1), self.T) == []

    def test_schrikkeldag(self):
        assert praktijkonderwijs.verjaardag(date(2008, 2, 29), 18) == date(2026, 3, 1)


class TestNieuwkomers:
    @pytest.mark.parametrize("eerste, venster", [
        (date(2025, 3, 10), (date(2025, 4, 1), date(2027, 3, 31))),
        (date(2025, 12, 31), (date(2026, 1, 1), date(2027, 12, 31))),
        (date(2024, 10, 1), (date(2025, 1, 1), date(2026, 12, 31))),
        (date(2025, 7, 1), (date(2025, 10, 1), date(2027, 9, 30))),
    ])
    def test_acht_kwartalen_na_het_kwartaal_van_eerste_inschrijving(self, eerste, venster):
        assert nieuwkomers.venster(eerste) == venster

    def test_eerste_inschrijving_telt_po_en_vo(self):
        externe = [extern("PO", "07PA", date(2024, 3, 18), date(2024, 7, 31)), extern("MBO", "25MB", date(2023, 1, 1))]
        assert nieuwkomers.datum_eerste_inschrijving_nederland([date(2024, 8, 19)], externe) == date(2024, 3, 18)
        assert nieuwkomers.datum_eerste_inschrijving_nederland([date(2024, 8, 19)], externe[1:]) == date(2024, 8, 19)

    def _op(self, t, eerste=date(2025, 11, 1), **kw):
        uitkomst = nieuwkomers.nieuwkomer_op(t, eerste, **kw)
        return uitkomst.in_aanmerking, codes(uitkomst.signalen)

    def test_bsn_zonder_nederlandse_nationaliteit(self):
        assert self._op(date(2026, 10, 1), in_brp=True, nederlander=False, indicatie_school=None) == (True, ["BK06"])

    def test_bsn_school_wil_geen_nieuwkomersbekostiging(self):
        assert self._op(date(2026, 10, 1), in_brp=True, nederlander=False, indicatie_school=False) == (False, [])

    def test_bsn_nederlander(self):
        assert self._op(date(2026, 10, 1), in_brp=True, nederlander=True, indicatie_school=True) == (False, [])

    @pytest.mark.parametrize("t, ja", [(date(2025, 10, 1), False), (date(2026, 10, 1), True),
                                        (date(2027, 10, 1), True), (date(2028, 10, 1), False)])
    def test_venster(self, t, ja):
        assert self._op(t, in_brp=True, nederlander=False, indicatie_school=None)[0] is ja

    @pytest.mark.parametrize("indicatie, uitkomst", [(True, (True, ["BK06", "BK07"])), (False, (False, ["BK07"])),
                                                      (None, (False, ["BK07"]))])
    def test_onderwijsnummer_indicatie_van_de_school(self, indicatie, uitkomst):
        assert self._op(date(2026, 10, 1), in_brp=False, nederlander=False, indicatie_school=indicatie) == uitkomst

    def test_onderwijsnummer_buiten_venster(self):
        assert self._op(date(2028, 10, 1), in_brp=False, nederlander=False, indicatie_school=True) == (False, [])


class TestBeslisboom:
    def test_gewone_leerling(self):
        bericht = beslis(stand(), andere=[], leerling=Leerling(in_brp=True, nederlander=True,
                                                               datum_eerste_inschrijving_nederland=date(2016, 8, 22)),
                         rd=RD, vandaag=VANDAAG)
        assert [(t.datum, t.indicatie_bekostigd, t.signalen) for t in bericht.teldata] == [
            (date(2024, 10, 1), True, ()), (date(2025, 10, 1), True, ()), (date(2026, 10, 1), True, ())]
        assert (bericht.pgn, bericht.brin, bericht.inschrijvingvolgnummer) == (BSN, "12AB", "1")
        assert bericht.datum_eerste_inschrijving_nederland == date(2016, 8, 22)
        assert bericht.indicatie_nieuwkomersbekostiging is False

    def test_signalen_per_teldatum_in_codevolgorde(self):
        s = stand(periode(date(2024, 8, 1)),
                  periode(date(2026, 8, 1), vestiging="45GH01", opleidingcode="3123", indicatie_bekostigbaar=False),
                  brin="45GH")
        a = Deelname("12AB", "a", date(2020, 8, 1))
        wie = Leerling(in_brp=True, nederlander=False, datum_eerste_inschrijving_nederland=date(2025, 11, 1),
                       externe=(extern("PO", "07PA", date(2018, 8, 20)),))
        bericht = beslis(s, andere=[a], leerling=wie, rd=RD, vandaag=VANDAAG, volgorde=2)
        laatste = bericht.teldata[-1]
        assert codes(laatste.signalen) == ["BK01", "BK02", "BK03", "BK04", "BK06"]
        assert laatste.indicatie_bekostigd is False
        assert [s.element for s in laatste.signalen][2:4] == [
            "inschrijvingPeriodeVO[2]/opleidingcode", "inschrijvingPeriodeVO[2]/indicatieBekostigbaar"]
        assert bericht.indicatie_nieuwkomersbekostiging is True

    def test_bk02_bk05_laten_bekostiging_staan(self):
        s = stand(periode(date(2020, 8, 24), vestiging="34EF00", opleidingcode="0090"), brin="34EF")
        wie = Leerling(geboortedatum=date(2007, 5, 1), in_brp=True, nederlander=True, eerste_pro=date(2020, 8, 24),
                       externe=(extern("MBO", "25MB", date(2026, 8, 1)),))
        laatste = beslis(s, andere=[], leerling=wie, rd=RD, vandaag=VANDAAG).teldata[-1]
        assert (laatste.indicatie_bekostigd, codes(laatste.signalen)) == (True, ["BK02", "BK05"])

    def test_niet_bekostigde_school(self):
        s = stand(periode(date(2024, 8, 1), vestiging="56JK00"), brin="56JK")
        bericht = beslis(s, andere=[], leerling=Leerling(in_brp=True, nederlander=True), rd=RD, vandaag=VANDAAG)
        assert {t.indicatie_bekostigd for t in bericht.teldata} == {False}
        assert {t.signalen for t in bericht.teldata} == {()}

    def test_eigen_inschrijving_in_andere_telt_niet(self):
        eigen = Deelname("12AB", "1", date(2024, 8, 1))
        bericht = beslis(stand(), andere=[eigen], leerling=Leerling(), rd=RD, vandaag=VANDAAG)
        assert all(t.indicatie_bekostigd and not t.signalen for t in bericht.teldata)

    def test_verwijderd_geen_teldatum(self):
        bericht = beslis(stand(pgn=OWN), andere=[], leerling=Leerling(datum_eerste_inschrijving_nederland=date(2026, 3, 1)),
                         rd=RD, vandaag=VANDAAG, verwijderd=True)
        assert bericht.teldata == () and bericht.indicatie_nieuwkomersbekostiging is False
        assert bericht.pgn == OWN

    def test_indicatie_nieuwkomers_alleen_op_huidige_teldatum(self):
        # first enrolled 2024-03-18 (PO): eligible 2024-04-01 .. 2026-03-31, so 2024 and 2025 but not 2026
        wie = Leerling(in_brp=True, nederlander=False, datum_eerste_inschrijving_nederland=date(2024, 3, 18))
        bericht = beslis(stand(periode(date(2024, 8, 19))), andere=[], leerling=wie, rd=RD, vandaag=VANDAAG)
        assert [codes(t.signalen) for t in bericht.teldata] == [["BK06"], ["BK06"], []]
        assert bericht.indicatie_nieuwkomersbekostiging is False
        vorig_jaar = beslis(stand(periode(date(2024, 8, 19))), andere=[], leerling=wie, rd=RD, vandaag=date(2026, 7, 31))
        assert vorig_jaar.indicatie_nieuwkomersbekostiging is True

    def test_onderwijsnummer_met_indicatie_per_periode(self):
        s = stand(periode(date(2026, 3, 2), indicatie_nieuwkomersbekostiging=True), pgn=OWN)
        wie = Leerling(in_brp=False, datum_eerste_inschrijving_nederland=date(2026, 3, 2))
        (t,) = beslis(s, andere=[], leerling=wie, rd=RD, vandaag=VANDAAG).teldata
        assert codes(t.signalen) == ["BK06", "BK07"]
