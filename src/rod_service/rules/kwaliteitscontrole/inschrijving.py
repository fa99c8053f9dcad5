"""Inschrijvingsgegevens and verzuimgegevens: KW01–KW04, KW31 (handbook 000 ch. 16
"Inschrijvingsgegevens", "Verzuimgegevens")."""
from __future__ import annotations

from datetime import timedelta

from ...domain.kalender import een_jaar_na
from ...domain.signalen import Signaal, signaal
from ..inschrijving import pad
from .context import Kwccontext, KwcInschrijving
from .datums import plus_maanden

GEWIJZIGD_BINNEN = timedelta(days=90)
MAANDEN_ZONDER_BSN = 9
MAANDEN_VERZUIM = 6


def kw01_inschrijving_ver_in_toekomst(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW01 "Datum inschrijving onwaarschijnlijk ver in de toekomst: De datum inschrijving
    ligt meer dan één jaar in de toekomst" (IS15's weekly twin: exactly one year is fine)."""
    if i.stand.datum_inschrijving > een_jaar_na(ctx.vandaag):
        return [signaal("KW01", element="datumInschrijving")]
    return []


def kw02_uitschrijving_na_overlijden(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW02 "Leerling is overleden en de datum uitschrijving is niet gevuld of ligt na datum
    overlijden" (datumOverlijden from the BRP; on the day itself is fine)."""
    overleden, uit = i.datum_overlijden, i.stand.datum_uitschrijving
    if overleden is not None and (uit is None or uit > overleden):
        return [signaal("KW02", element="datumUitschrijving")]
    return []


def kw03_uitschrijving_met_open_verzuim(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW03 "voor een inschrijving, die ergens de afgelopen 90 dagen gemuteerd is, waarbij de
    datum uitschrijving gevuld is én er nog een openstaande verzuim melding aanwezig is"
    (open: no einddatum). One signal per open melding."""
    if i.stand.datum_uitschrijving is None or i.gewijzigd_op < ctx.vandaag - GEWIJZIGD_BINNEN:
        return []
    return [signaal("KW03", element=pad("verzuimmelding", n, "datumEind"))
            for n, v in enumerate(i.stand.verzuimmeldingen, 1) if v.datum_eind is None]


def kw04_zonder_bsn_na_negen_maanden(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW04 "Leerling staat langer dan 9 maanden ingeschreven met een onderwijsnummer vanaf de
    eerste inschrijving bij DUO in het primair of voortgezet onderwijs waarvan nog geen
    burgerservicenummer is geregistreerd": ROD knows no BSN, the inschrijving runs today and
    the first PO/VO inschrijving began more than 9 months ago."""
    if not i.met_onderwijsnummer or i.eerste_inschrijving is None:
        return []
    loopt = i.stand.datum_inschrijving <= ctx.vandaag and (
        i.stand.datum_uitschrijving is None or i.stand.datum_uitschrijving >= ctx.vandaag)
    if loopt and plus_maanden(i.eerste_inschrijving, MAANDEN_ZONDER_BSN) < ctx.vandaag:
        return [signaal("KW04", element="onderwijsnummer")]
    return []


def kw31_verzuim_lang_open(i: KwcInschrijving, ctx: Kwccontext) -> list[Signaal]:
    """KW31 "De verzuimmelding staat al 6 maanden of langer open": no einddatum and begun on
    or before today minus 6 months. One signal per melding."""
    return [signaal("KW31", element=pad("verzuimmelding", n))
            for n, v in enumerate(i.stand.verzuimmeldingen, 1)
            if v.datum_eind is None and plus_maanden(v.datum_begin, MAANDEN_VERZUIM) <= ctx.vandaag]
