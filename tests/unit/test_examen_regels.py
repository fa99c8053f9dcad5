"""Unit tests for the EX afkeur rules (EX01–EX09), the package's afkeur → attentie order,
and the examenresultaat stand (JSON round trip, standsleutel)."""
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from rod_service.domain.bedrijfsdocument import Bedrijfsdocument
from rod_service.domain.examenresultaat import (
    Beoordeeld,
    CentraalExamen,
    Cijferlijst,
    Combinatiecijfer,
    Examenresultaat,
    Examenvak,
    Herkansing,
    LeverExamenresultaatAan,
    Uitslag,
    Werkstuk,
    huidig_examenregime,
)
from rod_service.domain.pgn import bsn, onderwijsnummer
from rod_service.domain.referentiedata import (
    Instelling,
    Onderwijsaanbieder,
    Opleiding,
    Referentiedata,
    Vak,
    Vestiging,
)
from rod_service.domain.signalen import signaal
from rod_service.rules import examen
from rod_service.rules.examen import afkeur
from rod_service.rules.examen.context import Examencontext, InschrijvingOpSchool

DOC = Bedrijfsdocument("0b7c1b8e-1c1f-4d7e-9d2e-2f1d3c4b5a69", "0" * 20, "1" * 20, datetime(2026, 1, 1, tzinfo=UTC))
VANDAAG = date(2026, 11, 23)

REF = Referentiedata(
    rod_oin="1" * 20,
    instellingen=(
        Instelling("12AB", "Lyceum", True, "VO",
                   vestigingen=(Vestiging("12AB00", date(1995, 8, 1)),
                                Vestiging("12AB01", date(2005, 8, 1), date(2024, 7, 31))),
                   onderwijsaanbieders=(Onderwijsaanbieder("101A001", date(1995, 8, 1)),
                                        Onderwijsaanbieder("101A002", date(2025, 8, 1), date(2026, 7, 31)))),
        Instelling("23CD", "College", True, "VO", vestigingen=(Vestiging("23CD00", date(2000, 8, 1)),),
                   onderwijsaanbieders=(Onderwijsaanbieder("202A001", date(2000, 8, 1)),)),
    ),
    opleidingen=(Opleiding("3022", "HAVO E&M", "HAVO", 5),),
    vakken=(Vak("ne", "Nederlands", ("HAVO",), True), Vak("en", "Engels", ("HAVO",), True),
            Vak("wa", "Wiskunde A", (), True), Vak("ec", "Economie"), Vak("lo", "LO", ("HAVO",))),
)


def vak(vakcode="ne", **kw) -> Examenvak:
    kw.setdefault("schoolexamen", Beoordeeld(cijfer=68))
    kw.setdefault("centraal_examens", (CentraalExamen(1, 61),))
    kw.setdefault("eindcijfer", 6)
    for indicatie in ("indicatie_combinatiecijfer", "indicatie_werkstuk", "indicatie_inruil"):
        kw.setdefault(indicatie, False)
    return Examenvak(volgnummer_resultaat=kw.pop("volgnummer", "1"), vakcode=vakcode,
                     examendeel=kw.pop("examendeel", "GEMEENSCHAPPELIJK"), indicatie_diplomavak=True, **kw)


def lijst(*vakken: Examenvak, **kw) -> Cijferlijst:
    return Cijferlijst(opleidingcode=kw.pop("opleidingcode", "3022"), vakken=vakken or (vak(),), **kw)


def bericht(**kw) -> LeverExamenresultaatAan:
    waarden = dict(
        document=DOC, pgn=bsn("999990007"), brin="12AB", examenresultaatvolgnummer="EX1",
        inschrijvingvolgnummer=None, onderwijsaanbieder="101A001", vestiging="12AB00", examenregime=2026,
        niveau="HAVO",
        uitslag=Uitslag("GESLAAGD", "DIPLOMA", False, date(2026, 7, 10)),
        cijferlijsten=(lijst(vak("ne"), vak("en", volgnummer="2")),),
    )
    waarden.update(kw)
    return LeverExamenresultaatAan(**waarden)


def context(**kw) -> Examencontext:
    kw.setdefault("referentiedata", REF)
    kw.setdefault("vandaag", VANDAAG)
    return Examencontext(**kw)


def signalen(regel, b=None, ctx=None):
    return [(s.code, s.element) for s in regel(b or bericht(), ctx or context())]


class TestEX01PersoonBekend:
    def test_bekend(self):
        assert signalen(afkeur.ex01_persoon_bekend) == []

    @pytest.mark.parametrize("pgn, element", [(bsn("999990007"), "burgerservicenummer"),
                                              (onderwijsnummer("101234564"), "onderwijsnummer")])
    def test_onbekend_wijst_naar_het_nummer(self, pgn, element):
        assert signalen(afkeur.ex01_persoon_bekend, bericht(pgn=pgn), context(persoon_bekend=False)) == [
            ("EX01", element)]


class TestEX02Onderwijsaanbieder:
    def test_geldig_op_datum_uitslag(self):
        assert signalen(afkeur.ex02_onderwijsaanbieder) == []

    def test_ontbreekt(self):
        assert signalen(afkeur.ex02_onderwijsaanbieder, bericht(onderwijsaanbieder=None)) == [
            ("EX02", "onderwijsaanbieder")]

    def test_onbekend(self):
        assert signalen(afkeur.ex02_onderwijsaanbieder, bericht(onderwijsaanbieder="999A999")) == [
            ("EX02", "onderwijsaanbieder")]

    def test_van_een_andere_instelling(self):
        assert signalen(afkeur.ex02_onderwijsaanbieder, bericht(onderwijsaanbieder="202A001")) == [
            ("EX02", "onderwijsaanbieder")]

    @pytest.mark.parametrize("datum_uitslag, fout", [
        (date(2025, 7, 31), True),   # the day before its begindatum
        (date(2025, 8, 1), False),   # begindatum, inclusive
        (date(2026, 7, 31), False),  # einddatum, inclusive
        (date(2026, 8, 1), True),    # the day after its einddatum
    ])
    def test_geldigheid_op_datum_uitslag(self, datum_uitslag, fout):
        b = bericht(onderwijsaanbieder="101A002", uitslag=Uitslag("GESLAAGD", "DIPLOMA", False, datum_uitslag))
        assert bool(signalen(afkeur.ex02_onderwijsaanbieder, b, context(vandaag=date(2027, 1, 1)))) is fout

    @pytest.mark.parametrize("examenregime, fout", [
        (2025, True),    # peildatum 2024-08-01: before 101A002 began
        (2026, False),   # peildatum 2025-08-01: its first day
        (2027, True),    # peildatum 2026-08-01: after it ended
    ])
    def test_zonder_uitslag_op_1_augustus_van_het_examenregime(self, examenregime, fout):
        b = bericht(onderwijsaanbieder="101A002", uitslag=None, examenregime=examenregime)
        assert afkeur.peildatum_onderwijsaanbieder(b) == date(examenregime - 1, 8, 1)
        assert bool(signalen(afkeur.ex02_onderwijsaanbieder, b)) is fout

    def test_uitslag_zonder_datum_valt_terug_op_1_augustus(self):
        b = bericht(uitslag=Uitslag("GESLAAGD", "DIPLOMA", False, None))
        assert afkeur.peildatum_onderwijsaanbieder(b) == date(2025, 8, 1)

    def test_onmogelijk_examenregime_geen_crash(self):
        b = bericht(uitslag=None, examenregime=0)
        assert afkeur.peildatum_onderwijsaanbieder(b) is None
        assert signalen(afkeur.ex02_onderwijsaanbieder, b) == []


class TestEX03Vestiging:
    def test_van_de_instelling(self):
        assert signalen(afkeur.ex03_vestiging) == []

    def test_beeindigde_vestiging_telt_nog(self):
        """EX03 asks only 'belongs to', not 'valid on' (unlike IS06)."""
        assert signalen(afkeur.ex03_vestiging, bericht(vestiging="12AB01")) == []

    @pytest.mark.parametrize("vestiging", ["23CD00", "12AB99"])
    def test_niet_van_de_instelling(self, vestiging):
        assert signalen(afkeur.ex03_vestiging, bericht(vestiging=vestiging)) == [("EX03", "vestiging")]


class TestEX04VakkenEnOpleidingen:
    def test_alles_bekend(self):
        b = bericht(cijferlijsten=(lijst(vak("ne"), vak("ec", vervangen_vak="wa")),),
                    herkansingen=(Herkansing("ne", 2026, 2),))
        assert signalen(afkeur.ex04_vakken_en_opleidingen, b) == []

    def test_onbekende_opleiding(self):
        b = bericht(cijferlijsten=(lijst(), lijst(opleidingcode="9999")))
        assert signalen(afkeur.ex04_vakken_en_opleidingen, b) == [("EX04", "cijferlijst[2]/opleidingcode")]

    def test_onbekende_vakcodes_met_pad(self):
        b = bericht(cijferlijsten=(lijst(vak("ne"), vak("xx"), vak("ec", vervangen_vak="yy")),),
                    herkansingen=(Herkansing("ne", 2026, 2), Herkansing("zz", 2026, 2)))
        assert signalen(afkeur.ex04_vakken_en_opleidingen, b) == [
            ("EX04", "cijferlijst[1]/vak[2]/vakcode"),
            ("EX04", "cijferlijst[1]/vak[3]/vervangenVak"),
            ("EX04", "herkansing[2]/vakcode"),
        ]

    def test_vakcode_hoofdlettergevoelig(self):
        b = bericht(cijferlijsten=(lijst(vak("NE")),))
        assert signalen(afkeur.ex04_vakken_en_opleidingen, b) == [("EX04", "cijferlijst[1]/vak[1]/vakcode")]


class TestEX05Cijferbereik:
    @pytest.mark.parametrize("cijfer, fout", [(9, True), (10, False), (100, False), (101, True)])
    def test_schoolexamen_cijfer(self, cijfer, fout):
        b = bericht(cijferlijsten=(lijst(vak(schoolexamen=Beoordeeld(cijfer=cijfer))),))
        verwacht = [("EX05", "cijferlijst[1]/vak[1]/schoolexamen/cijfer")] if fout else []
        assert signalen(afkeur.ex05_cijferbereik, b) == verwacht

    @pytest.mark.parametrize("cijfer, fout", [(9, True), (10, False), (100, False), (101, True)])
    def test_centraal_examen_cijfer(self, cijfer, fout):
        b = bericht(cijferlijsten=(lijst(vak("ne"), vak("en", centraal_examens=(
            CentraalExamen(1, 55), CentraalExamen(2, cijfer)))),))
        verwacht = [("EX05", "cijferlijst[1]/vak[2]/centraalExamen[2]/cijfer")] if fout else []
        assert signalen(afkeur.ex05_cijferbereik, b) == verwacht

    @pytest.mark.parametrize("cijfer, fout", [(9, True), (10, False), (100, False), (101, True)])
    def test_werkstuk_cijfer(self, cijfer, fout):
        b = bericht(cijferlijsten=(lijst(werkstuk=Werkstuk("9", "Titel", Beoordeeld(cijfer=cijfer))),))
        verwacht = [("EX05", "cijferlijst[1]/werkstuk/cijfer")] if fout else []
        assert signalen(afkeur.ex05_cijferbereik, b) == verwacht

    @pytest.mark.parametrize("eindcijfer, fout", [(0, True), (1, False), (10, False), (11, True)])
    def test_eindcijfer(self, eindcijfer, fout):
        b = bericht(cijferlijsten=(lijst(vak(eindcijfer=eindcijfer)),))
        verwacht = [("EX05", "cijferlijst[1]/vak[1]/eindcijfer")] if fout else []
        assert signalen(afkeur.ex05_cijferbereik, b) == verwacht

    @pytest.mark.parametrize("eindcijfer, fout", [(0, True), (1, False), (10, False), (11, True)])
    def test_combinatiecijfer(self, eindcijfer, fout):
        b = bericht(cijferlijsten=(lijst(combinatiecijfer=Combinatiecijfer("12", eindcijfer)),))
        verwacht = [("EX05", "cijferlijst[1]/combinatiecijfer/eindcijfer")] if fout else []
        assert signalen(afkeur.ex05_cijferbereik, b) == verwacht

    def test_beoordelingen_hebben_geen_bereik(self):
        b = bericht(cijferlijsten=(lijst(vak("lo", schoolexamen=Beoordeeld(beoordeling="V"), centraal_examens=(),
                                             eindcijfer=None, eindbeoordeling="V")),))
        assert signalen(afkeur.ex05_cijferbereik, b) == []

    def test_alle_fouten_samen(self):
        b = bericht(cijferlijsten=(lijst(vak(schoolexamen=Beoordeeld(cijfer=5), eindcijfer=11)),
                                   lijst(vak(centraal_examens=(CentraalExamen(1, 200),)))))
        assert signalen(afkeur.ex05_cijferbereik, b) == [
            ("EX05", "cijferlijst[1]/vak[1]/schoolexamen/cijfer"),
            ("EX05", "cijferlijst[2]/vak[1]/centraalExamen[1]/cijfer"),
            ("EX05", "cijferlijst[1]/vak[1]/eindcijfer"),
        ]


class TestEX06DatumUitslag:
    def test_zonder_uitslag(self):
        assert signalen(afkeur.ex06_datum_uitslag, bericht(uitslag=None)) == []

    def test_uitslag_zonder_datum(self):
        b = bericht(uitslag=Uitslag("GESLAAGD", "DIPLOMA", False, None))
        assert signalen(afkeur.ex06_datum_uitslag, b) == [("EX06", "uitslag/datumUitslag")]

    @pytest.mark.parametrize("datum_uitslag, fout", [(VANDAAG, False), (date(2026, 11, 24), True)])
    def test_vandaag_of_morgen(self, datum_uitslag, fout):
        b = bericht(uitslag=Uitslag("AFGEWEZEN", "DIPLOMA", False, datum_uitslag))
        assert signalen(afkeur.ex06_datum_uitslag, b) == ([("EX06", "uitslag/datumUitslag")] if fout else [])


class TestEX07Inschrijving:
    INSCHRIJVINGEN = (InschrijvingOpSchool("2021-0090", date(2021, 8, 1)),)

    def test_zonder_volgnummer(self):
        assert signalen(afkeur.ex07_inschrijving) == []

    def test_bestaande_inschrijving(self):
        b = bericht(inschrijvingvolgnummer="2021-0090")
        assert signalen(afkeur.ex07_inschrijving, b, context(inschrijvingen=self.INSCHRIJVINGEN)) == []

    def test_onbekend_volgnummer(self):
        b = bericht(inschrijvingvolgnummer="2021-0091")
        assert signalen(afkeur.ex07_inschrijving, b, context(inschrijvingen=self.INSCHRIJVINGEN)) == [
            ("EX07", "inschrijvingvolgnummer")]

    def test_geen_inschrijvingen(self):
        assert signalen(afkeur.ex07_inschrijving, bericht(inschrijvingvolgnummer="1")) == [
            ("EX07", "inschrijvingvolgnummer")]

    def test_niet_bij_onbekende_persoon(self):
        """EX01 already rejects; EX07 would only repeat it."""
        b = bericht(inschrijvingvolgnummer="1")
        assert signalen(afkeur.ex07_inschrijving, b, context(persoon_bekend=False)) == []


class TestEX08Verwijdering:
    def test_bestaat(self):
        assert afkeur.ex08_te_verwijderen_bestaat(True) == []

    def test_bestaat_niet(self):
        assert afkeur.ex08_te_verwijderen_bestaat(False) == [signaal("EX08", element="examenresultaatvolgnummer")]


class TestEX09Examenregime:
    @pytest.mark.parametrize("vandaag, huidig", [
        (date(2026, 7, 31), 2026), (date(2026, 8, 1), 2027), (date(2026, 11, 23), 2027), (date(2027, 1, 1), 2027),
    ])
    def test_huidig_examenregime(self, vandaag, huidig):
        assert huidig_examenregime(vandaag) == huidig

    @pytest.mark.parametrize("examenregime, fout", [(2025, True), (2026, False), (2027, False), (2028, False),
                                                    (2029, True)])
    def test_grenzen_rond_2027(self, examenregime, fout):
        b = bericht(examenregime=examenregime)
        assert signalen(afkeur.ex09_examenregime, b) == ([("EX09", "examenregime")] if fout else [])

    @pytest.mark.parametrize("vandaag, examenregime, fout", [
        (date(2026, 7, 31), 2024, True),   # current 2026: 2024 is two years away
        (date(2026, 7, 31), 2025, False),
        (date(2026, 8, 1), 2025, True),    # the new school year: current 2027
        (date(2026, 8, 1), 2028, False),
    ])
    def test_schooljaarwissel(self, vandaag, examenregime, fout):
        b = bericht(examenregime=examenregime)
        assert bool(signalen(afkeur.ex09_examenregime, b, context(vandaag=vandaag))) is fout


class TestPakket:
    def test_goed_bericht_geen_signalen(self):
        # Without uitslag: with one, this two-vak list would get EX54/EX56 (test_examen_signalen.py).
        assert examen.controleer(bericht(uitslag=None), context()) == []

    def test_alle_afkeursignalen_samen(self):
        b = bericht(onderwijsaanbieder=None, vestiging="23CD00", examenregime=2030,
                    uitslag=Uitslag("GESLAAGD", "DIPLOMA", False, date(2026, 12, 1)),
                    cijferlijsten=(lijst(vak("xx", eindcijfer=0), opleidingcode="9999"),),
                    inschrijvingvolgnummer="X")
        codes = [s.code for s in examen.controleer(b, context(persoon_bekend=False))]
        assert codes == ["EX01", "EX02", "EX03", "EX04", "EX04", "EX05", "EX06", "EX09"]

    def test_attentieregels_alleen_zonder_afkeur(self, monkeypatch):
        attentie = lambda b, ctx: [signaal("EX51", element="cijferlijst[1]/werkstuk/cijfer")]  # noqa: E731
        monkeypatch.setattr(examen, "ATTENTIEREGELS", [attentie])
        assert [s.code for s in examen.controleer(bericht(), context())] == ["EX51"]
        assert [s.code for s in examen.controleer(bericht(vestiging="23CD00"), context())] == ["EX03"]

    def test_registers(self):
        assert len(examen.ATTENTIEREGELS) == 7  # EX51–EX57, see test_examen_signalen.py
        assert afkeur.ex08_te_verwijderen_bestaat not in afkeur.AFKEURREGELS
        assert len(afkeur.AFKEURREGELS) == 8


class TestStand:
    def test_json_heen_en_terug(self):
        b = bericht(inschrijvingvolgnummer="2021-0090", indicatie_gespreid_examen=True,
                    cijferlijsten=(lijst(vak("ne"), vak("lo", schoolexamen=Beoordeeld(beoordeling="G"),
                                                      centraal_examens=(), eindcijfer=None, eindbeoordeling="G",
                                                      reden_niet_deelname="ONTHEFFING"),
                                         vak("ec", indicatie_inruil=True, vervangen_vak="wa"),
                                         werkstuk=Werkstuk("11", "Titel", Beoordeeld(cijfer=68)),
                                         combinatiecijfer=Combinatiecijfer("12", 7)),),
                    herkansingen=(Herkansing("wa", 2026, 2),))
        stand = b.naar_stand()
        assert Examenresultaat.uit_stand(stand) == b.alleen_stand()
        assert stand["cijferlijst"][0]["vak"][1]["eindbeoordeling"] == "G"
        assert stand["uitslag"]["datumUitslag"] == "2026-07-10"
        assert "onderwijsaanbieder" in stand and "document" not in stand

    def test_zonder_uitslag_en_cijferlijst(self):
        b = bericht(uitslag=None, cijferlijsten=(), onderwijsaanbieder=None)
        stand = b.naar_stand()
        assert "uitslag" not in stand and "cijferlijst" not in stand and "onderwijsaanbieder" not in stand
        assert Examenresultaat.uit_stand(stand) == b.alleen_stand()

    def test_standsleutel_stabiel_en_gevoelig(self):
        b = bericht()
        assert b.standsleutel() == bericht(document=replace(DOC, identificatiecode="x")).standsleutel()
        assert b.standsleutel() == Examenresultaat.uit_stand(b.naar_stand()).standsleutel()
        anders = bericht(cijferlijsten=(lijst(vak("ne", eindcijfer=7), vak("en", volgnummer="2")),))
        assert b.standsleutel() != anders.standsleutel()
