"""IS06, IS07, IS08, IS13, IS53: the RIO fields of each period (and of a VAI) against the
reference data, **valid on the period's datumBegin**. Handbook 000 ch. 03 'RIO': leaving
out onderwijsaanbieder or onderwijslocatie rejects the delivery; ch. 16 'Onderwijslocatie
hoort niet bij vestigingscode' (IS53 tells it at delivery already)."""
from __future__ import annotations

from ...domain.inschrijving import Inschrijvingsstand
from ...domain.referentiedata import Referentiedata
from ...domain.signalen import Signaal, signaal
from . import pad

PERIODE = "inschrijvingPeriodeVO"


def controleer_vestiging(stand: Inschrijvingsstand, rio: Referentiedata) -> list[Signaal]:
    """IS06: the vestiging belongs to the instellingscode and is valid on the period's begin
    (both ends of a RIO validity window inclusive)."""
    return [
        signaal("IS06", element=pad(PERIODE, nummer, "vestiging"))
        for nummer, p in enumerate(stand.perioden, start=1)
        if rio.vestiging(stand.brin, p.vestiging, p.datum_begin) is None
    ]


def controleer_onderwijsaanbieder(stand: Inschrijvingsstand, rio: Referentiedata) -> list[Signaal]:
    """IS07: the onderwijsaanbieder is present, one of this instelling's, and valid on the
    period's begin. Optional in the XSD (as in DUO's), required by the rule."""
    return [
        signaal("IS07", element=pad(PERIODE, nummer, "onderwijsaanbieder"))
        for nummer, p in enumerate(stand.perioden, start=1)
        if p.onderwijsaanbieder is None
        or rio.onderwijsaanbieder(stand.brin, p.onderwijsaanbieder, p.datum_begin) is None
    ]


def controleer_onderwijslocatie(stand: Inschrijvingsstand, rio: Referentiedata) -> list[Signaal]:
    """IS08: the onderwijslocatie is present, known for this instelling, and valid on the
    period's begin."""
    return [
        signaal("IS08", element=pad(PERIODE, nummer, "onderwijslocatie"))
        for nummer, p in enumerate(stand.perioden, start=1)
        if p.onderwijslocatie is None
        or rio.onderwijslocatie(stand.brin, p.onderwijslocatie, p.datum_begin) is None
    ]


def controleer_verblijf_instelling(stand: Inschrijvingsstand, rio: Referentiedata) -> list[Signaal]:
    """IS13: a VAI's instellingscode must exist in RIO, and its vestiging (when given) must
    be one of that instelling's. Handbook 000 ch. 14: the VAI names the OPDC or the vavo
    instelling where the pupil stays. Existence only: the other school's RIO history is
    not the delivering school's to keep in step."""
    gevonden = []
    for nummer, v in enumerate(stand.verblijven, start=1):
        if rio.instelling(v.brin) is None:
            gevonden.append(signaal("IS13", element=pad("verblijfAndereInstelling", nummer, "brin")))
        elif v.vestiging is not None and rio.vestiging(v.brin, v.vestiging) is None:
            gevonden.append(signaal("IS13", element=pad("verblijfAndereInstelling", nummer, "vestiging")))
    return gevonden


def controleer_locatie_bij_vestiging(stand: Inschrijvingsstand, rio: Referentiedata) -> list[Signaal]:
    """IS53 (attention): the onderwijslocatie is linked to the period's vestiging (handbook
    000 ch. 16 'Onderwijslocatie hoort niet bij vestigingscode'). Only for a locatie and a
    vestiging that are themselves fine: an unknown one already has IS06/IS08."""
    gevonden = []
    for nummer, p in enumerate(stand.perioden, start=1):
        if p.onderwijslocatie is None or rio.onderwijslocatie(stand.brin, p.onderwijslocatie, p.datum_begin) is None:
            continue
        if rio.vestiging(stand.brin, p.vestiging, p.datum_begin) is None:
            continue
        if not rio.is_locatie_van_vestiging(stand.brin, p.vestiging, p.onderwijslocatie):
            gevonden.append(signaal("IS53", element=pad(PERIODE, nummer, "onderwijslocatie")))
    return gevonden
