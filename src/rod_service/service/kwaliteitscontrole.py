"""The weekly kwaliteitscontrole (KWC) batch and its schedule (spec section 9; handbook 000
ch. 15 "Dashboard en kwaliteitscontrolebestand", ch. 16 "Signalen KWC en dashboard").

Per school: stream the school's persons in chunks (``store.overzichten.deelnemers``),
run every KW check of ``rules.kwaliteitscontrole``, apply the 120-day rule of KW05/KW06
and KW27's memory and render the KWC CSV and the dashboard (HTML and PDF), all in a
transaction that only reads; then store the files under ``/bestanden/{brin}``, the run's
counts (the dashboard chart's history) and the rule memory in a second, short one. On
SQLite the reading transaction is a snapshot without the write lock, so deliveries go on
while a school is checked; holding the write lock for a whole school (and SQLite's busy
handler, which sleeps in steps) starved them for the whole batch (bench/kwc_naast.py).
Should another run of the same school have stored its result in between, the school is
checked again inside the writing transaction. Files older than 90 days are removed at
the start of every batch ("Deze bestanden blijven 90 dagen beschikbaar").

:class:`KwcPlanner` runs the batch inside ``serve`` once a week on a configured weekday,
by the service clock.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property

from sqlalchemy import select

from ..bestanden.dashboard import Dashboard, als_html, als_pdf, grafiek_png
from ..bestanden.kwc import Kwcregel, als_csv
from ..domain.examenresultaat import Examenresultaat
from ..domain.inschrijving import GenummerdePeriode, Inschrijvingsstand
from ..domain.kalender import Schooljaar
from ..referentiedata.loader import persoon_naar_domein
from ..rules.bekostiging.nieuwkomers import datum_eerste_inschrijving_nederland
from ..rules.kwaliteitscontrole import (
    CODES,
    EXAMENKANDIDAATREGELS,
    EXAMENREGELS,
    INSCHRIJVINGSREGELS,
    VERVALT_NA_DAGEN,
    VOORUITREGELS,
    Kwccontext,
    KwcExamenresultaat,
    KwcInschrijving,
)
from ..rules.kwaliteitscontrole.context import AndereInschrijving, InschrijvingOpSchool
from ..rules.kwaliteitscontrole.examen import (
    had_uitslag_op_peildatum,
    kw27_uitslag_verwijderd,
    kw27_volledig_verwijderd,
)
from ..rules.kwaliteitscontrole.vervallen import Eerder, eerst_gezien, zichtbaar
from ..rules.overzichten import geldig_op, overlapt
from ..store import models as m
from ..store.db import schrijvend
from ..store.inschrijvingen import naar_domein
from ..store.overzichten import (
    BestandenRepository,
    Deelnemer,
    KwcRepository,
    Toestand,
    deelnemers,
    verwijderde_examenresultaten,
)
from ..store.personen import PersonenRepository

log = logging.getLogger(__name__)

BEWAARTERMIJN = timedelta(days=90)
HISTORIE_WEKEN = 8
PEIL = "KW27P"  # kwc_toestand code for "had an uitslag before 1-8 in a run of this schooljaar"
SOORT_KWC, SOORT_HTML, SOORT_PDF = "KWC", "DASHBOARD_HTML", "DASHBOARD_PDF"


@dataclass
class Schooluitkomst:
    brin: str
    tellingen: dict[str, int] = field(default_factory=dict)
    inschrijvingen_1okt: int = 0
    met_nieuwe_periode: int = 0
    bestanden: list[str] = field(default_factory=list)

    @property
    def totaal(self) -> int:
        return sum(self.tellingen.values())


class _Schooljaar(Schooljaar):
    """The schooljaar with its dates made once: the checks ask for them dozens of times per
    inschrijving (a national run: tens of millions of ``date`` objects otherwise)."""

    begin = cached_property(Schooljaar.begin.fget)
    einde = cached_property(Schooljaar.einde.fget)
    teldatum = cached_property(Schooljaar.teldatum.fget)


class _Kwccontext(Kwccontext):
    """``Kwccontext`` with its derived dates computed once per batch (same values)."""

    @cached_property
    def schooljaar(self) -> Schooljaar:
        return _Schooljaar(Kwccontext.schooljaar.fget(self).begin_jaar)

    controle_van = cached_property(Kwccontext.controle_van.fget)
    controle_tot = cached_property(Kwccontext.controle_tot.fget)
    examenregime = cached_property(Kwccontext.examenregime.fget)


_IN_CONTROLE = (*INSCHRIJVINGSREGELS, *EXAMENKANDIDAATREGELS)


class _Stand(Inschrijvingsstand):
    """The stand with ``perioden_met_einde`` worked out once: a dozen KW checks ask for it
    per inschrijving (sorting and end dates each time: a sixth of a national run)."""

    def perioden_met_einde(self) -> list[GenummerdePeriode]:
        vast = self.__dict__.get("_perioden_met_einde")
        if vast is None:  # frozen: the cache goes into __dict__ directly, it is no field
            vast = self.__dict__["_perioden_met_einde"] = tuple(super().perioden_met_einde())
        return list(vast)


def draai(register, *, brins: Sequence[str] | None = None,
          voortgang: Callable[[str], None] | None = None) -> list[Schooluitkomst]:
    """Run the KWC for ``brins`` (default: every VO instelling of the reference data) on the
    register's clock. ``register`` is the composition root's Register (sessies,
    referentiedata, klok); ``voortgang(brin)`` is called after each school."""
    rd, nu = register.referentiedata, register.klok.nu()
    ctx = _Kwccontext(rd, register.klok.vandaag())
    scholen = list(brins) if brins else [i.instellingscode for i in rd.instellingen if i.is_vo]
    with schrijvend(register.sessies) as sessie:
        verwijderd = BestandenRepository(sessie).ruim_op(nu - BEWAARTERMIJN)
    if verwijderd:
        log.info("kwc: %d bestanden ouder dan %d dagen verwijderd", verwijderd, BEWAARTERMIJN.days)
    uitkomsten = []
    with _bestaande_objecten_bevroren():
        for brin in scholen:
            uitkomsten.append(_draai_school(register, brin, ctx, nu))
            if voortgang is not None:
                voortgang(brin)
    return uitkomsten


def _draai_school(register, brin: str, ctx: Kwccontext, nu: datetime) -> Schooluitkomst:
    """Read, check and render in a reading transaction; store in a short writing one, which
    on SQLite takes its turn with the deliveries (``schrijfslot``)."""
    with register.lezen() as lees:
        school = _School(lees, brin, ctx, nu)
        school.lees()
    with schrijvend(register.sessies) as sessie:
        kwc = KwcRepository(sessie)
        kwc.vergrendel_school(brin)
        if kwc.laatste_run(brin) != school.laatste_run:  # another run of this school came between
            school = _School(sessie, brin, ctx, nu)
            school.lees()
        return school.schrijf(sessie)


@contextmanager
def _bestaande_objecten_bevroren():
    """The batch makes millions of short-lived objects; each full garbage collection would
    also walk every object the process already holds (the reference data: ~600 000 at
    national size), a tenth of a national run. ``gc.freeze`` keeps those out of the
    collections for the batch's duration; ``gc.unfreeze`` hands them back after."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _kenmerk(*delen: object) -> str:
    return hashlib.sha256("|".join(map(str, delen)).encode()).hexdigest()


class _School:
    """One school's run: ``lees`` reads, checks, remembers and renders, only reading;
    ``schrijf`` stores. Holds only the school's signal rows and counts; persons pass chunk
    by chunk."""

    def __init__(self, sessie, brin: str, ctx: Kwccontext, nu: datetime) -> None:
        self.sessie, self.brin, self.ctx, self.nu = sessie, brin, ctx, nu
        self.kwc = KwcRepository(sessie)
        self.laatste_run = self.kwc.laatste_run(brin)
        self.toestanden = self.kwc.toestanden(brin, (*VERVALT_NA_DAGEN, PEIL))
        self.weg: list[int] = []  # ids of toestanden to delete
        self.gezien: set[tuple[str, str]] = set()
        self.regels: list[Kwcregel] = []
        self.uitkomst = Schooluitkomst(brin)
        self.bestanden: list[tuple[str, str, bytes]] = []  # (soort, naam, inhoud)

    def lees(self) -> None:
        ctx = self.ctx
        van = min(ctx.controle_van, date(ctx.examenregime, 1, 1))  # examenkandidaten (1 May), KW22
        # Up to date.max: an inschrijving beginning more than a year ahead (KW01) lies after
        # the control period, so it must be loaded too; VOORUITREGELS are all it gets.
        for blok in deelnemers(self.sessie, self.brin, van, date.max, brp_naar_domein=_brp_kort,
                               examenregimes=(ctx.examenregime - 1, ctx.examenregime + 1), kwc=True):
            for d in blok:
                self._deelnemer(d)
        self._verwijderde_uitslagen()
        self._ruim_toestanden_op()
        self.uitkomst.tellingen = dict(sorted(Counter(r.code for r in self.regels).items()))
        self._maak_bestanden()

    def schrijf(self, sessie) -> Schooluitkomst:
        ctx, u = self.ctx, self.uitkomst
        kwc = KwcRepository(sessie)
        kwc.schrijf_toestanden(self.toestanden.values(), self.weg)
        kwc.bewaar_run(brin=self.brin, datum=ctx.vandaag, nu=self.nu, tellingen=u.tellingen,
                       inschrijvingen_1okt=u.inschrijvingen_1okt, met_nieuwe_periode=u.met_nieuwe_periode)
        bestanden = BestandenRepository(sessie)
        for soort, naam, inhoud in self.bestanden:
            bestanden.bewaar(brin=self.brin, soort=soort, naam=naam, inhoud=inhoud, nu=self.nu)
            u.bestanden.append(naam)
        return u

    # -- per person ----------------------------------------------------------------------
    def _deelnemer(self, d: Deelnemer) -> None:
        ctx, sj = self.ctx, self.ctx.schooljaar
        bsn, own = d.nummers
        pgn, achternaam = bsn or own or "", _achternaam(d.brp)
        resultaten = [(r, Examenresultaat.uit_stand(r.stand)) for r in d.examenresultaten]
        nummers = {n for n in (bsn, *(r.pgn_nummer for r in d.inschrijvingen)) if n}
        externe = tuple(e for n in sorted(nummers) for e in ctx.referentiedata.externe_inschrijvingen_van(n))
        eerste = datum_eerste_inschrijving_nederland([d.eerste_vo] if d.eerste_vo else [], externe)
        andere = tuple(AndereInschrijving(a.brin, a.datum_inschrijving, a.datum_uitschrijving) for a in d.andere_vo)
        for rij in d.inschrijvingen:
            stand = _Stand(**vars(naar_domein(rij)))
            i = KwcInschrijving(
                stand=stand, geboortedatum=d.persoon.geboortedatum, gewijzigd_op=_dag(rij.opgeslagen_op),
                datum_overlijden=d.brp.datum_overlijden if d.brp else None,
                met_onderwijsnummer=d.persoon.burgerservicenummer is None, eerste_inschrijving=eerste,
                andere_vo=andere, externe=externe, examenresultaten=tuple(er for _, er in resultaten))
            if overlapt(stand.datum_inschrijving, stand.datum_uitschrijving, ctx.controle_van, ctx.controle_tot):
                regels = _IN_CONTROLE
            elif stand.datum_inschrijving > ctx.controle_tot:
                regels = VOORUITREGELS
            else:
                regels = EXAMENKANDIDAATREGELS
            for regel in regels:
                for s in regel(i, ctx):
                    if s.code not in VERVALT_NA_DAGEN or self._getoond(
                            s.code, f"{d.persoon.id}/{rij.inschrijvingvolgnummer}",
                            _kenmerk(rij.standsleutel, d.persoon.geboortedatum)):
                        self._meld(pgn, achternaam, rij.inschrijvingvolgnummer, s)
            if geldig_op(stand.datum_inschrijving, stand.datum_uitschrijving, sj.teldatum):
                self.uitkomst.inschrijvingen_1okt += 1
                if any(p.datum_begin >= sj.begin for p in stand.perioden):
                    self.uitkomst.met_nieuwe_periode += 1
        duur = tuple(InschrijvingOpSchool(r.inschrijvingvolgnummer, r.datum_inschrijving, r.datum_uitschrijving)
                     for r in d.inschrijvingen)
        regimes = {er.examenregime for _, er in resultaten}
        for rij, er in resultaten:
            e = KwcExamenresultaat(er, duur, vorig_regime_geleverd=er.examenregime - 1 in regimes)
            for regel in EXAMENREGELS:
                for s in regel(e, ctx):
                    self._meld(pgn, achternaam, er.examenresultaatvolgnummer, s)
            self._peil(f"{d.persoon.id}/{er.examenresultaatvolgnummer}", rij, er, pgn, achternaam)

    def _getoond(self, code: str, sleutel: str, kenmerk: str) -> bool:
        """The 120-day rule for the codes of VERVALT_NA_DAGEN; every other signal is shown."""
        dagen = VERVALT_NA_DAGEN.get(code)
        if dagen is None:
            return True
        vandaag = self.ctx.vandaag
        rij = self.toestanden.get((code, sleutel))
        eerst = eerst_gezien(Eerder(rij.kenmerk, rij.eerst_gezien) if rij else None, kenmerk, vandaag)
        if rij is None:
            rij = self.toestanden[(code, sleutel)] = Toestand(self.brin, code, sleutel, kenmerk, vandaag, vandaag)
        rij.kenmerk, rij.eerst_gezien, rij.laatst_gezien = kenmerk, eerst, vandaag
        self.gezien.add((code, sleutel))
        return zichtbaar(eerst, vandaag, dagen)

    def _meld(self, pgn: str, achternaam: str, volgnummer: str, s) -> None:
        self.regels.append(Kwcregel(self.brin, pgn, achternaam, volgnummer, s.code, s.omschrijving, s.brin or ""))

    # -- KW27 ----------------------------------------------------------------------------
    def _peil(self, sleutel: str, rij: m.Examenresultaat, er: Examenresultaat, pgn: str, achternaam: str) -> None:
        """Remember results that had an uitslag dated before 1-8 (this schooljaar's peil);
        a remembered one without uitslag now is KW27."""
        sj, vandaag = self.ctx.schooljaar, self.ctx.vandaag
        peil = self.toestanden.get((PEIL, sleutel))
        had = peil is not None and peil.kenmerk == str(sj.begin_jaar)
        for s in kw27_uitslag_verwijderd(had, er.uitslag is not None):
            self._meld(pgn, achternaam, er.examenresultaatvolgnummer, s)
        if had_uitslag_op_peildatum(rij.stand, sj):
            if peil is None:
                peil = self.toestanden[(PEIL, sleutel)] = Toestand(self.brin, PEIL, sleutel, str(sj.begin_jaar),
                                                                    vandaag, vandaag)
            peil.kenmerk, peil.laatst_gezien = str(sj.begin_jaar), vandaag

    def _verwijderde_uitslagen(self) -> None:
        sj = self.ctx.schooljaar
        sinds = datetime.combine(sj.begin, datetime.min.time(), tzinfo=UTC)
        personen = PersonenRepository(self.sessie)
        E = m.Examenresultaat
        for verwijdering, persoon in verwijderde_examenresultaten(self.sessie, self.brin, sinds):
            opnieuw = self.sessie.scalar(select(E.id).where(
                E.persoon_id == verwijdering.persoon_id, E.brin == self.brin,
                E.examenresultaatvolgnummer == verwijdering.volgnummer, E.datum_uitslag.is_not(None))) is not None
            signalen = kw27_volledig_verwijderd(verwijdering.stand, _dag(verwijdering.verwijderd_op), opnieuw, self.ctx)
            if not signalen or persoon is None:
                continue
            pgn = persoon.burgerservicenummer or personen.eerste_onderwijsnummer(persoon) or ""
            brp = self.sessie.get(m.BrpPersoonRij, persoon.burgerservicenummer) if persoon.burgerservicenummer else None
            achternaam = _achternaam(persoon_naar_domein(brp.gegevens) if brp else None)
            for s in signalen:
                self._meld(pgn, achternaam, verwijdering.volgnummer, s)

    def _ruim_toestanden_op(self) -> None:
        """A KW05/KW06 signal not raised this run starts afresh when it comes back; a peil
        of another schooljaar is dropped ("Bij de start van een nieuw schooljaar 'verschuift'
        de controle een jaar")."""
        huidig = str(self.ctx.schooljaar.begin_jaar)
        for (code, sleutel), rij in list(self.toestanden.items()):
            weg = rij.kenmerk != huidig if code == PEIL else (code, sleutel) not in self.gezien
            if weg and rij.id is not None:
                self.weg.append(rij.id)

    # -- output --------------------------------------------------------------------------
    def _maak_bestanden(self) -> None:
        """The KWC CSV and the dashboard. The chart's history is the stored runs of other days
        and this one: what ``KwcRepository.runs`` gives once this run is stored (a rerun on
        the same day replaces that day's run)."""
        ctx, u = self.ctx, self.uitkomst
        eerder = [(r.datum, sum(r.tellingen.values())) for r in self.kwc.runs(self.brin, HISTORIE_WEKEN + 1)
                  if r.datum != ctx.vandaag]
        historie = tuple(sorted([*eerder, (ctx.vandaag, u.totaal)])[-HISTORIE_WEKEN:])
        instelling = ctx.referentiedata.instelling(self.brin)
        dashboard = Dashboard(
            brin=self.brin, naam=instelling.naam if instelling else "", stand_per=ctx.vandaag,
            schooljaar=ctx.schooljaar, inschrijvingen_1okt=u.inschrijvingen_1okt,
            met_nieuwe_periode=u.met_nieuwe_periode, tellingen=u.tellingen, historie=historie, codes=CODES)
        grafiek = grafiek_png(dashboard)
        dag = f"{ctx.vandaag:%Y%m%d}"
        self.bestanden = [
            (SOORT_KWC, f"KWC_{self.brin}_{dag}.csv", als_csv(self.regels)),
            (SOORT_HTML, f"DASHBOARD_{self.brin}_{dag}.html", als_html(dashboard, grafiek)),
            (SOORT_PDF, f"DASHBOARD_{self.brin}_{dag}.pdf", als_pdf(dashboard, grafiek)),
        ]


@dataclass(frozen=True, slots=True)
class _BrpKort:
    """What the KWC reads of a BRP person (the achternaam column, KW02): the fields of
    ``persoon_naar_domein`` it uses, without building addresses for a million pupils."""

    voorvoegsels: str | None
    achternaam: str
    datum_overlijden: date | None


def _brp_kort(gegevens: dict) -> _BrpKort:
    overleden = gegevens.get("datumOverlijden")
    return _BrpKort(gegevens.get("voorvoegsels"), gegevens["achternaam"],
                    date.fromisoformat(overleden) if overleden else None)


def _dag(moment: datetime) -> date:
    return moment.date()


def _achternaam(brp) -> str:
    """The KWC's achternaam column: voorvoegsels and achternaam from the BRP ("de Graaf");
    empty for a pupil not in the BRP."""
    return " ".join(filter(None, (brp.voorvoegsels, brp.achternaam))) if brp is not None else ""


# -- files ---------------------------------------------------------------------------------

def bestanden_van(register, brin: str):
    """The files of ``brin`` younger than 90 days (newest first), without their content."""
    with register.lezen() as sessie:
        return BestandenRepository(sessie).lijst(brin, register.klok.nu() - BEWAARTERMIJN)


def bestand(register, brin: str, naam: str) -> bytes | None:
    with register.lezen() as sessie:
        return BestandenRepository(sessie).lees(brin, naam, register.klok.nu() - BEWAARTERMIJN)


# -- schedule ------------------------------------------------------------------------------

def is_aan_de_beurt(vandaag: date, dag: int, laatste: date | None) -> bool:
    """Weekly: on weekday ``dag`` unless a run was made today already; and any day once a
    run is overdue (more than 7 days since the last one, e.g. the server was down)."""
    if laatste is not None and laatste >= vandaag:
        return False
    if laatste is not None and (vandaag - laatste).days > 7:
        return True
    return vandaag.weekday() == dag


class KwcPlanner:
    """The weekly KWC inside ``serve``: a daemon thread that looks every ``interval``
    seconds (the first look after one interval) whether a run is due by the service clock."""

    def __init__(self, register, dag: int, interval: float = 300.0,
                 draai_fn: Callable[..., list[Schooluitkomst]] = draai) -> None:
        self.register, self.dag, self.interval, self._draai = register, dag, interval, draai_fn
        self._stop = threading.Event()
        self._draad: threading.Thread | None = None

    def controleer(self) -> bool:
        """Run the batch when it is due; returns whether it ran."""
        with self.register.lezen() as sessie:
            laatste = KwcRepository(sessie).laatste_rundatum()
        if not is_aan_de_beurt(self.register.klok.vandaag(), self.dag, laatste):
            return False
        uitkomsten = self._draai(self.register)
        log.info("kwc: %d scholen, %d signalen", len(uitkomsten), sum(u.totaal for u in uitkomsten))
        return True

    def _lus(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.controleer()
            except Exception:  # the next look tries again; the server keeps serving
                log.exception("kwc-run mislukt")

    def start(self) -> "KwcPlanner":
        self._draad = threading.Thread(target=self._lus, name="kwc-planner", daemon=True)
        self._draad.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._draad is not None:
            self._draad.join(timeout)
