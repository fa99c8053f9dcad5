"""``rod-service conformance run|rapport|lijst`` (spec sections 1 and 11), registered on the
main CLI by ``rod_service.cli``. Heavy imports stay inside the commands."""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

conformance_app = typer.Typer(
    help="Conformance suite: scenarios per rule against any endpoint of the WSDL, and judging a LAS's traffic "
         "(docs/conformance.md).", no_args_is_help=True)
uit = Console()
fouten = Console(stderr=True)

CatalogusOptie = Annotated[Optional[Path], typer.Option(
    "--catalogus", exists=True, file_okay=False, help="Catalogue folder (scenarios/, sjablonen/, fixtures/, "
    "regels.txt) [default: the project's conformance/]")]


def _catalogus(map: Path | None):
    from .catalogus import CatalogusFout, laad

    try:
        return laad(map)
    except CatalogusFout as fout:
        fouten.print(f"[red]the catalogue has {len(fout.fouten)} problem(s):[/red]")
        for regel in fout.fouten:
            fouten.print(f"  {regel}", markup=False, highlight=False)
        raise typer.Exit(2) from None


@conformance_app.command("run")
def run(
    target: Annotated[Optional[str], typer.Option("--target", help="SOAP endpoint of the implementation to test "
                      "(e.g. http://host:8080/rod/vo; its WSDL at ?wsdl). Default: our own server, started "
                      "in-process on a free loopback port with a fresh database per scenario.")] = None,
    scenario: Annotated[Optional[list[str]], typer.Option("--scenario", help="Only this scenario id (repeatable).")] = None,
    rule: Annotated[Optional[list[str]], typer.Option("--rule", help="Only scenarios proving this code, e.g. IS07 "
                    "(repeatable).")] = None,
    junit: Annotated[Optional[Path], typer.Option("--junit", dir_okay=False, help="Write JUnit XML here.")] = None,
    html: Annotated[Optional[Path], typer.Option("--html", dir_okay=False, help="Write the HTML report here.")] = None,
    admin: Annotated[Optional[str], typer.Option("--admin", help="With --target: base URL of its admin routes "
                     "(PUT /admin/datum, PUT /admin/administraties/{oin}/endpoint) [default: the target's host]")] = None,
    admin_token: Annotated[Optional[str], typer.Option("--admin-token", envvar="ROD_ADMIN_TOKEN",
                           help="Bearer token for the target's admin routes [env ROD_ADMIN_TOKEN]")] = None,
    ontvanger_host: Annotated[str, typer.Option("--ontvanger-host", help="Where the reference LAS receiver "
                              "listens (use 0.0.0.0 when a remote target must reach it).")] = "127.0.0.1",
    ontvanger_poort: Annotated[int, typer.Option("--ontvanger-poort", help="Its port (0: a free one).")] = 0,
    ontvanger_url: Annotated[Optional[str], typer.Option("--ontvanger-url", help="The URL the target must push "
                             "to, when not the receiver's own (NAT, containers).")] = None,
    push_wacht: Annotated[float, typer.Option("--push-wacht", min=0.5, help="Seconds to wait for expected pushes.")] = 15.0,
    alle: Annotated[bool, typer.Option("--alle", help="List passed scenarios too.")] = False,
    catalogus: CatalogusOptie = None,
) -> None:
    """Run the scenario catalogue and report per scenario and per rule (exit 1 on a failure)."""
    from . import rapport
    from .catalogus import lees_regels
    from .doelen import EigenServer, ExternDoel
    from .uitvoering import Uitvoerder

    kat = _catalogus(catalogus)
    try:
        gekozen = kat.kies(scenario, rule)
    except KeyError as fout:
        raise typer.BadParameter(str(fout.args[0])) from None
    if not gekozen:
        fouten.print("[yellow]no scenario matches --scenario/--rule[/yellow]")
        raise typer.Exit(2)
    codes = lees_regels(kat.map / "regels.txt") if not scenario and not rule else None
    doel = ExternDoel(target, admin=admin, token=admin_token) if target else EigenServer(fixtures=kat.fixtures)
    ontvanger = None
    if any("pushes" in s.vereisten() for s in gekozen):
        try:
            from ..las import start_ontvanger

            ontvanger = start_ontvanger(host=ontvanger_host, port=ontvanger_poort)
        except ImportError as fout:  # spyne: Python 3.11 only
            fouten.print(f"[yellow]no LAS receiver ({fout}); scenarios with pushes are skipped[/yellow]")
    fouten.print(f"{len(gekozen)} scenario(s) against {doel.naam}"
                 + (f"; pushes to {ontvanger_url or ontvanger.url}" if ontvanger else ""))
    try:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=fouten,
                      transient=True) as voortgang:
            taak = voortgang.add_task("conformance", total=len(gekozen))
            uitvoerder = Uitvoerder(kat, doel, ontvanger=ontvanger, ontvanger_url=ontvanger_url, push_wacht=push_wacht,
                                    voortgang=lambda u: voortgang.update(taak, advance=1, description=u.scenario.id))
            resultaat = uitvoerder.draai(gekozen, codes)
    finally:
        doel.sluit()
        if ontvanger is not None:
            ontvanger.stop()
    rapport.toon(resultaat, uit, alle=alle)
    if junit:
        rapport.schrijf_junit(resultaat, junit)
        fouten.print(f"wrote {junit}")
    if html:
        rapport.schrijf_html(resultaat, html)
        fouten.print(f"wrote {html}")
    if not resultaat.geslaagd:
        raise typer.Exit(1)


def _van(waarde: str | None) -> datetime | None:
    if not waarde:
        return None
    try:
        return datetime.combine(date.fromisoformat(waarde), time(), tzinfo=UTC)
    except ValueError:
        try:
            moment = datetime.fromisoformat(waarde)
        except ValueError:
            raise typer.BadParameter(f"{waarde!r} is no date (YYYY-MM-DD) or ISO date-time") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@conformance_app.command("rapport")
def rapport_cmd(
    oin: Annotated[str, typer.Option("--oin", help="The administratie (OIN) whose traffic to judge.")],
    van: Annotated[Optional[str], typer.Option("--van", help="From this date (YYYY-MM-DD, inclusive, service "
                   "clock) or ISO time.")] = None,
    database: Annotated[Optional[str], typer.Option("--database", help="SQLAlchemy URL [env ROD_DATABASE_URL; "
                        "default: embedded SQLite]")] = None,
    html: Annotated[Optional[Path], typer.Option("--html", dir_okay=False, help="Write the HTML report here.")] = None,
    json_: Annotated[Optional[Path], typer.Option("--json", dir_okay=False, help="Write the JSON report here.")] = None,
) -> None:
    """Judge an administratie's recorded traffic (schema errors, afkeur codes, coverage, unacknowledged pushes)."""
    from ..config import Instellingen
    from . import verkeer

    url = Instellingen.uit_omgeving(database_url=database).database_url
    resultaat = verkeer.uit_database(url, oin, van=_van(van))
    verkeer.toon(resultaat, uit)
    if html:
        verkeer.schrijf_html(resultaat, html)
        fouten.print(f"wrote {html}")
    if json_:
        verkeer.schrijf_json(resultaat, json_)
        fouten.print(f"wrote {json_}")


@conformance_app.command("lijst")
def lijst(
    rule: Annotated[Optional[list[str]], typer.Option("--rule", help="Only scenarios proving this code.")] = None,
    catalogus: CatalogusOptie = None,
) -> None:
    """List the scenarios and the rule coverage (exit 1 when a code of regels.txt has no scenario)."""
    from rich.table import Table

    from .catalogus import dekking, lees_regels

    kat = _catalogus(catalogus)
    tabel = Table("scenario", "regels", "soort", "datum", "vereist")
    for s in kat.kies(None, rule):
        tabel.add_row(s.id, " ".join(s.regels), s.soort, s.datum.isoformat(), " ".join(sorted(s.vereisten())))
    uit.print(tabel)
    codes = lees_regels(kat.map / "regels.txt")
    open_ = [c for c, ids in dekking(kat, codes).items() if not ids and c in codes]
    uit.print(f"{len(kat.scenarios)} scenario's; {len(codes) - len(open_)} of {len(codes)} rules covered"
              + (f"; without a scenario: {' '.join(open_)}" if open_ else ""))
    if open_:
        raise typer.Exit(1)
