"""``rod-service audit``: who sent what, when, with which outcome (spec section 13).
Reads ``store/audit.py``; a rich table by default, ``--json`` for machines."""
from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table


def _moment(waarde: str | None, *, einde: bool) -> datetime | None:
    """YYYY-MM-DD (start of that day; with ``einde`` the start of the next) or an ISO time (UTC if naive)."""
    if not waarde:
        return None
    try:
        dag = date.fromisoformat(waarde)
    except ValueError:
        try:
            moment = datetime.fromisoformat(waarde)
        except ValueError:
            raise typer.BadParameter(f"{waarde!r} is no date (YYYY-MM-DD) or ISO date-time") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.combine(dag + timedelta(days=1) if einde else dag, time(), tzinfo=UTC)


def audit(
    oin: Annotated[Optional[str], typer.Option("--oin", help="Only requests from this OIN (sender or certificate).")] = None,
    van: Annotated[Optional[str], typer.Option("--van", help="From this date (YYYY-MM-DD, inclusive) or ISO time.")] = None,
    tot: Annotated[Optional[str], typer.Option("--tot", help="Up to and including this date, or before this ISO time.")] = None,
    request_id: Annotated[Optional[str], typer.Option("--request-id", help="One request (the X-Request-Id / log request_id).")] = None,
    als_json: Annotated[bool, typer.Option("--json", help="JSON (one array) instead of a table.")] = False,
    limiet: Annotated[int, typer.Option("--limiet", min=1, help="At most this many (the newest).")] = 1000,
    database: Annotated[Optional[str], typer.Option("--database", help="SQLAlchemy URL [env ROD_DATABASE_URL; default: embedded SQLite]")] = None,
) -> None:
    """Show the audit trail: every accepted and refused request (who, what, when, outcome)."""
    from ..config import Instellingen
    from ..store.audit import AuditRepository
    from ..store.db import maak_engine, migreer, sessiefabriek

    van_moment = _moment(van, einde=False)
    tot_moment = _moment(tot, einde=len(tot or "") == 10)
    url = Instellingen.uit_omgeving(database_url=database).database_url
    migreer(url)
    engine = maak_engine(url)
    try:
        with sessiefabriek(engine)() as sessie:
            regels = AuditRepository(sessie).zoek(oin=oin, van=van_moment, tot=tot_moment,
                                                  request_id=request_id, limiet=limiet)
    finally:
        engine.dispose()
    if als_json:
        json.dump([r.als_dict() for r in regels], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    tabel = Table(title=f"audit: {len(regels)} verzoek(en)", show_lines=False)
    for kolom, uitlijning in (("tijdstip (UTC)", "left"), ("request id", "left"), ("OIN", "left"),
                              ("certificaat-OIN", "left"), ("operatie", "left"), ("brin", "left"),
                              ("pgn", "left"), ("uitkomst", "left"), ("signalen", "left"), ("ms", "right")):
        tabel.add_column(kolom, justify=uitlijning, overflow="fold")
    kleuren = {"GOEDGEKEURD": "green", "AFGEKEURD": "yellow", "FOUT": "red", "HERHAALD": "cyan"}
    for r in regels:
        kleur = kleuren.get(r.uitkomst, "white")
        tabel.add_row(r.tijdstip.strftime("%Y-%m-%d %H:%M:%S"), r.request_id, r.oin or "–", r.certificaat_oin or "–",
                      r.operatie or "–", r.brin or "–", r.pgn_gemaskeerd or "–", f"[{kleur}]{r.uitkomst}[/{kleur}]",
                      ",".join(r.signaalcodes), f"{r.duur_ms:.1f}" if r.duur_ms is not None else "–")
    Console(width=200).print(tabel)
