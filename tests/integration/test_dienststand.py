"""Several processes on one database answer as one service (issue "Scale and performance"):
a date or reference data put in force by one register is taken over by the others at the
start of their next unit of work; a one-off command keeps a date of its own to itself, and
without one works on the deployment's."""
from __future__ import annotations

from datetime import date

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.referentiedata import loader


def _twee(database_url: str, **instellingen):
    """Two registers on one database, as two ``serve`` workers or replicas have."""
    eerste = bootstrap(Instellingen(database_url=database_url, **instellingen), deelt_datum=True)
    tweede = bootstrap(Instellingen(database_url=database_url), als_worker=True)
    return eerste, tweede


def _vandaag_na_ververs(register) -> date:
    with register.uow():  # every unit of work first takes over what others changed
        pass
    return register.klok.vandaag()


def test_een_worker_neemt_de_datum_van_serve_over(database_url):
    eerste, tweede = _twee(database_url, datum=date(2026, 10, 1))
    assert tweede.klok.vandaag() == date(2026, 10, 1)  # at start
    eerste.zet_datum(date(2027, 2, 1))  # PUT /admin/datum on the first
    assert tweede.klok.vandaag() == date(2026, 10, 1)  # nothing read yet ...
    assert _vandaag_na_ververs(tweede) == date(2027, 2, 1)  # ... its next unit of work has it
    eerste.zet_datum(None)
    _vandaag_na_ververs(tweede)
    assert not tweede.klok.is_vast


def test_een_los_commando_houdt_zijn_datum_voor_zich(database_url):
    serve, _ = _twee(database_url, datum=date(2026, 10, 1))
    # e.g. `rod-service kwc draai --datum 2026-12-07` or `queue status` while serve runs
    commando = bootstrap(Instellingen(database_url=database_url, datum=date(2026, 12, 7)))
    assert _vandaag_na_ververs(commando) == date(2026, 12, 7)
    assert _vandaag_na_ververs(serve) == date(2026, 10, 1)
    # ... but a date serve puts in force later is news for the command too
    serve.zet_datum(date(2026, 10, 2))
    assert _vandaag_na_ververs(commando) == date(2026, 10, 2)


def test_een_los_commando_zonder_datum_werkt_op_de_datum_van_serve(database_url):
    """`queue replay` beside `serve --datum 2026-10-01`: its "now" (the replayed letters'
    due time) is on the deployment's date, not on the real one the fixed clock never reaches."""
    _twee(database_url, datum=date(2026, 10, 1))
    commando = bootstrap(Instellingen(database_url=database_url))
    assert commando.klok.vandaag() == date(2026, 10, 1) and commando.klok.nu().date() == date(2026, 10, 1)


def test_nieuwe_referentiedata_gaat_naar_elke_worker(database_url):
    eerste, tweede = _twee(database_url, datum=date(2026, 10, 1))
    document = eerste.huidig_document()
    assert document["instellingen"][0]["instellingscode"] == "12AB"
    document["instellingen"][0]["naam"] = "Nieuw College"
    eerste.laad_referentiedata(loader.lees(document))  # POST /admin/referentiedata on the first
    assert tweede.referentiedata.instelling("12AB").naam != "Nieuw College"
    with tweede.uow():
        pass
    assert tweede.referentiedata.instelling("12AB").naam == "Nieuw College"
    assert tweede.klok.vandaag() == date(2026, 10, 1)  # the date did not change with it


def test_een_start_schrijft_de_standaard_referentiedata_alleen_opnieuw_als_ze_anders_is(database_url):
    """A one-off command (`queue status`) beside serve does not store the shipped default
    again (every worker would re-read it); a stored default that differs from the shipped
    one (an upgrade changed it) is replaced at the next start."""
    from sqlalchemy import select, update

    from rod_service.store import dienststand
    from rod_service.store.models import BrpPersoonRij

    serve, _ = _twee(database_url)

    def versie() -> int:
        with serve.sessies() as sessie:
            return dienststand.lees(sessie).referentiedata_versie

    voor = versie()
    bootstrap(Instellingen(database_url=database_url)).engine.dispose()
    assert versie() == voor
    # the stored BRP copy is not the shipped one any more
    with serve.sessies() as sessie, sessie.begin():
        bsn = sessie.scalar(select(BrpPersoonRij.burgerservicenummer).limit(1))
        gegevens = sessie.scalar(select(BrpPersoonRij.gegevens).where(BrpPersoonRij.burgerservicenummer == bsn))
        sessie.execute(update(BrpPersoonRij).where(BrpPersoonRij.burgerservicenummer == bsn)
                       .values(gegevens={**gegevens, "achternaam": "Anders"}))
    bootstrap(Instellingen(database_url=database_url)).engine.dispose()
    assert versie() == voor + 1
    with serve.sessies() as sessie:
        hersteld = sessie.scalar(select(BrpPersoonRij.gegevens).where(BrpPersoonRij.burgerservicenummer == bsn))
    assert hersteld == gegevens
