"""Reference data at national size: the exact fast schema check and the streaming loader
(``loader.lees_stroom``), which must refuse a file with exactly the problems ``lees`` names."""
from __future__ import annotations

import copy
import json
import tracemalloc
from itertools import product

import pytest

from rod_service.referentiedata import ReferentiedataFout, lees, loader, standaard_pad
from rod_service.referentiedata import genereer as gen


@pytest.fixture(scope="module")
def standaard_doc() -> dict:
    return lees(standaard_pad())


@pytest.fixture
def doc(standaard_doc) -> dict:
    return copy.deepcopy(standaard_doc)


def _schrijf(tmp_path, doc: dict, naam: str = "rd.json") -> object:
    pad = tmp_path / naam
    pad.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return pad


def _stroom(pad) -> tuple[list[dict], dict]:
    stroom = loader.lees_stroom(pad)
    personen = list(stroom.personen())
    return personen, stroom.document()


def _fouten(functie) -> list[str]:
    with pytest.raises(ReferentiedataFout) as fout:
        functie()
    return fout.value.fouten


# the fast check --------------------------------------------------------------------------

_VREEMD = ["", " ", "x", "X", "M", "1", "0", "999990007", "999990007\n", "12AB", "2026-02-30", "2026-02-28",
           "2026-2-28", "١٢٣٤-٠١-٠١", "a" * 201, "1234AB", "0123AB", 0, 1, -1, 1.0, 1.5, 100000, True, False,
           None, [], ["NL"], ["NL", "NL"], ["nl"], [1], [1, True], {}, {"straatnaam": "."}]


def _varianten(item: dict):
    """The item with each field (also nested ones) replaced by each odd value, deleted, and
    with an unknown field added."""
    yield item
    yield {**item, "onbekend": 1}
    for veld, waarde in item.items():
        yield {k: v for k, v in item.items() if k != veld}
        for vreemd in _VREEMD:
            yield {**item, veld: vreemd}
        if isinstance(waarde, dict):
            for sub in _varianten(waarde):
                yield {**item, veld: sub}


def test_snelle_controle_is_exact(standaard_doc):
    """Wherever the fast check decides, it agrees with jsonschema (it is used to skip
    jsonschema, so one wrong 'valid' would let a bad file in)."""
    for lijst in ("personen", "externeInschrijvingen", "instellingen", "administraties"):
        snel = loader._snelle_controle(False, lijst)
        assert snel is not None, lijst
        volledig = loader._validator(False).schema["properties"][lijst]["items"]
        from jsonschema import Draft202012Validator

        jsonschema = Draft202012Validator(volledig, format_checker=Draft202012Validator.FORMAT_CHECKER)
        beslist = ongeldig = 0
        for item in standaard_doc[lijst][:12]:
            for variant in _varianten(item):
                try:
                    uitkomst = snel(variant)
                except loader._Onbeslist:
                    continue
                beslist += 1
                ongeldig += not uitkomst
                assert uitkomst == jsonschema.is_valid(variant), (lijst, variant)
        assert beslist > 100 and ongeldig > 50, (lijst, beslist, ongeldig)


def test_snelle_controle_van_het_hele_document(doc):
    controle = loader._snelle_controle(False)
    assert controle(doc)
    doc["personen"][3]["geslacht"] = "X"
    assert not controle(doc)
    assert loader.schemafouten(doc) == ["$.personen[3].geslacht: 'X' is not one of ['M', 'V', 'O']"]


# streaming: same outcome as lees -----------------------------------------------------------

def test_stroom_geeft_personen_en_document_als_lees(tmp_path):
    doc = gen.genereer(300, 6, seed=4)
    pad = _schrijf(tmp_path, doc)
    personen, rest = _stroom(pad)
    assert personen == doc["personen"]
    assert rest == {k: v for k, v in doc.items() if k != "personen"}
    assert lees(pad) == doc


def test_stroom_meldt_schemafouten_met_pad_zoals_lees(tmp_path, doc):
    doc["personen"][3]["geslacht"] = "X"
    del doc["personen"][7]["geboorteDatum"]
    doc["personen"][9]["buitenlandsAdres"] = {"adresregelBuitenland1": "Meir 1", "landcode": "5010"}
    doc["personen"][11]["binnenlandsAdres"]["huisnummer"] = 0
    doc["personen"][12]["nationaliteiten"] = ["NL", "NL"]
    doc["instellingen"][1]["vestigingen"][0]["vestigingscode"] = "23CD1"
    del doc["vakken"][0]["kernvak"]
    doc["onbekend"] = True
    pad = _schrijf(tmp_path, doc)
    verwacht = _fouten(lambda: lees(pad))
    assert len(verwacht) == 8
    assert _fouten(lambda: _stroom(pad)) == verwacht
    assert "$.personen[3].geslacht: 'X' is not one of ['M', 'V', 'O']" in verwacht
    assert any(f.startswith("$.personen[9]: a person has exactly one of") for f in verwacht)


def test_stroom_meldt_samenhangfouten_zoals_lees(tmp_path, doc):
    doc["personen"][5]["burgerservicenummer"] = "999990008"          # elfproef
    doc["personen"][20]["burgerservicenummer"] = doc["personen"][2]["burgerservicenummer"]
    doc["personen"][30]["burgerservicenummer"] = doc["personen"][2]["burgerservicenummer"]
    doc["personen"][25]["burgerservicenummer"] = doc["personen"][1]["burgerservicenummer"]
    doc["personen"][8]["datumOverlijden"] = "1900-01-01"
    doc["administraties"][1]["brins"].append("99ZZ")
    pad = _schrijf(tmp_path, doc)
    verwacht = _fouten(lambda: lees(pad))
    assert len(verwacht) == 5
    assert _fouten(lambda: _stroom(pad)) == verwacht
    bsn2, bsn1 = doc["personen"][2]["burgerservicenummer"], doc["personen"][1]["burgerservicenummer"]
    assert f"$.personen: {bsn2} komt 3 keer voor" in verwacht and f"$.personen: {bsn1} komt 2 keer voor" in verwacht


def test_stroom_geeft_na_een_fout_geen_personen_meer(tmp_path, doc):
    doc["personen"][4]["geslacht"] = "X"
    stroom = loader.lees_stroom(_schrijf(tmp_path, doc))
    assert len(list(stroom.personen())) == 4
    with pytest.raises(ReferentiedataFout):
        stroom.document()


@pytest.mark.parametrize("tekst", [
    "", "   ", "[1, 2]", '"x"', "{}", '{"personen": 3}', '{"personen": [1, 22, true]}',
    '{"personen": []} x', "\ufeff{}",
])
def test_stroom_bijzondere_documenten_zoals_lees(tmp_path, tekst):
    pad = tmp_path / "bijzonder.json"
    pad.write_text(tekst, encoding="utf-8")
    assert _fouten(lambda: _stroom(pad)) == _fouten(lambda: lees(pad))


def test_stroom_json_fouten_met_regel_en_kolom_zoals_json_load(tmp_path, doc, monkeypatch):
    """Broken at many places, read in blocks of a few characters (so every value and
    separator is split across reads): the same message, line and column as json.load."""
    doc["personen"] = doc["personen"][:4]
    tekst = json.dumps(doc, indent=1)
    monkeypatch.setattr(loader._Json, "BLOK", 7)
    begin = tekst.index('"personen"')
    plekken = list(range(0, len(tekst), 401)) + list(range(begin, begin + 500, 5))
    for plek, ingreep in product(plekken, ("afkappen", "weglaten", "invoegen")):
        kapot = {"afkappen": tekst[:plek], "weglaten": tekst[:plek] + tekst[plek + 1:],
                 "invoegen": tekst[:plek] + "#" + tekst[plek:]}[ingreep]
        pad = tmp_path / "kapot.json"
        pad.write_text(kapot, encoding="utf-8")
        assert _uitkomst(lambda p=pad: _stroom(p)[1]) == _uitkomst(lambda p=pad: {
            k: v for k, v in lees(p).items() if k != "personen"}), (plek, ingreep, kapot[plek - 20:plek + 20])


def _uitkomst(functie) -> object:
    try:
        return functie()
    except ReferentiedataFout as fout:
        return fout.fouten


def test_stroom_onleesbaar_bestand(tmp_path):
    assert _fouten(lambda: _stroom(tmp_path / "bestaat-niet.json"))[0].startswith("$: kan niet gelezen worden")


def _piek(tmp_path, personen: int) -> int:
    """Heap growth from the first to the last person of the stream (the externe
    inschrijvingen after them are part of the document, held in memory by design)."""
    pad = gen.schrijf_groot(tmp_path / f"s{personen}.json", personen, 4, seed=5)
    tracemalloc.start()
    try:
        for n, _ in enumerate(loader.lees_stroom(pad).personen_met_gegevens(), 1):
            if n == 1:
                tracemalloc.reset_peak()
                basis = tracemalloc.get_traced_memory()[0]
            if n == personen:
                return tracemalloc.get_traced_memory()[1] - basis
    finally:
        tracemalloc.stop()


def test_stroom_vlak_geheugen(tmp_path, monkeypatch):
    """Ten times the persons costs the duplicate check's 8 bytes a person, not the persons."""
    monkeypatch.setattr(loader._Json, "BLOK", 2**16)
    klein, groot = _piek(tmp_path, 500), _piek(tmp_path, 5000)
    assert groot - klein < 300_000, (klein, groot)  # 4500 person dicts would be several MB
