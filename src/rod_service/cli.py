"""The command line (spec section 11). Each verb builds the service through bootstrap()."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from .config import Instellingen, InstellingFout

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
    threads: Annotated[int, typer.Option(help="Worker threads of the HTTP server (per worker process); a "
                       "client whose body hangs holds one while it hangs.")] = 32,
    soap_tegelijk: Annotated[Optional[int], typer.Option(
        "--soap-tegelijk", min=1, help="SOAP requests handled at once per worker process; the other "
        "threads keep answering /health, /metrics and the WSDL [env ROD_SOAP_TEGELIJK; default 1: "
        "the request path is CPU-bound, run more --workers to use more cores]")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes sharing the port (plain HTTP; "
                       "one per core scales the CPU-bound request path) [env ROD_WORKERS]",
                       envvar="ROD_WORKERS")] = 1,
    tls_cert: Annotated[Optional[Path], typer.Option("--tls-cert", exists=True, dir_okay=False,
                        help="Serve HTTPS with this certificate (PEM) [env ROD_TLS_CERT]")] = None,
    tls_key: Annotated[Optional[Path], typer.Option("--tls-key", exists=True, dir_okay=False,
                       help="Private key of --tls-cert (PEM) [env ROD_TLS_KEY]")] = None,
    client_ca: Annotated[Optional[Path], typer.Option("--client-ca", exists=True, dir_okay=False,
                         help="Require client certificates issued by this CA (PEM); their subject "
                              "serialNumber is the OIN checked by AL03 [env ROD_CLIENT_CA]")] = None,
    max_bericht_bytes: Annotated[Optional[int], typer.Option("--max-bericht-bytes", min=1024,
                                 help="Refuse larger request bodies before parsing (AL01) "
                                      "[env ROD_MAX_BERICHT_BYTES; default 10 MB]")] = None,
    wss_verplicht: Annotated[bool, typer.Option("--wss-verplicht", help="Refuse requests without a valid "
                             "WS-Security signature (AL01) [env ROD_WSS_VERPLICHT]")] = False,
    wss_ca: Annotated[Optional[Path], typer.Option("--wss-ca", exists=True, dir_okay=False,
                      help="Signing certificates must be issued by this CA [env ROD_WSS_CA; default --client-ca]")] = None,
    wss_sleutel: Annotated[Optional[Path], typer.Option("--wss-sleutel", exists=True, dir_okay=False,
                           help="Sign answers with this private key (PEM) [env ROD_WSS_SLEUTEL]")] = None,
    wss_cert: Annotated[Optional[Path], typer.Option("--wss-cert", exists=True, dir_okay=False,
                        help="Certificate of --wss-sleutel (PEM) [env ROD_WSS_CERT]")] = None,
    log_formaat: Annotated[Optional[str], typer.Option("--log-formaat", help="json or tekst [env ROD_LOG_FORMAAT]")] = None,
    zonder_dispatcher: Annotated[bool, typer.Option("--zonder-dispatcher", help="Do not deliver pushes in this "
                                 "process (run `rod-service dispatch` workers instead).")] = False,
    kwc_weekdag: Annotated[Optional[str], typer.Option("--kwc-weekdag", help="Weekday of the weekly KWC run "
                           "(maandag..zondag, 0..6) or 'uit' [env ROD_KWC_WEEKDAG; default maandag]")] = None,
) -> None:
    """Start the ROD SOAP service (and print where its WSDL is)."""
    if workers > 1:  # before prometheus_client is imported: it picks its value store at import
        from .ops.werkers import deel_metrics_tussen_processen

        deel_metrics_tussen_processen()
    from .bootstrap import bootstrap
    from .http import maak_wsgi_app
    from .ops.logging import configureer

    instellingen = Instellingen.uit_omgeving(host=host, port=port, database_url=database,
                                             referentiedata=referentiedata, datum=_datum(datum),
                                             tls_cert=tls_cert, tls_key=tls_key, client_ca=client_ca,
                                             max_bericht_bytes=max_bericht_bytes, wss_verplicht=wss_verplicht or None,
                                             wss_ca=wss_ca, wss_sleutel=wss_sleutel, wss_cert=wss_cert,
                                             log_formaat=log_formaat, kwc_weekdag=kwc_weekdag,
                                             soap_tegelijk=soap_tegelijk)
    configureer(formaat=instellingen.log_formaat, niveau=instellingen.log_niveau)
    tls = (instellingen.tls_cert, instellingen.tls_key, instellingen.client_ca)
    if any(tls) and not all(tls):
        raise typer.BadParameter("HTTPS needs --tls-cert, --tls-key and --client-ca together")
    if (instellingen.wss_sleutel is None) != (instellingen.wss_cert is None):
        raise typer.BadParameter("signing answers needs --wss-sleutel and --wss-cert together")
    if workers > 1 and any(tls):
        raise typer.BadParameter("--workers > 1 serves plain HTTP; run one process per port for HTTPS")
    if any(tls):
        _serve_tls(bootstrap(instellingen, deelt_datum=True), instellingen, threads, zonder_dispatcher)
        return
    from .server import luisteraar, serveer

    try:  # before bootstrap: a serve that cannot have the port must not put its --datum in force
        sock = luisteraar(instellingen.host, instellingen.port)
    except OSError as fout:
        console.print(f"[red]cannot serve on {instellingen.host}:{instellingen.port}:[/red] {fout.strerror or fout}")
        raise typer.Exit(1) from None
    register = bootstrap(instellingen, deelt_datum=True)
    url = f"http://{instellingen.host}:{sock.getsockname()[1]}/rod/vo"
    register.engine.dispose()  # each worker opens its own pool after the fork

    def maak_werker():  # in each worker process
        reg = bootstrap(instellingen, als_worker=True)
        app = maak_wsgi_app(reg, soap_tegelijk=instellingen.soap_tegelijk)
        app.ops_status.start()  # the ops page's chart keeps an hour of samples
        reg.volg()  # a date or reference data another process put in force, also between requests
        # pushes and the weekly KWC: one worker at a time does them
        return app, lambda: _achtergrond(reg, instellingen, zonder_dispatcher)

    serveer(maak_werker, sock, threads=threads, workers=workers,
            klaar=lambda: _meld_start(register, instellingen, url, zonder_dispatcher, workers))


def _meld_start(register, instellingen: Instellingen, url: str, zonder_dispatcher: bool, workers: int) -> None:
    console.print(f"[bold]rod-service[/bold] listening on {url}"
                  f"{f' ({workers} worker processes)' if workers > 1 else ''}")
    console.print(f"WSDL: {url}?wsdl")
    console.print(f"database: {instellingen.database_url}; today: {register.klok.vandaag()}"
                  f"{' (fixed)' if register.klok.is_vast else ''}")
    console.print(f"outbox: {'not delivered here (--zonder-dispatcher)' if zonder_dispatcher else 'delivered by this service'}")
    print(f"{url}?wsdl", flush=True)


def _achtergrond(register, instellingen: Instellingen, zonder_dispatcher: bool) -> None:
    """The outbox dispatcher and the weekly KWC, as daemon threads of this process, stopped
    in order when the process ends normally (a kill leaves leases that simply run out)."""
    import atexit

    if not zonder_dispatcher:
        atexit.register(register.dispatcher().start().stop)
    planner = _kwc_planner(register, instellingen)
    if planner is not None:
        atexit.register(planner.stop)


def _serve_tls(register, instellingen: Instellingen, threads: int, zonder_dispatcher: bool) -> None:
    from .http import maak_wsgi_app

    app = maak_wsgi_app(register, soap_tegelijk=instellingen.soap_tegelijk)
    app.ops_status.start()
    register.volg()
    server, url = _tls_server(app, instellingen, threads)
    _meld_start(register, instellingen, url, zonder_dispatcher, 1)
    _achtergrond(register, instellingen, zonder_dispatcher)
    try:
        server.run()
    except KeyboardInterrupt:
        pass


def _kwc_planner(register, instellingen: Instellingen):
    """The weekly KWC in this process (service/kwaliteitscontrole.py), unless switched off."""
    from .domain.kalender import WEEKDAGEN, weekdag
    from .service.kwaliteitscontrole import KwcPlanner

    dag = weekdag(instellingen.kwc_weekdag)  # checked by Instellingen
    if dag is None:
        console.print("kwc: weekly run off")
        return None
    console.print(f"kwc: weekly run on {WEEKDAGEN[dag]} (by the service clock)")
    return KwcPlanner(register, dag, instellingen.kwc_interval).start()


class _TlsServer:
    """cheroot behind the same run() as waitress's server."""

    def __init__(self, server) -> None:
        self.server = server

    def run(self) -> None:
        try:
            self.server.serve()
        finally:
            self.server.stop()


def _tls_server(app, instellingen: Instellingen, threads: int):
    """cheroot for HTTPS with required client certificates (ops/tls.py)."""
    from .ops.tls import maak_tls_server

    host = instellingen.host
    server = maak_tls_server(app, host=host, port=instellingen.port, cert=instellingen.tls_cert,
                             key=instellingen.tls_key, client_ca=instellingen.client_ca, threads=threads)
    return _TlsServer(server), f"https://{host}:{server.bind_addr[1]}/rod/vo"


@referentiedata_app.command("load")
def referentiedata_load(
    bestand: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSON file (docs/referentiedata.md)")],
    samenvoegen: Annotated[bool, typer.Option("--samenvoegen/--vervangen", help="Merge into the data in force instead of replacing it.")] = False,
    database: DatabaseOptie = None,
) -> None:
    """Validate a reference-data file and put it in force in the database."""
    from .bootstrap import SamenvoegenIngehaald, bootstrap
    from .referentiedata import loader

    try:
        register = bootstrap(Instellingen.uit_omgeving(database_url=database))
        if samenvoegen:
            document = loader.lees(bestand, gedeeltelijk=True)
            rd = register.voeg_referentiedata_samen(document)
        else:  # replace: read, check and store in one pass, flat memory (docs/referentiedata.md)
            rd = register.laad_referentiedata_stroom(bestand)
    except loader.ReferentiedataFout as fout:
        console.print(f"[red]reference data refused:[/red]\n{fout}")
        raise typer.Exit(1)
    except SamenvoegenIngehaald as fout:
        console.print(f"[red]merge not stored:[/red] {fout}")
        raise typer.Exit(1)
    console.print(f"loaded {bestand}: {len(rd.instellingen)} instellingen, {register.aantal_brp_personen()} personen")


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


def _audit_registreren() -> None:
    from .ops.audit import audit

    app.command("audit")(audit)


_audit_registreren()


def _outbox_registreren() -> None:
    """dispatch, queue ... (outbox/cli.py) and las-ontvanger (las/cli.py; spyne loads only when run)."""
    from .las.cli import las_ontvanger
    from .outbox.cli import dispatch, queue_app

    app.command("dispatch")(dispatch)
    app.add_typer(queue_app, name="queue")
    app.command("las-ontvanger")(las_ontvanger)


_outbox_registreren()


def _kwc_registreren() -> None:
    """kwc draai|bestanden (bestanden/cli.py)."""
    from .bestanden.cli import kwc_app

    app.add_typer(kwc_app, name="kwc")


_kwc_registreren()


def _conformance_registreren() -> None:
    """conformance run|rapport|lijst (conformance/cli.py)."""
    from .conformance.cli import conformance_app

    app.add_typer(conformance_app, name="conformance")


_conformance_registreren()


def main() -> None:
    try:
        app()
    except InstellingFout as fout:  # a setting from the environment or an option: one line, no traceback
        console.print(f"[red]Error:[/red] {escape(str(fout))}", soft_wrap=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
