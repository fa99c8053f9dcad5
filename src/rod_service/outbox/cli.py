"""``rod-service dispatch`` and ``rod-service queue status|list|replay|retry|purge|pause|resume``
(spec sections 11 and 12), registered on the main CLI by ``rod_service.cli``."""
from __future__ import annotations

import json
import signal
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..config import Instellingen

queue_app = typer.Typer(help="The outbound queue of pushes to LAS endpoints.", no_args_is_help=True)
uit = Console()
DatabaseOptie = Annotated[Optional[str], typer.Option("--database", help="SQLAlchemy URL [env ROD_DATABASE_URL]")]
JsonOptie = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _register(database: str | None):
    from ..bootstrap import bootstrap

    return bootstrap(Instellingen.uit_omgeving(database_url=database))


def dispatch(database: DatabaseOptie = None,
             metrics_port: Annotated[Optional[int], typer.Option(
                 "--metrics-port", help="Serve this worker's Prometheus metrics (delivery attempts and "
                 "latency, the outbox series) on this port (docs/operations.md).")] = None,
             metrics_host: Annotated[str, typer.Option(
                 "--metrics-host", help="Address for --metrics-port (0.0.0.0 in a container, "
                 "docs/deploy.md).")] = "127.0.0.1") -> None:
    """Deliver pushes in this process until stopped (SIGTERM/Ctrl-C).

    Run several against PostgreSQL to scale out; one per SQLite database."""
    from ..ops.logging import configureer

    instellingen = Instellingen.uit_omgeving(database_url=database)
    configureer(formaat=instellingen.log_formaat, niveau=instellingen.log_niveau)
    register = _register(database)
    if metrics_port is not None:
        from prometheus_client import start_http_server

        start_http_server(metrics_port, addr=metrics_host, registry=register.metrieken.registry)
    dispatcher = register.dispatcher()
    signal.signal(signal.SIGTERM, lambda *_: dispatcher.stop())
    print(f"dispatcher running on {register.instellingen.database_url}", flush=True)
    try:
        dispatcher.run_forever()
    except KeyboardInterrupt:
        dispatcher.stop()


@queue_app.command("status")
def status(database: DatabaseOptie = None, als_json: JsonOptie = False) -> None:
    """Per administratie: depth by state, oldest due age, delivered/failed/dead, last error."""
    from ..store.outbox import OutboxRepository, Wachtrijstand
    from .ontvangers import Ontvangers
    from .toestanden import Status

    register = _register(database)
    with register.lezen() as sessie:  # no write lock: ops may ask while serve is busy
        standen = OutboxRepository(sessie).status_per_administratie(nu=register.klok.nu())
        ontvangers = Ontvangers().stand(sessie)
    rijen = []
    for oin in sorted({*ontvangers.ontvangers, *standen}):
        s, o = standen.get(oin) or Wachtrijstand(oin), ontvangers.get(oin)
        rijen.append({"administratie": oin, **{t.value: s.aantallen.get(t.value, 0) for t in Status},
                      "oudste_due_seconden": round(s.oudste_due_seconden, 1), "mislukte_pogingen": s.mislukte_pogingen,
                      "afgewezen": s.afgewezen, "endpoint": o.endpoint, "endpoint_bron": o.bron,
                      "gepauzeerd": o.gepauzeerd, "laatste_fout": s.laatste_fout})
    if als_json:
        print(json.dumps(rijen, indent=2))
        return
    tabel = Table("administratie", "nieuw", "opnieuw", "oudste due (s)", "bezorgd", "mislukt", "dood",
                  "endpoint", "laatste fout", title="outbox per administratie")
    for r in rijen:
        endpoint = (r["endpoint"] or "[red]geen[/red]") + (" [yellow](gepauzeerd)[/yellow]" if r["gepauzeerd"] else "")
        tabel.add_row(r["administratie"], str(r["nieuw"]), str(r["opnieuw"]), f"{r['oudste_due_seconden']:g}",
                      str(r["bezorgd"]), str(r["mislukte_pogingen"]), str(r["dood"]), endpoint,
                      r["laatste_fout"] or "")
    uit.print(tabel)


@queue_app.command("list")
def lijst(
    state: Annotated[Optional[str], typer.Option("--state", help="nieuw|opnieuw|bezorgd|dood (or new|retry|delivered|dead)")] = None,
    administratie: Annotated[Optional[str], typer.Option("--administratie", help="Only this OIN.")] = None,
    limiet: Annotated[int, typer.Option("--limit", min=1, help="At most this many (the newest).")] = 50,
    database: DatabaseOptie = None, als_json: JsonOptie = False,
) -> None:
    """Messages in the queue, oldest first."""
    from ..store.outbox import OutboxRepository
    from .toestanden import uit_tekst

    try:
        toestand = uit_tekst(state) if state else None
    except ValueError as fout:
        raise typer.BadParameter(str(fout)) from None
    register = _register(database)
    with register.lezen() as sessie:
        rijen = [{"id": b.id, "administratie": b.administratie_oin, "operatie": b.operatie,
                  "identificatiecode": b.identificatiecode, "message_id": b.message_id, "status": b.status,
                  "pogingen": b.pogingen, "volgende_poging_op": b.volgende_poging_op.isoformat(),
                  "laatste_fout": b.laatste_fout}
                 for b in OutboxRepository(sessie).lijst(toestand, administratie_oin=administratie, limiet=limiet)]
    if als_json:
        print(json.dumps(rijen, indent=2))
        return
    tabel = Table("id", "administratie", "operatie", "identificatiecode", "status", "pogingen", "laatste fout")
    for r in rijen:
        tabel.add_row(str(r["id"]), r["administratie"], r["operatie"], r["identificatiecode"], r["status"],
                      str(r["pogingen"]), r["laatste_fout"] or "")
    uit.print(tabel)


@queue_app.command("replay")
def replay(
    bericht_id: Annotated[Optional[int], typer.Argument(metavar="ID", help="The dead letter to deliver again.")] = None,
    alle: Annotated[bool, typer.Option("--all", help="Every dead letter.")] = False,
    database: DatabaseOptie = None,
) -> None:
    """Put dead letters back in the queue (same identificatiecode and MessageID)."""
    from ..store.outbox import ALLE

    _een_of_alle(bericht_id, alle, "an ID")
    aantal = _wijzig(database, lambda outbox, nu: outbox.replay(ALLE if alle else bericht_id, nu=nu))
    uit.print(f"{aantal} dead letter(s) back in the queue")
    if aantal == 0 and not alle:
        raise typer.Exit(1)  # the ID is no dead letter


@queue_app.command("retry")
def nu_opnieuw(
    oin: Annotated[Optional[str], typer.Argument(help="OIN of the administratie whose LAS is back.")] = None,
    alle: Annotated[bool, typer.Option("--all", help="Every administratie.")] = False,
    database: DatabaseOptie = None,
) -> None:
    """The LAS is back: deliver its waiting messages now, not when the back-off says."""
    _een_of_alle(oin, alle, "an OIN")
    aantal = _wijzig(database, lambda outbox, nu: outbox.nu_opnieuw(oin, nu=nu))
    uit.print(f"{aantal} message(s) due now instead of after the back-off")


@queue_app.command("purge")
def ruim_op(
    dagen: Annotated[float, typer.Option("--older-than", metavar="DAYS", min=0,
                                         help="Remove what was delivered more than DAYS days ago.")],
    database: DatabaseOptie = None,
) -> None:
    """Remove delivered messages from the store (waiting and dead ones stay).

    ROD_OUTBOX_BEWAREN lets the dispatcher do this by itself (docs/operations.md)."""
    from datetime import timedelta

    from ..store.outbox import ruim_bezorgd_op

    register = _register(database)
    voor = register.klok.nu() - timedelta(days=dagen)
    aantal = ruim_bezorgd_op(register.sessies, voor=voor)
    uit.print(f"{aantal} delivered message(s) from before {voor:%Y-%m-%d %H:%M} UTC removed")


@queue_app.command("pause")
def pauzeer(oin: Annotated[str, typer.Argument(help="OIN of the administratie.")], database: DatabaseOptie = None) -> None:
    """Stop delivering to an administratie (its messages wait, in order)."""
    _zet_pauze(oin, True, database)


@queue_app.command("resume")
def hervat(oin: Annotated[str, typer.Argument(help="OIN of the administratie.")], database: DatabaseOptie = None) -> None:
    """Deliver to a paused administratie again."""
    _zet_pauze(oin, False, database)


def _zet_pauze(oin: str, gepauzeerd: bool, database: str | None) -> None:
    _wijzig(database, lambda outbox, nu: (outbox.pauzeer if gepauzeerd else outbox.hervat)(oin, nu=nu))
    uit.print(f"{oin}: {'paused' if gepauzeerd else 'resumed'}")


def _een_of_alle(gegeven, alle: bool, wat: str) -> None:
    if (gegeven is None) == (not alle):
        raise typer.BadParameter(f"give {wat} or --all (not both)")


def _wijzig(database: str | None, wijziging):
    """One queue change in its own unit of work on the deployment's clock; returns its result."""
    register = _register(database)
    with register.uow() as uow:
        uitkomst = wijziging(uow.outbox, register.klok.nu())
        uow.commit()
    return uitkomst
