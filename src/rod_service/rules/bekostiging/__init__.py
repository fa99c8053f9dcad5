"""BK — the beslisboom of the voorlopige bekostiging (spec 4.1 "bekostigingsbericht",
5 BK, 6.1; handbook 000 ch. 03 'OBO en Bekostiging' and 'Nieuwkomersbekostiging', ch. 13
'Controles vanuit de beslisboom van bekostiging'; 003 step 7; 004 Q&A on dubbele
inschrijving and dispensatie).

One small pure function per question; :func:`.beslisboom.beslis` composes them into a
:class:`~rod_service.domain.bekostiging.Bekostigingsbericht`. Every BK signal is ATTENTIE:
they explain the status, they never reject. "Today" is a parameter, never the clock.
"""
