"""Outbox settings, all in seconds, from ``ROD_OUTBOX_*`` environment variables.

Defaults suit a test bench (spec section 12): new rows are picked up within a second,
retries start after a few seconds, backoff is capped at 30 s during the first hour and
then grows towards a five-day horizon, as Digikoppeling ebMS does. Delivered messages are
kept (a vendor looks back at what was pushed) unless ``ROD_OUTBOX_BEWAREN`` says how long.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

from ..instellingwaarde import InstellingFout, lees_waarde

DAG = 24 * 3600.0


@dataclass(frozen=True)
class OutboxInstellingen:
    interval: float = 0.5            # poll interval of the dispatcher
    basis: float = 4.0               # first retry after at most this; doubles per attempt
    minimum: float = 1.0             # floor of every wait (full jitter never gives 0 s)
    plafond: float = 30.0            # cap on a wait during the first phase
    eerste_fase: float = 3600.0      # how long the cap stays at ``plafond``
    max_interval: float = 6 * 3600.0  # cap on a wait after the cap has grown
    horizon: float = 5 * DAG         # age (from insert or replay) after which a failure is final
    max_pogingen: int = 500          # attempts after which a failure is final
    timeout: float = 30.0            # HTTP timeout of one delivery
    claim: float = 60.0              # a worker's lease on a message while it delivers
    parallel: int = 4                # administraties delivered at once by one worker
    bewaren: float = 0.0             # delivered messages are removed this long after delivery; 0: kept
    opruimen: float = 60.0           # how often a worker looks for delivered messages past ``bewaren``

    def __post_init__(self) -> None:
        if self.claim <= self.timeout:
            # a lease shorter than a delivery lets a second worker deliver the same
            # message while the first is still waiting for its answer
            raise InstellingFout(f"ROD_OUTBOX_CLAIM ({self.claim}) must exceed ROD_OUTBOX_TIMEOUT ({self.timeout})")
        if min(self.interval, self.basis, self.plafond, self.horizon, self.opruimen) <= 0 or self.max_pogingen < 1:
            raise InstellingFout("outbox intervals must be positive and max_pogingen at least 1")
        if self.bewaren < 0:
            raise InstellingFout(f"ROD_OUTBOX_BEWAREN ({self.bewaren}) must be 0 (keep delivered messages) or positive")

    @classmethod
    def uit_omgeving(cls, env: Mapping[str, str] | None = None, **opties) -> "OutboxInstellingen":
        """``ROD_OUTBOX_<FIELD>`` (e.g. ``ROD_OUTBOX_MAX_POGINGEN=3``) over the defaults;
        explicit ``opties`` over both."""
        env = os.environ if env is None else env
        waarden = {}
        for veld in fields(cls):
            waarde = lees_waarde(env, f"ROD_OUTBOX_{veld.name.upper()}", int if veld.type == "int" else float,
                                  "number")
            if waarde is not None:
                waarden[veld.name] = waarde
        return cls(**{**waarden, **opties})
