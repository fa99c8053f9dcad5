"""The slaag-zakregeling (EX55): table-driven, hand-worked cases per niveau, the cijfers of
art. 48/51 (rounding, herkansing) and the EX55 rule on a whole delivery.

A case writes a cijferlijst as tokens ``vakcode:waarde[/ce][@vlaggen]``:

* ``waarde``: the delivered eindcijfer (``6``), a beoordeling (``V``), ``s54`` (no
  eindcijfer delivered, schoolexamen 5,4: the eindcijfer is derived) or ``-`` (nothing);
* ``ce``: the centraal-examencijfer in tenths (``58`` = 5,8), ``48+58`` for tijdvak 1 and 2;
* vlaggen: ``c`` part of the combinatiecijfer, ``v`` vrije deel, ``p`` profieldeel (default
  for everything but ne/en/maw/lo/ckv, which are gemeenschappelijk deel), ``x`` no
  diplomavak (an extra vak), ``r`` vrijstelling.

``cc:7`` is a delivered combinatiecijfer, ``ws:70`` / ``ws:V`` the werkstuk. :func:`met`
replaces the tokens of a base list by vakcode. Comments give the hand-worked eindcijfers
(E) and centraal-examencijfers (CE) of each case.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from rod_service.domain.bedrijfsdocument import Bedrijfsdocument
from rod_service.domain.examenresultaat import (
    Beoordeeld,
    CentraalExamen,
    Cijferlijst,
    Combinatiecijfer,
    Examenvak,
    LeverExamenresultaatAan,
    Uitslag,
    Werkstuk,
)
from rod_service.domain.pgn import bsn
from rod_service.domain.referentiedata import Vak
from rod_service.referentiedata import genereer
from rod_service.referentiedata.loader import naar_domein
from rod_service.rules.examen import slaagzakregeling as szr
from rod_service.rules.examen.context import Examencontext
from rod_service.rules.examen.examenlijst import (
    afgerond_gemiddelde,
    eindcijfer,
    eindcijfer_schoolexamen,
    examenlijst,
)

#: The default reference data's schools, opleidingen and vakken (no persons), plus four
#: beroepsgerichte keuzevakken (schoolexamen only) for the vmbo combinatiecijfer.
REF = naar_domein({"rodOin": "1" * 20, "instellingen": list(genereer.STANDAARD_INSTELLINGEN),
                   "opleidingen": list(genereer.OPLEIDINGEN), "vakken": list(genereer.VAKKEN)})
REF = replace(REF, vakken=REF.vakken + tuple(Vak(f"kv{n}", f"Keuzevak {n}") for n in range(1, 5)))
OPLEIDING = {"VWO": "3122", "HAVO": "3022", "VMBO_TL": "2941", "VMBO_GL": "2931", "VMBO_KB": "2921",
             "VMBO_BB": "2911"}
GEMEENSCHAPPELIJK_DEEL = {"ne", "en", "maw", "lo", "ckv"}
DOC = Bedrijfsdocument("0b7c1b8e-1c1f-4d7e-9d2e-2f1d3c4b5a69", "0" * 20, "1" * 20, datetime(2026, 1, 1, tzinfo=UTC))
VANDAAG = date(2026, 11, 23)


def _vak(token: str, nummer: int) -> Examenvak:
    vakcode, rest = token.split(":")
    rest, _, vlaggen = rest.partition("@")
    waarde, _, ce = rest.partition("/")
    examens = tuple(CentraalExamen(t, int(c)) for t, c in enumerate(ce.split("+"), 1)) if ce else ()
    deel = ("VRIJ" if "v" in vlaggen else "PROFIEL" if "p" in vlaggen
            else "GEMEENSCHAPPELIJK" if vakcode in GEMEENSCHAPPELIJK_DEEL else "PROFIEL")
    if waarde in ("G", "V", "O"):
        se, eind, beoordeling = Beoordeeld(beoordeling=waarde), None, waarde
    elif waarde.startswith("s"):
        se, eind, beoordeling = Beoordeeld(cijfer=int(waarde[1:])), None, None
    elif waarde == "-":
        se, eind, beoordeling = None, None, None
    else:
        se, eind, beoordeling = Beoordeeld(cijfer=int(waarde) * 10), int(waarde), None
    return Examenvak(str(nummer), vakcode, deel, indicatie_diplomavak="x" not in vlaggen,
                     indicatie_combinatiecijfer="c" in vlaggen, indicatie_werkstuk=False, indicatie_inruil=False,
                     schoolexamen=se, centraal_examens=examens, eindcijfer=eind, eindbeoordeling=beoordeling,
                     reden_niet_deelname="VRIJSTELLING" if "r" in vlaggen else None)


def cijferlijst(niveau: str, tokens: str) -> Cijferlijst:
    vakken, werkstuk, combinatie = [], None, None
    for token in tokens.split():
        vakcode, waarde = token.split(":", 1)
        if vakcode == "cc":
            combinatie = Combinatiecijfer("98", int(waarde))
        elif vakcode == "ws":
            werkstuk = Werkstuk("99", "Profielwerkstuk", Beoordeeld(beoordeling=waarde) if waarde in "GVO"
                                else Beoordeeld(cijfer=int(waarde)))
        else:
            vakken.append(_vak(token, len(vakken) + 1))
    return Cijferlijst(OPLEIDING[niveau], tuple(vakken), werkstuk, combinatie)


def bericht(niveau: str, *lijsten: str, resultaat: str = "GESLAAGD", **kw) -> LeverExamenresultaatAan:
    kw.setdefault("uitslag", Uitslag(resultaat, "DIPLOMA", False, date(2026, 7, 10)))
    return LeverExamenresultaatAan(
        document=DOC, pgn=bsn("999990007"), brin="12AB", examenresultaatvolgnummer="EX1", vestiging="12AB00",
        onderwijsaanbieder="101A001", examenregime=kw.pop("examenregime", 2026), niveau=niveau,
        cijferlijsten=tuple(cijferlijst(niveau, t) for t in lijsten), **kw)


def met(basis: str, *tokens: str) -> str:
    """``basis`` with the tokens of the same vakcode replaced (or added)."""
    nieuw = {t.split(":")[0]: t for t in tokens}
    oud = [nieuw.pop(t.split(":")[0], t) for t in basis.split()]
    return " ".join(oud + list(nieuw.values()))


def zonder(basis: str, vakcode: str) -> str:
    return " ".join(t for t in basis.split() if t.split(":")[0] != vakcode)


def bevindingen(niveau: str, tokens: str) -> list[szr.Bevinding]:
    lijst = examenlijst(bericht(niveau, tokens), 1, cijferlijst(niveau, tokens), REF)
    assert lijst is not None, "case cannot be judged"
    return szr.bevindingen(lijst)


# Base lists: every case changes a few tokens.
# HAVO E&M. E: ne 6, en 7, wa 6, ec 7, gs 6, ak 7, combinatiecijfer 7 (maw 7, ckv 7, pws 7):
# 46/7 = 6,57. CE: 60 68 58 66 61 70 = 383/6 = 6,38. lo V. Geslaagd.
HAVO = "ne:6/60 en:7/68 wa:6/58 ec:7/66 gs:6/61 ak:7/70@v maw:7@c ckv:7@c ws:70 lo:V cc:7"
# VWO E&M with ten centraal examens. E: all 7 (combinatiecijfer 7). CE: 9 × 6,5 + 6,6 = 6,51.
VWO = ("ne:7/65 en:7/65 fa:7/65 du:7/65 la:7/65 wa:7/65 ec:7/65 gs:7/65 bi:7/65@v ak:7/66@v "
       "maw:7@c ckv:7@c ws:70 lo:V cc:7")
# VMBO TL Economie. E: all 6 (ne en wi ec ak gs maw). CE: 60 62 58 64 60 61 = 365/6 = 6,08.
# lo, ckv (kunstvakken I) and the profielwerkstuk voldoende. No combinatiecijfer in tl.
TL = "ne:6/60 en:6/62 wi:6/58 ec:6/64 ak:6/60@v gs:6/61@v maw:6 lo:V ckv:V ws:V"
# VMBO BB Economie en ondernemen: profielvak (bgp, CSPE) and four keuzevakken (the
# combinatiecijfer, computed: 6). E: ne 6, en 5, wi 5, bgp 7, ec 6, maw 6, cc 6: two 5s and
# a 7. CE: 60 55 52 70 60 = 297/5 = 5,94.
BB = "ne:6/60 en:5/55 wi:5/52 bgp:7/70 ec:6/60 maw:6 lo:V ckv:V ws:V kv1:6@c kv2:6@c kv3:6@c kv4:6@c"
# VMBO GL: profielvak (bgp, CSPE) and three keuzevakken form the combinatiecijfer in the
# vrije deel. E: ne 6, en 6, wi 6, bi 6, maw 6, cc (7·3 + 6+6+6)/6 = 6,5 → 7. CE: 60 60 60 60 70.
GL = "ne:6/60 en:6/60 wi:6/60 bi:6/60 maw:6 lo:V ckv:V ws:V bgp:7/70@vc kv1:6@vc kv2:6@vc kv3:6@vc"

GEVALLEN = [
    # --- havo: the centraal examen average (art. 50 lid 1) ----------------------------
    ("havo alles voldoende", "HAVO", HAVO, []),
    # CE 6 × 5,5 = 5,5 exactly: "ten minste 5,5", so geslaagd.
    ("havo ce-gemiddelde precies 5,5", "HAVO",
     met(HAVO, "ne:6/55", "en:7/55", "wa:6/55", "ec:7/55", "gs:6/55", "ak:7/55@v"), []),
    # CE 5 × 5,5 + 5,4 = 32,9/6 = 5,483…: not rounded to 5,5, afgewezen.
    ("havo ce-gemiddelde 5,48", "HAVO",
     met(HAVO, "ne:6/55", "en:7/55", "wa:6/55", "ec:7/55", "gs:6/55", "ak:7/54@v"), ["gemiddeld_centraal_examen"]),
    # Ten CE: 9 × 5,5 + 5,4 = 54,9/10 = 5,49 exactly: afgewezen although every E is 7.
    ("vwo ce-gemiddelde 5,49", "VWO",
     met(VWO, "ne:7/55", "en:7/55", "fa:7/55", "du:7/55", "la:7/55", "wa:7/55", "ec:7/55", "gs:7/55",
         "bi:7/55@v", "ak:7/54@v"), ["gemiddeld_centraal_examen"]),
    # Herkansing wiskunde A: tijdvak 1 3,0, tijdvak 2 7,0; the higher counts (art. 51).
    # CE 55 55 70 55 55 50 = 340/6 = 5,67 (with the 3,0 it would be 5,0).
    ("havo herkansing: hoogste ce telt", "HAVO",
     met(HAVO, "ne:6/55", "en:7/55", "wa:6/30+70", "ec:7/55", "gs:6/55", "ak:7/50@v"), []),
    # --- havo: eindcijfers and compensation (art. 50 lid 1 a–d) ------------------------
    # E: 6 7 6 5 6 7 7: one 5, the rest 6 or more.
    ("havo één vijf", "HAVO", met(HAVO, "ec:5/50"), []),
    # E: 6 7 6 4 6 6 7 = 42/7 = 6,0 exactly: one 4 with average ≥ 6,0, geslaagd.
    ("havo één vier, gemiddeld precies 6,0", "HAVO", met(HAVO, "ec:4/40", "ak:6/60@v"), []),
    # E: 6 6 6 4 6 6 7 = 41/7 = 5,857: one 4 and the average below 6,0; the 4 decides.
    ("havo één vier, gemiddeld 5,86", "HAVO", met(HAVO, "en:6/68", "ec:4/40", "ak:6/60@v"),
     ["eindcijfers_havo_vwo"]),
    # E: 6 7 6 5 5 8 7 = 44/7 = 6,29: two 5s, average ≥ 6,0.
    ("havo twee vijven, gemiddeld 6,29", "HAVO", met(HAVO, "ec:5/50", "gs:5/50", "ak:8/75@v"), []),
    # E: 6 6 6 5 5 6 7 = 41/7 = 5,857: two 5s, average below 6,0.
    ("havo twee vijven, gemiddeld 5,86", "HAVO", met(HAVO, "en:6/62", "ec:5/50", "gs:5/50", "ak:6/60@v"),
     ["eindcijfers_havo_vwo"]),
    # E: 6 7 6 4 5 9 7 = 44/7 = 6,29: a 4 and a 5, average ≥ 6,0.
    ("havo vier en vijf, gemiddeld 6,29", "HAVO", met(HAVO, "ec:4/40", "gs:5/50", "ak:9/85@v"), []),
    # E: 6 6 6 4 5 7 7 = 41/7 = 5,857: a 4 and a 5, average below 6,0.
    ("havo vier en vijf, gemiddeld 5,86", "HAVO", met(HAVO, "en:6/62", "ec:4/40", "gs:5/50"),
     ["eindcijfers_havo_vwo"]),
    # E: 6 7 6 4 4 10 7 = 44/7: two 4s is never compensated, whatever the average.
    ("havo twee vieren", "HAVO", met(HAVO, "ec:4/40", "gs:4/45", "ak:10/95@v"), ["eindcijfers_havo_vwo"]),
    # E: 6 7 6 5 5 5 7: three results below 6.
    ("havo drie vijven", "HAVO", met(HAVO, "ec:5/50", "gs:5/50", "ak:5/50@v"), ["eindcijfers_havo_vwo"]),
    # E: 6 7 6 3 6 10 7 = 45/7: a 3 is never compensated; it alone decides.
    ("havo een drie", "HAVO", met(HAVO, "ec:3/30", "ak:10/95@v"), ["eindcijfers_havo_vwo"]),
    # --- havo/vwo: kernvakkenregel (art. 50 lid 1) -------------------------------------
    # Kernvakken ne 6, en 7, wa 5: one 5. E: 6 7 5 5 6 8 7 = 44/7 = 6,29.
    ("havo kernvak vijf en een andere vijf", "HAVO", met(HAVO, "wa:5/50", "ec:5/50", "ak:8/75@v"), []),
    # Kernvakken ne 5, en 5: two 5s. E: 5 5 6 7 8 9 7 = 47/7 = 6,71, so compensation alone passes.
    ("havo twee kernvak vijven", "HAVO", met(HAVO, "ne:5/50", "en:5/52", "gs:8/75", "ak:9/85@v"),
     ["kernvakkenregel"]),
    # Kernvak wa 4. E: 6 7 4 7 6 9 7 = 46/7 = 6,57: compensation passes, the kernvak 4 does not.
    ("havo kernvak vier", "HAVO", met(HAVO, "wa:4/40", "ak:9/85@v"), ["kernvakkenregel"]),
    # VWO with wiskunde A 5 and B 7: the higher wiskunde counts, so kernvakken ne 5, en 7,
    # wiskunde 7: one 5. E: ne 5, wa 5, ten others 7 (wb and the combinatiecijfer included):
    # two 5s, average 80/12 = 6,67.
    ("vwo wiskunde a en b: de hoogste telt", "VWO", met(VWO, "ne:5/55", "wa:5/55", "wb:7/70"), []),
    # --- havo: combinatiecijfer (art. 50) -----------------------------------------------
    # maw 3, ckv 9, pws 9: combinatiecijfer 21/3 = 7, but a part below 4 is afgewezen.
    ("havo combinatiecijfer-onderdeel drie", "HAVO", met(HAVO, "maw:3@c", "ckv:9@c", "ws:90"),
     ["combinatiecijfer_onderdelen"]),
    # maw 4, ckv 8, pws 9: 21/3 = 7; a 4 is allowed.
    ("havo combinatiecijfer-onderdeel vier", "HAVO", met(HAVO, "maw:4@c", "ckv:8@c", "ws:90"), []),
    # Parts 5, 5, 5 make one combinatiecijfer 5: E 6 7 6 5 6 7 5 = 42/7 = 6,0 → two 5s
    # with average 6,0, geslaagd (three separate 5s would fail).
    ("havo combinatiecijfer telt als één eindcijfer", "HAVO",
     met(HAVO, "maw:5@c", "ckv:5@c", "ws:50", "cc:5", "ec:5/50"), []),
    # No combinatiecijfer delivered: computed from maw 6, ckv 7, pws 7 = 6,67 → 7.
    ("havo combinatiecijfer berekend", "HAVO", zonder(met(HAVO, "maw:6@c"), "cc"), []),
    # --- havo: beoordelingen (art. 50) --------------------------------------------------
    ("havo lo onvoldoende", "HAVO", met(HAVO, "lo:O"), ["beoordelingen_voldoende"]),
    # --- havo: what counts, and art. 48 rounding ----------------------------------------
    # ec delivered without eindcijfer: SE 5,4 + CE 5,5 = 5,45 → 5 (not 5,5 → 6). With gs 5
    # that is two 5s, E 6 6 6 5 5 6 6 = 40/7 = 5,71: afgewezen.
    ("havo eindcijfer 5,45 wordt 5", "HAVO",
     met(HAVO, "en:6/68", "ec:s54/55", "gs:5/50", "ak:6/60@v", "cc:6"), ["eindcijfers_havo_vwo"]),
    # The same with SE 5,5: 5,5 → 6, one 5: geslaagd.
    ("havo eindcijfer 5,5 wordt 6", "HAVO",
     met(HAVO, "en:6/68", "ec:s55/55", "gs:5/50", "ak:6/60@v", "cc:6"), []),
    # Frans 2 as an extra vak (no diplomavak): neither its eindcijfer nor its CE counts.
    ("havo extra vak telt niet", "HAVO", met(HAVO, "fa:2/20@vx"), []),
    # Aardrijkskunde with a vrijstelling: nothing to judge, nothing counts.
    ("havo vrijstelling telt niet", "HAVO", met(HAVO, "ak:-@vr"), []),
    # --- vmbo: art. 49 lid 1 ----------------------------------------------------------
    ("tl alles zes", "VMBO_TL", TL, []),
    # Nederlands 4, ec 8: compensation would pass (one 4, a 7 or more), Nederlands < 5 not.
    ("tl nederlands vier", "VMBO_TL", met(TL, "ne:4/40", "ec:8/80"), ["nederlands_vmbo"]),
    # Nederlands 5, the rest 6: one 5.
    ("tl nederlands vijf", "VMBO_TL", met(TL, "ne:5/50"), []),
    # One 4 (ec) and a 7 (gs): art. 49 lid 1 onder c.
    ("tl één vier met een zeven", "VMBO_TL", met(TL, "ec:4/40", "gs:7/70@v"), []),
    # One 4, the rest exactly 6: vmbo compensates with a 7, not with an average.
    ("tl één vier zonder zeven", "VMBO_TL", met(TL, "ec:4/40"), ["eindcijfers_vmbo"]),
    # Engels 5 and wiskunde 5 with ec 7: two 5s and a 7; no kernvakkenregel in vmbo.
    ("tl twee vijven met een zeven, ook kernvakken", "VMBO_TL", met(TL, "en:5/50", "wi:5/50", "ec:7/70"), []),
    # A 4 and a 5: no such case in art. 49, even with E average (6 6 5 4 9 9 6)/7 = 6,43.
    ("tl vier en vijf", "VMBO_TL", met(TL, "wi:5/50", "ec:4/40", "ak:9/90@v", "gs:9/90@v"), ["eindcijfers_vmbo"]),
    # CE 50 50 50 55 55 56 = 316/6 = 5,27 with all E 6.
    ("tl ce-gemiddelde 5,27", "VMBO_TL",
     met(TL, "ne:6/50", "en:6/50", "wi:6/50", "ec:6/55", "ak:6/55@v", "gs:6/56@v"), ["gemiddeld_centraal_examen"]),
    ("tl profielwerkstuk onvoldoende", "VMBO_TL", met(TL, "ws:O"), ["beoordelingen_voldoende"]),
    # Base BB: Engels 5 and wiskunde 5 with bgp 7 — a havo candidate would fail the
    # kernvakkenregel, bb has none.
    ("bb zonder kernvakkenregel", "VMBO_BB", BB, []),
    # Keuzevak 3 (others 8: combinatiecijfer 27/4 = 6,75 → 7): art. 49 lid 1 onder d.
    ("bb keuzevak drie", "VMBO_BB", met(BB, "kv1:3@c", "kv2:8@c", "kv3:8@c", "kv4:8@c"),
     ["combinatiecijfer_onderdelen"]),
    # Kunstvakken I (ckv) onvoldoende in kb.
    ("kb kunstvakken onvoldoende", "VMBO_KB", met(BB, "ckv:O"), ["beoordelingen_voldoende"]),
    # GL with biologie 4: E 6 6 6 4 6 and combinatiecijfer 7 only because the profielvak
    # weighs three times ((7·3 + 18)/6 = 6,5 → 7; a plain mean (7 + 18)/4 = 6,25 would give 6
    # and no 7): one 4 with a 7, geslaagd.
    ("gl gewogen combinatiecijfer geeft de zeven", "VMBO_GL", met(GL, "bi:4/40"), []),
    # The same with the combinatiecijfer delivered as 6: no 7 to compensate the 4.
    ("gl geleverd combinatiecijfer zes", "VMBO_GL", met(GL, "bi:4/40", "cc:6"), ["eindcijfers_vmbo"]),
    ("gl alles voldoende", "VMBO_GL", GL, []),
]


@pytest.mark.parametrize("niveau, tokens, verwacht", [g[1:] for g in GEVALLEN], ids=[g[0] for g in GEVALLEN])
def test_slaagzakregeling(niveau, tokens, verwacht):
    assert [b.regel for b in bevindingen(niveau, tokens)] == verwacht


def test_genoeg_gevallen():
    assert len(GEVALLEN) >= 30


@pytest.mark.parametrize("niveau, tokens, element", [
    ("HAVO", met(HAVO, "en:6/68", "ec:4/40", "ak:6/60@v"), "cijferlijst[1]/vak[4]"),   # the 4
    ("HAVO", met(HAVO, "ec:3/30", "ak:10/95@v"), "cijferlijst[1]/vak[4]"),             # the 3
    ("HAVO", met(HAVO, "wa:4/40", "ak:9/85@v"), "cijferlijst[1]/vak[3]"),              # kernvak 4
    ("HAVO", met(HAVO, "lo:O"), "cijferlijst[1]/vak[9]"),
    ("HAVO", met(HAVO, "maw:3@c", "ckv:9@c", "ws:90"), "cijferlijst[1]/vak[7]"),
    ("VMBO_TL", met(TL, "ne:4/40", "ec:8/80"), "cijferlijst[1]/vak[1]"),
    ("VMBO_TL", met(TL, "ws:O"), "cijferlijst[1]/werkstuk"),
    ("HAVO", met(HAVO, "en:6/62", "ec:5/50", "gs:5/50", "ak:6/60@v"), None),           # two 5s: no one vak
])
def test_beslissend_element(niveau, tokens, element):
    (bevinding,) = bevindingen(niveau, tokens)
    assert bevinding.element == element


class TestCijfers:
    @pytest.mark.parametrize("se, ce, eind", [
        (54, 55, 5),    # 5,45 → 5: one rounding, not 5,5 → 6
        (55, 55, 6),    # 5,5 → 6
        (54, 54, 5),
        (65, 54, 6),    # 5,95 → 6
        (64, 45, 5),    # 5,45 → 5
        (10, 10, 1),
        (100, 100, 10),
        (95, 100, 10),  # 9,75 → 10
    ])
    def test_eindcijfer_art_48(self, se, ce, eind):
        assert eindcijfer(se, ce) == eind

    @pytest.mark.parametrize("se, eind", [(54, 5), (55, 6), (95, 10), (10, 1), (69, 7)])
    def test_eindcijfer_alleen_schoolexamen(self, se, eind):
        assert eindcijfer_schoolexamen(se) == eind

    @pytest.mark.parametrize("cijfers, gewichten, uit", [
        ([9, 5, 7], None, 7), ([6, 7], None, 7), ([6, 6, 7], None, 6), ([7, 6, 6, 6], [3, 1, 1, 1], 7),
        ([7, 6, 6, 6], None, 6),
    ])
    def test_afgerond_gemiddelde(self, cijfers, gewichten, uit):
        assert afgerond_gemiddelde(cijfers, gewichten) == uit

    def test_niet_te_beoordelen(self):
        """A vak with a centraal examen but no CE, or without eindcijfer and anything to derive it
        from: the lijst is not judged (EX52 says what is missing)."""
        for tokens in (met(HAVO, "ec:7"), met(HAVO, "maw:-@c"), met(HAVO, "maw:V@c")):
            assert examenlijst(bericht("HAVO", tokens), 1, cijferlijst("HAVO", tokens), REF) is None


def ex55(b: LeverExamenresultaatAan) -> list[tuple[str, str | None]]:
    return [(s.code, s.element) for s in szr.ex55_uitslag_volgens_slaagzakregeling(b, Examencontext(REF, VANDAAG))]


ZAKT = met(HAVO, "ec:4/40", "gs:4/45")  # two 4s


class TestEX55:
    def test_geslaagd_en_klopt(self):
        assert ex55(bericht("HAVO", HAVO)) == []

    def test_afgewezen_en_klopt(self):
        assert ex55(bericht("HAVO", ZAKT, resultaat="AFGEWEZEN")) == []

    def test_geslaagd_maar_afgewezen_volgens_regels(self):
        assert ex55(bericht("HAVO", ZAKT)) == [("EX55", "uitslag/resultaat")]

    def test_wijst_naar_het_beslissende_vak(self):
        assert ex55(bericht("HAVO", met(HAVO, "lo:O"))) == [("EX55", "cijferlijst[1]/vak[9]")]

    def test_twee_regels_twee_vakken_dan_de_uitslag(self):
        """lo O and a 3 for ec: two rules, two vakken; no one vak decides."""
        assert ex55(bericht("HAVO", met(HAVO, "lo:O", "ec:3/30", "ak:10/95@v"))) == [("EX55", "uitslag/resultaat")]

    def test_afgewezen_maar_geslaagd_volgens_regels(self):
        assert ex55(bericht("HAVO", HAVO, resultaat="AFGEWEZEN")) == [("EX55", "uitslag/resultaat")]

    def test_een_geslaagde_cijferlijst_is_genoeg(self):
        """Two cijferlijsten (e.g. two profielen): the candidate passes on either."""
        assert ex55(bericht("HAVO", ZAKT, HAVO)) == []
        assert ex55(bericht("HAVO", ZAKT, HAVO, resultaat="AFGEWEZEN")) == [("EX55", "uitslag/resultaat")]
        assert ex55(bericht("HAVO", ZAKT, ZAKT)) == [("EX55", "uitslag/resultaat")]

    @pytest.mark.parametrize("wijziging", [
        {"uitslag": None},
        {"uitslag": Uitslag("GESLAAGD", "CERTIFICAAT", False, date(2026, 7, 10))},
        {"indicatie_gespreid_examen": True},
        {"indicatie_eerder_leerjaar": True},
        {"indicatie_teruggetrokken": True},
        {"indicatie_doorlopende_leerlijn": True},
        {"examenregime": 2022},  # the corona schrapregeling: not judged
    ])
    def test_niet_beoordeeld(self, wijziging):
        assert ex55(bericht("HAVO", ZAKT, **wijziging)) == []

    def test_onvolledige_lijst_geen_gok(self):
        """ec has a centraal examen but none is delivered: EX52, not EX55."""
        assert ex55(bericht("HAVO", met(ZAKT, "ec:4"))) == []
        assert ex55(bericht("HAVO", met(HAVO, "ec:7"), resultaat="AFGEWEZEN")) == []

    def test_niveau_van_de_opleiding(self):
        """The cijferlijst's opleiding decides the niveau: TL rules (no kernvakkenregel) on a
        TL list even when the result says HAVO."""
        tl = bericht("VMBO_TL", met(TL, "en:5/50", "wi:5/50", "ec:7/70"))
        assert ex55(replace(tl, niveau="HAVO")) == []
