"""Hostile XML over real HTTP (spec section 13): every payload gets a clear SOAP 1.1 Client
Fault with code AL01 or AL02 — never a crash, a hang or an HTML page — and nothing is
stored (the refusal itself is audited). Plus a bounded fuzz test of the XML entry point."""
from __future__ import annotations

import time

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.soap.envelope import parse_envelope
from rod_service.soap.xml import XmlFout, parse_xml
from rod_service.store.models import Audit

from ..conftest import VANDAAG
from ..e2e.test_foutafhandeling import envelop, fout, identificatie_body, niets_opgeslagen

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
ROD = "urn:rod-service:vo:v1"
GELDIG = envelop(identificatie_body())
ZONDER_PROLOOG = GELDIG.split(b"?>", 1)[1]

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>""" + ZONDER_PROLOOG.replace(b">M</rod:geslacht>", b">&lol9;</rod:geslacht>")

XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       + ZONDER_PROLOOG.replace(b">M</rod:geslacht>", b">&xxe;</rod:geslacht>"))
EXTERNE_DTD = (b'<?xml version="1.0"?>\n<!DOCTYPE soap:Envelope SYSTEM "http://127.0.0.1:9/kwaadaardig.dtd">'
               + ZONDER_PROLOOG)
PARAMETER_ENTITEIT = (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
                      + ZONDER_PROLOOG)
XINCLUDE = GELDIG.replace(b"<rod:geslacht>M</rod:geslacht>",
                          b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" '
                          b'parse="text"/><rod:geslacht>M</rod:geslacht>')
DIEP = (GELDIG.replace(b"<rod:geslacht>M</rod:geslacht>",
                       b"<rod:geslacht>" + b"<a>" * 10_000 + b"M" + b"</a>" * 10_000 + b"</rod:geslacht>"))
ONGELDIGE_UTF8 = GELDIG.replace(b">M</rod:geslacht>", b">M\xff\xfe\xc3\x28</rod:geslacht>")
NIET_GEDECLAREERD_PREFIX = GELDIG.replace(b"<soap:Body>", b"<soap:Body><x:y/>", 1)
PREFIX_VERKEERDE_NAAMRUIMTE = GELDIG.replace(b'xmlns:rod="urn:rod-service:vo:v1"', b'xmlns:rod="urn:iets-anders"')
ZELFSLUITEND = envelop(f'<rod:aanleverenIdentificerenPersoonVO_Request xmlns:rod="{ROD}"/>')
SOAP12_ENVELOP = (f'<?xml version="1.0"?><env:Envelope xmlns:env="{SOAP12}"><env:Body>'
                  + identificatie_body() + "</env:Body></env:Envelope>").encode()
TWEE_BODIES = GELDIG.replace(b"</soap:Body>", b"</soap:Body><soap:Body/>")
LEEG = b""
JSON = b'{"aanleverenIdentificerenPersoonVO": {"geslacht": "M"}}'
HTML = b"<html><body><script>alert(1)</script></body></html>"

GEVALLEN = {
    # name: (body, content type, expected code, text the omschrijving must contain)
    "billion laughs": (BILLION_LAUGHS, "text/xml", "AL01", "DOCTYPE"),
    "XXE file read": (XXE, "text/xml", "AL01", "DOCTYPE"),
    "externe DTD": (EXTERNE_DTD, "text/xml", "AL01", "DOCTYPE"),
    "parameter-entiteit": (PARAMETER_ENTITEIT, "text/xml", "AL01", "DOCTYPE"),
    "XInclude": (XINCLUDE, "text/xml", "AL02", "include"),
    "10 000 niveaus diep": (DIEP, "text/xml", "AL01", "dieper genest"),
    "ongeldige UTF-8": (ONGELDIGE_UTF8, "text/xml", "AL01", "goedgevormde XML"),
    "niet-gedeclareerd prefix": (NIET_GEDECLAREERD_PREFIX, "text/xml", "AL01", "goedgevormde XML"),
    "prefix op andere naamruimte": (PREFIX_VERKEERDE_NAAMRUIMTE, "text/xml", "AL02", "aanleverenIdentificerenPersoonVO_Request"),
    "zelfsluitend operatie-element": (ZELFSLUITEND, "text/xml", "AL02", "identificatiecodeBedrijfsdocument"),
    "zonder Content-Type (XXE)": (XXE, None, "AL01", "DOCTYPE"),
    "SOAP 1.2-envelop": (SOAP12_ENVELOP, "application/soap+xml; charset=utf-8", "AL01", "SOAP 1.2"),
    "twee soap:Body's": (TWEE_BODIES, "text/xml", "AL01", "soap:Body"),
    "lege body": (LEEG, "text/xml", "AL01", "goedgevormde XML"),
    "JSON": (JSON, "application/json", "AL01", "goedgevormde XML"),
    "HTML": (HTML, "text/html", "AL01", "SOAP 1.1"),
}


def post(server, data, content_type="text/xml; charset=utf-8", **kw) -> requests.Response:
    headers = {"Content-Type": content_type} if content_type else {}
    return requests.post(f"{server}/rod/vo", data=data, headers=headers, timeout=60, **kw)


@pytest.mark.e2e
@pytest.mark.parametrize("naam", list(GEVALLEN))
def test_vijandig_bericht_krijgt_een_duidelijke_fault(naam, server, register):
    data, content_type, code, tekst = GEVALLEN[naam]
    start = time.monotonic()
    antwoord = post(server, data, content_type)
    assert time.monotonic() - start < 10, "refusing must not take long"
    assert b"<html" not in antwoord.content.lower() or naam == "HTML"
    f = fout(antwoord)  # HTTP 500, text/xml, a SOAP 1.1 Fault with detail/fout
    assert f["faultcode"] == "soap:Client" and f["code"] == code, f
    assert tekst.lower() in f["omschrijving"].lower(), f["omschrijving"]
    assert b"root:" not in antwoord.content  # /etc/passwd never leaks
    niets_opgeslagen(register)
    with register.sessies() as sessie:
        assert [a.uitkomst for a in sessie.query(Audit)] == ["FOUT"]


def _honderd_mb():
    blok = b" " * (1 << 16)
    yield GELDIG[:-len(b"</soap:Envelope>")]
    for _ in range((100 << 20) // len(blok)):
        yield blok
    yield b"</soap:Envelope>"


@pytest.mark.e2e
def test_honderd_mb_wordt_geweigerd_voor_het_parsen(server, register):
    """Streamed from a generator (chunked, 64 KiB at a time): the test never holds 100 MB."""
    start = time.monotonic()
    antwoord = post(server, _honderd_mb())
    f = fout(antwoord)
    assert f["code"] == "AL01" and "groter dan 10485760 bytes" in f["omschrijving"]
    assert time.monotonic() - start < 60
    niets_opgeslagen(register)


@pytest.mark.e2e
def test_opgegeven_lengte_boven_de_grens_wordt_ongelezen_geweigerd(server, register):
    """A Content-Length over the limit is refused on the header alone."""
    antwoord = post(server, GELDIG + b" " * (10 * 1024 * 1024))
    assert fout(antwoord)["code"] == "AL01"
    niets_opgeslagen(register)


@pytest.fixture
def klein_register(tmp_path):
    return bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'rod.sqlite3'}", datum=VANDAAG,
                                  max_bericht_bytes=16 * 1024))


@pytest.mark.e2e
def test_grens_is_instelbaar(klein_register, _http):
    from rod_service.http import maak_wsgi_app

    wissel, url = _http
    wissel.app = maak_wsgi_app(klein_register)
    try:
        assert post(url, GELDIG).status_code == 200  # a normal message fits
        f = fout(post(url, GELDIG.replace(b"<soap:Header>", b"<soap:Header><!--" + b"x" * 20_000 + b"-->")))
        assert f["code"] == "AL01" and "groter dan 16384 bytes" in f["omschrijving"]
    finally:
        wissel.app = None


def test_max_bericht_bytes_uit_de_omgeving(monkeypatch):
    monkeypatch.setenv("ROD_MAX_BERICHT_BYTES", "65536")
    assert Instellingen.uit_omgeving().max_bericht_bytes == 65536
    assert Instellingen.uit_omgeving(max_bericht_bytes=2048).max_bericht_bytes == 2048


# --- fuzzing the XML entry point ------------------------------------------------------------

XML_ALFABET = st.sampled_from(list('<>/="\' \n\tabcdrox:&;#![]-?%') + ["soap:", "Envelope", "Body", "<!DOCTYPE",
                                                                      "<!ENTITY", "xmlns", SOAP, "&#0;", "]]>",
                                                                      "<![CDATA[", "\x00", "\ud7ff", "é"])


@st.composite
def gemuteerde_envelop(draw) -> bytes:
    data = bytearray(GELDIG)
    for _ in range(draw(st.integers(1, 8))):
        soort = draw(st.sampled_from(["invoegen", "weghalen", "vervangen", "afkappen"]))
        plek = draw(st.integers(0, max(len(data) - 1, 0)))
        if soort == "invoegen":
            data[plek:plek] = draw(st.binary(min_size=1, max_size=12))
        elif soort == "weghalen":
            del data[plek:plek + draw(st.integers(1, 20))]
        elif soort == "vervangen":
            data[plek:plek + 1] = draw(st.binary(min_size=1, max_size=1))
        else:
            del data[plek:]
    return bytes(data)


def _alleen_xmlfout(data: bytes) -> None:
    try:
        root = parse_xml(data, max_bytes=64 * 1024, max_depth=64)
    except XmlFout as f:
        assert f.code == "AL01" and f.omschrijving
        return
    try:
        parse_envelope(root, soap_action=None)
    except XmlFout as f:
        assert f.code in ("AL01", "AL02") and f.omschrijving


@settings(max_examples=200, deadline=500, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), gemuteerde_envelop(),
                 st.lists(XML_ALFABET, max_size=60).map(lambda d: "".join(d).encode("utf-8", "surrogatepass"))))
def test_fuzz_parse_xml_en_envelop_geven_alleen_xmlfout(data):
    _alleen_xmlfout(data)
