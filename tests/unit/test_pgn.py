import random

from rod_service.domain.pgn import (
    genereer_bsn,
    genereer_onderwijsnummer,
    is_geldig_bsn,
    is_geldig_onderwijsnummer,
    onderwijsnummer,
)


def test_gegenereerde_onderwijsnummers_zijn_geldig_en_beginnen_met_10():
    kies = random.Random(7).randrange
    nummers = {genereer_onderwijsnummer(kies) for _ in range(500)}
    assert all(is_geldig_onderwijsnummer(n) and n.startswith("10") for n in nummers)
    assert len(nummers) > 490


def test_gegenereerde_bsns_zijn_geldig_en_geen_onderwijsnummer():
    kies = random.Random(7).randrange
    for _ in range(500):
        n = genereer_bsn(kies)
        assert is_geldig_bsn(n) and not is_geldig_onderwijsnummer(n)


def test_maskeren_laat_alleen_laatste_drie_cijfers_zien():
    assert onderwijsnummer("101234563").gemaskeerd() == "******563"
