"""Bad input over real HTTP: always a clear answer, never anything stored (spec 2, 3, 13)."""
from __future__ import annotations

import uuid
from pathlib import Path

import requests
from lxml import etree

from rod_service.store.models import Audit, Bedrijfsdocument, Onderwijsnummer, Persoon

from ..conftest import ADMINISTRATIE_A, ROD_OIN, bedrijfsdocument, tel

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
ROD = "urn:rod-service:vo:v1"
WSA = "http://www.w3.org/2005/08/addressing"
VOORBEELDEN = Path(__file__).resolve().parents[2] / "wsdl" / "voorbeelden"


def identificatie_body(code: str | None = None, *, geslacht="M", extra="", verzender=ADMINISTRATIE_A,
                       datumtijd="2026-11-23T09:00:00Z") -> str:
    return f"""<rod:aanleverenIdentificerenPersoonVO_Request xmlns:rod="{ROD}">
      <rod:identificatiecodeBedrijfsdocument>{code or uuid.uuid4()}</rod:identificatiecodeBedrijfsdocument>
      <rod:verzendendeInstantie>{verzender}</rod:verzendendeInstantie>
      <rod:ontvangendeInstantie>{ROD_OIN}</rod:ontvangendeInstantie>
      <rod:datumTijdBedrijfsdocument>{datumtijd}</rod:datumTijdBedrijfsdocument>
      <rod:geboorteDatum>2012-03-14</rod:geboorteDatum>
      <rod:geslacht>{geslacht}</rod:geslacht>{extra}
      <rod:metPGN><rod:burgerservicenummer>999990007</rod:burgerservicenummer></rod:metPGN>
    </rod:aanleverenIdentificerenPersoonVO_Request>"""


def envelop(body: str, header: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<soap:Envelope xmlns:soap="{SOAP}">'
            f"<soap:Header>{header}</soap:Header>\n<soap:Body>{body}</soap:Body></soap:Envelope>").encode()


def post(server, data: bytes, content_type: str | None = "text/xml; charset=utf-8") -> requests.Response:
    headers = {"Content-Type": content_type} if content_type else {}
    return requests.post(f"{server}/rod/vo", data=data, headers=headers, timeout=10)


def fout(antwoord: requests.Response) -> dict:
    """faultcode and the fout detail of a SOAP Fault answer."""
    assert antwoord.status_code == 500 and antwoord.headers["Content-Type"].startswith("text/xml")
    root = etree.fromstring(antwoord.content)
    f = root.find(f"{{{SOAP}}}Body/{{{SOAP}}}Fault")
    detail = f.find(f"detail/{{{ROD}}}fout")
    return {"faultcode": f.findtext("faultcode"), "code": detail.findtext(f"{{{ROD}}}code"),
            "omschrijving": detail.findtext(f"{{{ROD}}}omschrijving"), "regel": detail.findtext(f"{{{ROD}}}regel")}


def niets_opgeslagen(register):
    assert tel(register, Persoon) == tel(register, Bedrijfsdocument) == tel(register, Onderwijsnummer) == 0


class TestFaults:
    def test_geen_goedgevormde_xml_is_al01(self, server, register):
        antwoord = post(server, envelop(identificatie_body()).replace(b"</rod:geslacht>", b"</rod:geslact>"))
        f = fout(antwoord)
        assert f["faultcode"].endswith("Client") and f["code"] == "AL01"
        assert "geslact" in f["omschrijving"] and f["regel"]
        niets_opgeslagen(register)
        assert tel(register, Audit) == 1  # the refusal itself is recorded

    def test_schemafouten_worden_allemaal_gemeld(self, server, register):
        body = identificatie_body(geslacht="X", extra="\n      <rod:onbekend>1</rod:onbekend>")
        f = fout(post(server, envelop(body)))
        assert f["code"] == "AL02" and f["faultcode"].endswith("Client")
        assert "geslacht" in f["omschrijving"] and "onbekend" in f["omschrijving"]
        assert f["omschrijving"].count("regel ") == 2
        niets_opgeslagen(register)

    def test_doctype_wordt_geweigerd(self, server, register):
        data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + envelop(identificatie_body()).split(b"?>", 1)[1]
        assert fout(post(server, data))["code"] == "AL01"
        niets_opgeslagen(register)

    def test_geen_soap_envelop(self, server):
        assert fout(post(server, identificatie_body().encode()))["code"] == "AL01"

    def test_antwoord_element_als_verzoek_is_al02(self, server):
        body = (VOORBEELDEN / "aanleverenIdentificerenPersoonVO_Response.xml").read_bytes().split(b"?>", 1)[-1]
        assert fout(post(server, envelop(body.decode())))["code"] == "AL02"

    def test_nog_niet_gebouwde_operatie_is_duidelijke_server_fault(self, server, monkeypatch):
        # An operation of the WSDL without an entry in the dispatch table (as each was
        # before its issue landed) must say so, not crash.
        from rod_service.soap import operaties

        monkeypatch.delitem(operaties.INGANGEN, "aanvragenOBOVO_Request", raising=False)
        body = (VOORBEELDEN / "aanvragenOBOVO_Request.xml").read_bytes().split(b"?>", 1)[-1]
        f = fout(post(server, envelop(body.decode())))
        assert f["faultcode"].endswith("Server") and f["code"] == "NIET_GEIMPLEMENTEERD"
        assert "aanvragenOBOVO" in f["omschrijving"]


class TestZonderFault:
    def test_zonder_content_type_werkt(self, server, register):
        antwoord = post(server, envelop(identificatie_body()), content_type=None)
        assert antwoord.status_code == 200 and b"GOEDGEKEURD" in antwoord.content

    def test_ws_addressing_wordt_beantwoord(self, server):
        message_id = f"urn:uuid:{uuid.uuid4()}"
        header = (f'<wsa:MessageID xmlns:wsa="{WSA}">{message_id}</wsa:MessageID>'
                  f'<wsa:Action xmlns:wsa="{WSA}">urn:rod-service:vo:v1:RegisterOnderwijsdeelnemersVO:aanleverenIdentificerenPersoonVO</wsa:Action>'
                  f'<wsa:To xmlns:wsa="{WSA}">{server}/rod/vo?oin={ROD_OIN}</wsa:To>'
                  f'<wsa:From xmlns:wsa="{WSA}"><wsa:Address>https://las.example/ontvang?oin={ADMINISTRATIE_A}</wsa:Address></wsa:From>')
        antwoord = post(server, envelop(identificatie_body(), header))
        kop = etree.fromstring(antwoord.content).find(f"{{{SOAP}}}Header")
        assert kop.findtext(f"{{{WSA}}}RelatesTo") == message_id
        assert kop.findtext(f"{{{WSA}}}MessageID").startswith("urn:uuid:")
        assert kop.findtext(f"{{{WSA}}}Action").endswith("aanleverenIdentificerenPersoonVO_Response")
        assert kop.findtext(f"{{{WSA}}}To").endswith(f"oin={ADMINISTRATIE_A}")
        assert kop.findtext(f"{{{WSA}}}From/{{{WSA}}}Address").endswith(f"oin={ROD_OIN}")

    def test_health(self, server):
        assert requests.get(f"{server}/health", timeout=5).json()["status"] == "ok"


def status_en_codes(antwoord):
    return antwoord.terugkoppeling.status, [s.code for s in antwoord.terugkoppeling.signaal]


class TestAlgemeneAfkeur:
    def test_onbekende_oin_is_al03_en_slaat_niets_op(self, rod, register):
        antwoord = rod.service.aanleverenIdentificerenPersoonVO(
            **bedrijfsdocument(verzender="00000009900000009999"), geboorteDatum="2012-03-14", geslacht="M",
            metPGN={"burgerservicenummer": "999990007"})
        assert status_en_codes(antwoord) == ("AFGEKEURD", ["AL03"]) and antwoord.persoon is None
        niets_opgeslagen(register)

    def test_andere_ontvanger_dan_rod_is_al06(self, rod, register):
        antwoord = rod.service.aanleverenIdentificerenPersoonVO(
            **bedrijfsdocument(ontvanger="00000009900000000101"), geboorteDatum="2012-03-14", geslacht="M",
            metPGN={"burgerservicenummer": "999990007"})
        assert status_en_codes(antwoord) == ("AFGEKEURD", ["AL06"])
        niets_opgeslagen(register)


class TestIdempotentie:
    def test_herhaling_geeft_hetzelfde_antwoord_en_verandert_niets(self, server, register):
        code = str(uuid.uuid4())
        eerste = post(server, envelop(identificatie_body(code)))
        # a new datumTijdBedrijfsdocument and other prefixes do not make the payload different
        tweede_body = identificatie_body(code, datumtijd="2026-11-23T10:00:00Z").replace("rod:", "x:").replace("xmlns:rod", "xmlns:x")
        tweede = post(server, envelop(tweede_body))
        lichaam = lambda a: etree.tostring(etree.fromstring(a.content).find(f"{{{SOAP}}}Body")[0])
        assert lichaam(eerste) == lichaam(tweede)
        assert tel(register, Persoon) == 1 and tel(register, Bedrijfsdocument) == 1

    def test_zelfde_code_ander_bericht_is_al05_en_slaat_niets_op(self, rod, register):
        code = str(uuid.uuid4())
        eerste = rod.service.aanleverenIdentificerenPersoonVO(
            **bedrijfsdocument(code=code), geboorteDatum="2012-03-14", geslacht="M",
            metPGN={"burgerservicenummer": "999990007"})
        assert eerste.terugkoppeling.status == "GOEDGEKEURD"
        tweede = rod.service.aanleverenIdentificerenPersoonVO(
            **bedrijfsdocument(code=code), geboorteDatum="2011-06-02", geslacht="V",
            metPGN={"burgerservicenummer": "999990019"})
        assert status_en_codes(tweede) == ("AFGEKEURD", ["AL05"]) and tweede.persoon is None
        assert tel(register, Persoon) == 1 and tel(register, Bedrijfsdocument) == 1
