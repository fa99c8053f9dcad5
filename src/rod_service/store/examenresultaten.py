"""Examenresultaten as full stands (``examenresultaat`` + ``examenvak``), their deletion
trail (``verwijdering``), and the read-only view on inschrijvingen that EX07/EX54 and the
leerlingdossier need (the inschrijving repository is another issue's; this one only reads)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.examenresultaat import Examenresultaat, LeverExamenresultaatAan
from .models import Examenresultaat as ExamenresultaatRij
from .models import Examenvak, Verwijdering

SOORT_VERWIJDERING = "examenresultaat"


class ExamenresultaatRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def zoek(self, persoon_id: int, brin: str, examenresultaatvolgnummer: str) -> ExamenresultaatRij | None:
        return self.session.scalar(
            select(ExamenresultaatRij).where(
                ExamenresultaatRij.persoon_id == persoon_id,
                ExamenresultaatRij.brin == brin,
                ExamenresultaatRij.examenresultaatvolgnummer == examenresultaatvolgnummer,
            )
        )

    def vervang_stand(self, persoon_id: int, bericht: LeverExamenresultaatAan, nu: datetime) -> bool:
        """Store the delivered stand in place of whatever was under persoon + brin +
        examenresultaatvolgnummer: key columns, the ``stand`` JSON and the ``examenvak``
        rows, in the caller's transaction. An unchanged stand (same
        :meth:`~Examenresultaat.standsleutel`) touches nothing; returns whether it changed."""
        sleutel = bericht.standsleutel()
        rij = self.zoek(persoon_id, bericht.brin, bericht.examenresultaatvolgnummer)
        if rij is not None and rij.standsleutel == sleutel:
            return False
        if rij is None:
            rij = ExamenresultaatRij(persoon_id=persoon_id, brin=bericht.brin,
                                     examenresultaatvolgnummer=bericht.examenresultaatvolgnummer)
            self.session.add(rij)
        rij.inschrijvingvolgnummer = bericht.inschrijvingvolgnummer
        rij.pgn_soort = bericht.pgn.soort.value
        rij.pgn_nummer = bericht.pgn.nummer
        rij.onderwijsaanbieder = bericht.onderwijsaanbieder
        rij.vestiging = bericht.vestiging
        rij.examenregime = bericht.examenregime
        rij.niveau = bericht.niveau
        rij.datum_uitslag = bericht.datum_uitslag
        rij.resultaat = bericht.uitslag.resultaat if bericht.uitslag else None
        rij.stand = bericht.naar_stand()
        rij.standsleutel = sleutel
        rij.opgeslagen_op = nu
        rij.vakken = _examenvakken(bericht)  # delete-orphan: the old rows go
        self.session.flush()
        return True

    def verwijder(self, rij: ExamenresultaatRij, administratie_oin: str, nu: datetime) -> None:
        """Delete the stand, writing what was removed and by whom to ``verwijdering`` first."""
        self.session.add(Verwijdering(
            soort=SOORT_VERWIJDERING, brin=rij.brin, volgnummer=rij.examenresultaatvolgnummer,
            persoon_id=rij.persoon_id, administratie_oin=administratie_oin, stand=rij.stand, verwijderd_op=nu,
        ))
        self.session.delete(rij)
        self.session.flush()

    def van_persoon_bij_brin(self, persoon_id: int, brin: str) -> list[ExamenresultaatRij]:
        return list(self.session.scalars(
            select(ExamenresultaatRij)
            .where(ExamenresultaatRij.persoon_id == persoon_id, ExamenresultaatRij.brin == brin)
            .order_by(ExamenresultaatRij.examenregime, ExamenresultaatRij.examenresultaatvolgnummer)
        ))

    # inschrijvingen, read-only ----------------------------------------------------------

    def verhuis(self, van_persoon_id: int, naar_persoon_id: int) -> int:
        """Move a person's examenresultaten to another person (an onderwijsnummer linked to
        a BSN person, ID51); one the target already has under the same brin + volgnummer
        stays where it is. Returns the number moved."""
        verhuisd = 0
        for rij in self.session.scalars(select(ExamenresultaatRij).where(ExamenresultaatRij.persoon_id == van_persoon_id)):
            if self.zoek(naar_persoon_id, rij.brin, rij.examenresultaatvolgnummer) is None:
                rij.persoon_id = naar_persoon_id
                verhuisd += 1
        self.session.flush()
        return verhuisd


def _examenvakken(stand: Examenresultaat) -> list[Examenvak]:
    return [
        Examenvak(opleidingcode=lijst.opleidingcode, vakcode=vak.vakcode, examendeel=vak.examendeel,
                  eindcijfer=vak.eindcijfer, eindbeoordeling=vak.eindbeoordeling)
        for lijst in stand.cijferlijsten
        for vak in lijst.vakken
    ]
