"""The dashboard of one school, as HTML and as PDF (spec section 9; handbook 000 ch. 15
"Gegevens op het dashboard": "Stand per dd-mm-jjjj", instellingscode/schoolnaam, "Periode van
de controle studiejaar jjjj/jjjj", "Aantal Inschrijvingen geldig op 1 oktober", "% Aantal
Inschrijvingen met nieuwe inschrijvingsperiode na 1 augustus", and the counts of the KWC
signals of ch. 16), with a chart of the signal counts of the last weekly runs.

The chart is drawn with matplotlib's object API (no pyplot: no global state, safe in the
server's scheduler thread), the PDF with reportlab's platypus; both embed the same PNG.
"""
from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from datetime import date

from ..domain.kalender import Schooljaar
from ..domain.signalen import CATALOGUS


@dataclass(frozen=True)
class Dashboard:
    """``historie``: (run date, total signals) of the last runs, oldest first, this one last."""

    brin: str
    naam: str
    stand_per: date
    schooljaar: Schooljaar
    inschrijvingen_1okt: int
    met_nieuwe_periode: int
    tellingen: dict[str, int]
    historie: tuple[tuple[date, int], ...] = ()
    codes: tuple[str, ...] = ()

    @property
    def percentage_nieuwe_periode(self) -> float:
        return 100.0 * self.met_nieuwe_periode / self.inschrijvingen_1okt if self.inschrijvingen_1okt else 0.0

    @property
    def totaal(self) -> int:
        return sum(self.tellingen.values())

    def rijen(self) -> list[tuple[str, str, int]]:
        """(code, omschrijving, count) for every KW code, zeros included."""
        return [(c, CATALOGUS[c][1], self.tellingen.get(c, 0)) for c in self.codes]

    @property
    def periode(self) -> str:
        return f"{self.schooljaar.begin_jaar}/{self.schooljaar.begin_jaar + 1}"


def _d(datum: date) -> str:
    return datum.strftime("%d-%m-%Y")


def grafiek_png(d: Dashboard) -> bytes:
    """Bar chart: the total of KWC signals per weekly run."""
    from matplotlib.figure import Figure

    figuur = Figure(figsize=(7.0, 2.6), dpi=110)
    as_ = figuur.add_subplot()
    labels = [datum.strftime("%d-%m") for datum, _ in d.historie]
    waarden = [n for _, n in d.historie]
    as_.bar(range(len(waarden)), waarden, color="#154273")
    as_.set_xticks(range(len(labels)), labels, fontsize=8)
    as_.set_ylabel("signalen", fontsize=8)
    as_.set_title("Aantal KWC-signalen per week", fontsize=9)
    as_.tick_params(axis="y", labelsize=8)
    as_.spines[["top", "right"]].set_visible(False)
    for x, n in enumerate(waarden):
        as_.annotate(str(n), (x, n), ha="center", va="bottom", fontsize=7)
    figuur.tight_layout()
    uit = io.BytesIO()
    figuur.savefig(uit, format="png")
    return uit.getvalue()


def als_html(d: Dashboard, grafiek: bytes | None = None) -> bytes:
    grafiek = grafiek if grafiek is not None else grafiek_png(d)
    e = html.escape
    rijen = "\n".join(f"<tr><td>{e(c)}</td><td>{e(o)}</td><td class='n'>{n}</td></tr>" for c, o, n in d.rijen())
    tekst = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>Dashboard {e(d.brin)} {_d(d.stand_per)}</title>
<style>
body{{font-family:sans-serif;margin:2em;color:#222}} table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:2px 8px;text-align:left}} td.n{{text-align:right}}
.stand{{float:right}}
</style></head><body>
<p class="stand">Stand per {_d(d.stand_per)}</p>
<h1>Dashboard Register Onderwijsdeelnemers</h1>
<h2>{e(d.brin)} {e(d.naam)}</h2>
<p>Periode van de controle studiejaar {d.periode}</p>
<h3>Inschrijvingsgegevens</h3>
<table>
<tr><td>Aantal inschrijvingen geldig op 1 oktober</td><td class="n" id="inschrijvingen-1-oktober">{d.inschrijvingen_1okt}</td></tr>
<tr><td>% inschrijvingen met nieuwe inschrijvingsperiode na 1 augustus</td><td class="n" id="nieuwe-periode">{d.percentage_nieuwe_periode:.1f}%</td></tr>
</table>
<h3>Signalen kwaliteitscontrole</h3>
<table>
<tr><th>code</th><th>signaal</th><th>aantal</th></tr>
{rijen}
<tr><th></th><th>totaal</th><th class="n">{d.totaal}</th></tr>
</table>
<h3>Signalen per week</h3>
<img alt="Aantal KWC-signalen per week" src="data:image/png;base64,{base64.b64encode(grafiek).decode()}">
</body></html>
"""
    return tekst.encode("utf-8")


def als_pdf(d: Dashboard, grafiek: bytes | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        Image,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    grafiek = grafiek if grafiek is not None else grafiek_png(d)
    stijl = getSampleStyleSheet()
    uit = io.BytesIO()
    doc = SimpleDocTemplate(uit, pagesize=A4, leftMargin=1.8 * cm, rightMargin=1.8 * cm, topMargin=1.5 * cm,
                            bottomMargin=1.5 * cm, title=f"Dashboard {d.brin} {_d(d.stand_per)}",
                            author="rod-service")
    e = html.escape
    tabelstijl = TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 8),
                             ("ALIGN", (-1, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    klein = stijl["BodyText"].clone("klein", fontSize=8, leading=9.5)
    signalen = Table([("code", "signaal", "aantal"),
                      *((c, Paragraph(e(o), klein), str(n)) for c, o, n in d.rijen()),
                      ("", "totaal", str(d.totaal))],
                     colWidths=[1.5 * cm, 13 * cm, 2 * cm], repeatRows=1)
    signalen.setStyle(tabelstijl)
    kern = Table([("Aantal inschrijvingen geldig op 1 oktober", str(d.inschrijvingen_1okt)),
                  ("% inschrijvingen met nieuwe inschrijvingsperiode na 1 augustus",
                   f"{d.percentage_nieuwe_periode:.1f}%")], colWidths=[14.5 * cm, 2 * cm])
    kern.setStyle(tabelstijl)
    inhoud = [
        Paragraph(f"Stand per {_d(d.stand_per)}", stijl["Normal"]),
        Paragraph("Dashboard Register Onderwijsdeelnemers", stijl["Title"]),
        Paragraph(f"{e(d.brin)} {e(d.naam)}", stijl["Heading2"]),
        Paragraph(f"Periode van de controle studiejaar {d.periode}", stijl["Normal"]),
        Spacer(1, 0.3 * cm), Paragraph("Inschrijvingsgegevens", stijl["Heading3"]), kern,
        Spacer(1, 0.3 * cm), Paragraph("Signalen per week", stijl["Heading3"]),
        Image(io.BytesIO(grafiek), width=16.5 * cm, height=16.5 * cm * 2.6 / 7.0),
        Paragraph("Signalen kwaliteitscontrole", stijl["Heading3"]), signalen,
    ]
    doc.build(inhoud)
    return uit.getvalue()
