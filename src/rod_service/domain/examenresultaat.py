"""Examenresultaat: a full stand under persoon + brin + examenresultaatvolgnummer (spec 4.1
"examenresultaat"; handbook 000 ch. 06 "Raadplegen examenresultaten" lists what it holds).

:class:`Examenresultaat` is the XSD group ``ExamenresultaatGegevens``: what is stored and
what the leerlingdossier shows "as delivered". The command :class:`LeverExamenresultaatAan`
is that stand plus who delivered it for which person. The stand travels to and from the
``examenresultaat.stand`` JSON column with the contract's element names
(:meth:`Examenresultaat.naar_stand`, :meth:`Examenresultaat.uit_stand`).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from .bedrijfsdocument import Bedrijfsdocument
from .kalender import Schooljaar
from .pgn import Pgn
from .signalen import Signaal


@dataclass(frozen=True)
class Beoordeeld:
    """``schoolexamen`` and ``werkstuk`` results: the choice ``cijfer`` (10..100, one
    implied decimal) or ``beoordeling`` (G, V, O)."""

    cijfer: int | None = None
    beoordeling: str | None = None


@dataclass(frozen=True)
class CentraalExamen:
    tijdvak: int
    cijfer: int


@dataclass(frozen=True)
class Examenvak:
    """``vak`` of a cijferlijst: ``eindcijfer`` (whole, 1..10) or ``eindbeoordeling``."""

    volgnummer_resultaat: str
    vakcode: str
    examendeel: str
    indicatie_diplomavak: bool
    indicatie_combinatiecijfer: bool
    indicatie_werkstuk: bool
    indicatie_inruil: bool
    schoolexamen: Beoordeeld | None = None
    centraal_examens: tuple[CentraalExamen, ...] = ()
    eindcijfer: int | None = None
    eindbeoordeling: str | None = None
    reden_niet_deelname: str | None = None
    vervangen_vak: str | None = None


@dataclass(frozen=True)
class Werkstuk:
    volgnummer_resultaat: str
    titel: str
    resultaat: Beoordeeld


@dataclass(frozen=True)
class Combinatiecijfer:
    volgnummer_resultaat: str
    eindcijfer: int


@dataclass(frozen=True)
class Cijferlijst:
    opleidingcode: str
    vakken: tuple[Examenvak, ...] = ()
    werkstuk: Werkstuk | None = None
    combinatiecijfer: Combinatiecijfer | None = None


@dataclass(frozen=True)
class Herkansing:
    vakcode: str
    examenregime: int
    tijdvak: int


@dataclass(frozen=True)
class Uitslag:
    """``datumUitslag`` is optional in the XSD; its absence is afkeur EX06."""

    resultaat: str
    soort_waardedocument: str
    indicatie_cum_laude: bool
    datum_uitslag: date | None = None


@dataclass(frozen=True, kw_only=True)
class Examenresultaat:
    """The stand (XSD group ``ExamenresultaatGegevens``). ``onderwijsaanbieder`` is
    optional in the XSD; its absence is afkeur EX02."""

    brin: str
    examenresultaatvolgnummer: str
    vestiging: str
    examenregime: int
    niveau: str
    indicatie_teruggetrokken: bool = False
    indicatie_eerder_leerjaar: bool = False
    indicatie_gespreid_examen: bool = False
    indicatie_doorlopende_leerlijn: bool = False
    inschrijvingvolgnummer: str | None = None
    onderwijsaanbieder: str | None = None
    uitslag: Uitslag | None = None
    cijferlijsten: tuple[Cijferlijst, ...] = ()
    herkansingen: tuple[Herkansing, ...] = ()

    def alleen_stand(self) -> "Examenresultaat":
        """Only the stand, without the delivery's document and person (for a command)."""
        return Examenresultaat(**{f.name: getattr(self, f.name) for f in fields(Examenresultaat)})

    def naar_stand(self) -> dict[str, Any]:
        """JSON-able, with the contract's element names; absent optionals are left out."""
        return _zonder_leeg({
            "brin": self.brin,
            "examenresultaatvolgnummer": self.examenresultaatvolgnummer,
            "inschrijvingvolgnummer": self.inschrijvingvolgnummer,
            "onderwijsaanbieder": self.onderwijsaanbieder,
            "vestiging": self.vestiging,
            "examenregime": self.examenregime,
            "niveau": self.niveau,
            "indicatieTeruggetrokken": self.indicatie_teruggetrokken,
            "indicatieEerderLeerjaar": self.indicatie_eerder_leerjaar,
            "indicatieGespreidExamen": self.indicatie_gespreid_examen,
            "indicatieDoorlopendeLeerlijn": self.indicatie_doorlopende_leerlijn,
            "uitslag": _uitslag_naar(self.uitslag) if self.uitslag else None,
            "cijferlijst": [_cijferlijst_naar(c) for c in self.cijferlijsten],
            "herkansing": [{"vakcode": h.vakcode, "examenregime": h.examenregime, "tijdvak": h.tijdvak}
                           for h in self.herkansingen],
        })

    @classmethod
    def uit_stand(cls, stand: dict[str, Any]) -> "Examenresultaat":
        """The inverse of :meth:`naar_stand`."""
        uitslag = stand.get("uitslag")
        return Examenresultaat(
            brin=stand["brin"],
            examenresultaatvolgnummer=stand["examenresultaatvolgnummer"],
            inschrijvingvolgnummer=stand.get("inschrijvingvolgnummer"),
            onderwijsaanbieder=stand.get("onderwijsaanbieder"),
            vestiging=stand["vestiging"],
            examenregime=stand["examenregime"],
            niveau=stand["niveau"],
            indicatie_teruggetrokken=stand["indicatieTeruggetrokken"],
            indicatie_eerder_leerjaar=stand["indicatieEerderLeerjaar"],
            indicatie_gespreid_examen=stand["indicatieGespreidExamen"],
            indicatie_doorlopende_leerlijn=stand["indicatieDoorlopendeLeerlijn"],
            uitslag=_uitslag_uit(uitslag) if uitslag else None,
            cijferlijsten=tuple(_cijferlijst_uit(c) for c in stand.get("cijferlijst", [])),
            herkansingen=tuple(Herkansing(h["vakcode"], h["examenregime"], h["tijdvak"])
                               for h in stand.get("herkansing", [])),
        )

    def standsleutel(self) -> str:
        """SHA-256 of the canonical stand: equal exactly when the delivered stands are
        equal, so an unchanged re-delivery changes nothing."""
        canoniek = json.dumps(self.naar_stand(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canoniek.encode()).hexdigest()

    @property
    def datum_uitslag(self) -> date | None:
        return self.uitslag.datum_uitslag if self.uitslag else None


@dataclass(frozen=True, kw_only=True)
class LeverExamenresultaatAan(Examenresultaat):
    """``aanleverenExamenresultaatVO_Request``: the stand, for ``pgn``, by ``document``'s sender."""

    document: Bedrijfsdocument
    pgn: Pgn


@dataclass(frozen=True)
class VerwijderExamenresultaat:
    """``aanleverenVerwijderingExamenresultaatVO_Request``."""

    document: Bedrijfsdocument
    pgn: Pgn
    brin: str
    examenresultaatvolgnummer: str


@dataclass
class Examenresultaatresultaat:
    """Outcome of both examenresultaat operations: the terugkoppeling's signals."""

    signalen: list[Signaal] = field(default_factory=list)


def huidig_examenregime(vandaag: date) -> int:
    """The examenregime of the current school year (1 August – 31 July): the calendar year
    in which that school year ends (spec section 3; 2026-11-23 → 2027)."""
    return Schooljaar.van(vandaag).examenregime


# JSON mapping -------------------------------------------------------------------------

def _zonder_leeg(d: dict[str, Any]) -> dict[str, Any]:
    """Leave out what the XML would leave out: None and empty repetitions."""
    return {k: v for k, v in d.items() if v is not None and v != []}


def _beoordeeld_naar(b: Beoordeeld) -> dict[str, Any]:
    return _zonder_leeg({"cijfer": b.cijfer, "beoordeling": b.beoordeling})


def _beoordeeld_uit(d: dict[str, Any]) -> Beoordeeld:
    return Beoordeeld(cijfer=d.get("cijfer"), beoordeling=d.get("beoordeling"))


def _uitslag_naar(u: Uitslag) -> dict[str, Any]:
    return _zonder_leeg({
        "datumUitslag": u.datum_uitslag.isoformat() if u.datum_uitslag else None,
        "resultaat": u.resultaat,
        "soortWaardedocument": u.soort_waardedocument,
        "indicatieCumLaude": u.indicatie_cum_laude,
    })


def _uitslag_uit(d: dict[str, Any]) -> Uitslag:
    datum = d.get("datumUitslag")
    return Uitslag(resultaat=d["resultaat"], soort_waardedocument=d["soortWaardedocument"],
                   indicatie_cum_laude=d["indicatieCumLaude"],
                   datum_uitslag=date.fromisoformat(datum) if datum else None)


def _vak_naar(v: Examenvak) -> dict[str, Any]:
    return _zonder_leeg({
        "volgnummerResultaat": v.volgnummer_resultaat,
        "vakcode": v.vakcode,
        "examendeel": v.examendeel,
        "schoolexamen": _beoordeeld_naar(v.schoolexamen) if v.schoolexamen else None,
        "centraalExamen": [{"tijdvak": ce.tijdvak, "cijfer": ce.cijfer} for ce in v.centraal_examens],
        "eindcijfer": v.eindcijfer,
        "eindbeoordeling": v.eindbeoordeling,
        "indicatieDiplomavak": v.indicatie_diplomavak,
        "indicatieCombinatiecijfer": v.indicatie_combinatiecijfer,
        "indicatieWerkstuk": v.indicatie_werkstuk,
        "redenNietDeelname": v.reden_niet_deelname,
        "indicatieInruil": v.indicatie_inruil,
        "vervangenVak": v.vervangen_vak,
    })


def _vak_uit(d: dict[str, Any]) -> Examenvak:
    se = d.get("schoolexamen")
    return Examenvak(
        volgnummer_resultaat=d["volgnummerResultaat"], vakcode=d["vakcode"], examendeel=d["examendeel"],
        schoolexamen=_beoordeeld_uit(se) if se else None,
        centraal_examens=tuple(CentraalExamen(ce["tijdvak"], ce["cijfer"]) for ce in d.get("centraalExamen", [])),
        eindcijfer=d.get("eindcijfer"), eindbeoordeling=d.get("eindbeoordeling"),
        indicatie_diplomavak=d["indicatieDiplomavak"], indicatie_combinatiecijfer=d["indicatieCombinatiecijfer"],
        indicatie_werkstuk=d["indicatieWerkstuk"], reden_niet_deelname=d.get("redenNietDeelname"),
        indicatie_inruil=d["indicatieInruil"], vervangen_vak=d.get("vervangenVak"),
    )


def _cijferlijst_naar(c: Cijferlijst) -> dict[str, Any]:
    werkstuk = c.werkstuk
    return _zonder_leeg({
        "opleidingcode": c.opleidingcode,
        "vak": [_vak_naar(v) for v in c.vakken],
        "werkstuk": {"volgnummerResultaat": werkstuk.volgnummer_resultaat, "titel": werkstuk.titel,
                     **_beoordeeld_naar(werkstuk.resultaat)} if werkstuk else None,
        "combinatiecijfer": {"volgnummerResultaat": c.combinatiecijfer.volgnummer_resultaat,
                             "eindcijfer": c.combinatiecijfer.eindcijfer} if c.combinatiecijfer else None,
    })


def _cijferlijst_uit(d: dict[str, Any]) -> Cijferlijst:
    ws, cc = d.get("werkstuk"), d.get("combinatiecijfer")
    return Cijferlijst(
        opleidingcode=d["opleidingcode"],
        vakken=tuple(_vak_uit(v) for v in d.get("vak", [])),
        werkstuk=Werkstuk(ws["volgnummerResultaat"], ws["titel"], _beoordeeld_uit(ws)) if ws else None,
        combinatiecijfer=Combinatiecijfer(cc["volgnummerResultaat"], cc["eindcijfer"]) if cc else None,
    )
