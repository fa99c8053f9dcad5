"""``rod-service las-ontvanger``: run the reference LAS receiver (spyne loads only when run)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def las_ontvanger(
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port).")] = 8090,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    bestand: Annotated[Optional[Path], typer.Option("--bestand", dir_okay=False,
                       help="Append every message received to this JSON-lines file (each identificatiecode once).")] = None,
    faal: Annotated[Optional[int], typer.Option("--faal", help="Answer every push with this HTTP status (e.g. 503); "
                    "switch at runtime with PUT /beheer {\"faal\": null}.")] = None,
    traag: Annotated[float, typer.Option("--traag", min=0, help="Wait this many seconds before answering.")] = 0.0,
) -> None:
    """Receive ROD's pushes as a school's LAS would (LeerlingadministratieVO, spyne), on
    http://HOST:PORT/las; prints that URL first."""
    from .ontvanger import maak

    ontvanger = maak(host=host, port=port, bestand=bestand, faal=faal, traag=traag)
    print(ontvanger.url, flush=True)
    typer.echo(f"WSDL: {ontvanger.url}?wsdl; switches: PUT {ontvanger.url.removesuffix('/las')}/beheer", err=True)
    try:
        ontvanger.run()
    except KeyboardInterrupt:
        pass
