"""Retry policy of the outbox (spec section 12): backoff growth and caps, jitter bounds,
dead-letter limits, error classification, settings from ROD_OUTBOX_*."""
from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from rod_service.outbox.beleid import Foutsoort, classificeer, na_mislukking, plafond, wachttijd
from rod_service.outbox.instellingen import OutboxInstellingen
from rod_service.outbox.toestanden import OngeldigeOvergang, Status, overgang, uit_tekst

STANDAARD = OutboxInstellingen()
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Maximaal(random.Random):
    """Always the top of the range: shows the cap itself."""

    def uniform(self, a, b):
        return b


def test_backoff_groeit_exponentieel_tot_het_plafond_van_30_s_in_het_eerste_uur():
    stappen = [wachttijd(STANDAARD, n, leeftijd=60, rng=Maximaal()) for n in range(1, 8)]
    assert stappen == [4, 8, 16, 30, 30, 30, 30]


def test_na_het_eerste_uur_groeit_het_plafond_tot_max_interval():
    assert plafond(STANDAARD, 3599) == 30
    assert plafond(STANDAARD, 3600) == 60
    assert plafond(STANDAARD, 3600 + 360) == 120  # doubles every tenth of the first phase
    assert plafond(STANDAARD, 2 * 24 * 3600) == STANDAARD.max_interval
    assert wachttijd(STANDAARD, 300, leeftijd=4 * 3600, rng=Maximaal()) == STANDAARD.max_interval


@pytest.mark.parametrize("pogingen, leeftijd", [(1, 0), (3, 10), (10, 1800), (40, 7200), (300, 3 * 24 * 3600)])
def test_volle_jitter_blijft_binnen_minimum_en_plafond(pogingen, leeftijd):
    rng = random.Random(7)
    bovengrens = min(plafond(STANDAARD, leeftijd), STANDAARD.basis * 2 ** (pogingen - 1))
    trekkingen = [wachttijd(STANDAARD, pogingen, leeftijd, rng) for _ in range(500)]
    assert all(STANDAARD.minimum <= t <= bovengrens for t in trekkingen)
    # full jitter spreads over the range, it does not cluster at the top
    assert min(trekkingen) < STANDAARD.minimum + (bovengrens - STANDAARD.minimum) * 0.1
    assert max(trekkingen) > bovengrens - (bovengrens - STANDAARD.minimum) * 0.1


def test_opnieuw_met_volgende_poging_in_de_toekomst():
    besluit = na_mislukking(STANDAARD, pogingen=1, reeks_begin_op=T0, nu=T0, rng=random.Random(1))
    assert besluit.status is Status.OPNIEUW
    assert T0 + timedelta(seconds=1) <= besluit.volgende_poging_op <= T0 + timedelta(seconds=4)


def test_dood_na_het_maximum_aantal_pogingen():
    beleid = OutboxInstellingen(max_pogingen=3)
    assert na_mislukking(beleid, pogingen=2, reeks_begin_op=T0, nu=T0).status is Status.OPNIEUW
    besluit = na_mislukking(beleid, pogingen=3, reeks_begin_op=T0, nu=T0)
    assert besluit.status is Status.DOOD and besluit.volgende_poging_op is None and "3 pogingen" in besluit.reden


def test_dood_na_de_horizon_en_de_laatste_poging_valt_op_de_horizon():
    horizon = T0 + timedelta(seconds=STANDAARD.horizon)
    vlak_voor = horizon - timedelta(seconds=5)
    besluit = na_mislukking(STANDAARD, pogingen=50, reeks_begin_op=T0, nu=vlak_voor, rng=Maximaal())
    assert besluit.status is Status.OPNIEUW and besluit.volgende_poging_op == horizon
    besluit = na_mislukking(STANDAARD, pogingen=51, reeks_begin_op=T0, nu=horizon)
    assert besluit.status is Status.DOOD and "horizon" in besluit.reden


@pytest.mark.parametrize("http_status, client_fault, soort", [
    (None, False, Foutsoort.TIJDELIJK),  # connection refused, timeout
    (408, False, Foutsoort.TIJDELIJK),
    (429, False, Foutsoort.TIJDELIJK),
    (500, False, Foutsoort.TIJDELIJK),
    (502, False, Foutsoort.TIJDELIJK),
    (503, False, Foutsoort.TIJDELIJK),
    (504, False, Foutsoort.TIJDELIJK),
    (500, True, Foutsoort.AFGEWEZEN),  # soap:Client Fault: the LAS refuses our message
    (400, False, Foutsoort.AFGEWEZEN),
    (401, False, Foutsoort.AFGEWEZEN),
    (404, False, Foutsoort.AFGEWEZEN),
    (202, False, Foutsoort.AFGEWEZEN),  # no acknowledgement
    (301, False, Foutsoort.AFGEWEZEN),
    (200, False, Foutsoort.AFGEWEZEN),  # an HTTP 200 that failed the answer checks
])
def test_classificatie(http_status, client_fault, soort):
    assert classificeer(http_status, client_fault=client_fault) is soort


def test_overgangen():
    assert overgang("nieuw", Status.BEZORGD) is Status.BEZORGD
    assert overgang("dood", Status.OPNIEUW) is Status.OPNIEUW  # replay
    for van, naar in [("bezorgd", Status.OPNIEUW), ("dood", Status.BEZORGD), ("nieuw", Status.NIEUW)]:
        with pytest.raises(OngeldigeOvergang):
            overgang(van, naar)
    assert uit_tekst("dead") is Status.DOOD and uit_tekst("opnieuw") is Status.OPNIEUW
    with pytest.raises(ValueError, match="unknown state"):
        uit_tekst("weg")


def test_instellingen_uit_de_omgeving():
    inst = OutboxInstellingen.uit_omgeving({"ROD_OUTBOX_MAX_POGINGEN": "3", "ROD_OUTBOX_BASIS": "0.2",
                                            "ROD_OUTBOX_TIMEOUT": "2", "ROD_OUTBOX_CLAIM": "3"})
    assert (inst.max_pogingen, inst.basis, inst.timeout, inst.claim) == (3, 0.2, 2.0, 3.0)
    assert inst.plafond == 30 and inst.horizon == 5 * 24 * 3600  # defaults kept
    with pytest.raises(ValueError, match="CLAIM"):
        OutboxInstellingen(timeout=30, claim=10)  # a lease shorter than a delivery


def test_bezorgde_berichten_blijven_tenzij_een_bewaartermijn_is_gezet():
    assert OutboxInstellingen().bewaren == 0  # a vendor looks back at what was pushed
    inst = OutboxInstellingen.uit_omgeving({"ROD_OUTBOX_BEWAREN": "2592000", "ROD_OUTBOX_OPRUIMEN": "300"})
    assert (inst.bewaren, inst.opruimen) == (30 * 24 * 3600, 300)
    with pytest.raises(ValueError, match="ROD_OUTBOX_BEWAREN"):
        OutboxInstellingen.uit_omgeving({"ROD_OUTBOX_BEWAREN": "-1"})
    with pytest.raises(ValueError, match="ROD_OUTBOX_BEWAREN='30d' is no number"):
        OutboxInstellingen.uit_omgeving({"ROD_OUTBOX_BEWAREN": "30d"})
    with pytest.raises(ValueError, match="positive"):
        OutboxInstellingen(opruimen=0)
