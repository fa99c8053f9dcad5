"""aanleverenIdentificerenPersoonVO over real HTTP with zeep, against the shipped default
reference data (fixed test persons: docs/referentiedata.md)."""
from datetime import date

import requests

from rod_service.store.models import Onderwijsnummer, Persoon

from ..conftest import ADMINISTRATIE_B, bedrijfsdocument, tel

JANSEN = dict(bsn="999990007", geboorteDatum=date(2012, 3, 14), geslacht="M")


def identificeer(rod, **velden):
    return rod.service.aanleverenIdentificerenPersoonVO(**bedrijfsdocument(), **velden)


def codes(antwoord):
    return [s.code for s in antwoord.terugkoppeling.signaal]


def beperkt(rod, bsn, geboorteDatum, geslacht, **extra):
    return identificeer(rod, geboorteDatum=geboorteDatum, geslacht=geslacht, metPGN={"burgerservicenummer": bsn}, **extra)


def uitgebreid(rod, geboorteDatum, geslacht, **zonder):
    extra = {k: zonder.pop(k) for k in list(zonder) if k == "huidigOnderwijsnummer"}
    return identificeer(rod, geboorteDatum=geboorteDatum, geslacht=geslacht, zonderPGN=zonder, **extra)


class TestBeperkteSet:
    def test_bekend_in_brp_geeft_brp_gegevens(self, rod, register):
        antwoord = beperkt(rod, JANSEN["bsn"], JANSEN["geboorteDatum"], JANSEN["geslacht"])
        assert antwoord.ontvangstBevestiging == "J"
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD" and codes(antwoord) == []
        p = antwoord.persoon
        assert (p.burgerservicenummer, p.achternaam, p.voornamen) == ("999990007", "Jansen", "Daan Pieter")
        assert (p.geboorteDatum, p.geslacht) == (date(2012, 3, 14), "M")
        assert (p.binnenlandsAdres.postcode, p.binnenlandsAdres.huisnummer) == ("3511AB", 101)
        assert tel(register, Persoon) == 1  # now known to ROD

    def test_verkeerd_geslacht_is_id02_en_slaat_niets_op(self, rod, register):
        antwoord = beperkt(rod, JANSEN["bsn"], JANSEN["geboorteDatum"], "V")
        assert antwoord.terugkoppeling.status == "AFGEKEURD" and codes(antwoord) == ["ID02"]
        assert antwoord.persoon is None
        assert tel(register, Persoon) == 0

    def test_onbekend_bsn_is_id02(self, rod):
        assert codes(beperkt(rod, "123456782", date(2012, 3, 14), "M")) == ["ID02"]

    def test_elfproef_is_id01(self, rod, register):
        antwoord = beperkt(rod, "999990008", date(2012, 3, 14), "M")
        assert codes(antwoord) == ["ID01"]
        assert antwoord.terugkoppeling.signaal[0].element == "metPGN/burgerservicenummer"

    def test_geheim_adres_wordt_niet_verstrekt(self, rod):
        antwoord = beperkt(rod, "999990020", date(2012, 9, 30), "V")
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD" and codes(antwoord) == ["ID53"]
        assert antwoord.persoon.achternaam == "Bakker"
        assert antwoord.persoon.binnenlandsAdres is None and antwoord.persoon.buitenlandsAdres is None

    def test_puntadres_alleen_punt(self, rod):
        antwoord = beperkt(rod, "999990032", date(2010, 12, 5), "M")
        assert codes(antwoord) == ["ID54"]
        adres = antwoord.persoon.binnenlandsAdres
        assert adres.straatnaam == "." and adres.postcode is None and adres.huisnummer is None

    def test_overleden(self, rod):
        antwoord = beperkt(rod, "999990044", date(2009, 4, 18), "M")
        assert codes(antwoord) == ["ID55"] and antwoord.persoon.datumOverlijden == date(2025, 11, 20)

    def test_geboortedatum_in_toekomst_is_id04(self, rod):
        assert codes(beperkt(rod, JANSEN["bsn"], date(2026, 11, 24), "M")) == ["ID04"]

    def test_ouder_dan_100_is_id04(self, rod):
        assert codes(beperkt(rod, "999990111", date(1923, 2, 11), "V")) == ["ID04"]

    def test_onderwijsnummer_dat_rod_niet_uitgaf_is_id03(self, rod):
        antwoord = identificeer(rod, geboorteDatum=date(2012, 1, 1), geslacht="M", metPGN={"onderwijsnummer": "101234564"})
        assert codes(antwoord) == ["ID03"]

    def test_onderwijsnummer_dat_rod_uitgaf(self, rod):
        own = uitgebreid(rod, date(2012, 1, 1), "M", achternaam="Nieuwkomer",
                         buitenlandsAdres={"adresregelBuitenland1": "Hauptstr. 1", "landcode": "9089"}).persoon.onderwijsnummer
        antwoord = identificeer(rod, geboorteDatum=date(2012, 1, 1), geslacht="M", metPGN={"onderwijsnummer": own})
        assert antwoord.terugkoppeling.status == "GOEDGEKEURD" and antwoord.persoon.onderwijsnummer == own
        fout = identificeer(rod, geboorteDatum=date(2012, 1, 2), geslacht="M", metPGN={"onderwijsnummer": own})
        assert codes(fout) == ["ID02"]


class TestUitgebreideSet:
    def test_naamtolerantie_en_voorvoegsel_vinden_bsn(self, rod, register):
        # BRP: 'van der Berg', 'Renée Sophie', 1015CJ; delivered with Rene and a space in the postcode.
        antwoord = uitgebreid(rod, date(2011, 6, 2), "V", achternaam="Berg", voorvoegsels="Van der",
                              voornamen="Rene", binnenlandsAdres={"postcode": "1015 cj"})
        assert codes(antwoord) == ["ID51"]
        assert antwoord.persoon.burgerservicenummer == "999990019"
        assert antwoord.persoon.voornamen == "Renée Sophie"
        assert tel(register, Onderwijsnummer) == 0

    def test_andere_postcode_geeft_onderwijsnummer(self, rod):
        antwoord = uitgebreid(rod, date(2011, 6, 2), "V", achternaam="Berg", voorvoegsels="van der",
                              voornamen="Renée", binnenlandsAdres={"postcode": "1015CK"})
        assert codes(antwoord) == ["ID52"] and antwoord.persoon.onderwijsnummer.startswith("10")
        assert antwoord.persoon.achternaam is None  # not in the BRP: no BRP data

    def test_dubbelzinnig_geeft_onderwijsnummer_en_herhaling_hetzelfde(self, rod, register):
        # 'de Jong, Emma Louise' and 'de Jonge, Emma Sophie': same birth date, gender, postcode.
        set_ = dict(achternaam="Jong", voorvoegsels="de", voornamen="Emma", binnenlandsAdres={"postcode": "3011AD"})
        eerste = uitgebreid(rod, date(2012, 5, 5), "V", **set_)
        tweede = uitgebreid(rod, date(2012, 5, 5), "V", **set_)
        assert codes(eerste) == codes(tweede) == ["ID52"]
        assert eerste.persoon.onderwijsnummer == tweede.persoon.onderwijsnummer
        assert tel(register, Onderwijsnummer) == 1

    def test_buitenlands_adres_vraagt_brp_niet_en_herhaling_hetzelfde(self, rod):
        # Peeters is in the BRP with a Belgian address, but a buitenlandsAdres never queries the BRP.
        set_ = dict(achternaam="Peeters", voornamen="Lucas",
                    buitenlandsAdres={"adresregelBuitenland1": "Meir 45", "landcode": "5010"})
        eerste = uitgebreid(rod, date(2012, 7, 7), "M", **set_)
        assert codes(eerste) == ["ID52"]
        assert uitgebreid(rod, date(2012, 7, 7), "M", **set_).persoon.onderwijsnummer == eerste.persoon.onderwijsnummer
        ander_land = dict(set_, buitenlandsAdres={"adresregelBuitenland1": "Meir 45", "landcode": "9089"})
        assert uitgebreid(rod, date(2012, 7, 7), "M", **ander_land).persoon.onderwijsnummer != eerste.persoon.onderwijsnummer

    def test_onderwijsnummers_zijn_geldig_en_uniek(self, rod):
        from stdnum.nl import onderwijsnummer

        nummers = {uitgebreid(rod, date(2012, 1, 1), "M", achternaam=naam,
                              buitenlandsAdres={"adresregelBuitenland1": "x", "landcode": "5010"}).persoon.onderwijsnummer
                   for naam in ("Aalders", "Brouwer", "Claassen", "Dekker", "Evers")}
        assert len(nummers) == 5 and all(onderwijsnummer.is_valid(n) for n in nummers)

    def test_geen_nederlandse_postcode_is_id05(self, rod, register):
        antwoord = uitgebreid(rod, date(2012, 3, 14), "M", achternaam="Jansen", binnenlandsAdres={"postcode": "B-2000"})
        assert codes(antwoord) == ["ID05"] and tel(register, Persoon) == 0

    def test_huidig_onderwijsnummer_wordt_gekoppeld_aan_bsn(self, rod):
        own = uitgebreid(rod, date(2012, 3, 14), "M", achternaam="Jansen", voornamen="Daan",
                         binnenlandsAdres={"postcode": "9999ZZ"}).persoon.onderwijsnummer
        # Later the school delivers the right postcode, with the OWN it holds: BSN returned.
        antwoord = uitgebreid(rod, date(2012, 3, 14), "M", achternaam="Jansen", voornamen="Daan",
                              binnenlandsAdres={"postcode": "3511AB"}, huidigOnderwijsnummer=own)
        assert codes(antwoord) == ["ID51"] and antwoord.persoon.burgerservicenummer == "999990007"
        # ROD linked the old OWN: the beperkte set with that OWN now yields the BSN.
        met_own = identificeer(rod, geboorteDatum=date(2012, 3, 14), geslacht="M", metPGN={"onderwijsnummer": own})
        assert codes(met_own) == ["ID51"] and met_own.persoon.burgerservicenummer == "999990007"

    def test_huidig_onderwijsnummer_zonder_brp_match_blijft(self, rod):
        own = uitgebreid(rod, date(2012, 2, 2), "V", achternaam="Nieuw",
                         binnenlandsAdres={"postcode": "1234AB"}).persoon.onderwijsnummer
        antwoord = uitgebreid(rod, date(2012, 2, 2), "V", achternaam="Nieuw-Anders",
                              binnenlandsAdres={"postcode": "5678CD"}, huidigOnderwijsnummer=own)
        assert codes(antwoord) == ["ID52"] and antwoord.persoon.onderwijsnummer == own

    def test_onbekend_huidig_onderwijsnummer_is_id03(self, rod):
        antwoord = uitgebreid(rod, date(2012, 2, 2), "V", achternaam="Nieuw",
                              binnenlandsAdres={"postcode": "1234AB"}, huidigOnderwijsnummer="101234564")
        assert codes(antwoord) == ["ID03"]
        assert antwoord.terugkoppeling.signaal[0].element == "huidigOnderwijsnummer"


def test_andere_administratie_mag_ook_identificeren(rod):
    antwoord = rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(verzender=ADMINISTRATIE_B), geboorteDatum=JANSEN["geboorteDatum"], geslacht="M",
        metPGN={"burgerservicenummer": JANSEN["bsn"]})
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"


def test_een_samengevoegde_persoon_wordt_meteen_geidentificeerd(rod, server, register):
    """POST /admin/referentiedata?modus=samenvoegen with a changed and a new BRP person
    (the BRP copy is merged into, not rewritten): both are identified at once."""
    jansen = next(p for p in register.huidig_document()["personen"] if p["burgerservicenummer"] == JANSEN["bsn"])
    nieuw = {**jansen, "burgerservicenummer": "100000009", "achternaam": "Nieuwkomer"}
    r = requests.post(f"{server}/admin/referentiedata?modus=samenvoegen", timeout=30,
                      json={"personen": [{**jansen, "achternaam": "Jansen-de Vries"}, nieuw]})
    assert r.status_code == 200 and r.json()["modus"] == "samenvoegen", r.text
    assert r.json()["personen"] == len(register.huidig_document()["personen"])
    assert beperkt(rod, JANSEN["bsn"], JANSEN["geboorteDatum"], "M").persoon.achternaam == "Jansen-de Vries"
    antwoord = beperkt(rod, "100000009", JANSEN["geboorteDatum"], "M")
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD" and antwoord.persoon.achternaam == "Nieuwkomer"


def test_een_brp_persoon_wordt_eenmaal_gelezen_tot_de_referentiedata_verandert(rod, register, database_url,
                                                                                monkeypatch):
    """The BRP copy changes only with a load, which gives a new reference-data version: a
    person read once is not read from the store again under the same version (a delivery
    read its pupil's row twice, identificatie and bekostiging), and a merge by another
    process (a second worker, the CLI) is seen by the very next request."""
    from rod_service.bootstrap import bootstrap
    from rod_service.config import Instellingen
    from rod_service.referentiedata import loader
    from rod_service.store import personen

    jansen = next(p for p in register.huidig_document()["personen"] if p["burgerservicenummer"] == JANSEN["bsn"])
    lees, gelezen = personen._BRP_GEGEVENS.voer_uit, []  # the hot path's read runs on the driver (store/snel.py)
    monkeypatch.setattr(personen._BRP_GEGEVENS, "voer_uit", lambda *a: gelezen.append(a[1]) or lees(*a))
    for _ in range(3):
        assert beperkt(rod, JANSEN["bsn"], JANSEN["geboorteDatum"], "M").persoon.achternaam == "Jansen"
    assert gelezen == [{"bsn": JANSEN["bsn"]}]
    ander_proces = bootstrap(Instellingen(database_url=database_url), migreren=False)
    try:
        ander_proces.voeg_referentiedata_samen(loader.lees(
            {"personen": [{**jansen, "achternaam": "Jansen-de Vries"}]}, gedeeltelijk=True))
    finally:
        ander_proces.engine.dispose()
    assert beperkt(rod, JANSEN["bsn"], JANSEN["geboorteDatum"], "M").persoon.achternaam == "Jansen-de Vries"
    assert len(gelezen) == 2
