"""Unit tests for the digitaal in- en uitschrijfbewijs decision (spec section 7, handbook
000 ch. 08): which bewijzen a change of one inschrijving sends, with the half-year
boundary (183 vs 184 days), ties, nil dates, and the cases that send nothing."""
from dataclasses import replace
from datetime import date, timedelta

import pytest

from rod_service.domain.bewijs import Bewijsstand, SoortBewijs
from rod_service.domain.inschrijving import Inschrijvingsstand, Periode
from rod_service.domain.pgn import bsn, onderwijsnummer
from rod_service.rules.bewijzen import (
    HALF_JAAR,
    bepaal_bewijzen,
    bewijsstand,
    is_opvolger,
)

IN, UIT = SoortBewijs.INSCHRIJFBEWIJS, SoortBewijs.UITSCHRIJFBEWIJS
PGN = bsn("999990007")


def inschrijving(brin, din, duit=None, volgnummer=None, pgn=PGN) -> Bewijsstand:
    return Bewijsstand(pgn, brin, volgnummer or f"{brin}-1", din, duit, f"{brin[:2]}1A001", f"{brin[:2]}1X001")


A = inschrijving("12AB", date(2022, 8, 1))  # the old school, still open
B = inschrijving("45GH", date(2026, 9, 1))  # the new school


def kort(bewijzen):
    """(to brin, volgnummer, soort, about brin, datum) per bewijs."""
    return [(b.eigen_brin, b.eigen_inschrijvingvolgnummer, b.soort, b.brin, b.datum) for b in bewijzen]


class TestNieuweInschrijving:
    def test_oude_school_open_krijgt_inschrijfbewijs(self):
        (bewijs,) = bepaal_bewijzen(None, B, [A])
        assert kort([bewijs]) == [("12AB", "12AB-1", IN, "45GH", date(2026, 9, 1))]
        assert (bewijs.onderwijsaanbieder, bewijs.onderwijslocatie) == ("451A001", "451X001")  # B's data
        assert bewijs.pgn == PGN

    def test_oude_school_met_uitschrijving_en_nieuwe_krijgt_uitschrijfbewijs(self):
        a = replace(A, datum_uitschrijving=date(2026, 7, 31))
        assert kort(bepaal_bewijzen(None, B, [a])) == [
            ("12AB", "12AB-1", IN, "45GH", date(2026, 9, 1)),
            ("45GH", "45GH-1", UIT, "12AB", date(2026, 7, 31)),
        ]

    @pytest.mark.parametrize("dagen, verstuurd", [(HALF_JAAR - 1, True), (HALF_JAAR, True), (HALF_JAAR + 1, False)])
    def test_half_jaar(self, dagen, verstuurd):
        a = replace(A, datum_uitschrijving=B.datum_inschrijving - timedelta(days=dagen))
        assert bool(bepaal_bewijzen(None, B, [a])) is verstuurd
        assert is_opvolger(a, B) is verstuurd

    def test_183_dagen_precies(self):
        assert (date(2026, 9, 1) - date(2026, 3, 2)).days == 183
        a = replace(A, datum_uitschrijving=date(2026, 3, 2))
        assert len(bepaal_bewijzen(None, B, [a])) == 2
        assert bepaal_bewijzen(None, B, [replace(a, datum_uitschrijving=date(2026, 3, 1))]) == []

    def test_uitschrijving_na_nieuwe_inschrijving(self):
        a = replace(A, datum_uitschrijving=date(2026, 12, 31))  # still enrolled: a dubbele inschrijving
        assert [b.soort for b in bepaal_bewijzen(None, B, [a])] == [IN, UIT]

    def test_meerdere_oude_scholen_allemaal(self):
        c = inschrijving("23CD", date(2025, 8, 1), date(2026, 8, 31))
        assert kort(bepaal_bewijzen(None, B, [A, c])) == [
            ("12AB", "12AB-1", IN, "45GH", date(2026, 9, 1)),
            ("23CD", "23CD-1", IN, "45GH", date(2026, 9, 1)),
            ("45GH", "45GH-1", UIT, "23CD", date(2026, 8, 31)),
        ]

    def test_ontvanger_krijgt_eigen_nummer_en_volgnummer(self):
        a = replace(A, pgn=onderwijsnummer("101234564"), inschrijvingvolgnummer="oud-7")
        (bewijs,) = bepaal_bewijzen(None, B, [a])
        assert (bewijs.pgn, bewijs.eigen_inschrijvingvolgnummer) == (a.pgn, "oud-7")

    def test_nooit_over_zichzelf(self):
        zelfde_school = inschrijving("45GH", date(2022, 8, 1), volgnummer="ander")
        assert bepaal_bewijzen(None, B, [zelfde_school]) == []

    def test_gelijke_datum_inschrijving(self):
        assert bepaal_bewijzen(None, B, [inschrijving("12AB", B.datum_inschrijving)]) == []

    def test_nieuwere_school_krijgt_geen_datum_inschrijving_van_eerdere(self):
        # the older inschrijving A is delivered after B: B learns nothing of A's datumInschrijving
        assert bepaal_bewijzen(None, A, [B]) == []

    def test_eerdere_inschrijving_met_uitschrijving_later_geleverd(self):
        # ... but A's datumUitschrijving is news for B ("set" by A's first stand); A gets nothing
        a = replace(A, datum_uitschrijving=date(2026, 8, 31))
        assert kort(bepaal_bewijzen(None, a, [B])) == [("45GH", "45GH-1", UIT, "12AB", date(2026, 8, 31))]

    def test_geen_andere_scholen(self):
        assert bepaal_bewijzen(None, B, []) == []


class TestWijziging:
    def test_ongewijzigd_niets(self):
        assert bepaal_bewijzen(B, B, [A]) == []

    def test_alleen_periode_gewijzigd_niets(self):
        assert bepaal_bewijzen(B, replace(B, onderwijsaanbieder="452A002", onderwijslocatie="452X002"), [A]) == []

    def test_datum_inschrijving_gewijzigd(self):
        a = replace(A, datum_uitschrijving=date(2026, 8, 31))
        nieuw = replace(B, datum_inschrijving=date(2026, 9, 14))
        assert kort(bepaal_bewijzen(B, nieuw, [a])) == [
            ("12AB", "12AB-1", IN, "45GH", date(2026, 9, 14)),
            ("45GH", "45GH-1", UIT, "12AB", date(2026, 8, 31)),
        ]

    def test_datum_inschrijving_verschoven_buiten_half_jaar(self):
        a = replace(A, datum_uitschrijving=date(2026, 8, 31))
        assert bepaal_bewijzen(B, replace(B, datum_inschrijving=date(2027, 3, 3)), [a]) == []

    def test_oude_school_zet_uitschrijving(self):
        assert kort(bepaal_bewijzen(A, replace(A, datum_uitschrijving=date(2026, 8, 31)), [B])) == [
            ("45GH", "45GH-1", UIT, "12AB", date(2026, 8, 31))]

    def test_oude_school_wijzigt_uitschrijving(self):
        oud = replace(A, datum_uitschrijving=date(2026, 8, 31))
        assert kort(bepaal_bewijzen(oud, replace(A, datum_uitschrijving=date(2026, 8, 28)), [B])) == [
            ("45GH", "45GH-1", UIT, "12AB", date(2026, 8, 28))]

    def test_oude_school_verwijdert_uitschrijving_nil(self):
        oud = replace(A, datum_uitschrijving=date(2026, 8, 31))
        assert kort(bepaal_bewijzen(oud, A, [B])) == [("45GH", "45GH-1", UIT, "12AB", None)]

    @pytest.mark.parametrize("dagen, verstuurd", [(HALF_JAAR, True), (HALF_JAAR + 1, False)])
    def test_uitschrijving_gezet_half_jaar_voor_nieuwe_inschrijving(self, dagen, verstuurd):
        # A was closed long before; it moves its datumUitschrijving (still before B): B hears only within the half year
        oud = replace(A, datum_uitschrijving=date(2025, 7, 31))
        nieuw = replace(A, datum_uitschrijving=B.datum_inschrijving - timedelta(days=dagen))
        assert bool(bepaal_bewijzen(oud, nieuw, [B])) is verstuurd

    def test_uitschrijving_uit_het_half_jaar_geschoven_meldt_de_nieuwe_datum(self):
        # B had A's date; A corrects it to long before: B still hears of the correction
        oud = replace(A, datum_uitschrijving=date(2026, 8, 31))
        nieuw = replace(A, datum_uitschrijving=date(2025, 12, 31))
        assert kort(bepaal_bewijzen(oud, nieuw, [B])) == [("45GH", "45GH-1", UIT, "12AB", date(2025, 12, 31))]

    def test_geen_uitschrijving_van_een_latere_inschrijving(self):
        # the new school B sets its own datumUitschrijving: the older A hears nothing
        assert bepaal_bewijzen(B, replace(B, datum_uitschrijving=date(2027, 7, 31)), [A]) == []

    def test_uitschrijving_gaat_naar_alle_nieuwere_scholen(self):
        c = inschrijving("23CD", date(2026, 10, 1))
        uit = bepaal_bewijzen(A, replace(A, datum_uitschrijving=date(2026, 8, 31)), [B, c])
        assert [(b.eigen_brin, b.datum) for b in uit] == [("45GH", date(2026, 8, 31)), ("23CD", date(2026, 8, 31))]

    def test_beide_datums_gewijzigd(self):
        oud = inschrijving("45GH", date(2026, 9, 1))
        nieuw = replace(oud, datum_inschrijving=date(2026, 9, 2), datum_uitschrijving=date(2026, 12, 31))
        c = inschrijving("23CD", date(2027, 1, 4))
        a = replace(A, datum_uitschrijving=date(2026, 8, 31))
        assert kort(bepaal_bewijzen(oud, nieuw, [a, c])) == [
            ("12AB", "12AB-1", IN, "45GH", date(2026, 9, 2)),
            ("45GH", "45GH-1", UIT, "12AB", date(2026, 8, 31)),
            ("23CD", "23CD-1", UIT, "45GH", date(2026, 12, 31)),
        ]


class TestVerwijdering:
    def test_nieuwe_inschrijving_verwijderd_nil_aan_oude_school(self):
        (bewijs,) = bepaal_bewijzen(B, None, [replace(A, datum_uitschrijving=date(2026, 8, 31))])
        assert kort([bewijs]) == [("12AB", "12AB-1", IN, "45GH", None)]
        assert bewijs.onderwijsaanbieder == "451A001"

    def test_oude_inschrijving_met_uitschrijving_verwijderd_nil_aan_nieuwe(self):
        a = replace(A, datum_uitschrijving=date(2026, 8, 31))
        assert kort(bepaal_bewijzen(a, None, [B])) == [("45GH", "45GH-1", UIT, "12AB", None)]

    def test_open_oude_inschrijving_verwijderd_niets(self):
        assert bepaal_bewijzen(A, None, [B]) == []

    def test_verwijderd_ver_na_half_jaar_niets(self):
        a = replace(A, datum_uitschrijving=date(2025, 7, 31))
        assert bepaal_bewijzen(B, None, [a]) == []


def test_bewijsstand_neemt_eerste_periode():
    def periode(begin, aanbieder):
        return Periode(datum_begin=begin, opleidingcode="3121", vestiging="12AB00", indicatie_bekostigbaar=True,
                       onderwijsaanbieder=aanbieder, onderwijslocatie=aanbieder.replace("A", "X"))
    stand = Inschrijvingsstand(pgn=PGN, brin="12AB", inschrijvingvolgnummer="v", datum_inschrijving=date(2024, 8, 1),
                               perioden=(periode(date(2025, 8, 1), "101A002"), periode(date(2024, 8, 1), "101A001")))
    b = bewijsstand(stand)
    assert (b.onderwijsaanbieder, b.onderwijslocatie, b.sleutel) == ("101A001", "101X001", ("12AB", "v"))
