"""The SOAP edge over real HTTP: waitress on loopback, a tiny WSDL + XSDs, a dummy ``verwerk``."""
from __future__ import annotations

import http.client
import io
import json
import os
import threading
import wsgiref.util

import pytest
import waitress
import zeep
from lxml import etree
from waitress import wasyncore

from rod_service.soap.envelope import SOAP11, WSA, oin_uit
from rod_service.soap.render import ROD, antwoord_addressing, envelope
from rod_service.soap.schema import Contract
from rod_service.soap.wsgi import maak_app

ACTIE = "urn:rod-service:vo:v1:Test:ping"
ROD_OIN = "00000009900000000001"
MAX_BYTES = 64 * 1024

WSDL = f"""<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:rod="{ROD}" targetNamespace="{ROD}">
  <wsdl:types><xs:schema><xs:import namespace="{ROD}" schemaLocation="xsd/test.xsd"/></xs:schema></wsdl:types>
  <wsdl:message name="pingIn"><wsdl:part name="parameters" element="rod:ping_Request"/></wsdl:message>
  <wsdl:message name="pingOut"><wsdl:part name="parameters" element="rod:ping_Response"/></wsdl:message>
  <wsdl:portType name="TestPort"><wsdl:operation name="ping">
    <wsdl:input message="rod:pingIn"/><wsdl:output message="rod:pingOut"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="TestBinding" type="rod:TestPort">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="ping"><soap:operation soapAction="{ACTIE}" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation></wsdl:binding>
  <wsdl:service name="Test"><wsdl:port name="TestPort" binding="rod:TestBinding">
    <soap:address location="http://localhost:9/verkeerd"/></wsdl:port></wsdl:service>
</wsdl:definitions>"""
TEST_XSD = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{ROD}" xmlns:rod="{ROD}"
    xmlns:t="urn:rod-service:types:v1" elementFormDefault="qualified">
  <xs:include schemaLocation="common/basis.xsd"/>
  <xs:import namespace="urn:rod-service:types:v1" schemaLocation="common/types.xsd"/>
  <xs:element name="ping_Request"><xs:complexType><xs:sequence>
    <xs:element name="geslacht" type="t:Geslacht"/>
    <xs:element name="leerjaar" type="xs:int"/>
    <xs:element name="tekst" type="xs:string"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="ping_Response" type="rod:Echo"/>
</xs:schema>"""
BASIS_XSD = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{ROD}"
    elementFormDefault="qualified">
  <xs:complexType name="Echo"><xs:sequence><xs:element name="echo" type="xs:string"/></xs:sequence></xs:complexType>
</xs:schema>"""
TYPES_XSD = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:rod-service:types:v1">
  <xs:simpleType name="Geslacht"><xs:restriction base="xs:string">
    <xs:enumeration value="M"/><xs:enumeration value="V"/><xs:enumeration value="O"/>
  </xs:restriction></xs:simpleType>
</xs:schema>"""


def _verzoek(body: str, header: str = "") -> bytes:
    return (f'<?xml version="1.0"?>\n<s:Envelope xmlns:s="{SOAP11}" xmlns:r="{ROD}" xmlns:wsa="{WSA}">\n'
            f"{header}<s:Body>\n{body}\n</s:Body>\n</s:Envelope>").encode()


GOED = "<r:ping_Request><r:geslacht>M</r:geslacht><r:leerjaar>3</r:leerjaar><r:tekst>hallo</r:tekst></r:ping_Request>"


def dummy_verwerk(aanroepen: list):
    def verwerk(verzoek, context):
        aanroepen.append((verzoek, context))
        tekst = verzoek.body.findtext(f"{{{ROD}}}tekst")
        if tekst == "boem":
            raise RuntimeError("geheim detail uit de traceback")
        antwoord = etree.Element(f"{{{ROD}}}ping_Response")
        etree.SubElement(antwoord, f"{{{ROD}}}echo").text = tekst
        addressing = verzoek.addressing and antwoord_addressing(
            verzoek.addressing, ACTIE + "_Response", ROD_OIN, oin_uit(verzoek.addressing.from_) or "")
        return envelope(antwoord, addressing_antwoord=addressing), addressing
    return verwerk


@pytest.fixture(scope="module")
def app_en_aanroepen(tmp_path_factory):
    """The WSGI app over a tiny WSDL (XSDs in a subfolder and a nested one) and its verwerk calls."""
    wsdl_dir = tmp_path_factory.mktemp("wsdl")
    (wsdl_dir / "xsd" / "common").mkdir(parents=True)
    (wsdl_dir / "Test.wsdl").write_text(WSDL)
    (wsdl_dir / "xsd" / "test.xsd").write_text(TEST_XSD)
    (wsdl_dir / "xsd" / "common" / "basis.xsd").write_text(BASIS_XSD)
    (wsdl_dir / "xsd" / "common" / "types.xsd").write_text(TYPES_XSD)
    aanroepen: list = []
    app = maak_app(wsdl_dir=wsdl_dir, wsdl_bestand="Test.wsdl", contract=Contract(wsdl_dir / "xsd" / "test.xsd"),
                   verwerk=dummy_verwerk(aanroepen), max_bytes=MAX_BYTES)
    return app, aanroepen


@pytest.fixture(scope="module")
def dienst(app_en_aanroepen):
    """host:port of a waitress server on a free loopback port, and the list of verwerk calls."""
    app, aanroepen = app_en_aanroepen
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    yield f"127.0.0.1:{server.effective_port}", aanroepen
    server.task_dispatcher.shutdown()
    wasyncore.close_all(server._map)  # also closes idle keep-alive channels so run() returns
    draad.join(timeout=5)


def _http(dienst, methode: str, pad: str, body=None, headers: dict | None = None):
    verbinding = http.client.HTTPConnection(dienst[0], timeout=10)
    try:  # http.client sends the path as given: no dot-segment clean-up, no default Content-Type
        verbinding.request(methode, pad, body=body, headers=headers or {})
        antwoord = verbinding.getresponse()
        return antwoord.status, dict(antwoord.getheaders()), antwoord.read()
    finally:
        verbinding.close()


def _post(dienst, data: bytes, **headers):
    return _http(dienst, "POST", "/rod/vo", data, {"Content-Type": "text/xml; charset=utf-8", **headers})


def _fout(body: bytes) -> dict:
    root = etree.fromstring(body)
    velden = {etree.QName(e).localname: e.text for e in root.find(f".//detail/{{{ROD}}}fout")}
    return {"faultcode": root.findtext(f".//{{{SOAP11}}}Fault/faultcode"), **velden}


def test_zeep_loads_the_wsdl_and_reaches_verwerk(dienst):
    client = zeep.Client(f"http://{dienst[0]}/rod/vo?wsdl")
    assert client.service.ping(geslacht="V", leerjaar=2, tekst="via zeep") == "via zeep"
    verzoek, context = dienst[1][-1]
    assert verzoek.operatie == "ping_Request" and verzoek.soap_action == ACTIE
    assert context.remote_addr == "127.0.0.1" and context.request_id and context.client_cert_oin is None


def test_wsdl_and_xsds_point_at_the_address_the_client_used(dienst):
    status, headers, body = _http(dienst, "GET", "/rod/vo?wsdl", headers={"Host": "rod.example:8443"})
    assert status == 200 and headers["Content-Type"].startswith("text/xml")
    root = etree.fromstring(body)
    adres = root.find(".//{http://schemas.xmlsoap.org/wsdl/soap/}address")
    assert adres.get("location") == "http://rod.example:8443/rod/vo"
    assert root.find(".//{http://www.w3.org/2001/XMLSchema}import").get("schemaLocation") == \
        "http://rod.example:8443/rod/vo/xsd/test.xsd"
    status, _, xsd = _http(dienst, "GET", "/rod/vo/xsd/test.xsd")
    locaties = [e.get("schemaLocation") for e in etree.fromstring(xsd) if e.get("schemaLocation")]
    assert locaties == [f"http://{dienst[0]}/rod/vo/xsd/common/{naam}.xsd" for naam in ("basis", "types")]


def test_malformed_xml_is_an_al01_client_fault(dienst):
    status, headers, body = _post(dienst, b"<s:Envelope><niet dicht>")
    assert status == 500 and headers["Content-Type"] == "text/xml; charset=utf-8"
    fout = _fout(body)
    assert fout["faultcode"].endswith(":Client") and fout["code"] == "AL01"


def test_schema_invalid_is_al02_with_line_numbers(dienst):
    body = ("<r:ping_Request>\n<r:geslacht>X</r:geslacht>\n<r:leerjaar>drie</r:leerjaar>\n"
            "<r:tekst>t</r:tekst>\n</r:ping_Request>")
    status, _, antwoord = _post(dienst, _verzoek(body))
    fout = _fout(antwoord)
    assert status == 500 and fout["code"] == "AL02" and fout["faultcode"].endswith(":Client")
    assert (fout["regel"], fout["element"]) == ("5", "geslacht")
    assert "regel 5: geslacht:" in fout["omschrijving"] and "regel 6: leerjaar:" in fout["omschrijving"]


def test_missing_content_type_still_works(dienst):
    status, _, body = _http(dienst, "POST", "/rod/vo", _verzoek(GOED))
    assert status == 200 and etree.fromstring(body).findtext(f".//{{{ROD}}}echo") == "hallo"


def test_ws_addressing_is_answered(dienst):
    header = ("<s:Header><wsa:MessageID>urn:uuid:aaaa</wsa:MessageID><wsa:Action>" + ACTIE + "</wsa:Action>"
              f"<wsa:To>http://rod/rod/vo?oin={ROD_OIN}</wsa:To>"
              "<wsa:From><wsa:Address>http://las/ep?oin=00000009900000000101</wsa:Address></wsa:From></s:Header>")
    status, _, body = _post(dienst, _verzoek(GOED, header), SOAPAction=f'"{ACTIE}"')
    kop = etree.fromstring(body).find(f"{{{SOAP11}}}Header")
    assert status == 200
    assert kop.findtext(f"{{{WSA}}}RelatesTo") == "urn:uuid:aaaa"
    assert kop.findtext(f"{{{WSA}}}MessageID").startswith("urn:uuid:")
    assert kop.findtext(f"{{{WSA}}}To") == "http://las/ep?oin=00000009900000000101"
    assert kop.findtext(f"{{{WSA}}}From/{{{WSA}}}Address") == f"http://rod/rod/vo?oin={ROD_OIN}"
    # a Fault for the same request relates to it as well
    _, _, fout = _post(dienst, _verzoek(GOED.replace(">M<", ">X<"), header))
    assert etree.fromstring(fout).findtext(f".//{{{WSA}}}RelatesTo") == "urn:uuid:aaaa"


def test_unexpected_exception_is_a_server_fault_without_traceback(dienst, caplog):
    status, _, body = _post(dienst, _verzoek(GOED.replace("hallo", "boem")))
    assert status == 500 and _fout(body)["faultcode"].endswith(":Server")
    assert b"geheim detail" not in body and b"Traceback" not in body
    assert any(r.exc_info and "geheim detail" in str(r.exc_info[1]) for r in caplog.records)  # but it is logged


def test_oversized_bodies_are_refused(dienst):
    groot = _verzoek(GOED.replace("hallo", "x" * MAX_BYTES))
    assert _fout(_post(dienst, groot)[2])["code"] == "AL01"
    chunks = _http(dienst, "POST", "/rod/vo", iter([groot[:1000], groot[1000:]]))  # chunked, no Content-Length
    assert chunks[0] == 500 and _fout(chunks[2])["code"] == "AL01"


def test_body_without_content_length_is_read_no_further_than_the_limit(app_en_aanroepen):
    class Invoer(io.BytesIO):
        gelezen = 0

        def read(self, n=-1):
            stuk = super().read(n)
            Invoer.gelezen += len(stuk)
            return stuk

    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/rod/vo", "wsgi.input": Invoer(b"<a>" * (10 * MAX_BYTES))}
    wsgiref.util.setup_testing_defaults(environ)
    antwoord: list = []
    body = b"".join(app_en_aanroepen[0](environ, lambda status, headers: antwoord.append(status)))
    assert antwoord == ["500 Internal Server Error"] and _fout(body)["code"] == "AL01"
    assert Invoer.gelezen == MAX_BYTES + 1


def test_health(dienst):
    status, headers, body = _http(dienst, "GET", "/health")
    assert status == 200 and json.loads(body) == {"status": "ok", "pid": os.getpid()} and headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("pad", [
    "/rod/vo/xsd/../../etc/passwd", "/rod/vo/xsd/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/rod/vo/../../../../etc/passwd",
    "/rod/vo//etc/passwd", "/rod/vo/xsd/bestaat-niet.xsd", "/elders",
])
def test_unknown_paths_and_traversal_are_404(dienst, pad):
    status, _, body = _http(dienst, "GET", pad)
    assert status == 404 and b"root:" not in body


def test_wrong_method_is_405(dienst):
    status, headers, _ = _http(dienst, "PUT", "/rod/vo", b"")
    assert status == 405 and headers["Allow"] == "GET, POST"


def test_een_soapverzoek_tegelijk_terwijl_health_antwoordt(tmp_path):
    """``beurt`` (serve's --soap-tegelijk 1): a second SOAP request waits until the first is
    answered, while /health answers at once; without it both run at the same time."""
    import time

    wsdl_dir = tmp_path / "wsdl"
    (wsdl_dir / "xsd" / "common").mkdir(parents=True)
    for pad, tekst in (("Test.wsdl", WSDL), ("xsd/test.xsd", TEST_XSD), ("xsd/common/basis.xsd", BASIS_XSD),
                       ("xsd/common/types.xsd", TYPES_XSD)):
        (wsdl_dir / pad).write_text(tekst)
    binnen, vrij = threading.Semaphore(0), threading.Event()
    gelijktijdig, hoogste, lock = [0], [0], threading.Lock()
    echt = dummy_verwerk([])

    def verwerk(verzoek, context):
        with lock:
            gelijktijdig[0] += 1
            hoogste[0] = max(hoogste[0], gelijktijdig[0])
        binnen.release()
        vrij.wait(10)
        with lock:
            gelijktijdig[0] -= 1
        return echt(verzoek, context)

    def draai(beurt, tweede_binnen: float) -> int:
        gelijktijdig[0] = hoogste[0] = 0
        vrij.clear()
        while binnen.acquire(blocking=False):  # nothing left over from the previous run
            pass
        app = maak_app(wsdl_dir=wsdl_dir, wsdl_bestand="Test.wsdl", contract=Contract(wsdl_dir / "xsd" / "test.xsd"),
                       verwerk=verwerk, beurt=beurt)
        server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)

        def serveer():
            try:
                server.run()
            except OSError:  # its sockets closed under select() by the shutdown below
                pass

        draad = threading.Thread(target=serveer, daemon=True)
        draad.start()
        dienst = (f"127.0.0.1:{server.effective_port}",)
        try:
            verzoeken = [threading.Thread(target=_post, args=(dienst, _verzoek(GOED))) for _ in range(2)]
            for v in verzoeken:
                v.start()
            assert binnen.acquire(timeout=10)  # the first is inside verwerk
            begin = time.monotonic()
            status, _, body = _http(dienst, "GET", "/health")
            assert status == 200 and json.loads(body)["status"] == "ok" and time.monotonic() - begin < 2
            binnen.acquire(timeout=tweede_binnen)  # the second, if it may run alongside
            vrij.set()
            for v in verzoeken:
                v.join(10)
            return hoogste[0]
        finally:
            vrij.set()
            server.task_dispatcher.shutdown()
            wasyncore.close_all(server._map)
            draad.join(timeout=5)

    assert draai(threading.Lock(), tweede_binnen=0.5) == 1
    assert draai(None, tweede_binnen=10) == 2
