"""Uitslag-, herkansings-, resultaat- and werkstukgegevens: KW22–KW30 (handbook 000 ch. 16).

"De controles op de examenresultaten in het KWC vinden plaats in de periode van 1 augustus
tot 1 februari … de betreffende examensignalen, van het afgelopen examenregime": every check
here judges results of :attr:`~.context.Kwccontext.examenregime` only, KW22 from 1 September,
KW23–KW26 and KW28–KW30 from 1 August, each up to and including 1 February; KW27 runs the
whole schooljaar. KW24 and KW25 concern an examenkandidaat without results, so they take an
inschrijving; KW27 needs history and takes what the batch remembered.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ...domain.examenresultaat import Examenresultaat
from ...domain.kalender import Schooljaar
from ...domain.signalen import Signaal, signaal
from ..bekostiging.periode import periode_op
from ..examen.volledigheid import ontbrekend
from ..overzichten import overlapt
from .context import Kwccontext, KwcExamenresultaat, KwcInschrijving
from .datums import in_examenvenster, in_kw22_venster

GESLAAGD = "GESLAAGD"


def _van_regime(e: KwcExamenresultaat, ctx: Kwccontext) -> bool:
    return e.resultaat.examenregime == ctx.examenregime


def kw22_geen_inschrijving_op_datum_uitslag(e: KwcExamenresultaat, ctx: Kwccontext) -> list[Signaal]:
    """KW22 "De leerling heeft op datum uitslag geen geldige inschrijving bij de school. De
    controle wordt uitgevoerd tussen 1 sept van het betreffende examenregime tot 1 februari
    van het opvolgende jaar. De 'datum uitslag' mag niet na de 'datum uitschrijving' liggen"."""
    er = e.resultaat
    if not (_van_regime(e, ctx) and in_kw22_venster(ctx.vandaag, er.examenregime)) or er.datum_uitslag is None:
        return []
    if any(i.loopt_op(er.datum_uitslag) for i in e.inschrijvingen):
        return []
    return [signaal("KW22", element="uitslag/datumUitslag")]


def kw23_geslaagd_nog_ingeschreven(e: KwcExamenresultaat, ctx: Kwccontext) -> list[Signaal]:
    """KW23 "De leerling staat … als geslaagd, maar is (nog) niet uitgeschreven … bekend met
    een actieve inschrijving in het nieuwe schooljaar": an inschrijving at this school that
    runs on or after 1 August of the schooljaar following the examen ("Leerlingen die zijn
    geslaagd en op een hoger niveau verder gaan … kunt u het signaal negeren")."""
    er = e.resultaat
    if not (_van_regime(e, ctx) and in_examenvenster(ctx.vandaag, er.examenregime)):
        return []
    if er.uitslag is None or er.uitslag.resultaat != GESLAAGD:
        return []
    nieuw = Schooljaar(er.examenregime)
    if any(overlapt(i.datum_inschrijving, i.datum_uitschrijving, nieuw.begin, nieuw.einde) for i in e.inschrijvingen):
        return [signaal("KW23", element="uitslag/resultaat")]
    return []


def is_examenkandidaat(i: KwcInschrijving, ctx: Kwccontext, *, zonder_bb: bool = False) -> bool:
    """Handbook 000 ch. 15 "Examenkandidaten: het aantal leerlingen dat op 1 mei is
    ingeschreven in het laatste leerjaar van de opleiding" (of the examenregime), not
    praktijkonderwijs (no examen); ``zonder_bb``: "Berekend aantal SE o.b.v. inschrijving 1/5
    (excl. VMBO BBL)"."""
    g = periode_op(i.stand, date(ctx.examenregime, 5, 1))
    if g is None or g.periode.leerjaar is None:
        return False
    opleiding = ctx.opleiding(g.periode.opleidingcode)
    if opleiding is None or opleiding.is_praktijkonderwijs or (zonder_bb and opleiding.niveau == "VMBO_BB"):
        return False
    return g.periode.leerjaar == opleiding.laatste_leerjaar


def _resultaten(i: KwcInschrijving, ctx: Kwccontext) -> list[Examenresultaat]:
    return [er for er in i.examenresultaten if er.examenregime == ctx.examenregime]


def _vakken(resultaten: Iterable[Examenresultaat]):
    return (vak for er in resultaten for lijst in er.cijferlijsten for vak in lijst.vakken)


def kw24_se_verwacht(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW24 "Er wordt een melding gegeven als er geen SE is geleverd voor een
    examenkandidaat, terwijl dit wel verwacht was": an examenkandidaat (VMBO BB excluded)
    without a schoolexamen on any vak of a result of the examenregime at this school, unless
    a result says teruggetrokken."""
    if not in_examenvenster(ctx.vandaag, ctx.examenregime) or not is_examenkandidaat(i, ctx, zonder_bb=True):
        return []
    resultaten = _resultaten(i, ctx)
    if any(er.indicatie_teruggetrokken for er in resultaten) or any(v.schoolexamen for v in _vakken(resultaten)):
        return []
    return [signaal("KW24")]


def kw25_ce_verwacht(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW25 "Er wordt een melding gegeven als er geen CE is geleverd voor een
    examenkandidaat, terwijl dit wel verwacht was": an examenkandidaat without any
    centraalExamen in a result of the examenregime at this school, unless a result says
    teruggetrokken or gespreid examen (a first gespreid year may hold no CE yet)."""
    if not in_examenvenster(ctx.vandaag, ctx.examenregime) or not is_examenkandidaat(i, ctx):
        return []
    resultaten = _resultaten(i, ctx)
    if any(er.indicatie_teruggetrokken or er.indicatie_gespreid_examen for er in resultaten):
        return []
    if any(v.centraal_examens for v in _vakken(resultaten)):
        return []
    return [signaal("KW25")]


def kw26_uitslag_verwacht(e: KwcExamenresultaat, ctx: Kwccontext) -> list[Signaal]:
    """KW26 "Het Register Onderwijsdeelnemers verwacht een uitslag als er voor minimaal één
    vak een CE-resultaat voor het betreffende examenregime is geleverd, behalve als het gaat
    om een examenresultaat met de indicatie 'Ja' bij: Teruggetrokken; Doorlopende leerlijn;
    Gespreid examen en er is geen resultaat vastgelegd in het vorige examenregime; Eerder
    leerjaar en er is geen resultaat vastgelegd in het vorige examenregime"."""
    er = e.resultaat
    if not (_van_regime(e, ctx) and in_examenvenster(ctx.vandaag, er.examenregime)) or er.uitslag is not None:
        return []
    if not any(v.centraal_examens for v in _vakken([er])):
        return []
    if er.indicatie_teruggetrokken or er.indicatie_doorlopende_leerlijn:
        return []
    if (er.indicatie_gespreid_examen or er.indicatie_eerder_leerjaar) and not e.vorig_regime_geleverd:
        return []
    return [signaal("KW26", element="uitslag")]


def kw28_herkansing_zonder_resultaat(e: KwcExamenresultaat, ctx: Kwccontext) -> list[Signaal]:
    """KW28 "De leerling heeft een herkansing voor het afgelopen examenregime. Het Register
    Onderwijsdeelnemers verwacht nog een nieuw vakresultaat van deze herkansing": a herkansing
    of the examenregime without a centraalExamen of that vak in that tijdvak (EX53's rule)."""
    er = e.resultaat
    if not (_van_regime(e, ctx) and in_examenvenster(ctx.vandaag, er.examenregime)):
        return []
    afgelegd = {(v.vakcode, ce.tijdvak) for v in _vakken([er]) for ce in v.centraal_examens}
    return [signaal("KW28", element=f"herkansing[{k}]") for k, h in enumerate(er.herkansingen, 1)
            if h.examenregime == er.examenregime and (h.vakcode, h.tijdvak) not in afgelegd]


def kw29_vak_niet_compleet(e: KwcExamenresultaat, ctx: Kwccontext) -> list[Signaal]:
    """KW29 "Voor alle vakken die op de cijferlijst staan, moeten alle vereiste cijfers en/of
    beoordelingen worden aangeleverd" (EX52's rule, ``rules.examen.volledigheid.ontbrekend``):
    one signal per incomplete vak."""
    er = e.resultaat
    if not (_van_regime(e, ctx) and in_examenvenster(ctx.vandaag, er.examenregime)):
        return []
    return [signaal("KW29", element=f"cijferlijst[{i}]/vak[{j}]")
            for i, lijst in enumerate(er.cijferlijsten, 1) for j, vak in enumerate(lijst.vakken, 1)
            if ontbrekend(vak, ctx.referentiedata)]


def kw30_werkstuk_met_decimaal(e: KwcExamenresultaat, ctx: Kwccontext) -> list[Signaal]:
    """KW30 "Een cijfer werkstuk mag alleen een tiental bevatten (bijvoorbeeld 70) en geen
    cijfers achter de komma (bijvoorbeeld 69)" (EX51's rule)."""
    er = e.resultaat
    if not (_van_regime(e, ctx) and in_examenvenster(ctx.vandaag, er.examenregime)):
        return []
    return [signaal("KW30", element=f"cijferlijst[{i}]/werkstuk/cijfer")
            for i, lijst in enumerate(er.cijferlijsten, 1)
            if lijst.werkstuk is not None and lijst.werkstuk.resultaat.cijfer is not None
            and lijst.werkstuk.resultaat.cijfer % 10 != 0]


def had_uitslag_op_peildatum(stand: dict, sj: Schooljaar) -> bool:
    """KW27's peil: the result had an uitslag dated before 1 August of the current schooljaar
    ("Er op 1-8 van het lopende schooljaar een examenresultaat en een uitslag was")."""
    uitslag = stand.get("uitslag") or {}
    datum = uitslag.get("datumUitslag")
    return bool(uitslag) and datum is not None and date.fromisoformat(datum) < sj.begin


def kw27_volledig_verwijderd(stand: dict, verwijderd_op: date, opnieuw_geleverd: bool,
                             ctx: Kwccontext) -> list[Signaal]:
    """KW27, first case: "Er op 1-8 van het lopende schooljaar een examenresultaat en een
    uitslag was, maar de volledige examenresultaten inclusief uitslag, daarna zijn
    verwijderd" (``stand``: the deleted stand as the verwijdering trail keeps it). Not when a
    result under the same key was delivered again with an uitslag. "Bij de start van een
    nieuw schooljaar 'verschuift' de controle een jaar"."""
    sj = ctx.schooljaar
    if verwijderd_op < sj.begin or opnieuw_geleverd or not had_uitslag_op_peildatum(stand, sj):
        return []
    return [signaal("KW27", element="uitslag")]


def kw27_uitslag_verwijderd(had_uitslag: bool, heeft_uitslag: bool) -> list[Signaal]:
    """KW27, second case: "Alleen de uitslag na 1-8 van het lopende schooljaar is verwijderd
    maar de vakken en resultaten er nog wel in staan": the batch saw an uitslag dated before
    1-8 in a run of this schooljaar (``had_uitslag``) and the stand now has none."""
    return [signaal("KW27", element="uitslag")] if had_uitslag and not heeft_uitslag else []
