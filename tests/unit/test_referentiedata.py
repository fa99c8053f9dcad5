"""Reference data (spec section 10): file format, checks, merge, domain lookups and the
synthetic generators."""
from __future__ import annotations

import copy
import dataclasses
import tracemalloc
from datetime import date

import pytest

from rod_service.domain.adres import BuitenlandsAdres
from rod_service.domain.pgn import bsn, is_geldig_bsn, is_geldig_onderwijsnummer
from rod_service.domain.referentiedata import is_geldig_op
from rod_service.referentiedata import (
    ReferentiedataFout, laad, lees, naar_domein, samenvoegen, standaard_pad, valideer,
)
from rod_service.referentiedata import genereer as gen


@pytest.fixture(scope="module")
def standaard_doc() -> dict:
    return lees(standaard_pad())


@pytest.fixture(scope="module")
def rd():
    return laad()


@pytest.fixture
def doc(standaard_doc) -> dict:
    return copy.deepcopy(standaard_doc)


# the shipped default ---------------------------------------------------------------------

def test_standaard_laadt_en_is_geldig(rd):
    assert rd.rod_oin == "00000009900000000001"
    assert len(rd.personen) == gen.STANDAARD_AANTAL_PERSONEN
    assert [a.oin for a in rd.administraties] == ["00000009900000000101", "00000009900000000202"]
    assert sum(i.sector == "VO" for i in rd.instellingen) >= 5
    assert {i.sector for i in rd.instellingen} == {"VO", "PO", "MBO", "VAVO"}


def test_elk_nummer_in_standaard_is_geldig(standaard_doc):
    bsns = [p["burgerservicenummer"] for p in standaard_doc["personen"]]
    assert all(is_geldig_bsn(n) for n in bsns)
    assert len(set(bsns)) == len(bsns)
    for e in standaard_doc["externeInschrijvingen"]:
        assert is_geldig_bsn(e["burgerservicenummer"]) if "burgerservicenummer" in e \
            else is_geldig_onderwijsnummer(e["onderwijsnummer"])


def test_standaard_bestand_volgt_maak_standaard(standaard_doc):
    """The handcrafted part of default.json is what maak_standaard() writes (regenerate
    with ``python -m rod_service.referentiedata.genereer`` after editing it)."""
    nieuw = gen.maak_standaard()
    for deel in ("rodOin", "administraties", "instellingen", "opleidingen", "vakken"):
        assert standaard_doc[deel] == nieuw[deel], deel
    vast = len(gen.VASTE_PERSONEN)
    assert standaard_doc["personen"][:vast] == nieuw["personen"][:vast]
    assert standaard_doc["externeInschrijvingen"][:len(gen.STANDAARD_EXTERNE)] == list(gen.STANDAARD_EXTERNE)


def test_administraties_van_standaard(rd):
    eerste = rd.administratie("00000009900000000101")
    assert eerste.brins == ("12AB", "23CD", "34EF") and eerste.is_synchroon
    assert eerste.endpoint == "http://127.0.0.1:8090/las"
    assert eerste.leveranciers_oins == ("00000009900000000901",)
    assert rd.administratie("00000009900000000202").endpoint is None
    assert rd.administratie_voor_brin("56JK").oin == "00000009900000000202"
    assert rd.administratie_voor_brin("07PA") is None
    assert rd.administratie("00000009900000000999") is None


def test_vestiging_geldig_tot_en_met_einddatum(rd):
    assert rd.vestiging("12AB", "12AB01", date(2024, 7, 31)) is not None
    assert rd.vestiging("12AB", "12AB01", date(2024, 8, 1)) is None
    assert rd.vestiging("12AB", "12AB02", date(2024, 7, 31)) is None
    assert rd.vestiging("12AB", "12AB01") is not None  # no date: only "belongs to"
    assert rd.vestiging("23CD", "12AB00", date(2025, 1, 1)) is None  # another instelling's


def test_onderwijsaanbieder_en_locatie(rd):
    assert rd.onderwijsaanbieder("23CD", "202A002", date(2026, 7, 31)) is None
    assert rd.onderwijsaanbieder("23CD", "202A002", date(2026, 8, 1)) is not None
    assert rd.onderwijsaanbieder("12AB", "202A001", date(2026, 8, 1)) is None
    assert rd.onderwijslocatie("12AB", "101X009", date(2025, 10, 1)) is not None
    assert not any(rd.is_locatie_van_vestiging("12AB", v.vestigingscode, "101X009")
                   for v in rd.instelling("12AB").vestigingen)
    assert rd.is_locatie_van_vestiging("12AB", "12AB00", "101X001")


def test_licenties_opleidingen_vakken(rd):
    assert rd.heeft_licentie("45GH", "45GH00", "3123")
    assert not rd.heeft_licentie("45GH", "45GH01", "3123")
    assert not rd.instelling("56JK").bekostigd
    pro = rd.opleiding("0090")
    assert pro.niveau == "PRO" and pro.laatste_leerjaar == 6 and pro.is_vo
    assert {o.niveau for o in rd.opleidingen if o.is_vo} == {
        "PRO", "VMBO_BB", "VMBO_KB", "VMBO_GL", "VMBO_TL", "HAVO", "VWO"}
    assert not rd.opleiding("4021").is_vo
    assert rd.opleiding("9999") is None
    assert {"ne", "en", "lo", "ckv"} <= {v.vakcode for v in rd.verplichte_vakken("HAVO")}
    assert rd.verplichte_vakken("PRO") == ()
    assert {v.vakcode for v in rd.kernvakken()} >= {"ne", "en", "wa", "wb"}
    assert rd.vak("xx") is None


def test_vaste_personen(rd):
    assert rd.brp_persoon("999990020").geheim
    assert rd.brp_persoon("999990032").heeft_puntadres
    assert rd.brp_persoon("999990044").datum_overlijden == date(2025, 11, 20)
    nieuwkomer = rd.brp_persoon("999990056")
    assert not nieuwkomer.is_nederlander and nieuwkomer.datum_vestiging_nederland == date(2025, 10, 15)
    assert isinstance(rd.brp_persoon("999990068").adres, BuitenlandsAdres)
    assert rd.brp_persoon("999990068").adres.landcode == "5010"
    renee = rd.brp_persoon("999990019")
    assert (renee.voornamen, renee.voorvoegsels) == ("Renée Sophie", "van der")
    a, b = rd.brp_persoon("999990081"), rd.brp_persoon("999990093")
    assert (a.geboortedatum, a.geslacht, a.adres.postcode) == (b.geboortedatum, b.geslacht, b.adres.postcode)
    assert rd.brp_persoon("999990111").geboortedatum.year < 1926
    assert rd.brp_persoon("123456782") is None


def test_externe_inschrijvingen(rd):
    noah = rd.externe_inschrijvingen_van("999990135")
    assert [(e.sector, e.brin) for e in noah] == [("PO", "07PA")] and noah[0].loopt_op(date(2026, 10, 1))
    assert rd.externe_inschrijvingen_van(bsn("999990147"))[0].sector == "MBO"
    vavo = rd.externe_inschrijvingen_van("999990159")[0]
    assert (vavo.sector, vavo.niveau) == ("VAVO", "HAVO")
    own = rd.externe_inschrijvingen_van(gen.ONDERWIJSNUMMER_PO)[0]
    assert own.pgn_soort == "onderwijsnummer"
    assert rd.externe_inschrijvingen_van("999990068") == ()


def test_referentiedata_is_onveranderlijk(rd):
    with pytest.raises(dataclasses.FrozenInstanceError):
        rd.rod_oin = "x"
    with pytest.raises(TypeError):
        rd._index["vak"] = {}


def test_is_geldig_op():
    assert is_geldig_op(date(2024, 1, 1), None, date(2030, 1, 1))
    assert is_geldig_op(date(2024, 1, 1), date(2024, 7, 31), date(2024, 1, 1))
    assert not is_geldig_op(date(2024, 1, 2), None, date(2024, 1, 1))


# errors ---------------------------------------------------------------------------------

def test_alle_schemafouten_met_pad(doc):
    doc["personen"][3]["geslacht"] = "X"
    doc["instellingen"][1]["vestigingen"][0]["vestigingscode"] = "23CD1"
    del doc["vakken"][0]["kernvak"]
    with pytest.raises(ReferentiedataFout) as fout:
        lees(doc)
    assert len(fout.value.fouten) == 3
    tekst = str(fout.value)
    assert "$.personen[3].geslacht" in tekst
    assert "$.instellingen[1].vestigingen[0].vestigingscode" in tekst
    assert "$.vakken[0]: 'kernvak' is a required property" in tekst


def test_adres_precies_een(doc):
    doc["personen"][0]["buitenlandsAdres"] = {"adresregelBuitenland1": "Meir 1", "landcode": "5010"}
    doc["personen"][1]["datumOverlijden"] = "2025-02-30"
    with pytest.raises(ReferentiedataFout) as fout:
        valideer(doc)
    assert fout.value.fouten[0].startswith("$.personen[0]: a person has exactly one of")
    assert fout.value.fouten[1].startswith("$.personen[1].datumOverlijden")


def test_geen_json(tmp_path):
    pad = tmp_path / "kapot.json"
    pad.write_text('{"rodOin": ', encoding="utf-8")
    with pytest.raises(ReferentiedataFout, match="geen geldige JSON"):
        lees(pad)


def test_samenhangfouten_allemaal(doc):
    doc["administraties"][1]["brins"].append("99ZZ")
    doc["instellingen"][0]["licenties"].append({"vestigingscode": "23CD00", "opleidingcode": "0090"})
    doc["instellingen"][2]["vestigingen"].append({"vestigingscode": "12AB07", "begindatum": "2020-08-01"})
    doc["personen"][5]["burgerservicenummer"] = "999990008"
    doc["administraties"][1]["brins"].append("12AB")
    with pytest.raises(ReferentiedataFout) as fout:
        lees(doc)
    tekst = str(fout.value)
    assert len(fout.value.fouten) == 5, tekst
    assert "$.administraties[1].brins[2]: instelling 99ZZ bestaat niet" in tekst
    assert "$.administraties[1].brins[3]: 12AB wordt al bediend door" in tekst
    assert "$.instellingen[0].licenties[" in tekst and "23CD00 is geen vestiging van 12AB" in tekst
    assert "$.instellingen[2].vestigingen[1].vestigingscode: 12AB07 begint niet met instellingscode 34EF" in tekst
    assert "$.personen[5].burgerservicenummer: 999990008 voldoet niet aan de elfproef" in tekst


# merging --------------------------------------------------------------------------------

def test_samenvoegen(standaard_doc):
    basis = copy.deepcopy(standaard_doc)
    gewijzigd = dict(basis["personen"][0], achternaam="Janssen")
    nieuw = copy.deepcopy(basis["personen"][1]) | {"burgerservicenummer": "999990214"}
    extra = lees({"rodOin": "00000009900000000002", "personen": [gewijzigd, nieuw],
                  "administraties": [{"oin": "00000009900000000202", "brins": ["45GH"], "modus": "asynchroon",
                                      "endpoint": "http://127.0.0.1:9000/las"}]}, gedeeltelijk=True)
    samen = valideer(samenvoegen(basis, extra))
    assert basis == standaard_doc  # inputs untouched
    assert samen["rodOin"] == "00000009900000000002"
    assert samen["personen"][0]["achternaam"] == "Janssen"
    assert samen["personen"][-1]["burgerservicenummer"] == "999990214"
    assert len(samen["personen"]) == len(basis["personen"]) + 1
    assert samen["administraties"][1] == extra["administraties"][0]  # replaced as a whole, in place
    assert samen["instellingen"] == basis["instellingen"]
    rd = naar_domein(samen)
    assert rd.administratie_voor_brin("56JK") is None and not rd.administratie("00000009900000000202").is_synchroon
    assert samenvoegen({"rodOin": "1"}, {})["rodOin"] == "1"


def test_gedeeltelijk_alleen_bij_samenvoegen():
    with pytest.raises(ReferentiedataFout, match="'rodOin' is a required property"):
        lees({"personen": []})
    assert lees({"personen": []}, gedeeltelijk=True) == {"personen": []}


# generators -----------------------------------------------------------------------------

def test_genereer_deterministisch_per_seed():
    a, b, c = gen.genereer(200, 6, seed=1), gen.genereer(200, 6, seed=1), gen.genereer(200, 6, seed=2)
    assert a == b
    assert a["personen"] != c["personen"] and a["instellingen"] != c["instellingen"]
    lees(a)
    assert sum(i["sector"] == "VO" for i in a["instellingen"]) == 6
    assert sorted(b for adm in a["administraties"] for b in adm["brins"]) == sorted(
        i["instellingscode"] for i in a["instellingen"] if i["sector"] == "VO")


def test_genereer_mix():
    personen = gen.genereer(4000, 10, seed=3)["personen"]
    deel = lambda f: sum(map(f, personen)) / len(personen)  # noqa: E731
    assert deel(lambda p: 2006 <= int(p["geboorteDatum"][:4]) <= 2016) > 0.9
    assert 0.015 < deel(lambda p: p["geheim"]) < 0.05
    assert 0.01 < deel(lambda p: p.get("binnenlandsAdres", {}).get("straatnaam") == ".") < 0.035
    assert 0.01 < deel(lambda p: "buitenlandsAdres" in p) < 0.035
    assert 0.05 < deel(lambda p: "NL" not in p["nationaliteiten"]) < 0.12
    assert any(p.get("datumVestigingNederland", "") >= "2024-01-01" for p in personen)
    assert any("datumOverlijden" in p for p in personen)
    assert {p["buitenlandsAdres"]["landcode"] for p in personen if "buitenlandsAdres" in p} == {"5010", "9089"}


def test_schrijf_groot_is_geldig_en_gelijk_aan_genereer(tmp_path):
    stappen: list[int] = []
    pad = gen.schrijf_groot(tmp_path / "groot.json", 2000, 8, seed=11, voortgang=stappen.append)
    assert stappen == [1000, 2000, 2000]
    doc = lees(pad)
    assert len(doc["personen"]) == 2000
    assert doc == gen.genereer(2000, 8, seed=11)
    assert not (tmp_path / "groot.json.tmp").exists()


def _piek(tmp_path, personen: int) -> int:
    tracemalloc.start()
    try:
        gen.schrijf_groot(tmp_path / f"p{personen}.json", personen, 4, seed=5)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_schrijf_groot_streamt(tmp_path):
    """Ten times the persons must not mean (much) more memory: nothing is collected."""
    klein, groot = _piek(tmp_path, 500), _piek(tmp_path, 5000)
    assert groot - klein < 1_000_000, (klein, groot)  # 4500 person dicts would be several MB


def test_vaste_personen_passen_bij_de_matchingregels(rd):
    """The dubbelgangers are ambiguous and Renee finds Renée under the spec's matching
    rules (rules/identificatie/matching.py)."""
    from rod_service.rules.identificatie.matching import (
        Kandidaat, Zoeksleutel, eerste_voornaam, enige_match, volledige_achternaam,
    )

    def sleutel(p):
        return Zoeksleutel(volledige_achternaam(p.voorvoegsels, p.achternaam), eerste_voornaam(p.voornamen),
                           getattr(p.adres, "postcode", None))

    kandidaten = [Kandidaat(sleutel(p), p) for p in rd.personen]
    for achternaam in ("Jong", "Jonge"):
        gezocht = Zoeksleutel(volledige_achternaam("de", achternaam), eerste_voornaam("Emma"), "3011AD")
        assert enige_match(gezocht, kandidaten) is None
    renee = Zoeksleutel(volledige_achternaam("van der", "Berg"), eerste_voornaam("Renee"), "1015CJ")
    assert enige_match(renee, kandidaten).burgerservicenummer == "999990019"
