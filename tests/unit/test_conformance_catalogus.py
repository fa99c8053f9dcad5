"""The conformance catalogue: it loads, it covers every rule of the spec, its checks catch
mistakes, and the template mechanics (variables, fragments, merges, paths) do what
docs/conformance.md says."""
from __future__ import annotations

import importlib.util
import shutil
import textwrap
from datetime import date
from pathlib import Path

import pytest

from rod_service.conformance.catalogus import CatalogusFout, dekking, laad, lees_regels
from rod_service.conformance.sjablonen import SjabloonFout, Sjablonen, voeg_samen, vul_in, zet_pad
from rod_service.domain.signalen import CATALOGUS
from rod_service.paden import conformance_map

CONFORMANCE = conformance_map()
SPEC = CONFORMANCE.parent.parent / "shared" / "spec" / "rod-vo-spec.md"


@pytest.fixture(scope="module")
def catalogus():
    return laad()


def test_regels_txt_is_de_signaalcatalogus():
    """regels.txt (from the spec) and domain/signalen.py name the same 98 codes, KW included."""
    codes = lees_regels(CONFORMANCE / "regels.txt")
    assert len(codes) == len(set(codes)) == 98
    assert set(codes) == set(CATALOGUS)
    assert {c for c in codes if c.startswith("KW")} == {f"KW{n:02d}" for n in range(1, 33)}


def test_elke_regel_heeft_een_scenario(catalogus):
    codes = lees_regels(CONFORMANCE / "regels.txt")
    zonder = [c for c, ids in dekking(catalogus, codes).items() if not ids]
    assert zonder == [], f"codes without a scenario: {zonder}"
    assert set(dekking(catalogus, list(CATALOGUS))) == set(CATALOGUS)  # no scenario proves an unknown code


@pytest.mark.skipif(not SPEC.is_file(), reason=f"the spec is not next to the checkout ({SPEC})")
def test_regels_txt_is_actueel_met_de_spec():
    spec = importlib.util.spec_from_file_location("genereer_regels", CONFORMANCE / "genereer_regels.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.inhoud(SPEC) == (CONFORMANCE / "regels.txt").read_text(encoding="utf-8"), \
        "conformance/regels.txt is stale: run python conformance/genereer_regels.py"


def test_genereer_regels_leest_tabellen_tekst_en_bereiken():
    spec = importlib.util.spec_from_file_location("genereer_regels", CONFORMANCE / "genereer_regels.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    tekst = textwrap.dedent("""\
        ## 4. Operations
        IS99 is not in a section that counts.
        ## 5. Signal catalogue
        | IS01 | AFKEUR | ... |
        LD01 no number; LD02 both.
        ## 9. Kwaliteitscontrole
        KW01 ahead; KW23–KW26 and KW28-KW30 run in a window.
        """)
    assert module.codes(module.secties(tekst)) == [
        "IS01", "LD01", "LD02", "KW01", "KW23", "KW24", "KW25", "KW26", "KW28", "KW29", "KW30"]


def test_scenarios_zijn_compleet_beschreven(catalogus):
    assert len(catalogus.scenarios) >= 98
    for s in catalogus.scenarios:
        assert s.handboek and s.regels and s.stappen
        if any(c.startswith("KW") for c in s.regels):
            assert s.soort == "batch", s.id


def test_vereisten(catalogus):
    assert catalogus.scenario("AL01-geen-goedgevormde-xml").vereisten() == set()
    assert catalogus.scenario("IS15-inschrijving-ver-in-toekomst").vereisten() == {"klok"}
    assert catalogus.scenario("KW11-ontbrekende-periode").vereisten() == {"klok", "batch"}
    assert catalogus.scenario("BK01-dubbele-inschrijving-vo-met-pushes").vereisten() == {"klok", "pushes"}
    assert catalogus.scenario("IS02-onderwijsnummer-terwijl-bsn-bekend").vereisten() == {"verse_database"}
    assert "referentiedata" in catalogus.scenario("BK-asynchroon-terugkoppeling-als-push").vereisten()
    assert [s.id for s in catalogus.kies(regels=["is07"])] == ["IS07-onderwijsaanbieder"]


# -- the checks -------------------------------------------------------------------------------

def _kopie(tmp_path: Path, scenario: str) -> Path:
    map = tmp_path / "conformance"
    shutil.copytree(CONFORMANCE / "sjablonen", map / "sjablonen")
    (map / "fixtures").mkdir(parents=True)
    (map / "scenarios").mkdir()
    (map / "scenarios" / "proef.yaml").write_text(textwrap.dedent(scenario), encoding="utf-8")
    return map


def test_fouten_worden_allemaal_tegelijk_gemeld(tmp_path):
    map = _kopie(tmp_path, """\
        id: kapot
        regels: [IS07, XX99]
        handboek: spec
        datum: 2026-11-23
        referentiedata: bestaat-niet.json
        onbekend: 1
        stappen:
          - verzoek: geen-sjabloon
          - verzoek: identificatie_bsn
            ruw: identificatie_kapot
          - klok: morgen
          - verzoek: identificatie_bsn
            afzender: 9900000000101
            verwacht: {status: MISSCHIEN, aanwezig: [ZZ01]}
        ---
        id: kapot
        regels: [ID01]
        handboek: spec
        datum: 2026-11-23
        referentiedata: standaard
        stappen:
          - verzoek: identificatie_bsn
            verwacht: {status: AFGEKEURD}
        """)
    with pytest.raises(CatalogusFout) as fout:
        laad(map)
    tekst = str(fout.value)
    for verwacht in ("XX99 staat niet in de signaalcatalogus", "bestaat-niet.json", "onbekende sleutel 'onbekend'",
                     "onbekend sjabloon 'geen-sjabloon'", "precies één van", "'klok' is een datum",
                     "afzender is A, B of een OIN", "status 'MISSCHIEN'", "ZZ01", "bewijst ID01 maar geen verwachting"):
        assert verwacht in tekst, (verwacht, tekst)


def test_een_goed_scenario_laadt(tmp_path):
    map = _kopie(tmp_path, """\
        id: goed
        regels: [ID01]
        handboek: spec 5 ID01
        datum: 2026-11-23
        referentiedata: standaard
        stappen:
          - verzoek: identificatie_bsn
            variabelen: {bsn: "999990008"}
            verwacht: {status: AFGEKEURD, aanwezig: [{code: ID01, element: metPGN/burgerservicenummer}]}
        """)
    (scenario,) = laad(map).scenarios
    assert (scenario.id, scenario.regels, scenario.datum, scenario.groep) == ("goed", ("ID01",), date(2026, 11, 23),
                                                                             "proef")


# -- templates --------------------------------------------------------------------------------

def test_vul_in_houdt_het_type_van_een_hele_verwijzing():
    variabelen = {"d": date(2024, 8, 1), "n": None, "lijst": [1], "tekst": "x"}
    assert vul_in({"a": "${d}", "b": "${n}", "c": "${lijst}", "e": "CF-${tekst}-${d}", "f": "$$5"}, variabelen) == {
        "a": date(2024, 8, 1), "b": None, "c": [1], "e": "CF-x-2024-08-01", "f": "$5"}
    with pytest.raises(SjabloonFout, match="ontbreekt|niet gedefinieerd"):
        vul_in("${onbekend}", {})


def test_voeg_samen_en_zet_pad():
    basis = {"a": {"b": 1, "c": [1, 2]}, "d": 1}
    assert voeg_samen(basis, {"a": {"b": 2, "c": [3]}, "d": None}) == {"a": {"b": 2, "c": [3]}, "d": None}
    assert basis == {"a": {"b": 1, "c": [1, 2]}, "d": 1}  # left alone
    bericht = {"lijst": [{"x": 1}, {"x": 2}], "enkel": {"y": 1}}
    zet_pad(bericht, "lijst[2]/x", 5)
    zet_pad(bericht, "enkel[1]/y", 2)
    zet_pad(bericht, "nieuw/diep", "z")
    zet_pad(bericht, "lijst[1]", None)
    assert bericht == {"lijst": [{"x": 5}], "enkel": [{"y": 2}], "nieuw": {"diep": "z"}}
    with pytest.raises(SjabloonFout, match=r"geen \[3\]"):
        zet_pad(bericht, "lijst[3]/x", 1)


def test_sjabloon_met_fragmenten_wijzig_en_zet():
    sjablonen = Sjablonen(CONFORMANCE / "sjablonen")
    operatie, bericht = sjablonen.bericht(
        "inschrijving", {"uniek": "abc", "datumInschrijving": date(2025, 8, 1)},
        wijzig={"inschrijvingPeriodeVO": [{"$periode": {"datumBegin": "${datumInschrijving}"}},
                                          {"$periode_45GH": {"leerjaar": 2}}]},
        zet={"inschrijvingPeriodeVO[2]/onderwijslocatie": None})
    assert operatie == "aanleverenInschrijvingVO"
    assert bericht["inschrijvingvolgnummer"] == "CF-abc" and "datumUitschrijving" not in bericht
    eerste, tweede = bericht["inschrijvingPeriodeVO"]
    assert eerste["datumBegin"] == date(2025, 8, 1) and eerste["opleidingcode"] == "3121"
    assert tweede["vestiging"] == "45GH00" and tweede["leerjaar"] == 2 and "onderwijslocatie" not in tweede


def test_codes_als_getal_worden_geweigerd():
    sjablonen = Sjablonen(CONFORMANCE / "sjablonen")
    with pytest.raises(SjabloonFout, match="aanhalingstekens"):
        sjablonen.bericht("inschrijving", {"uniek": "x"}, zet={"inschrijvingPeriodeVO[1]/opleidingcode": 90})
