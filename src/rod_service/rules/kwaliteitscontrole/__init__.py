"""KW — kwaliteitscontrole, the weekly batch (spec section 9; handbook 000 ch. 15 "Dashboard
en kwaliteitscontrolebestand", ch. 16 "Signalen KWC en dashboard").

One small pure function per signal, grouped as the handbook groups them:
:mod:`.inschrijving` (KW01–KW04, KW31), :mod:`.perioden` (KW05–KW13), :mod:`.verblijf`
(KW14–KW17, KW32), :mod:`.dubbel` (KW18–KW21), :mod:`.examen` (KW22–KW30). Every KW signal
is ATTENTIE: the batch reports, it never rejects or changes the register.

Rule signatures (:mod:`.context`):

* :data:`INSCHRIJVINGSREGELS` — ``(KwcInschrijving, Kwccontext)``, run for every
  inschrijving of the school that overlaps the control period ("studiejaar … inclusief 90
  dagen voorafgaand aan het studiejaar");
* :data:`VOORUITREGELS` — KW01, same signature, for an inschrijving that begins after the
  control period (more than a year ahead lies by definition beyond it);
* :data:`EXAMENKANDIDAATREGELS` — KW24/KW25, same signature, run for every loaded
  inschrijving (an examenkandidaat was enrolled on 1 May, which may lie just before the
  control period);
* :data:`EXAMENREGELS` — ``(KwcExamenresultaat, Kwccontext)``, run for every
  examenresultaat of the school the batch loaded;
* KW27 needs history (what was deleted, what had an uitslag before): the batch calls
  :func:`.examen.kw27_volledig_verwijderd` and :func:`.examen.kw27_uitslag_verwijderd`.

Windows live in the rules themselves (``ctx.vandaag``), so a rule's unit test shows them.
:data:`VERVALT_NA_DAGEN` is the one piece of state across runs: KW05/KW06 "signaal
verdwijnt na 120 dagen" when the stand did not change (the batch keeps first-raised dates).
"""
from __future__ import annotations

from .context import (
    ExamenRegel,
    InschrijvingRegel,
    Kwccontext,
    KwcExamenresultaat,
    KwcInschrijving,
)
from .dubbel import (
    kw18_dubbel_met_po,
    kw19_dubbel_met_andere_vo,
    kw20_dubbel_met_mbo,
    kw21_dubbel_met_vavo,
)
from .examen import (
    kw22_geen_inschrijving_op_datum_uitslag,
    kw23_geslaagd_nog_ingeschreven,
    kw24_se_verwacht,
    kw25_ce_verwacht,
    kw26_uitslag_verwacht,
    kw28_herkansing_zonder_resultaat,
    kw29_vak_niet_compleet,
    kw30_werkstuk_met_decimaal,
)
from .inschrijving import (
    kw01_inschrijving_ver_in_toekomst,
    kw02_uitschrijving_na_overlijden,
    kw03_uitschrijving_met_open_verzuim,
    kw04_zonder_bsn_na_negen_maanden,
    kw31_verzuim_lang_open,
)
from .perioden import (
    kw05_hoge_leeftijd_bij_leerjaar,
    kw06_jonger_dan_negen,
    kw07_leerjaarsprong,
    kw08_pro_ouder_dan_twintig,
    kw09_recentste_periode_voor_schooljaar,
    kw10_locatie_niet_bij_vestiging,
    kw11_ontbrekende_periode,
    kw12_experiment_niet_vwo,
    kw13_beide_experimenten,
)
from .verblijf import (
    kw14_opp_begin_ver_in_toekomst,
    kw15_opp_eind_ver_in_toekomst,
    kw16_vai_begin_ver_in_toekomst,
    kw17_vai_zonder_vavo_inschrijving,
    kw32_vavo_niveau_afwijkend,
)

VOORUITREGELS: list[InschrijvingRegel] = [kw01_inschrijving_ver_in_toekomst]

INSCHRIJVINGSREGELS: list[InschrijvingRegel] = [
    kw01_inschrijving_ver_in_toekomst,
    kw02_uitschrijving_na_overlijden,
    kw03_uitschrijving_met_open_verzuim,
    kw04_zonder_bsn_na_negen_maanden,
    kw05_hoge_leeftijd_bij_leerjaar,
    kw06_jonger_dan_negen,
    kw07_leerjaarsprong,
    kw08_pro_ouder_dan_twintig,
    kw09_recentste_periode_voor_schooljaar,
    kw10_locatie_niet_bij_vestiging,
    kw11_ontbrekende_periode,
    kw12_experiment_niet_vwo,
    kw13_beide_experimenten,
    kw14_opp_begin_ver_in_toekomst,
    kw15_opp_eind_ver_in_toekomst,
    kw16_vai_begin_ver_in_toekomst,
    kw17_vai_zonder_vavo_inschrijving,
    kw18_dubbel_met_po,
    kw19_dubbel_met_andere_vo,
    kw20_dubbel_met_mbo,
    kw21_dubbel_met_vavo,
    kw31_verzuim_lang_open,
    kw32_vavo_niveau_afwijkend,
]

EXAMENKANDIDAATREGELS: list[InschrijvingRegel] = [kw24_se_verwacht, kw25_ce_verwacht]

EXAMENREGELS: list[ExamenRegel] = [
    kw22_geen_inschrijving_op_datum_uitslag,
    kw23_geslaagd_nog_ingeschreven,
    kw26_uitslag_verwacht,
    kw28_herkansing_zonder_resultaat,
    kw29_vak_niet_compleet,
    kw30_werkstuk_met_decimaal,
]

#: "signaal verdwijnt na 120 dagen" (KW05, KW06), counted from the first run that raised it
#: on the same stand.
VERVALT_NA_DAGEN: dict[str, int] = {"KW05": 120, "KW06": 120}

CODES = tuple(f"KW{n:02d}" for n in range(1, 33))

__all__ = ["CODES", "EXAMENKANDIDAATREGELS", "EXAMENREGELS", "INSCHRIJVINGSREGELS", "KwcExamenresultaat",
           "KwcInschrijving", "Kwccontext", "VERVALT_NA_DAGEN"]
