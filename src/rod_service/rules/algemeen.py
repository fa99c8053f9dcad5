"""AL — general checks every operation passes before its own rules (spec section 5, AL).

AL01/AL02 are SOAP Faults raised at the edge; AL05 (idempotency) is the service layer's.
Order as the spec fixes it: AL06, then AL04, then AL03.
"""
from __future__ import annotations

from ..domain.bedrijfsdocument import Bedrijfsdocument
from ..domain.referentiedata import Referentiedata
from ..domain.signalen import Signaal, signaal


def controleer_ontvanger(document: Bedrijfsdocument, rod_oin: str) -> list[Signaal]:
    """AL06: the message must be addressed to ROD's own OIN."""
    if document.ontvangende_instantie != rod_oin:
        return [signaal("AL06", element="ontvangendeInstantie")]
    return []


def controleer_brin(brin: str | None, referentiedata: Referentiedata) -> list[Signaal]:
    """AL04: the instellingscode must exist in the RIO reference data."""
    if brin is not None and referentiedata.instelling(brin) is None:
        return [signaal("AL04", element="brin")]
    return []


def controleer_autorisatie(
    document: Bedrijfsdocument,
    brin: str | None,
    referentiedata: Referentiedata,
    certificaat_oin: str | None = None,
) -> list[Signaal]:
    """AL03: the sender is a registered administratie, authorised for ``brin``; with TLS
    client auth the certificate's OIN is that administratie or one of its SaaS vendors."""
    administratie = referentiedata.administratie(document.verzendende_instantie)
    if administratie is None or (brin is not None and brin not in administratie.brins):
        return [signaal("AL03", element="verzendendeInstantie")]
    if certificaat_oin is not None and certificaat_oin not in (
        administratie.oin,
        *administratie.leveranciers_oins,
    ):
        return [signaal("AL03", element="verzendendeInstantie")]
    return []


def algemene_controles(
    document: Bedrijfsdocument,
    brin: str | None,
    referentiedata: Referentiedata,
    certificaat_oin: str | None = None,
) -> list[Signaal]:
    """AL06, AL04, AL03 in that order; the first that fails decides (one AFKEUR is enough,
    and a later check is meaningless once an earlier one failed)."""
    for controle in (
        lambda: controleer_ontvanger(document, referentiedata.rod_oin),
        lambda: controleer_brin(brin, referentiedata),
        lambda: controleer_autorisatie(document, brin, referentiedata, certificaat_oin),
    ):
        if gevonden := controle():
            return gevonden
    return []
