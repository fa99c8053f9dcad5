"""IS — inschrijving rules (spec section 5, IS; handbook 000 ch. 03 'RIO' and
'Nieuwkomersbekostiging', ch. 06 (the fields of a deelname), ch. 13 'Afkeurcontroles
aanlevering inschrijvingen', ch. 14 (VAI), ch. 16 (the KWC signals some rules anticipate)).

One small pure function per code; :mod:`.aanlevering` runs them all, so a LAS sees every
fault of a delivery at once. Element paths use the contract's names, 1-based in message
order: ``inschrijvingPeriodeVO[2]/leerjaar``.
"""


def pad(naam: str, nummer: int, *rest: str) -> str:
    """``pad("inschrijvingPeriodeVO", 2, "leerjaar")`` → ``inschrijvingPeriodeVO[2]/leerjaar``."""
    return "/".join((f"{naam}[{nummer}]", *rest))
