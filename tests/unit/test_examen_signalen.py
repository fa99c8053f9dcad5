"""EX51–EX54, EX56 and EX57 with their boundaries, and the attentie register (order,
soort). EX55 has its own table in test_slaagzakregeling.py, whose cijferlijst notation
(``vakcode:eindcijfer/ce@vlaggen``) and base lists are reused here."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import ClassVar

import pytest

from rod_service.domain.examenresultaat import Beoordeeld, Herkansing, Uitslag, Werkstuk
from rod_service.domain.signalen import Soort, afgekeurd
from rod_service.referentiedata import ReferentiedataFout, laad, lees
from rod_service.referentiedata.loader import naar_domein
from rod_service.rules import examen
from rod_service.rules.examen import (
    cumlaude,
    inschrijving,
    vakkenpakket,
    volledigheid,
    werkstuk,
)
from rod_service.rules.examen.context import Examencontext, InschrijvingOpSchool

from .test_slaagzakregeling import HAVO, REF, TL, VANDAAG, bericht, met, zonder

DATUM_UITSLAG = date(2026, 7, 10)
OPEN = (InschrijvingOpSchool("2021-0090", date(2021, 8, 1)),)


def context(inschrijvingen=OPEN) -> Examencontext:
    return Examencontext(REF, VANDAAG, True, inschrijvingen)


def signalen(regel, b, ctx=None) -> list[tuple[str, str | None]]:
    return [(s.code, s.element) for s in regel(b, ctx or context())]


def met_werkstuk(b, *resultaten: Beoordeeld):
    lijsten = tuple(replace(lijst, werkstuk=Werkstuk("99", "Titel", r))
                    for lijst, r in zip(b.cijferlijsten, resultaten, strict=True))
    return replace(b, cijferlijsten=lijsten)


class TestEX51Werkstuk:
    @pytest.mark.parametrize("cijfer, fout", [(10, False), (69, True), (70, False), (71, True), (65, True),
                                              (100, False), (99, True)])
    def test_alleen_tientallen(self, cijfer, fout):
        b = met_werkstuk(bericht("HAVO", HAVO), Beoordeeld(cijfer=cijfer))
        verwacht = [("EX51", "cijferlijst[1]/werkstuk/cijfer")] if fout else []
        assert signalen(werkstuk.ex51_werkstukcijfer_zonder_decimaal, b) == verwacht

    def test_beoordeling_en_geen_werkstuk(self):
        assert signalen(werkstuk.ex51_werkstukcijfer_zonder_decimaal,
                        met_werkstuk(bericht("VMBO_TL", TL), Beoordeeld(beoordeling="V"))) == []
        assert signalen(werkstuk.ex51_werkstukcijfer_zonder_decimaal, bericht("HAVO", zonder(HAVO, "ws"))) == []

    def test_per_cijferlijst_ook_zonder_uitslag(self):
        b = met_werkstuk(bericht("HAVO", HAVO, HAVO, uitslag=None), Beoordeeld(cijfer=70), Beoordeeld(cijfer=68))
        assert signalen(werkstuk.ex51_werkstukcijfer_zonder_decimaal, b) == [("EX51", "cijferlijst[2]/werkstuk/cijfer")]


class TestEX52VakCompleet:
    def ex52(self, tokens, niveau="HAVO", **kw):
        return signalen(volledigheid.ex52_vak_compleet, bericht(niveau, tokens, **kw))

    def test_compleet(self):
        """CE vakken with SE, CE and eindcijfer; maw/ckv (combinatiecijfer) SE + eindcijfer;
        lo SE + eindbeoordeling."""
        assert self.ex52(HAVO) == []
        assert self.ex52(TL, "VMBO_TL") == []

    def test_ce_vak_zonder_centraal_examen(self):
        assert self.ex52(met(HAVO, "ec:7")) == [("EX52", "cijferlijst[1]/vak[4]/centraalExamen")]

    def test_ook_in_het_vrije_deel(self):
        """Aardrijkskunde keeps its CE in the vrije deel: the examendeel does not waive it."""
        assert self.ex52(met(HAVO, "ak:7@v")) == [("EX52", "cijferlijst[1]/vak[6]/centraalExamen")]

    def test_schoolexamenvak_zonder_ce_is_compleet(self):
        """Maatschappijleer, lo, ckv, wiskunde D have no centraal examen."""
        assert self.ex52(met(HAVO, "maw:7@c", "wd:8@v", "lo:G")) == []

    def test_niets_dan_een_ce(self):
        assert self.ex52(met(HAVO, "ec:-/66")) == [("EX52", "cijferlijst[1]/vak[4]/schoolexamen"),
                                                  ("EX52", "cijferlijst[1]/vak[4]/eindcijfer")]

    def test_zonder_eindcijfer(self):
        assert self.ex52(met(HAVO, "ec:s70/66")) == [("EX52", "cijferlijst[1]/vak[4]/eindcijfer")]

    def test_beoordelingsvak_zonder_iets(self):
        assert self.ex52(met(HAVO, "lo:-")) == [("EX52", "cijferlijst[1]/vak[9]/schoolexamen"),
                                               ("EX52", "cijferlijst[1]/vak[9]/eindcijfer")]

    def test_combinatiecijferdeel_heeft_een_eindcijfer_nodig(self):
        assert self.ex52(met(HAVO, "maw:V@c")) == [("EX52", "cijferlijst[1]/vak[7]/eindcijfer")]

    def test_reden_niet_deelname(self):
        assert self.ex52(met(HAVO, "ec:-@r", "lo:-@r")) == []

    def test_ook_geen_diplomavak_moet_compleet(self):
        """Handbook 000 ch. 16: every vak on the cijferlijst, also with indicatieDiplomavak 'Nee'."""
        assert self.ex52(met(HAVO, "fa:7@vx")) == [("EX52", "cijferlijst[1]/vak[10]/centraalExamen")]

    def test_ook_zonder_uitslag(self):
        assert self.ex52(met(HAVO, "ec:7"), uitslag=None) == [("EX52", "cijferlijst[1]/vak[4]/centraalExamen")]

    def test_vak_zonder_ce_vlag_vraagt_geen_ce(self):
        """Reference data without ``centraalExamen`` (older files): never asks for a CE."""
        assert self.ex52(met(HAVO, "kv1:7")) == []


class TestEX53Herkansing:
    MET_HERKANSING = met(HAVO, "wa:6/48+58")  # wiskunde A in tijdvak 1 and 2

    def ex53(self, *herkansingen, tokens=MET_HERKANSING):
        return signalen(volledigheid.ex53_herkansing_heeft_resultaat,
                        bericht("HAVO", tokens, herkansingen=tuple(herkansingen)))

    def test_resultaat_in_dat_tijdvak(self):
        assert self.ex53(Herkansing("wa", 2026, 2)) == []

    def test_geen_resultaat_in_dat_tijdvak(self):
        assert self.ex53(Herkansing("wa", 2026, 3)) == [("EX53", "herkansing[1]")]
        assert self.ex53(Herkansing("wa", 2026, 2), tokens=HAVO) == [("EX53", "herkansing[1]")]

    def test_ander_vak(self):
        assert self.ex53(Herkansing("wa", 2026, 2), Herkansing("ec", 2026, 2)) == [("EX53", "herkansing[2]")]

    def test_vak_niet_op_de_lijst(self):
        assert self.ex53(Herkansing("fa", 2026, 1)) == [("EX53", "herkansing[1]")]

    def test_ander_examenregime_niet_beoordeeld(self):
        assert self.ex53(Herkansing("ec", 2025, 2)) == []


class TestEX54InschrijvingOpDatumUitslag:
    @pytest.mark.parametrize("inschrijvingen, fout", [
        (OPEN, False),
        ((), True),
        ((InschrijvingOpSchool("1", date(2021, 8, 1), DATUM_UITSLAG),), False),           # out on the day: inclusive
        ((InschrijvingOpSchool("1", date(2021, 8, 1), date(2026, 7, 9)),), True),         # out the day before
        ((InschrijvingOpSchool("1", DATUM_UITSLAG),), False),                              # in on the day
        ((InschrijvingOpSchool("1", date(2026, 7, 11)),), True),                           # in the day after
        ((InschrijvingOpSchool("1", date(2020, 8, 1), date(2021, 7, 31)), OPEN[0]), False),  # any of them
    ])
    def test_grenzen(self, inschrijvingen, fout):
        b = bericht("HAVO", HAVO)
        verwacht = [("EX54", "uitslag/datumUitslag")] if fout else []
        assert signalen(inschrijving.ex54_inschrijving_op_datum_uitslag, b, context(inschrijvingen)) == verwacht

    def test_zonder_uitslag(self):
        assert signalen(inschrijving.ex54_inschrijving_op_datum_uitslag, bericht("HAVO", HAVO, uitslag=None),
                        context(())) == []


class TestEX56Vakkenpakket:
    def ex56(self, b):
        return signalen(vakkenpakket.ex56_gemeenschappelijk_deel_compleet, b)

    def test_compleet(self):
        assert self.ex56(bericht("HAVO", HAVO)) == []
        assert self.ex56(bericht("VMBO_TL", TL)) == []

    def test_ontbrekende_vakken_in_volgorde_van_de_referentiedata(self):
        assert self.ex56(bericht("HAVO", zonder(zonder(HAVO, "ckv"), "maw"))) == [
            ("EX56", "cijferlijst[1]/vak[vakcode='maw']"), ("EX56", "cijferlijst[1]/vak[vakcode='ckv']")]

    def test_per_cijferlijst(self):
        assert self.ex56(bericht("HAVO", HAVO, zonder(HAVO, "ne"))) == [("EX56", "cijferlijst[2]/vak[vakcode='ne']")]

    def test_vrijstelling_hoort_bij_het_pakket(self):
        assert self.ex56(bericht("HAVO", met(HAVO, "lo:-@r"))) == []

    def test_inruil_vervangt(self):
        b = bericht("HAVO", met(zonder(HAVO, "ckv"), "fa:7/70@v"))
        (lijst,) = b.cijferlijsten
        inruil = replace(lijst.vakken[-1], indicatie_inruil=True, vervangen_vak="ckv")
        b = replace(b, cijferlijsten=(replace(lijst, vakken=lijst.vakken[:-1] + (inruil,)),))
        assert self.ex56(b) == []

    @pytest.mark.parametrize("wijziging", [{"uitslag": None},
                                           {"uitslag": Uitslag("GESLAAGD", "CERTIFICAAT", False, DATUM_UITSLAG)},
                                           {"indicatie_gespreid_examen": True}])
    def test_alleen_bij_een_diploma_uitslag(self, wijziging):
        assert self.ex56(bericht("HAVO", zonder(HAVO, "maw"), **wijziging)) == []


# HAVO cum laude: E 8 everywhere. The average runs over ne en wa ec gs (gemeenschappelijk
# and profieldeel), the combinatiecijfer and the best vrij-deel vak ak: 7 × 8 / 7 = 8,0.
CUM_LAUDE = "ne:8/80 en:8/80 wa:8/80 ec:8/80 gs:8/80 ak:8/80@v maw:8@c ckv:8@c ws:80 lo:V cc:8"


class TestEX57CumLaude:
    def ex57(self, niveau, tokens, resultaat="GESLAAGD", soort="DIPLOMA", **kw):
        b = bericht(niveau, tokens, uitslag=Uitslag(resultaat, soort, True, DATUM_UITSLAG), **kw)
        return signalen(cumlaude.ex57_cum_laude, b)

    FOUT: ClassVar = [("EX57", "uitslag/indicatieCumLaude")]

    def test_niet_aangegeven(self):
        assert signalen(cumlaude.ex57_cum_laude, bericht("HAVO", HAVO)) == []

    def test_gemiddeld_precies_acht(self):
        assert self.ex57("HAVO", CUM_LAUDE) == []
        assert self.ex57("VWO", CUM_LAUDE) == []

    def test_gemiddeld_onder_acht(self):
        """ec 7: (8·6 + 7)/7 = 55/7 = 7,86 — not rounded to 8."""
        assert self.ex57("HAVO", met(CUM_LAUDE, "ec:7/70")) == self.FOUT

    def test_een_zes_mag_op_havo_niet_op_vwo(self):
        """ne 6, en 9, wa 9: (6+9+9+8+8+8+8)/7 = 56/7 = 8,0. Havo allows a 6, vwo needs 7."""
        tokens = met(CUM_LAUDE, "ne:6/60", "en:9/90", "wa:9/90")
        assert self.ex57("HAVO", tokens) == []
        assert self.ex57("VWO", tokens) == self.FOUT

    def test_een_vijf_nooit(self):
        """ne 5, en 10, wa 9: 56/7 = 8,0, geslaagd (one 5), but an eindcijfer below 6."""
        assert self.ex57("HAVO", met(CUM_LAUDE, "ne:5/60", "en:10/95", "wa:9/90")) == self.FOUT

    def test_alleen_het_beste_vak_van_het_vrije_deel_telt_mee_in_het_gemiddelde(self):
        """ec 7, and ak 10 and fa 6 in the vrije deel: the average takes the best vrij-deel
        vak only, (8·5 + 7 + 10)/7 = 57/7 = 8,14 (with fa it would be 63/8 = 7,875). fa 6
        still counts for the minimum: fine on havo, not on vwo."""
        tokens = met(CUM_LAUDE, "ec:7/70", "ak:10/95@v", "fa:6/60@v")
        assert self.ex57("HAVO", tokens) == []
        assert self.ex57("VWO", tokens) == self.FOUT

    def test_extra_vak_telt_niet(self):
        assert self.ex57("VWO", met(CUM_LAUDE, "fa:5/50@vx")) == []

    def test_combinatiecijfer_onderdelen_mogen_lager(self):
        """vwo: maw 5, ckv 9, pws 8 → combinatiecijfer 7 ≥ 7; the 5 does not count.
        Average (8·5 + 7 + 9)/7 = 8,0 with ak 9."""
        tokens = met(CUM_LAUDE, "maw:5@c", "ckv:9@c", "ws:80", "cc:7", "ak:9/90@v")
        assert self.ex57("VWO", tokens) == []

    def test_zonder_diploma_geen_cum_laude(self):
        assert self.ex57("HAVO", CUM_LAUDE, resultaat="AFGEWEZEN") == self.FOUT
        assert self.ex57("HAVO", CUM_LAUDE, soort="CERTIFICAAT") == self.FOUT

    def test_volgens_de_regels_afgewezen(self):
        """All 8s but lo onvoldoende: not geslaagd, so no cum laude (EX55 says the rest)."""
        assert self.ex57("HAVO", met(CUM_LAUDE, "lo:O")) == self.FOUT

    def test_vmbo_tl(self):
        """ne en wi ec maw 8, vrij ak 9 and gs 6: (8·5 + 9)/6 = 8,17; gs 6 is allowed (minimum 6)."""
        tokens = "ne:8/80 en:8/80 wi:8/80 ec:8/80 ak:9/90@v gs:6/60@v maw:8 lo:V ckv:V ws:G"
        assert self.ex57("VMBO_TL", tokens) == []
        assert self.ex57("VMBO_TL", met(tokens, "ec:7/70", "ak:8/80@v")) == self.FOUT  # (8·4 + 7 + 8)/6 = 7,83

    def test_vmbo_gl_combinatiecijfer_als_vrij_deel(self):
        """gl: the combinatiecijfer (profielvak and keuzevakken, vrije deel) competes for the
        vrij-deel place: ne en wi bi maw 8 and combinatiecijfer 9 → (8·5 + 9)/6 = 8,17."""
        tokens = "ne:8/80 en:8/80 wi:8/80 bi:8/80 maw:8 lo:V ckv:V ws:V bgp:9/90@vc kv1:9@vc kv2:9@vc"
        assert self.ex57("VMBO_GL", tokens) == []

    def test_niet_beoordeeld(self):
        assert self.ex57("HAVO", met(CUM_LAUDE, "ec:7/70"), indicatie_gespreid_examen=True) == []
        assert self.ex57("HAVO", met(CUM_LAUDE, "ec:7")) == []  # incomplete: EX52


class TestRegister:
    def test_volgorde_ex51_tot_ex57(self):
        namen = [r.__name__ for r in examen.ATTENTIEREGELS]
        assert [n[:4] for n in namen] == ["ex51", "ex52", "ex53", "ex54", "ex55", "ex56", "ex57"]

    def test_alles_tegelijk_attentie_en_niet_afgekeurd(self):
        """A delivery that breaks every attentie rule: all signals, in code order, ATTENTIE.
        fa (an extra vak) lacks its CE (EX52) without making the list unjudgeable; two 4s
        (EX55 and so EX57); maw missing (EX56)."""
        tokens = met(zonder(CUM_LAUDE, "maw"), "ec:4/40", "gs:4/45", "fa:7@vx")
        b = met_werkstuk(bericht("HAVO", tokens, herkansingen=(Herkansing("wa", 2026, 2),),
                                 uitslag=Uitslag("GESLAAGD", "DIPLOMA", True, DATUM_UITSLAG)),
                         Beoordeeld(cijfer=69))
        uit = examen.controleer(b, context(()))
        assert [(s.code, s.element) for s in uit] == [
            ("EX51", "cijferlijst[1]/werkstuk/cijfer"),
            ("EX52", "cijferlijst[1]/vak[9]/centraalExamen"),
            ("EX53", "herkansing[1]"),
            ("EX54", "uitslag/datumUitslag"),
            ("EX55", "uitslag/resultaat"),
            ("EX56", "cijferlijst[1]/vak[vakcode='maw']"),
            ("EX57", "uitslag/indicatieCumLaude"),
        ]
        assert {s.soort for s in uit} == {Soort.ATTENTIE} and not afgekeurd(uit)

    def test_ex55_in_het_pakket(self):
        uit = examen.controleer(bericht("HAVO", met(HAVO, "ec:4/40", "gs:4/45")), context())
        assert [(s.code, s.element, s.soort) for s in uit] == [("EX55", "uitslag/resultaat", Soort.ATTENTIE)]


class TestReferentiedataCentraalExamen:
    """The ``centraalExamen`` flag EX52/EX55 read: optional, default false, checked."""

    VAK: ClassVar = {"vakcode": "xx", "naam": "Oud vak", "verplichtBijNiveau": [], "kernvak": False}

    def test_standaard(self):
        rd = laad()
        assert rd.vak("ec").centraal_examen and rd.vak("bgp").centraal_examen
        assert not any(rd.vak(c).centraal_examen for c in ("maw", "lo", "ckv", "wd", "in", "lv"))

    def test_oud_bestand_zonder_veld_laadt(self):
        doc = lees({"vakken": [self.VAK]}, gedeeltelijk=True)
        assert naar_domein({"rodOin": "1" * 20, **doc}).vak("xx").centraal_examen is False

    def test_veld_wordt_gecontroleerd(self):
        with pytest.raises(ReferentiedataFout, match="centraalExamen"):
            lees({"vakken": [{**self.VAK, "centraalExamen": "ja"}]}, gedeeltelijk=True)
