"""EX51: the cijfer of a werkstuk has a decimal (handbook 000 ch. 16 "Werkstukgegevens":
"Een cijfer werkstuk mag alleen een tiental bevatten (bijvoorbeeld 70) en geen cijfers
achter de komma (bijvoorbeeld 69)"). The profielwerkstuk is graded with a whole number
(in havo/vwo it is a part of the combinatiecijfer, Eindexamenbesluit VO art. 50), so its
``cijfer`` (tenths) must be a multiple of 10. A beoordeling is never signalled.
"""
from __future__ import annotations

from ...domain.examenresultaat import LeverExamenresultaatAan
from ...domain.signalen import Signaal, signaal
from .context import Examencontext


def ex51_werkstukcijfer_zonder_decimaal(bericht: LeverExamenresultaatAan, context: Examencontext) -> list[Signaal]:
    """EX51, ``cijferlijst[i]/werkstuk/cijfer``: 70 is fine, 69 is not. Checked on every
    delivery, with or without uitslag (the KWC checks werkstukgegevens of every result)."""
    return [signaal("EX51", element=f"cijferlijst[{i}]/werkstuk/cijfer")
            for i, lijst in enumerate(bericht.cijferlijsten, 1)
            if lijst.werkstuk is not None and lijst.werkstuk.resultaat.cijfer is not None
            and lijst.werkstuk.resultaat.cijfer % 10 != 0]
