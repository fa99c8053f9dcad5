"""Signals: the one place where the spec's signal codes live (rod-vo-spec.md section 5).

Rules never invent texts: they call :func:`signaal` with a code from :data:`CATALOGUS`,
and the edge turns the result into a ``signaal`` element (or, for AL01/AL02, a Fault).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Soort(str, Enum):
    AFKEUR = "AFKEUR"
    ATTENTIE = "ATTENTIE"


A, T = Soort.AFKEUR, Soort.ATTENTIE

#: code -> (soort, omschrijving). Texts follow the spec's catalogue; codes are fixed.
CATALOGUS: dict[str, tuple[Soort, str]] = {
    # AL — algemeen
    "AL01": (A, "Het bericht is geen goedgevormde XML of geen SOAP 1.1-envelop."),
    "AL02": (A, "Het bericht voldoet niet aan het XSD."),
    "AL03": (A, "De verzendende instantie is geen geregistreerde administratie of is niet geautoriseerd voor deze instellingscode."),
    "AL04": (A, "De instellingscode is onbekend in RIO."),
    "AL05": (A, "De identificatiecode van het bedrijfsdocument is al gebruikt voor een ander bericht."),
    "AL06": (A, "De ontvangende instantie is niet het OIN van het Register Onderwijsdeelnemers."),
    # ID — identificatie
    "ID01": (A, "Het burgerservicenummer voldoet niet aan de elfproef."),
    "ID02": (A, "De combinatie burgerservicenummer, geboortedatum en geslacht is niet juist. Lever de uitgebreide set aan."),
    "ID03": (A, "Het onderwijsnummer voldoet niet aan de controle of is niet door het Register Onderwijsdeelnemers uitgegeven."),
    "ID04": (A, "De geboortedatum ligt in de toekomst of de persoon is ouder dan 100 jaar."),
    "ID05": (A, "De postcode van het binnenlands adres is geen Nederlandse postcode."),
    "ID51": (T, "De uitgebreide set is gevonden in de BRP: het burgerservicenummer wordt teruggegeven."),
    "ID52": (T, "Geen overeenkomst in de BRP: er is een onderwijsnummer toegekend."),
    "ID53": (T, "De persoon heeft in de BRP een geheim adres: het adres wordt niet verstrekt."),
    "ID54": (T, "De persoon heeft in de BRP een puntadres."),
    "ID55": (T, "De persoon is volgens de BRP overleden."),
    # IS — inschrijving
    "IS01": (A, "Het persoonsgebonden nummer is niet bekend bij het Register Onderwijsdeelnemers. Identificeer de leerling eerst."),
    "IS02": (A, "Er is een onderwijsnummer gebruikt terwijl een burgerservicenummer van deze persoon bekend is."),
    "IS03": (A, "De datum uitschrijving ligt voor de datum inschrijving."),
    "IS04": (A, "De eerste inschrijvingsperiode begint niet op de datum inschrijving."),
    "IS05": (A, "Een periode begint na de datum uitschrijving, of twee perioden hebben dezelfde begindatum."),
    "IS06": (A, "De vestiging hoort niet bij de instellingscode of is niet geldig op de begindatum van de periode."),
    "IS07": (A, "De onderwijsaanbieder ontbreekt, is onbekend of is niet geldig voor deze instelling op de begindatum van de periode."),
    "IS08": (A, "De onderwijslocatie ontbreekt, is onbekend of is niet geldig op de begindatum van de periode."),
    "IS09": (A, "De opleiding (elementcode) of een aanvullende opleiding is onbekend of geen vo-opleiding."),
    "IS10": (A, "Het leerjaar is hoger dan het laatste leerjaar van de opleiding."),
    "IS11": (A, "De indicatie nieuwkomersbekostiging ontbreekt voor een leerling met een onderwijsnummer."),
    "IS12": (A, "OPP, verblijf andere instelling of verzuimmelding: de einddatum ligt voor de begindatum, of de begindatum ligt buiten de inschrijving."),
    "IS13": (A, "De instellingscode of vestiging van het verblijf andere instelling is onbekend in RIO."),
    "IS14": (A, "De te verwijderen inschrijving bestaat niet."),
    "IS15": (T, "De datum inschrijving ligt meer dan een jaar in de toekomst."),
    "IS51": (T, "De indicatie nieuwkomersbekostiging is genegeerd: voor een leerling met een burgerservicenummer bepaalt het Register Onderwijsdeelnemers deze."),
    "IS52": (T, "Experiment verrijkt of versneld programma vwo bij een niet-vwo-opleiding, of beide experimenten in één periode."),
    "IS53": (T, "De onderwijslocatie is niet gekoppeld aan de vestiging van de periode."),
    # EX — examenresultaat
    "EX01": (A, "Het persoonsgebonden nummer is niet bekend bij het Register Onderwijsdeelnemers."),
    "EX02": (A, "De onderwijsaanbieder ontbreekt, is onbekend of is niet geldig."),
    "EX03": (A, "De vestiging hoort niet bij de instellingscode."),
    "EX04": (A, "De vakcode of de opleiding van een cijferlijst is onbekend."),
    "EX05": (A, "Het cijfer of eindcijfer valt buiten het toegestane bereik."),
    "EX06": (A, "De uitslag heeft geen datum uitslag, of de datum uitslag ligt in de toekomst."),
    "EX07": (A, "Er is geen inschrijving met dit inschrijvingvolgnummer van deze persoon op deze school."),
    "EX08": (A, "Het te verwijderen examenresultaat bestaat niet."),
    "EX09": (A, "Het examenregime ligt meer dan een jaar van het huidige schooljaar af."),
    "EX51": (T, "Het cijfer van het werkstuk heeft een decimaal."),
    "EX52": (T, "Vak niet compleet: een verplicht schoolexamen, centraal examen of eindcijfer ontbreekt."),
    "EX53": (T, "Herkansing opgegeven, maar er is geen centraal-examenresultaat in dat tijdvak."),
    "EX54": (T, "Geen inschrijving op de datum uitslag op deze school."),
    "EX55": (T, "De uitslag is niet in overeenstemming met de slaag-zakregeling."),
    "EX56": (T, "Het vakkenpakket is onvolledig: een verplicht vak van het gemeenschappelijk deel ontbreekt."),
    "EX57": (T, "Cum laude aangegeven terwijl niet aan de cum-laude-regeling is voldaan."),
    # BK — bekostiging (all attention)
    "BK01": (T, "Dubbele inschrijving op 1 oktober met een andere vo-school."),
    "BK02": (T, "Dubbele inschrijving op 1 oktober met een po-, mbo- of vavo-inschrijving."),
    "BK03": (T, "De elementcode is niet toegestaan op de vestiging op 1 oktober (niet toegestaan onderwijs)."),
    "BK04": (T, "De school heeft de indicatie bekostigbaar op onwaar gezet."),
    "BK05": (T, "Praktijkonderwijsleerling ouder dan 18 in het zevende of latere schooljaar: dispensatie van de Inspectie nodig."),
    "BK06": (T, "Nieuwkomersbekostiging toegekend."),
    "BK07": (T, "Leerling met onderwijsnummer, niet in de BRP: nieuwkomersbekostiging alleen op indicatie van de school."),
    # LD, RO, OB
    "LD01": (A, "Er is geen persoonsgebonden nummer opgegeven."),
    "LD02": (A, "Er zijn zowel een burgerservicenummer als een onderwijsnummer opgegeven."),
    "LD03": (A, "Het persoonsgebonden nummer voldoet niet aan de controle."),
    "LD04": (A, "De persoon is niet bekend bij het Register Onderwijsdeelnemers."),
    "RO01": (A, "De begin- of einddatum van de selectieperiode ontbreekt."),
    "RO02": (A, "De begindatum van de selectieperiode ligt na de einddatum."),
    "RO03": (A, "De selectieperiode is langer dan twee jaar."),
    "OB01": (A, "De school is niet bekostigd."),
    "OB02": (A, "Er is vandaag al een OBO voor deze school gemaakt."),
    # KW — kwaliteitscontrole (weekly batch, spec section 9; texts from handbook 000 ch. 16)
    "KW01": (T, "Datum inschrijving onwaarschijnlijk ver in de toekomst."),
    "KW02": (T, "Datum uitschrijving ligt na datum overlijden."),
    "KW03": (T, "Uitschrijving met openstaande verzuimmelding."),
    "KW04": (T, "Leerling zonder BSN na 9 maanden eerste inschrijving."),
    "KW05": (T, "Onwaarschijnlijk hoge leeftijd bij leerjaar."),
    "KW06": (T, "Onwaarschijnlijk laag leerjaar bij leeftijd."),
    "KW07": (T, "Leerjaar tussen opeenvolgende perioden verschilt meer dan 1 jaar."),
    "KW08": (T, "Onwaarschijnlijk hoge leeftijd leerling praktijkonderwijs."),
    "KW09": (T, "De recentste inschrijvingsperiode begint voor het huidig schooljaar."),
    "KW10": (T, "Onderwijslocatie hoort niet bij vestigingscode."),
    "KW11": (T, "Ontbrekende periodegegevens huidig schooljaar."),
    "KW12": (T, "Verrijkt of versneld programma vwo mag alleen als niveau van de opleiding vwo is."),
    "KW13": (T, "Inschrijvingsperiode mag niet zowel verrijkt programma vwo als versneld programma vwo hebben."),
    "KW14": (T, "Begindatum ontwikkelingsperspectief onwaarschijnlijk ver in de toekomst."),
    "KW15": (T, "Einddatum ontwikkelingsperspectief onwaarschijnlijk ver in de toekomst."),
    "KW16": (T, "Begindatum verblijf andere instelling onwaarschijnlijk ver in de toekomst."),
    "KW17": (T, "Er is voor verblijf andere instelling geen (gelijkende) vavo-inschrijving."),
    "KW18": (T, "Er is een dubbele inschrijving met po."),
    "KW19": (T, "Er is een dubbele inschrijving met een andere vo-school."),
    "KW20": (T, "Er is een dubbele inschrijving met mbo."),
    "KW21": (T, "Er is een dubbele inschrijving met vavo."),
    "KW22": (T, "Geen inschrijving op datum uitslag."),
    "KW23": (T, "Leerling is geslaagd, maar nog ingeschreven."),
    "KW24": (T, "SE verwacht, maar niet geleverd."),
    "KW25": (T, "CE verwacht, maar niet geleverd."),
    "KW26": (T, "Uitslag verwacht, maar niet geleverd."),
    "KW27": (T, "Uitslag examen verwijderd."),
    "KW28": (T, "Resultaat van aangegeven herkansing ontbreekt."),
    "KW29": (T, "Het vak is niet compleet."),
    "KW30": (T, "Het cijfer werkstuk bevat een decimaal."),
    "KW31": (T, "Verzuimmelding langer dan 6 maanden open."),
    "KW32": (T, "Niveau van opleiding op vavo is afwijkend."),
}


@dataclass(frozen=True)
class Signaal:
    code: str
    soort: Soort
    omschrijving: str
    element: str | None = None
    brin: str | None = None

    @property
    def is_afkeur(self) -> bool:
        return self.soort is Soort.AFKEUR


def signaal(code: str, element: str | None = None, brin: str | None = None) -> Signaal:
    """The signal ``code`` of the catalogue, pointing at ``element`` (a path like
    ``inschrijvingPeriodeVO[2]/leerjaar``) and, for a dubbele inschrijving, the other ``brin``."""
    soort, omschrijving = CATALOGUS[code]
    return Signaal(code, soort, omschrijving, element, brin)


def afgekeurd(signalen: list[Signaal]) -> bool:
    """A delivery is AFGEKEURD exactly when it has at least one AFKEUR signal (section 3)."""
    return any(s.is_afkeur for s in signalen)
