"""Retry policy: when to try again, when to give up, and how to read a failure.

Backoff is exponential with *full jitter* (a uniform draw below the exponential cap, so
many failed messages do not retry in lock-step), with a floor of ``minimum``. The cap is
``plafond`` (30 s) during the first phase (one hour) of a message's delivery series and
then doubles every tenth of that phase up to ``max_interval``, so the rest of the
five-day horizon costs a few dozen attempts rather than thousands. The last retry is
pulled in to land on the horizon; a failure at or past it, or at the attempt limit,
makes the message dead.

tenacity's ``wait_random_exponential`` computes the same draw, but its strategies take
the ``RetryCallState`` of an in-process retry loop while our state lives in the
database between processes, and our cap depends on the message's age, not on the
attempt number; a few lines of plain code say it more directly.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .instellingen import OutboxInstellingen
from .toestanden import Status


class Foutsoort(StrEnum):
    TIJDELIJK = "tijdelijk"
    """The receiver is away or busy (connection error, timeout, 408, 429, 5xx): retry."""

    AFGEWEZEN = "afgewezen"
    """The receiver answered, but not with an acknowledgement (other 4xx, a soap:Client
    Fault, an invalid answer or ``ontvangstBevestiging`` not J): flagged for ops, and
    still retried, as the LAS may be fixed meanwhile."""


def classificeer(http_status: int | None, *, client_fault: bool = False) -> Foutsoort:
    """The kind of a failed attempt; ``None`` = no HTTP answer at all (connection error,
    timeout). Only an HTTP 200 with a valid acknowledgement is a success; 1xx-3xx other
    than that (a 202 without body, a redirect) count as answers we cannot accept."""
    if http_status is None or http_status in (408, 429):
        return Foutsoort.TIJDELIJK
    if http_status >= 500:
        # A soap:Client Fault (HTTP 500 by SOAP 1.1) means "your message is wrong":
        # still retried, as the spec wants for 5xx, but flagged.
        return Foutsoort.AFGEWEZEN if client_fault else Foutsoort.TIJDELIJK
    return Foutsoort.AFGEWEZEN


def plafond(beleid: OutboxInstellingen, leeftijd: float) -> float:
    """The cap on a wait for a message whose series began ``leeftijd`` seconds ago."""
    if leeftijd < beleid.eerste_fase:
        return beleid.plafond
    verdubbelingen = (leeftijd - beleid.eerste_fase) / (beleid.eerste_fase / 10) + 1
    return min(beleid.max_interval, beleid.plafond * 2 ** min(verdubbelingen, 64.0))


def wachttijd(beleid: OutboxInstellingen, pogingen: int, leeftijd: float,
              rng: random.Random | None = None) -> float:
    """Seconds to wait after failed attempt number ``pogingen`` (1-based)."""
    bovengrens = min(plafond(beleid, leeftijd), beleid.basis * 2 ** min(pogingen - 1, 64))
    bovengrens = max(bovengrens, beleid.minimum)
    return (rng or random).uniform(beleid.minimum, bovengrens)


@dataclass(frozen=True)
class Besluit:
    """What a failed attempt leads to: ``opnieuw`` at ``volgende_poging_op``, or ``dood``."""

    status: Status
    volgende_poging_op: datetime | None
    reden: str | None = None  # why dead


def na_mislukking(beleid: OutboxInstellingen, *, pogingen: int, reeks_begin_op: datetime,
                  nu: datetime, rng: random.Random | None = None) -> Besluit:
    """Decide after failed attempt number ``pogingen`` (already counted)."""
    if pogingen >= beleid.max_pogingen:
        return Besluit(Status.DOOD, None, f"{pogingen} pogingen (maximum {beleid.max_pogingen})")
    leeftijd = max((nu - reeks_begin_op).total_seconds(), 0.0)
    resterend = beleid.horizon - leeftijd
    if resterend <= 0:
        return Besluit(Status.DOOD, None, f"ouder dan de horizon van {beleid.horizon:g} s")
    wacht = min(wachttijd(beleid, pogingen, leeftijd, rng), resterend)
    return Besluit(Status.OPNIEUW, nu + timedelta(seconds=wacht))
