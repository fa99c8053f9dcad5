"""Digitaal in- en uitschrijfbewijs: which bewijzen a change sends (spec section 7; handbook
000 ch. 08 'Het digitaal in– en uitschrijfbewijs').

Handbook: "Het systeem stuurt een bericht … zodra er sprake is van een wijziging van de in-
of uitschrijfdatum van een leerling … Dit gebeurt ook wanneer een in- of uitschrijfdatum is
verwijderd." "De oude school ontvangt een digitaal bericht met inschrijfdatum en de
instellingscode van de nieuwe school. De nieuwe school ontvangt een bericht met
uitschrijfdatum en de instellingscode van de oude school." "De school ontvangt geen datum
inschrijving van de voorgaande inschrijving. De school ontvangt geen datum uitschrijving
van de opvolgende inschrijving." "Als de datum uitschrijving bij school A langer dan een
half jaar geleden is en er komt een nieuwe inschrijving bij school B dan ontvangt school A
hier geen bericht over." "Worden er meerdere oude [nieuwe] scholen gevonden, dan worden ze
allemaal geïnformeerd."

:func:`bepaal_bewijzen` is a pure function of the changed inschrijving's old and new stand
and the other schools' stands of the same person.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..domain.bewijs import Bewijs, Bewijsstand, SoortBewijs
from ..domain.inschrijving import Inschrijvingsstand

#: "een half jaar": a datumUitschrijving at most this many days before the new datumInschrijving.
HALF_JAAR = 183


def bewijsstand(stand: Inschrijvingsstand) -> Bewijsstand:
    """The dates of ``stand`` and onderwijsaanbieder/onderwijslocatie of its first period
    (by datumBegin)."""
    eerste = min(stand.perioden, key=lambda p: p.datum_begin, default=None)
    return Bewijsstand(
        pgn=stand.pgn, brin=stand.brin, inschrijvingvolgnummer=stand.inschrijvingvolgnummer,
        datum_inschrijving=stand.datum_inschrijving, datum_uitschrijving=stand.datum_uitschrijving,
        onderwijsaanbieder=eerste.onderwijsaanbieder if eerste else None,
        onderwijslocatie=eerste.onderwijslocatie if eerste else None,
    )


def is_opvolger(oud: Bewijsstand, nieuw: Bewijsstand) -> bool:
    """Is ``nieuw`` the next school after ``oud`` as far as bewijzen go? Its
    datumInschrijving is after ``oud``'s, and ``oud`` is still open or its
    datumUitschrijving lies at most :data:`HALF_JAAR` days before that datumInschrijving
    (183 days: yes; 184: no; an uitschrijving after it — a dubbele inschrijving — too)."""
    if nieuw.datum_inschrijving <= oud.datum_inschrijving:
        return False
    return oud.datum_uitschrijving is None or (nieuw.datum_inschrijving - oud.datum_uitschrijving).days <= HALF_JAAR


def inschrijfbewijs(aan: Bewijsstand, over: Bewijsstand, *, verwijderd: bool = False) -> Bewijs:
    """To the old school ``aan``: the new school's brin, first period and datumInschrijving
    (nil when the new inschrijving was deleted)."""
    return Bewijs(aan.pgn, aan.brin, aan.inschrijvingvolgnummer, SoortBewijs.INSCHRIJFBEWIJS, over.brin,
                  over.onderwijsaanbieder, over.onderwijslocatie, None if verwijderd else over.datum_inschrijving)


def uitschrijfbewijs(aan: Bewijsstand, over: Bewijsstand, datum: date | None) -> Bewijs:
    """To the new school ``aan``: the old school's brin, first period and its
    datumUitschrijving ``datum`` (None: removed, nil)."""
    return Bewijs(aan.pgn, aan.brin, aan.inschrijvingvolgnummer, SoortBewijs.UITSCHRIJFBEWIJS, over.brin,
                  over.onderwijsaanbieder, over.onderwijslocatie, datum)


def bepaal_bewijzen(oud: Bewijsstand | None, nieuw: Bewijsstand | None,
                    andere: Iterable[Bewijsstand]) -> list[Bewijs]:
    """The bewijzen caused by one inschrijving X going from ``oud`` to ``nieuw`` (None: not
    stored before / deleted now). ``andere``: the person's inschrijvingen at the other
    schools, as stored (another inschrijving at X's own school is ignored: a school never
    gets a bewijs about itself).

    * X first stored, its datumInschrijving changed, or X deleted: every older school A
      (``is_opvolger(A, X)``) gets an INSCHRIJFBEWIJS with X's datumInschrijving (nil when
      deleted); X gets an UITSCHRIJFBEWIJS for each such A with a datumUitschrijving.
    * X's datumUitschrijving set (also by X's first stand), changed, or removed (also by
      deleting X): every newer school B — after X's datumInschrijving and within the half
      year before or after the change — gets an UITSCHRIJFBEWIJS (nil when removed).
    * Anything else (a changed period, an unchanged re-delivery) sends nothing.
    """
    huidig = nieuw or oud
    if huidig is None:
        return []
    andere = [a for a in andere if a.brin != huidig.brin]
    bewijzen: list[Bewijs] = []
    inschrijving_gewijzigd = oud is None or nieuw is None or oud.datum_inschrijving != nieuw.datum_inschrijving
    uitschrijving_gewijzigd = _uit(oud) != _uit(nieuw)
    if inschrijving_gewijzigd:
        for a in andere:
            if nieuw is None:
                if is_opvolger(a, oud):
                    bewijzen.append(inschrijfbewijs(a, oud, verwijderd=True))
            elif is_opvolger(a, nieuw):
                bewijzen.append(inschrijfbewijs(a, nieuw))
                if a.datum_uitschrijving is not None:
                    bewijzen.append(uitschrijfbewijs(nieuw, a, a.datum_uitschrijving))
    if uitschrijving_gewijzigd:
        for b in andere:
            if b.datum_inschrijving > huidig.datum_inschrijving and (
                    is_opvolger(huidig, b) or (oud is not None and is_opvolger(oud, b))):
                bewijzen.append(uitschrijfbewijs(b, huidig, _uit(nieuw)))
    return bewijzen


def _uit(stand: Bewijsstand | None) -> date | None:
    return stand.datum_uitschrijving if stand is not None else None
