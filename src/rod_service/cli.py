"""The command line (spec section 11). Each verb builds the service through bootstrap()."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from .config import Instellingen

app = typer.Typer(help="rod-service: a mimic of DUO's Register Onderwijsdeelnemers VO exchange.",
                  no_args_is_help=True, add_completion=False)
referentiedata_app = typer.Typer(help="Load or generate reference data (schools, BRP persons, ...).",
                                 no_args_is_help=True)
db_app = typer.Typer(help="Database schema (alembic migrations).", no_args_is_help=True)
app.add_typer(referentiedata_app, name="referentiedata")
app.add_typer(db_app, name="db")
console = Console(stderr=True)

DatabaseOptie = Annotated[Optional[str], typer.Option("--database", help="SQLAlchemy URL [env ROD_DATABASE_URL; default: embedded SQLite]")]


def _datum(waarde: str | None) -> date | None:
    try:
        return date.fromisoformat(waarde) if waarde else None
    except ValueError:
        raise typer.BadParameter(f"{waarde!r} is no date of the form YYYY-MM-DD")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8080,
    database: DatabaseOptie = None,
    referentiedata: Annotated[Optional[Path], typer.Option("--referentiedata", exists=True, dir_okay=False,
                              help="Reference data file that replaces the shipped default [env ROD_REFERENTIEDATA]")] = None,
    datum: Annotated[Optional[str], typer.Option("--datum", help="Fix 'today' (YYYY-MM-DD) [env ROD_DATUM]")] = None,
    threads: Annotated[int, typer.Option(help="Worker threads of the HTTP server.")] = 8,
) -> None:
    """Start the ROD SOAP service (and print where its WSDL is)."""
    from waitress import create_server

    from .bootstrap import bootstrap
    from .http import maak_wsgi_app

    instellingen = Instellingen.uit_omgeving(host=host, port=port, database_url=database,
                                             referentiedata=referentiedata, datum=_datum(datum))
    register = bootstrap(instellingen)
    server = create_server(maak_wsgi_app(register), host=host, port=port, threads=threads)
    url = f"http://{host}:{server.effective_port}/rod/vo"
    console.print(f"[bold]rod-service[/bold] listening on {url}")
    console.print(f"WSDL: {url}?wsdl")
    console.print(f"database: {instellingen.database_url}; today: {register.klok.vandaag()}"
                  f"{' (fixed)' if register.klok.is_vast else ''}")
    print(f"{url}?wsdl", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass


@referentiedata_app.command("load")
def referentiedata_load(
    bestand: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSON file (docs/referentiedata.md)")],
    samenvoegen: Annotated[bool, typer.Option("--samenvoegen/--vervangen", help="Merge into the data in force instead of replacing it.")] = False,
    database: DatabaseOptie = None,
) -> None:
    """Validate a reference-data file and put it in force in the database."""
    from .bootstrap import bootstrap
    from .referentiedata import loader

    try:
        document = loader.lees(bestand, gedeeltelijk=samenvoegen)
        register = bootstrap(Instellingen.uit_omgeving(database_url=database))
        if samenvoegen:
            document = loader.lees(loader.samenvoegen(register.huidig_document(), document))
        register.laad_referentiedata(document)
    except loader.ReferentiedataFout as fout:
        console.print(f"[red]reference data refused:[/red]\n{fout}")
        raise typer.Exit(1)
    console.print(f"loaded {bestand}: {len(document.get('instellingen', []))} instellingen, "
                  f"{len(document.get('personen', []))} personen")


@referentiedata_app.command("genereer")
def referentiedata_genereer(
    uitvoer: Annotated[Path, typer.Argument(dir_okay=False, help="Where to write the JSON file.")],
    personen: Annotated[int, typer.Option("--personen", min=1, help="Number of BRP persons.")] = 1000,
    scholen: Annotated[int, typer.Option("--scholen", min=1, help="Number of VO schools.")] = 10,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same file).")] = 1,
) -> None:
    """Write a large synthetic reference-data file (streamed: flat memory)."""
    from .referentiedata.genereer import schrijf_groot

    with Progress(*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console) as voortgang:
        taak = voortgang.add_task("personen", total=personen)
        schrijf_groot(uitvoer, personen=personen, scholen=scholen, seed=seed,
                      voortgang=lambda n: voortgang.update(taak, completed=n))
    console.print(f"wrote {uitvoer}")


@db_app.command("upgrade")
def db_upgrade(database: DatabaseOptie = None) -> None:
    """Bring the database to the newest schema."""
    from .store.db import migreer

    url = Instellingen.uit_omgeving(database_url=database).database_url
    migreer(url)
    console.print(f"database at newest revision: {url}")


@db_app.command("check")
def db_check(database: DatabaseOptie = None) -> None:
    """Fail when the models and the migrations disagree (schema drift)."""
    from .store.db import controleer, migreer

    url = Instellingen.uit_omgeving(database_url=database).database_url
    migreer(url)
    controleer(url)
    console.print("no schema drift")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
