"""``rod-service kwc draai|bestanden`` (spec sections 9 and 11): the KWC batch by hand, and
the files of a school (KWC, dashboard, RO, OBO) listed or fetched."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from ..config import Instellingen

kwc_app = typer.Typer(help="Kwaliteitscontrole (KWC): the weekly batch, its CSV and dashboard files.",
                      no_args_is_help=True)
console = Console(stderr=True)

DatabaseOptie = Annotated[Optional[str], typer.Option("--database", help="SQLAlchemy URL [env ROD_DATABASE_URL; default: embedded SQLite]")]
DatumOptie = Annotated[Optional[str], typer.Option("--datum", help="Fix 'today' (YYYY-MM-DD) [env ROD_DATUM]")]


def _register(database: str | None, datum: str | None = None):
    from datetime import date

    from ..bootstrap import bootstrap

    try:
        vast = date.fromisoformat(datum) if datum else None
    except ValueError:
        raise typer.BadParameter(f"{datum!r} is no date of the form YYYY-MM-DD")
    return bootstrap(Instellingen.uit_omgeving(database_url=database, datum=vast))


@kwc_app.command("draai")
def draai(
    brin: Annotated[Optional[list[str]], typer.Option("--brin", help="Only this school (repeatable); default every VO school.")] = None,
    database: DatabaseOptie = None,
    datum: DatumOptie = None,
) -> None:
    """Run the KWC now: per school the KWC CSV and the dashboard (HTML, PDF) under /bestanden."""
    from ..service.kwaliteitscontrole import draai as draai_kwc

    register = _register(database, datum)
    scholen = brin or [i.instellingscode for i in register.referentiedata.instellingen if i.is_vo]
    onbekend = [b for b in scholen if register.referentiedata.instelling(b) is None]
    if onbekend:
        raise typer.BadParameter(f"unknown brin: {', '.join(onbekend)}")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console) as voortgang:
        taak = voortgang.add_task("kwc", total=len(scholen))
        uitkomsten = draai_kwc(register, brins=scholen,
                               voortgang=lambda b: voortgang.update(taak, advance=1, description=f"kwc {b}"))
    tabel = Table("brin", "signalen", "inschrijvingen 1-10", "% nieuwe periode")
    for u in uitkomsten:
        pct = f"{100 * u.met_nieuwe_periode / u.inschrijvingen_1okt:.1f}" if u.inschrijvingen_1okt else "-"
        tabel.add_row(u.brin, str(u.totaal), str(u.inschrijvingen_1okt), pct)
    uit = Console()
    uit.print(tabel)
    for u in uitkomsten:
        for naam in u.bestanden:
            uit.print(f"/bestanden/{u.brin}/{naam}", soft_wrap=True)


@kwc_app.command("bestanden")
def bestanden(
    brin: Annotated[str, typer.Argument(help="The school (instellingscode).")],
    naam: Annotated[Optional[str], typer.Option("--naam", help="Fetch this file instead of listing.")] = None,
    uitvoer: Annotated[Optional[Path], typer.Option("--uitvoer", "-o", dir_okay=False,
                       help="With --naam: write it here (default: stdout).")] = None,
    database: DatabaseOptie = None,
) -> None:
    """List a school's files of the last 90 days (KWC, dashboard, RO, OBO), or fetch one."""
    from ..service.kwaliteitscontrole import bestand, bestanden_van

    register = _register(database)
    if naam is None:
        tabel = Table("soort", "bytes", "aangemaakt")
        tabel.add_column("naam", overflow="fold")
        for b in bestanden_van(register, brin):
            tabel.add_row(b.soort, str(b.grootte), b.aangemaakt_op.strftime("%Y-%m-%d %H:%M:%S"), b.naam)
        Console().print(tabel)
        return
    inhoud = bestand(register, brin, naam)
    if inhoud is None:
        console.print(f"[red]no file {naam!r} for {brin}[/red]")
        raise typer.Exit(1)
    if uitvoer is None:
        sys.stdout.buffer.write(inhoud)
        sys.stdout.flush()
    else:
        uitvoer.write_bytes(inhoud)
        console.print(f"wrote {uitvoer}")
