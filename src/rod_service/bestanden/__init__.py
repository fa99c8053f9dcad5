"""The files ROD hands a school (spec sections 8 and 9; docs/bestanden.md): the
pipe-delimited records of the registratieoverzicht and the OBO (:mod:`.records`), the OBO's
verschillenlijst (:mod:`.verschillenlijst`), the KWC CSV (:mod:`.kwc`) and the dashboard
(:mod:`.dashboard`). Pure: values in, bytes out; the store and the clock stay outside.
"""
