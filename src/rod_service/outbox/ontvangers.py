"""Where an administratie's pushes go, and whether they may go now.

The endpoint is the reference data's ``Administratie.endpoint``, overridden at runtime by
``PUT /admin/administraties/{oin}/endpoint`` (table ``outbox_ontvanger``), which also
holds the pause flag. Both are read from the store, not from a process's memory, so
``serve`` and separate ``rod-service dispatch`` workers agree, also after the reference
data is reloaded elsewhere: the parsed document is cached until the reference-data version
in the dienststand changes (the one version every load sets, ``Register._laden``).
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from ..domain.referentiedata import Referentiedata
from ..referentiedata import loader
from ..store import dienststand
from ..store import referentiedata as opslag
from ..store.outbox import OutboxRepository


@dataclass(frozen=True)
class Ontvanger:
    administratie_oin: str
    endpoint: str | None
    bron: str | None  # "override", "referentiedata" or None (no endpoint known)
    gepauzeerd: bool = False

    @property
    def bezorgbaar(self) -> bool:
        return self.endpoint is not None and not self.gepauzeerd


@dataclass(frozen=True)
class Ontvangersstand:
    rod_oin: str
    ontvangers: dict[str, Ontvanger]

    def get(self, oin: str) -> Ontvanger:
        return self.ontvangers.get(oin) or Ontvanger(oin, None, None)

    def bezorgbaar(self) -> set[str]:
        return {oin for oin, o in self.ontvangers.items() if o.bezorgbaar}


class Ontvangers:
    """Resolves receivers per dispatcher round. One instance per thread that uses it."""

    def __init__(self) -> None:
        self._versie: int | None = None
        self._referentiedata: Referentiedata | None = None

    def stand(self, sessie: Session) -> Ontvangersstand:
        referentiedata = self._referentiedata_in_werking(sessie)
        ontvangers = {a.oin: Ontvanger(a.oin, a.endpoint, "referentiedata" if a.endpoint else None)
                      for a in referentiedata.administraties}
        for oin, override in OutboxRepository(sessie).ontvangers().items():
            basis = ontvangers.get(oin) or Ontvanger(oin, None, None)
            endpoint, bron = (override.endpoint, "override") if override.endpoint else (basis.endpoint, basis.bron)
            ontvangers[oin] = Ontvanger(oin, endpoint, bron, override.gepauzeerd)
        return Ontvangersstand(referentiedata.rod_oin, ontvangers)

    def _referentiedata_in_werking(self, sessie: Session) -> Referentiedata:
        stand = dienststand.lees(sessie)
        versie = stand.referentiedata_versie if stand is not None else None
        if self._referentiedata is None or versie != self._versie:
            document = opslag.lees_document(sessie).document
            self._referentiedata = loader.naar_domein_zonder_personen(document)
            self._versie = versie
        return self._referentiedata


def controleer_endpoint(url: str) -> str:
    """An absolute http(s) URL with a host, or ValueError (the admin route's 400)."""
    delen = urlsplit(url)
    if delen.scheme not in ("http", "https") or not delen.hostname:
        raise ValueError(f"endpoint {url!r} is no absolute http(s) URL")
    return url
