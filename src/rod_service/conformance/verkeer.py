"""``rod-service conformance rapport --oin OIN``: judge the traffic an administratie sent.

Everything comes from what the register already records (spec section 13):

- the ``audit`` table: every accepted and refused request with its operation, outcome
  (GOEDGEKEURD, AFGEKEURD, HERHAALD for an idempotent repeat, FOUT for a SOAP Fault) and
  signal codes; a Fault's code is AL01/AL02 (or a server code);
- ``bedrijfsdocument``: the answers sent, for the BK signals that live inside a
  bekostigingsbericht (never in the terugkoppeling, so never in the audit codes);
- ``outbox``: the pushes to the administratie and whether it acknowledged them;
- ``kwc_run``: the latest KWC counts of the administratie's schools (KW codes come from the
  weekly batch on the register's state, not from traffic, so they are reported apart).

A request that was not XML at all names no sender: with TLS client certificates on, the
certificate's OIN attributes it; without, such Faults are counted under "zonder afzender"
for the whole period, not under the administratie.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree
from sqlalchemy import and_, func, select

from ..domain.signalen import CATALOGUS
from ..store import models as m
from ..store.audit import AuditRepository

NS = "urn:rod-service:vo:v1"
SCHEMAFOUTEN = ("AL01", "AL02")
WACHTEND, DOOD = ("nieuw", "opnieuw"), "dood"
MAX_LIJST = 500


@dataclass
class Verkeersrapport:
    oin: str
    van: str | None
    gemaakt_op: str
    bekend: bool  # the OIN is an administratie of the reference data in force
    brins: list[str]
    verzoeken: int
    per_uitkomst: dict[str, int]
    per_operatie: dict[str, dict[str, int]]
    nooit_gebruikt: list[str]  # operations without any request past the XSD gate
    schemafouten: list[dict]  # AL01/AL02 Faults of this administratie
    zonder_afzender: int  # Faults in the period that name no sender at all
    serverfouten: dict[str, int]  # soap:Server Faults (INTERN, NIET_GEIMPLEMENTEERD, ...) -> times
    afkeur: dict[str, int]  # AFKEUR code -> times
    attentie: dict[str, int]  # ATTENTIE code -> times (BK included)
    dekking: dict  # geraakt, niet_geraakt, percentage (codes observable in traffic)
    kwc: dict[str, dict]  # brin -> {datum, tellingen}
    pushes: dict  # per_status, onbevestigd [...]

    def als_dict(self) -> dict:
        return asdict(self)


def _utc(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def _iso(moment: datetime | None) -> str | None:
    moment = _utc(moment)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def bk_codes(antwoord: bytes) -> list[str]:
    """The BK codes of the bekostigingsbericht in an answer or push body, each once (a code
    on three teldata of one bericht counts as one occurrence)."""
    try:
        root = etree.fromstring(antwoord)
    except etree.XMLSyntaxError:
        return []
    return sorted({c.text for c in root.iter(f"{{{NS}}}code")
                   if c.text and c.text.startswith("BK") and c.getparent() is not None
                   and c.getparent().getparent() is not None
                   and etree.QName(c.getparent().getparent()).localname == "teldatum"})


def operaties() -> list[str]:
    from ..soap.operaties import INGANGEN

    return [naam.removesuffix("_Request") for naam in INGANGEN]


def maak(sessie, oin: str, *, van: datetime | None = None, codes: list[str] | None = None) -> Verkeersrapport:
    """The report for ``oin`` from ``van`` (inclusive; None: everything) on an open session.
    ``codes``: the rules to measure coverage against (default: the signal catalogue)."""
    from ..store.referentiedata import lees_document

    document = lees_document(sessie)
    administratie = next((a for a in (document.document.get("administraties", []) if document else [])
                          if a.get("oin") == oin), None)
    regels = AuditRepository(sessie).zoek(oin=oin, van=van, limiet=None)

    per_uitkomst = Counter(r.uitkomst for r in regels)
    per_operatie: dict[str, Counter] = {op: Counter() for op in operaties()}
    afkeur, attentie, serverfouten = Counter(), Counter(), Counter()
    schemafouten = []
    for r in regels:
        operatie = r.operatie or "(onbekend)"
        per_operatie.setdefault(operatie, Counter())[r.uitkomst] += 1
        if r.uitkomst == "FOUT":
            for code in r.signaalcodes:
                if code in SCHEMAFOUTEN:
                    schemafouten.append({"tijdstip": _iso(r.tijdstip), "operatie": r.operatie, "code": code,
                                         "identificatiecode": r.identificatiecode, "request_id": r.request_id})
                if code in CATALOGUS:
                    afkeur[code] += 1
                else:
                    serverfouten[code] += 1
            continue
        for code in r.signaalcodes:
            soort = CATALOGUS.get(code, (None,))[0]
            (afkeur if soort is not None and soort.value == "AFKEUR" else attentie)[code] += 1

    # BK signals: inside the bekostigingsberichten of the answers and of the pushes
    antwoorden = select(m.Bedrijfsdocument.antwoord).where(
        m.Bedrijfsdocument.verzendende_instantie == oin,
        m.Bedrijfsdocument.operatie.in_(("aanleverenInschrijvingVO", "aanleverenVerwijderingInschrijvingVO")))
    if van is not None:
        antwoorden = antwoorden.where(m.Bedrijfsdocument.ontvangen_op >= van)
    for antwoord in sessie.scalars(antwoorden):
        attentie.update(bk_codes(antwoord))
    pushes = select(m.OutboxBericht).where(m.OutboxBericht.administratie_oin == oin).order_by(m.OutboxBericht.id)
    if van is not None:
        pushes = pushes.where(m.OutboxBericht.aangemaakt_op >= van)
    per_status: Counter = Counter()
    onbevestigd = []
    for push in sessie.scalars(pushes):
        per_status[push.status] += 1
        if push.operatie in ("verstrekkenBekostigingsberichtVO", "verstrekkenTerugkoppelingVO"):
            attentie.update(bk_codes(push.body))
        if push.status != "bezorgd" and len(onbevestigd) < MAX_LIJST:
            onbevestigd.append({"id": push.id, "operatie": push.operatie, "status": push.status,
                                "pogingen": push.pogingen, "identificatiecode": push.identificatiecode,
                                "aangemaakt_op": _iso(push.aangemaakt_op),
                                "volgende_poging_op": _iso(push.volgende_poging_op) if push.status != DOOD else None,
                                "laatste_fout": push.laatste_fout})

    zonder = select(func.count()).select_from(m.Audit).where(
        m.Audit.uitkomst == "FOUT", m.Audit.oin.is_(None), m.Audit.certificaat_oin.is_(None))
    if van is not None:
        zonder = zonder.where(m.Audit.tijdstip >= van)

    alle_codes = [c for c in (codes or list(CATALOGUS)) if not c.startswith("KW")]
    gezien = set(afkeur) | set(attentie)
    geraakt = [c for c in alle_codes if c in gezien]
    brins = list(administratie.get("brins", [])) if administratie else []
    return Verkeersrapport(
        oin=oin, van=_iso(van), gemaakt_op=_iso(datetime.now(UTC)), bekend=administratie is not None, brins=brins,
        verzoeken=len(regels), per_uitkomst=dict(sorted(per_uitkomst.items())),
        per_operatie={op: dict(sorted(c.items())) for op, c in per_operatie.items()},
        nooit_gebruikt=[op for op, c in per_operatie.items()
                        if op in operaties() and not any(n for u, n in c.items() if u != "FOUT")],
        schemafouten=schemafouten[-MAX_LIJST:], zonder_afzender=sessie.scalar(zonder) or 0,
        serverfouten=dict(sorted(serverfouten.items())),
        afkeur=dict(sorted((c, n) for c, n in afkeur.items() if n)),
        attentie=dict(sorted((c, n) for c, n in attentie.items() if n)),
        dekking={"geraakt": geraakt, "niet_geraakt": [c for c in alle_codes if c not in gezien],
                 "percentage": round(100 * len(geraakt) / len(alle_codes), 1) if alle_codes else 0.0,
                 "uitleg": "signaalcodes (AL–OB) die het verkeer van deze administratie opleverde; "
                           "KW staat apart (wekelijkse batch)"},
        kwc=_kwc(sessie, brins),
        pushes={"per_status": dict(sorted(per_status.items())),
                "onbevestigd_aantal": sum(n for s, n in per_status.items() if s != "bezorgd"),
                "onbevestigd": onbevestigd},
    )


def _kwc(sessie, brins: list[str]) -> dict[str, dict]:
    if not brins:
        return {}
    R = m.KwcRun
    laatste = (select(R.brin, func.max(R.datum).label("datum")).where(R.brin.in_(brins)).group_by(R.brin).subquery())
    uit = {}
    for run in sessie.scalars(select(R).join(laatste, and_(R.brin == laatste.c.brin, R.datum == laatste.c.datum))
                              .order_by(R.brin, R.id)):
        uit[run.brin] = {"datum": run.datum.isoformat(), "tellingen": dict(sorted(run.tellingen.items()))}
    return uit


def uit_database(url: str, oin: str, *, van: datetime | None = None,
                 codes: list[str] | None = None) -> Verkeersrapport:
    from ..store.db import maak_engine, migreer, sessiefabriek

    migreer(url)
    engine = maak_engine(url)
    try:
        with sessiefabriek(engine)() as sessie:
            return maak(sessie, oin, van=van, codes=codes)
    finally:
        engine.dispose()


# -- output ----------------------------------------------------------------------------------

def schrijf_json(rapport: Verkeersrapport, pad: Path) -> None:
    Path(pad).write_text(json.dumps(rapport.als_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _e(tekst) -> str:
    return html.escape("" if tekst is None else str(tekst))


def html_rapport(r: Verkeersrapport) -> str:
    from .rapport import CSS

    def codetabel(codes: dict[str, int]) -> str:
        if not codes:
            return "<p>geen</p>"
        rijen = "".join(f'<tr><td class="code">{_e(c)}</td><td>{n}</td><td>{_e(CATALOGUS.get(c, (None, ""))[1])}</td></tr>'
                        for c, n in sorted(codes.items(), key=lambda x: (-x[1], x[0])))
        return f"<table><tr><th>code</th><th>aantal</th><th>omschrijving</th></tr>{rijen}</table>"

    uitkomsten = sorted({u for c in r.per_operatie.values() for u in c})
    nooit = '<span class="s gefaald">nooit gebruikt</span>'
    operatierijen = "".join(
        f"<tr><td>{_e(op)}</td>" + "".join(f"<td>{c.get(u, 0)}</td>" for u in uitkomsten)
        + f"<td>{nooit if op in r.nooit_gebruikt else ''}</td></tr>"
        for op, c in r.per_operatie.items())
    schema = "".join(f"<tr><td>{_e(f['tijdstip'])}</td><td>{_e(f['code'])}</td><td>{_e(f['operatie'])}</td>"
                     f"<td>{_e(f['identificatiecode'])}</td></tr>" for f in r.schemafouten)
    pushes = "".join(f"<tr><td>{p['id']}</td><td>{_e(p['operatie'])}</td><td>{_e(p['status'])}</td>"
                     f"<td>{p['pogingen']}</td><td>{_e(p['aangemaakt_op'])}</td><td>{_e(p['laatste_fout'])}</td></tr>"
                     for p in r.pushes["onbevestigd"])
    kwc = "".join(f"<tr><td>{_e(b)}</td><td>{_e(k['datum'])}</td><td>"
                  + (", ".join(f"{_e(c)} {n}" for c, n in k["tellingen"].items()) or "geen signalen") + "</td></tr>"
                  for b, k in r.kwc.items())
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">",
        f"<title>Verkeer van {_e(r.oin)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>Verkeer van administratie {_e(r.oin)}</h1><div>"
        f"{'scholen ' + _e(', '.join(r.brins)) if r.bekend else 'niet bekend in de referentiedata'} · "
        f"vanaf {_e(r.van or 'het begin')} · gemaakt {_e(r.gemaakt_op)}</div></header><main>",
        '<div class="tellers">',
        f'<div class="teller"><b>{r.verzoeken}</b>verzoeken</div>',
        *(f'<div class="teller"><b>{n}</b>{_e(u.lower())}</div>' for u, n in r.per_uitkomst.items()),
        f'<div class="teller"><b>{len(r.schemafouten)}</b>schemafouten (AL01/AL02)</div>',
        f'<div class="teller"><b>{r.dekking["percentage"]}%</b>regels geraakt</div>',
        f'<div class="teller"><b>{r.pushes["onbevestigd_aantal"]}</b>pushes niet bevestigd</div></div>',
        "<h2>Per operatie</h2><table><tr><th>operatie</th>" + "".join(f"<th>{_e(u)}</th>" for u in uitkomsten)
        + f"<th></th></tr>{operatierijen}</table>",
        "<h2>Schema-ongeldige berichten (AL01/AL02)</h2>"
        + (f"<table><tr><th>tijdstip</th><th>code</th><th>operatie</th><th>identificatiecode</th></tr>{schema}</table>"
           if schema else "<p>geen</p>")
        + (f'<p class="klein">{r.zonder_afzender} Fault(s) in deze periode noemen geen afzender (geen XML of geen '
           "envelop, zonder TLS-clientcertificaat) en tellen hier niet mee.</p>" if r.zonder_afzender else "")
        + (f"<p>Serverfouten (soap:Server): {_e(', '.join(f'{c} {n}' for c, n in r.serverfouten.items()))}</p>"
           if r.serverfouten else ""),
        "<h2>Afkeurcodes</h2>", codetabel(r.afkeur),
        "<h2>Attentiecodes (ook BK uit de bekostigingsberichten)</h2>", codetabel(r.attentie),
        f"<h2>Dekking van de regels door dit verkeer: {r.dekking['percentage']}%</h2>"
        f"<p>Nooit geraakt ({len(r.dekking['niet_geraakt'])}): "
        + " ".join(f'<span class="s overgeslagen">{_e(c)}</span>' for c in r.dekking["niet_geraakt"]) + "</p>"
        f'<p class="klein">{_e(r.dekking["uitleg"])}</p>',
        "<h2>Kwaliteitscontrole (laatste run per school)</h2>"
        + (f"<table><tr><th>brin</th><th>datum</th><th>signalen</th></tr>{kwc}</table>" if kwc else "<p>geen run</p>"),
        "<h2>Pushes die niet bevestigd zijn</h2><p>per status: "
        + (", ".join(f"{_e(s)} {n}" for s, n in r.pushes["per_status"].items()) or "geen pushes") + "</p>"
        + (f"<table><tr><th>id</th><th>operatie</th><th>status</th><th>pogingen</th><th>aangemaakt</th>"
           f"<th>laatste fout</th></tr>{pushes}</table>" if pushes else ""),
        "</main></body></html>\n",
    ])


def schrijf_html(rapport: Verkeersrapport, pad: Path) -> None:
    Path(pad).write_text(html_rapport(rapport), encoding="utf-8")


def toon(r: Verkeersrapport, console) -> None:
    from rich.table import Table

    console.print(f"[bold]administratie {r.oin}[/] "
                  f"({'scholen ' + ', '.join(r.brins) if r.bekend else 'niet in de referentiedata'}); "
                  f"vanaf {r.van or 'het begin'}: {r.verzoeken} verzoeken "
                  + ", ".join(f"{n} {u.lower()}" for u, n in r.per_uitkomst.items()))
    tabel = Table("operatie", "verzoeken", "goedgekeurd", "afgekeurd", "fout", "nooit gebruikt")
    for op, c in r.per_operatie.items():
        tabel.add_row(op, str(sum(c.values())), str(c.get("GOEDGEKEURD", 0)), str(c.get("AFGEKEURD", 0)),
                      str(c.get("FOUT", 0)), "ja" if op in r.nooit_gebruikt else "")
    console.print(tabel)
    console.print(f"schemafouten (AL01/AL02): {len(r.schemafouten)}"
                  + (f"; {r.zonder_afzender} Fault(s) zonder afzender in de periode" if r.zonder_afzender else "")
                  + ("; serverfouten: " + ", ".join(f"{c}×{n}" for c, n in r.serverfouten.items())
                     if r.serverfouten else ""))
    console.print("afkeurcodes: " + (", ".join(f"{c}×{n}" for c, n in r.afkeur.items()) or "geen"))
    console.print("attentiecodes: " + (", ".join(f"{c}×{n}" for c, n in r.attentie.items()) or "geen"))
    console.print(f"dekking: {r.dekking['percentage']}% van de regels geraakt; nooit: "
                  + " ".join(r.dekking["niet_geraakt"]))
    console.print("pushes: " + (", ".join(f"{s} {n}" for s, n in r.pushes["per_status"].items()) or "geen")
                  + f"; niet bevestigd: {r.pushes['onbevestigd_aantal']}")
