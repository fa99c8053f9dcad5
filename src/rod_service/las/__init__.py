"""The reference LAS receiver: ``LeerlingadministratieVO`` as a school's LAS offers it,
to receive ROD's pushes (``rod-service las-ontvanger``, spec 4.2).

Code-first with spyne 2.14, but the contract is our WSDL: every incoming body is
validated against ``wsdl/xsd/rod-vo-las.xsd`` by the project's own SOAP edge before spyne
sees it, and ``?wsdl`` serves our hand-written WSDL, never spyne's. spyne imports stay
inside this package (and are lazy here), so the core imports without spyne (Python 3.12+).

    handle = start_ontvanger(port=0, bestand=Path("ontvangen.jsonl"))
    handle.url            # http://127.0.0.1:<port>/las
    handle.zet_fout(503)  # answer 503 until zet_fout(None); handle.zet_traag(2.0)
    handle.ontvangen()    # one dict per identificatiecode received
    handle.stop()
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .ontvanger import Ontvanger


def start_ontvanger(*, host: str = "127.0.0.1", port: int = 0, bestand=None, faal: int | None = None,
                    traag: float = 0.0) -> "Ontvanger":
    """Start a receiver in a background thread; see :class:`.ontvanger.Ontvanger`."""
    from .ontvanger import start

    return start(host=host, port=port, bestand=bestand, faal=faal, traag=traag)
