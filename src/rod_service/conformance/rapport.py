"""The reports of a conformance run: JUnit XML for CI and one self-contained HTML page.

JUnit: two test suites. ``scenarios`` has one test case per scenario (classname
``conformance.<file>``): a ``failure`` with every difference as text, an ``error`` when
the target or the bench broke, ``skipped`` with the reason. ``regels`` has one test case
per rule code (classname ``conformance.regels``), failed when a scenario proving it failed,
skipped when all of them were skipped, and failed when no scenario covers it.

HTML: the summary, the table per rule (code, soort, omschrijving from the signal catalogue,
status, its scenarios), and per scenario its steps with the differences as a table of
*wat / verwacht / ontvangen* and the XML sent and received (folded). No external assets.
"""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from datetime import UTC
from pathlib import Path

from ..domain.signalen import CATALOGUS
from .uitvoering import FOUT, GEFAALD, GESLAAGD, NIET_GEDEKT, NIET_UITGEVOERD, OVERGESLAGEN, Run

MAX_XML = 40_000


# -- JUnit -----------------------------------------------------------------------------------

def junit(run: Run) -> bytes:
    tellingen = run.tellingen()
    wortel = ET.Element("testsuites", name="rod-service conformance", tests=str(len(run.uitkomsten)),
                        failures=str(tellingen[GEFAALD]), errors=str(tellingen[FOUT]),
                        skipped=str(tellingen[OVERGESLAGEN]), time=f"{run.duur:.3f}")
    suite = ET.SubElement(wortel, "testsuite", name="scenarios", tests=str(len(run.uitkomsten)),
                          failures=str(tellingen[GEFAALD]), errors=str(tellingen[FOUT]),
                          skipped=str(tellingen[OVERGESLAGEN]), time=f"{run.duur:.3f}",
                          timestamp=run.begonnen.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"))
    eigenschappen = ET.SubElement(suite, "properties")
    ET.SubElement(eigenschappen, "property", name="doel", value=run.doel)
    for u in run.uitkomsten:
        geval = ET.SubElement(suite, "testcase", classname=f"conformance.{u.scenario.groep}", name=u.scenario.id,
                              time=f"{u.duur:.3f}")
        if u.status == GEFAALD:
            ET.SubElement(geval, "failure", message=u.melding[:500], type="verschil").text = u.verschiltekst()
        elif u.status == FOUT:
            ET.SubElement(geval, "error", message=u.melding[:500], type="fout").text = u.verschiltekst() or u.melding
        elif u.status == OVERGESLAGEN:
            ET.SubElement(geval, "skipped", message=u.reden or "")
        ET.SubElement(geval, "system-out").text = (
            f"regels: {', '.join(u.scenario.regels)}\nhandboek: {u.scenario.handboek}\n"
            f"datum: {u.scenario.datum.isoformat()}\n"
            + "\n".join(f"stap {s.stap.nummer} {s.stap.titel}: {s.status} — {s.samenvatting}" for s in u.stappen))
    regels = run.per_regel()
    regelsuite = ET.SubElement(wortel, "testsuite", name="regels", tests=str(len(regels)),
                               failures=str(sum(r.status in (GEFAALD, NIET_GEDEKT) for r in regels)),
                               errors="0", skipped=str(sum(r.status == OVERGESLAGEN for r in regels)))
    for r in regels:
        geval = ET.SubElement(regelsuite, "testcase", classname="conformance.regels", name=r.code)
        scenarios = ", ".join(f"{i} ({s})" for i, s in r.scenarios)
        if r.status == GEFAALD:
            ET.SubElement(geval, "failure", message=f"{r.code}: gefaald in {scenarios}", type="regel")
        elif r.status == NIET_GEDEKT:
            ET.SubElement(geval, "failure", message=f"{r.code}: geen scenario", type="dekking")
        elif r.status == OVERGESLAGEN:
            ET.SubElement(geval, "skipped", message=f"{r.code}: alle scenario's overgeslagen ({scenarios})")
    ET.indent(wortel)
    return ET.tostring(wortel, encoding="utf-8", xml_declaration=True)


def schrijf_junit(run: Run, pad: Path) -> None:
    Path(pad).write_bytes(junit(run))


# -- HTML ------------------------------------------------------------------------------------

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#154273;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}
main{padding:20px 28px;max-width:1400px}h2{margin:28px 0 10px;font-size:18px}h3{margin:0;font-size:15px}
.tellers{display:flex;gap:12px;flex-wrap:wrap;margin:14px 0}.teller{background:#fff;border-radius:6px;
padding:10px 16px;box-shadow:0 1px 2px #0002;min-width:110px}.teller b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #0002}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{background:#eef1f5;font-weight:600}td.code{font-family:ui-monospace,monospace;white-space:nowrap}
.s{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
.geslaagd{background:#d9f2e0;color:#17612f}.gefaald{background:#fbdada;color:#8a1111}
.fout{background:#fde6c8;color:#7a4300}.overgeslagen,.niet-uitgevoerd{background:#e8eaee;color:#4a5262}
.niet-gedekt{background:#8a1111;color:#fff}
section.scenario{background:#fff;margin:14px 0;padding:12px 16px;border-radius:6px;box-shadow:0 1px 2px #0002}
section.st-gefaald,section.st-fout{border-left:5px solid #c62828}
section.st-geslaagd{border-left:5px solid #2e7d32}section.st-overgeslagen{border-left:5px solid #9aa3b2}
.meta{color:#555e6e;font-size:13px;margin:4px 0 8px}.verschil td:nth-child(2){color:#17612f}
.verschil td:nth-child(3){color:#8a1111}pre{background:#f3f4f6;padding:8px;overflow:auto;max-height:420px;
font-size:12px;white-space:pre-wrap;word-break:break-all}details summary{cursor:pointer;color:#154273}
nav a{color:#154273;margin-right:10px}.klein{font-size:12px;color:#555e6e}
"""


def _e(tekst) -> str:
    return html.escape("" if tekst is None else str(tekst))


def _s(status: str) -> str:
    return f'<span class="s {status.replace(" ", "-")}">{_e(status)}</span>'


def _xml(titel: str, tekst: str | None) -> str:
    if not tekst:
        return ""
    if len(tekst) > MAX_XML:
        tekst = tekst[:MAX_XML] + f"\n… ({len(tekst) - MAX_XML} tekens weggelaten)"
    return f"<details><summary>{_e(titel)}</summary><pre>{_e(tekst)}</pre></details>"


def html_rapport(run: Run) -> str:
    t = run.tellingen()
    regels = run.per_regel()
    rt = {s: sum(r.status == s for r in regels) for s in (GESLAAGD, GEFAALD, OVERGESLAGEN, NIET_GEDEKT)}
    delen = [
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">",
        f"<title>Conformance — {_e(run.doel)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>rod-service conformance</h1><div>doel: {_e(run.doel)} · begonnen "
        f"{run.begonnen.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC · {run.duur:.1f} s</div></header><main>",
        '<nav><a href="#regels">per regel</a><a href="#scenarios">per scenario</a></nav>',
        '<div class="tellers">',
        *(f'<div class="teller"><b>{n}</b>{_e(label)}</div>' for n, label in (
            (len(run.uitkomsten), "scenario's"), (t[GESLAAGD], "geslaagd"), (t[GEFAALD], "gefaald"),
            (t[FOUT], "fout"), (t[OVERGESLAGEN], "overgeslagen"))),
        *(f'<div class="teller"><b>{n}</b>regels {_e(label)}</div>' for label, n in rt.items()),
        "</div>",
        '<h2 id="regels">Per regel</h2><table><tr><th>code</th><th>soort</th><th>regel</th><th>status</th>'
        "<th>scenario's</th></tr>",
    ]
    for r in regels:
        soort, omschrijving = CATALOGUS.get(r.code, (None, ""))
        links = " ".join(f'<a href="#s-{_e(i)}">{_e(i)}</a> {_s(s)}' for i, s in r.scenarios) or "—"
        delen.append(f'<tr><td class="code">{_e(r.code)}</td><td>{_e(soort.value if soort else "")}</td>'
                     f"<td>{_e(omschrijving)}</td><td>{_s(r.status)}</td><td>{links}</td></tr>")
    delen.append('</table><h2 id="scenarios">Per scenario</h2>')
    volgorde = {GEFAALD: 0, FOUT: 0, OVERGESLAGEN: 2, GESLAAGD: 1}
    for u in sorted(run.uitkomsten, key=lambda u: volgorde.get(u.status, 3)):
        sc = u.scenario
        delen.append(f'<section class="scenario st-{u.status}" id="s-{_e(sc.id)}"><h3>{_s(u.status)} '
                     f"{_e(sc.id)} — {_e(sc.titel)}</h3>"
                     f'<div class="meta">regels {_e(", ".join(sc.regels))} · handboek {_e(sc.handboek)} · '
                     f"datum {sc.datum.isoformat()} · referentiedata {_e(sc.referentiedata)} · soort {_e(sc.soort)}"
                     f" · {_e(sc.bestand.name)} · {u.duur:.2f} s</div>")
        if sc.beschrijving:
            delen.append(f'<p class="klein">{_e(sc.beschrijving)}</p>')
        if u.reden:
            delen.append(f"<p><b>{'Reden' if u.status == OVERGESLAGEN else 'Fout'}:</b> {_e(u.reden)}</p>")
        if u.stappen:
            delen.append("<table><tr><th>#</th><th>stap</th><th>status</th><th>ontvangen</th></tr>")
            for s in u.stappen:
                delen.append(f"<tr><td>{s.stap.nummer}</td><td>{_e(s.stap.titel)}</td><td>{_s(s.status)}</td>"
                             f"<td>{_e(s.samenvatting) if s.status != NIET_UITGEVOERD else ''}")
                if s.fout:
                    delen.append(f"<pre>{_e(s.fout)}</pre>")
                if s.verschillen:
                    delen.append('<table class="verschil"><tr><th>wat</th><th>verwacht</th><th>ontvangen</th></tr>')
                    delen += [f"<tr><td>{_e(v.wat)}</td><td>{_e(v.verwacht)}</td><td>{_e(v.werkelijk)}</td></tr>"
                              for v in s.verschillen]
                    delen.append("</table>")
                if s.status in (GEFAALD, FOUT):
                    delen.append(_xml("verzonden", s.verzoek) + _xml("ontvangen", s.antwoord))
                elif s.verzoek or s.antwoord:
                    delen.append(_xml("verzonden en ontvangen", "\n".join(filter(None, (s.verzoek, s.antwoord)))))
                delen.append("</td></tr>")
            delen.append("</table>")
        delen.append("</section>")
    delen.append("</main></body></html>\n")
    return "".join(delen)


def schrijf_html(run: Run, pad: Path) -> None:
    Path(pad).write_text(html_rapport(run), encoding="utf-8")


# -- console ---------------------------------------------------------------------------------

def toon(run: Run, console, *, alle: bool = False) -> None:
    """A rich table of the scenarios that did not pass (all with ``alle``) and the totals."""
    from rich.table import Table

    tabel = Table(title=f"conformance: {run.doel}", show_lines=False)
    tabel.add_column("status")
    tabel.add_column("scenario", overflow="fold")
    tabel.add_column("regels")
    tabel.add_column("wat er misging", overflow="fold")
    kleur = {GESLAAGD: "green", GEFAALD: "red", FOUT: "red", OVERGESLAGEN: "yellow"}
    for u in run.uitkomsten:
        if alle or u.status != GESLAAGD:
            tabel.add_row(f"[{kleur.get(u.status, 'white')}]{u.status}[/]", u.scenario.id, " ".join(u.scenario.regels),
                          u.melding)
    if tabel.row_count:
        console.print(tabel)
    t = run.tellingen()
    regels = run.per_regel()
    rt = {s: sum(r.status == s for r in regels) for s in (GESLAAGD, GEFAALD, OVERGESLAGEN, NIET_GEDEKT)}
    console.print(f"scenario's: {len(run.uitkomsten)} — [green]{t[GESLAAGD]} geslaagd[/], [red]{t[GEFAALD]} gefaald[/], "
                  f"[red]{t[FOUT]} fout[/], [yellow]{t[OVERGESLAGEN]} overgeslagen[/] ({run.duur:.1f} s)")
    console.print(f"regels: {len(regels)} — [green]{rt[GESLAAGD]} geslaagd[/], [red]{rt[GEFAALD]} gefaald[/], "
                  f"[yellow]{rt[OVERGESLAGEN]} overgeslagen[/], [red]{rt[NIET_GEDEKT]} zonder scenario[/]")
    for u in run.uitkomsten:
        if u.status in (GEFAALD, FOUT):
            console.print(f"\n[bold red]{u.scenario.id}[/] ({', '.join(u.scenario.regels)})", highlight=False)
            console.print(u.verschiltekst() or u.melding, highlight=False, markup=False)
