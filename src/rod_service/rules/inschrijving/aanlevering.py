"""All IS rules of an aanleverenInschrijvingVO together, in catalogue order, so the LAS
sees every fault of a delivery at once (handbook 000 ch. 13: "Reden afkeur in het
terugkoppelbericht")."""
from __future__ import annotations

from datetime import date

from ...domain.inschrijving import Inschrijvingsstand
from ...domain.referentiedata import Referentiedata
from ...domain.signalen import Signaal
from . import datums, nieuwkomers, opleiding, persoon, rio


def controleer_aanlevering(
    stand: Inschrijvingsstand,
    referentiedata: Referentiedata,
    vandaag: date,
    *,
    persoon_bekend: bool,
    bsn_bekend: bool,
) -> list[Signaal]:
    """``persoon_bekend``: the number is known to ROD; ``bsn_bekend``: ROD knows a BSN for
    the person behind the delivered number (both looked up by the handler)."""
    return [
        *persoon.controleer_persoon_bekend(stand, persoon_bekend),                 # IS01
        *persoon.controleer_geen_onderwijsnummer_naast_bsn(stand, bsn_bekend),     # IS02
        *datums.controleer_uitschrijving_na_inschrijving(stand),                   # IS03
        *datums.controleer_eerste_periode(stand),                                  # IS04
        *datums.controleer_begin_perioden(stand),                                  # IS05
        *rio.controleer_vestiging(stand, referentiedata),                          # IS06
        *rio.controleer_onderwijsaanbieder(stand, referentiedata),                 # IS07
        *rio.controleer_onderwijslocatie(stand, referentiedata),                   # IS08
        *opleiding.controleer_opleiding(stand, referentiedata),                    # IS09
        *opleiding.controleer_leerjaar(stand, referentiedata),                     # IS10
        *nieuwkomers.controleer_indicatie_aanwezig(stand),                         # IS11
        *datums.controleer_looptijden(stand),                                      # IS12
        *rio.controleer_verblijf_instelling(stand, referentiedata),                # IS13
        *datums.controleer_inschrijving_niet_ver_vooruit(stand, vandaag),          # IS15
        *nieuwkomers.controleer_indicatie_bij_bsn(stand),                          # IS51
        *opleiding.controleer_experimenten(stand, referentiedata),                 # IS52
        *rio.controleer_locatie_bij_vestiging(stand, referentiedata),              # IS53
    ]
