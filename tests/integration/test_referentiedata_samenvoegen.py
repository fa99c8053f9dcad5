"""Merging reference data (``referentiedata load --samenvoegen``, ``POST
/admin/referentiedata?modus=samenvoegen``, conformance fixtures) into the BRP copy in the
store: persons replaced or added by BSN, the rest of the copy neither read nor rewritten
(on a national register it was: 2 min and 4.2 GB for one person, bench/RESULTS.md eighth
pass), and a refused merge changes nothing."""
from __future__ import annotations

import copy
import itertools

import pytest
from sqlalchemy import event

from rod_service.domain.pgn import is_geldig_bsn
from rod_service.referentiedata import loader


def _personen(register) -> dict[str, dict]:
    return {p["burgerservicenummer"]: p for p in register.huidig_document()["personen"]}


def _nieuwe_bsn(bekend) -> str:
    return next(b for b in (f"{n:09d}" for n in itertools.count(100000009)) if is_geldig_bsn(b) and b not in bekend)


def _gewijzigd_en_nieuw(personen: dict[str, dict]) -> tuple[dict, dict]:
    eerste = next(iter(personen.values()))
    gewijzigd = {**copy.deepcopy(eerste), "achternaam": "Samengevoegd"}
    nieuw = {**copy.deepcopy(eerste), "burgerservicenummer": _nieuwe_bsn(personen), "achternaam": "Nieuw"}
    return gewijzigd, nieuw


def _samenvoegen(register, extra: dict):
    return register.voeg_referentiedata_samen(loader.lees(extra, gedeeltelijk=True))


def test_samenvoegen_vervangt_en_voegt_personen_toe_zonder_de_brp_kopie_te_lezen(register):
    voor = _personen(register)
    gewijzigd, nieuw = _gewijzigd_en_nieuw(voor)
    gezien: list[str] = []

    def kijk(conn, cursor, statement, *args):
        if "brp_persoon" in statement.lower():
            gezien.append(" ".join(statement.lower().split()))

    event.listen(register.engine, "before_cursor_execute", kijk)
    try:
        _samenvoegen(register, {"personen": [gewijzigd, nieuw]})
    finally:
        event.remove(register.engine, "before_cursor_execute", kijk)

    # the copy is touched only where the merge has persons: no read of it, no wholesale delete
    assert gezien and not [s for s in gezien if s.startswith("select")], gezien
    assert all(" where " in s for s in gezien if s.startswith("delete")), gezien
    na = _personen(register)
    assert set(na) == set(voor) | {nieuw["burgerservicenummer"]}
    assert na[gewijzigd["burgerservicenummer"]]["achternaam"] == "Samengevoegd"
    assert na[nieuw["burgerservicenummer"]]["achternaam"] == "Nieuw"
    assert ({b: p for b, p in na.items() if b not in (gewijzigd["burgerservicenummer"], nieuw["burgerservicenummer"])}
            == {b: p for b, p in voor.items() if b != gewijzigd["burgerservicenummer"]})


def test_dezelfde_bsn_twee_keer_in_het_bestand_de_laatste_telt(register):
    voor = _personen(register)
    gewijzigd, _ = _gewijzigd_en_nieuw(voor)
    _samenvoegen(register, {"personen": [{**gewijzigd, "achternaam": "Eerste"}, {**gewijzigd, "achternaam": "Tweede"}]})
    na = _personen(register)
    assert len(na) == len(voor) and na[gewijzigd["burgerservicenummer"]]["achternaam"] == "Tweede"


@pytest.mark.parametrize(("fout", "melding"), [
    ("administratie", "instelling 99ZZ bestaat niet in instellingen"),
    ("elfproef", "voldoet niet aan de elfproef"),
])
def test_een_geweigerde_samenvoeging_verandert_niets(register, fout, melding):
    voor_document, voor = register.huidig_document(), _personen(register)
    gewijzigd, nieuw = _gewijzigd_en_nieuw(voor)
    extra = {"personen": [gewijzigd, nieuw]}
    if fout == "administratie":
        extra["administraties"] = [{"oin": "00000009900000000909", "brins": ["99ZZ"]}]
    else:
        extra["personen"].append({**nieuw, "burgerservicenummer": "999990008"})
    with pytest.raises(loader.ReferentiedataFout, match=melding):
        _samenvoegen(register, extra)
    assert register.huidig_document() == voor_document
    assert register.referentiedata.administratie("00000009900000000909") is None


def _endpoint(register, oin: str) -> str | None:
    return next(a for a in register.huidig_document()["administraties"] if a["oin"] == oin).get("endpoint")


def _nieuw_endpoint(register, oin: str, endpoint: str) -> dict:
    """A merge that gives one administratie another endpoint (its other fields as they are)."""
    administratie = next(a for a in register.huidig_document()["administraties"] if a["oin"] == oin)
    return {"administraties": [{**administratie, "endpoint": endpoint}]}


def test_een_samenvoeging_die_tijdens_haar_controle_wordt_ingehaald_wordt_opnieuw_gemaakt(
        register, database_url, monkeypatch):
    """Two merges at the same moment (two processes): A reads the document, B stores its
    merge while A is being checked, then A stores. A must not write back the document it
    read: B's change would be lost (it was, before A checked the version it built on)."""
    from rod_service.bootstrap import bootstrap
    from rod_service.config import Instellingen

    eerste, tweede = (a["oin"] for a in register.huidig_document()["administraties"][:2])
    ander_proces = bootstrap(Instellingen(database_url=database_url), migreren=False)
    b = _nieuw_endpoint(register, tweede, "http://127.0.0.1:9/b")
    a = _nieuw_endpoint(register, eerste, "http://127.0.0.1:9/a")
    echte_controle, controles = loader.valideer, []

    def controle_met_tussenkomst(document, **kw):
        if not kw.get("gedeeltelijk"):  # a merge's check of the whole document
            controles.append(document)
        if len(controles) == 1 and not kw.get("gedeeltelijk"):  # A is being checked: B comes in from the other process
            _samenvoegen(ander_proces, b)
        return echte_controle(document, **kw)

    monkeypatch.setattr(loader, "valideer", controle_met_tussenkomst)
    try:
        rd = _samenvoegen(register, a)
    finally:
        ander_proces.engine.dispose()
    assert len(controles) == 3  # A, B, and A again on B's document
    assert _endpoint(register, eerste) == "http://127.0.0.1:9/a"
    assert _endpoint(register, tweede) == "http://127.0.0.1:9/b"
    assert rd.administratie(tweede).endpoint == "http://127.0.0.1:9/b"  # what this process now uses


def test_een_samenvoeging_die_steeds_wordt_ingehaald_slaat_niets_op(register, monkeypatch):
    from rod_service.bootstrap import SAMENVOEGPOGINGEN, SamenvoegenIngehaald

    eerste, tweede = (a["oin"] for a in register.huidig_document()["administraties"][:2])
    a = _nieuw_endpoint(register, eerste, "http://127.0.0.1:9/a")
    echte_controle, tussenkomsten = loader.valideer, []

    def controle_met_tussenkomst(document, **kw):
        gecontroleerd = echte_controle(document, **kw)
        if not kw.get("gedeeltelijk") and len(tussenkomsten) < SAMENVOEGPOGINGEN:
            tussenkomsten.append(1)  # another load each time A is being checked
            register.laad_referentiedata({**register.huidig_document(), "vakken": document["vakken"]})
        return gecontroleerd

    monkeypatch.setattr(loader, "valideer", controle_met_tussenkomst)
    voor = _endpoint(register, eerste)
    with pytest.raises(SamenvoegenIngehaald, match=f"changed {SAMENVOEGPOGINGEN} times"):
        _samenvoegen(register, a)
    assert len(tussenkomsten) == SAMENVOEGPOGINGEN
    assert _endpoint(register, eerste) == voor != "http://127.0.0.1:9/a"
    assert register.referentiedata.administratie(eerste).endpoint == voor
