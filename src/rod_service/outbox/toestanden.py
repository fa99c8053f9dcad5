"""The delivery states of an outbox message and the only transitions between them.

    nieuw ──► bezorgd            (first attempt acknowledged)
      │  └──► opnieuw ──► bezorgd
      │          │  ▲
      │          └──┘            (another failed attempt)
      └──► dood ◄── opnieuw      (attempt or age limit reached)
            │
            └──► opnieuw         (replay by ops; ids kept, attempts and age reset)

Two things are deliberately *not* states:

- a dispatcher working on a message holds a lease (``claim``/``geclaimd_tot``) instead
  of a "bezig" state, so a worker that crashes mid-delivery leaves nothing to clean up:
  the lease runs out and the message is due again;
- a paused administratie (``rod-service queue pause``) is a flag per receiver
  (``outbox_ontvanger.gepauzeerd``): its messages keep their state and are just not
  picked, so resuming needs no bookkeeping and ordering is untouched. The same holds for
  an administratie without a known endpoint: its messages stay ``nieuw``, visible.
"""
from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    NIEUW = "nieuw"
    """Written in the same transaction as its cause; not attempted yet. Due at once."""

    OPNIEUW = "opnieuw"
    """At least one attempt failed; due again at ``volgende_poging_op`` (backoff with
    jitter, see ``beleid``). ``laatste_fout``/``fout_soort`` say what went wrong; a
    ``afgewezen`` failure (4xx, invalid answer) is flagged but retried all the same."""

    BEZORGD = "bezorgd"
    """Acknowledged: HTTP 200 with a valid ``<operatie>_Response`` whose
    ``ontvangstBevestiging`` is ``J``. Final; ``bezorgd_op`` is set."""

    DOOD = "dood"
    """Dead letter: the attempt limit or the age limit was reached. Kept with its last
    error, no longer blocks the administratie's later messages, replayable by ops."""


#: Messages still to deliver, in order per administratie.
WACHTEND = (Status.NIEUW, Status.OPNIEUW)

OVERGANGEN: dict[Status, frozenset[Status]] = {
    Status.NIEUW: frozenset({Status.BEZORGD, Status.OPNIEUW, Status.DOOD}),
    Status.OPNIEUW: frozenset({Status.BEZORGD, Status.OPNIEUW, Status.DOOD}),
    Status.BEZORGD: frozenset(),
    Status.DOOD: frozenset({Status.OPNIEUW}),
}


class OngeldigeOvergang(ValueError):
    def __init__(self, van: str, naar: str) -> None:
        super().__init__(f"an outbox message cannot go from {van!r} to {naar!r}")


def overgang(van: str, naar: Status) -> Status:
    """``naar`` when the transition is legal, else :class:`OngeldigeOvergang`."""
    if naar not in OVERGANGEN[Status(van)]:
        raise OngeldigeOvergang(van, naar)
    return naar


#: English names accepted on the command line (``queue list --state dead``).
ENGELS = {"new": Status.NIEUW, "retry": Status.OPNIEUW, "delivered": Status.BEZORGD, "dead": Status.DOOD}


def uit_tekst(waarde: str) -> Status:
    try:
        return ENGELS.get(waarde) or Status(waarde)
    except ValueError:
        namen = ", ".join([*(s.value for s in Status), *ENGELS])
        raise ValueError(f"unknown state {waarde!r}; one of {namen}") from None
