"""Unit tests for the ID rules (ID01–ID05, ID53–ID55) and the matching of the uitgebreide set."""
from datetime import UTC, date, datetime

import pytest

from rod_service.domain.adres import BinnenlandsAdres, BuitenlandsAdres
from rod_service.domain.bedrijfsdocument import Bedrijfsdocument
from rod_service.domain.identificatie import IdentificeerPersoon, UitgebreideSet
from rod_service.domain.persoon import BrpPersoon
from rod_service.domain.pgn import bsn, onderwijsnummer
from rod_service.rules.identificatie import attenties, controles
from rod_service.rules.identificatie.matching import (
    Kandidaat,
    Zoeksleutel,
    binnen_een_bewerking,
    eerste_voornaam,
    enige_match,
    namen_komen_overeen,
    volledige_achternaam,
)

DOC = Bedrijfsdocument("0b7c1b8e-1c1f-4d7e-9d2e-2f1d3c4b5a69", "0" * 20, "1" * 20, datetime(2026, 1, 1, tzinfo=UTC))
VANDAAG = date(2026, 11, 23)


def bericht(**kw) -> IdentificeerPersoon:
    kw.setdefault("geboortedatum", date(2012, 5, 1))
    kw.setdefault("geslacht", "V")
    return IdentificeerPersoon(document=DOC, **kw)


def codes(signalen):
    return [s.code for s in signalen]


class TestID01Bsn:
    def test_elfproef_ok(self):
        assert controles.controleer_bsn(bericht(pgn=bsn("123456782"))) == []

    def test_elfproef_fout(self):
        (s,) = controles.controleer_bsn(bericht(pgn=bsn("123456781")))
        assert (s.code, s.element) == ("ID01", "metPGN/burgerservicenummer")

    def test_onderwijsnummer_niet_met_elfproef(self):
        assert controles.controleer_bsn(bericht(pgn=onderwijsnummer("101234564"))) == []


class TestID03OnderwijsnummerVorm:
    def test_geldig(self):
        assert controles.controleer_onderwijsnummer_vorm(bericht(pgn=onderwijsnummer("101234564"))) == []

    @pytest.mark.parametrize("nummer", ["101234563", "201234563", "123456782"])
    def test_ongeldig(self, nummer):
        assert codes(controles.controleer_onderwijsnummer_vorm(bericht(pgn=onderwijsnummer(nummer)))) == ["ID03"]

    def test_huidig_onderwijsnummer_ongeldig(self):
        (s,) = controles.controleer_onderwijsnummer_vorm(bericht(pgn=bsn("123456782"), huidig_onderwijsnummer="101234563"))
        assert s.element == "huidigOnderwijsnummer"


class TestID04Geboortedatum:
    def test_vandaag_geboren_mag(self):
        assert controles.controleer_geboortedatum(bericht(geboortedatum=VANDAAG), VANDAAG) == []

    def test_morgen_is_toekomst(self):
        assert codes(controles.controleer_geboortedatum(bericht(geboortedatum=date(2026, 11, 24)), VANDAAG)) == ["ID04"]

    def test_precies_100_mag(self):
        assert controles.controleer_geboortedatum(bericht(geboortedatum=date(1926, 11, 23)), VANDAAG) == []

    def test_ouder_dan_100(self):
        assert codes(controles.controleer_geboortedatum(bericht(geboortedatum=date(1925, 11, 23)), VANDAAG)) == ["ID04"]


class TestID05Postcode:
    def uitgebreid(self, postcode):
        return bericht(uitgebreide_set=UitgebreideSet("Jansen", BinnenlandsAdres(postcode=postcode)))

    @pytest.mark.parametrize("postcode", ["1234AB", "1234 ab", None])
    def test_goed_of_afwezig(self, postcode):
        assert controles.controleer_postcode(self.uitgebreid(postcode)) == []

    @pytest.mark.parametrize("postcode", ["0123AB", "12345", "B-1000", "1234A"])
    def test_fout(self, postcode):
        (s,) = controles.controleer_postcode(self.uitgebreid(postcode))
        assert (s.code, s.element) == ("ID05", "zonderPGN/binnenlandsAdres/postcode")

    def test_buitenlands_adres_geen_postcodecontrole(self):
        b = bericht(uitgebreide_set=UitgebreideSet("Peeters", BuitenlandsAdres("Rue 1", "5010")))
        assert controles.controleer_postcode(b) == []


def test_controleer_set_meldt_alle_fouten_tegelijk():
    b = bericht(pgn=bsn("123456781"), geboortedatum=date(2030, 1, 1), huidig_onderwijsnummer="109999999")
    assert sorted(codes(controles.controleer_set(b, VANDAAG))) == ["ID01", "ID03", "ID04"]


class TestNamen:
    def test_normalisatie(self):
        assert volledige_achternaam("van der", "Berg") == volledige_achternaam(None, "Van Der-Berg") == "vanderberg"

    def test_eerste_voornaam(self):
        assert eerste_voornaam("René Johannes") == "rene"
        assert eerste_voornaam(None) == eerste_voornaam("  ") == ""

    @pytest.mark.parametrize("a,b,verwacht", [
        ("renee", "rene", True),          # handbook 004: Renee i.p.v. René
        ("jansen", "janssen", True),
        ("jansen", "jonsen", True),       # substitution
        ("jansen", "jasnen", False),      # transposition is two edits
        ("jan", "jans", False),           # short names must be exact
        ("bakker", "bakkers", True),
        ("bakker", "backers", False),
    ])
    def test_tolerantie(self, a, b, verwacht):
        assert namen_komen_overeen(a, b) is verwacht

    def test_een_bewerking_symmetrisch(self):
        assert binnen_een_bewerking("abcde", "abde") and binnen_een_bewerking("abde", "abcde")


class TestMatching:
    def test_een_kandidaat(self):
        gezocht = Zoeksleutel("vandenberg", "rene", "1234AB")
        assert enige_match(gezocht, [Kandidaat(Zoeksleutel("vandenberg", "renee", "1234AB"), "p1")]) == "p1"

    def test_postcode_moet_gelijk(self):
        gezocht = Zoeksleutel("vandenberg", "rene", "1234AB")
        assert enige_match(gezocht, [Kandidaat(Zoeksleutel("vandenberg", "rene", "1234AC"), "p1")]) is None

    def test_twee_kandidaten_is_geen_match(self):
        gezocht = Zoeksleutel("jansen", "anna", "1234AB")
        kandidaten = [Kandidaat(Zoeksleutel("jansen", "anna", "1234AB"), "p1"),
                      Kandidaat(Zoeksleutel("janssen", "anna", "1234AB"), "p2")]
        assert enige_match(gezocht, kandidaten) is None

    def test_landcode_moet_gelijk(self):
        gezocht = Zoeksleutel("peeters", "lotte", None, "5010")
        assert enige_match(gezocht, [Kandidaat(Zoeksleutel("peeters", "lotte", None, "9089"), "p")]) is None
        assert enige_match(gezocht, [Kandidaat(Zoeksleutel("peeters", "lotte", None, "5010"), "p")]) == "p"

    def test_zonder_voornaam_telt_achternaam(self):
        gezocht = Zoeksleutel("peeters", "", None, "5010")
        assert enige_match(gezocht, [Kandidaat(Zoeksleutel("peeters", "lotte", None, "5010"), "p")]) == "p"


class TestAttenties:
    def brp(self, **kw):
        return BrpPersoon("123456782", "Jansen", date(2012, 5, 1), "V", adres=BinnenlandsAdres("Dorpsstraat", 1, postcode="1234AB"), **kw)

    def test_gewoon(self):
        assert attenties.attenties_brp(self.brp()) == []

    def test_geheim(self):
        assert codes(attenties.attenties_brp(self.brp(geheim=True))) == ["ID53"]

    def test_puntadres(self):
        p = BrpPersoon("123456782", "Jansen", date(2012, 5, 1), "V", adres=BinnenlandsAdres(straatnaam="."))
        assert codes(attenties.attenties_brp(p)) == ["ID54"]

    def test_overleden(self):
        assert codes(attenties.attenties_brp(self.brp(datum_overlijden=date(2025, 3, 1)))) == ["ID55"]
