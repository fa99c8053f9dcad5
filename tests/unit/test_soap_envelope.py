"""Reading the SOAP 1.1 envelope, validating its body against the XSD, rendering answers."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from lxml import etree

from rod_service.soap.envelope import SOAP11, WSA, Addressing, oin_uit, parse_envelope
from rod_service.soap.render import ROD, antwoord_addressing, envelope, fault, schema_fault
from rod_service.soap.schema import Contract
from rod_service.soap.xml import XmlFout, parse_xml

BASIS_XSD = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:rod-service:vo:v1"
    elementFormDefault="qualified">
  <xs:simpleType name="Geslacht"><xs:restriction base="xs:string">
    <xs:enumeration value="M"/><xs:enumeration value="V"/><xs:enumeration value="O"/>
  </xs:restriction></xs:simpleType>
</xs:schema>"""
TEST_XSD = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:rod-service:vo:v1"
    xmlns:rod="urn:rod-service:vo:v1" elementFormDefault="qualified">
  <xs:include schemaLocation="common/basis.xsd"/>
  <xs:element name="ping_Request"><xs:complexType><xs:sequence>
    <xs:element name="geslacht" type="rod:Geslacht" minOccurs="0"/>
    <xs:element name="periode" minOccurs="0" maxOccurs="unbounded"><xs:complexType><xs:sequence>
      <xs:element name="leerjaar" type="xs:int"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>"""


def _envelop(body: str, header: str = "", prefix: str = "soap") -> bytes:
    return (f'<{prefix}:Envelope xmlns:{prefix}="{SOAP11}" xmlns:r="{ROD}">\n{header}'
            f"<{prefix}:Body>\n{body}\n</{prefix}:Body>\n</{prefix}:Envelope>").encode()


def _lees(data: bytes, **kwargs):
    return parse_envelope(parse_xml(data), **kwargs)


def _al01(data: bytes) -> XmlFout:
    with pytest.raises(XmlFout) as info:
        _lees(data)
    assert info.value.code == "AL01"
    return info.value


@pytest.fixture(scope="module")
def contract(tmp_path_factory) -> Contract:
    map_ = tmp_path_factory.mktemp("xsd")
    (map_ / "common").mkdir()
    (map_ / "common" / "basis.xsd").write_text(BASIS_XSD)
    (map_ / "test.xsd").write_text(TEST_XSD)
    return Contract(map_ / "test.xsd")


# --- envelope -------------------------------------------------------------------------------

def test_odd_prefixes_and_default_namespaces_are_accepted():
    data = (f'<SOAP-ENV:Envelope xmlns:SOAP-ENV="{SOAP11}"><SOAP-ENV:Body>'
            f'<ping_Request xmlns="{ROD}"/></SOAP-ENV:Body></SOAP-ENV:Envelope>').encode()
    assert _lees(data).operatie == "ping_Request"
    standaard = f'<Envelope xmlns="{SOAP11}"><Body><x:ping_Request xmlns:x="{ROD}"/></Body></Envelope>'
    assert _lees(standaard.encode()).operatie == "ping_Request"


def test_self_closing_body_element_with_comments_and_whitespace_is_accepted():
    verzoek = _lees(_envelop("  <!-- eerst -->\n  <r:ping_Request/>  <?pi x?>\n  "))
    assert verzoek.operatie == "ping_Request"
    assert etree.QName(verzoek.body).namespace == ROD
    assert verzoek.addressing is None and verzoek.soap_action is None


def test_soap12_envelope_is_refused_naming_soap11():
    data = b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><a/></e:Body></e:Envelope>'
    assert "SOAP 1.1" in _al01(data).omschrijving


@pytest.mark.parametrize("data", [
    b"<r:ping_Request xmlns:r='urn:rod-service:vo:v1'/>",                        # no envelope
    f'<s:Envelope xmlns:s="{SOAP11}"><s:Header/></s:Envelope>'.encode(),       # no Body
    _envelop(""),                                                                # empty Body
    _envelop("<r:ping_Request/><r:ping_Request/>"),                               # two body elements
    _envelop("tekst <r:ping_Request/>"),                                          # loose text
])
def test_broken_envelopes_are_al01(data):
    _al01(data)


def test_ws_addressing_headers_are_read():
    header = (f'<soap:Header xmlns:wsa="{WSA}"><wsa:MessageID>urn:uuid:1</wsa:MessageID>'
              "<wsa:Action>urn:actie</wsa:Action><wsa:To>http://rod/rod/vo?oin=00000001</wsa:To>"
              "<wsa:From><wsa:Address>http://las/ep?oin=00000002</wsa:Address></wsa:From>"
              "<wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>"
              "<ander:Iets xmlns:ander='urn:ander'/></soap:Header>")
    verzoek = _lees(_envelop("<r:ping_Request/>", header), soap_action='"urn:actie"')
    assert verzoek.addressing == Addressing(
        message_id="urn:uuid:1", action="urn:actie", to="http://rod/rod/vo?oin=00000001",
        from_="http://las/ep?oin=00000002", reply_to="http://www.w3.org/2005/08/addressing/anonymous")
    assert verzoek.soap_action == "urn:actie"
    assert oin_uit(verzoek.addressing.from_) == "00000002"
    assert oin_uit("urn:x?a=1&oin=123") == "123" and oin_uit("http://x/") is None and oin_uit(None) is None


# --- schema ---------------------------------------------------------------------------------

def test_valid_body_has_no_errors(contract):
    assert contract.valideer(_lees(_envelop("<r:ping_Request><r:geslacht>V</r:geslacht></r:ping_Request>")).body) == []


def test_all_schema_errors_are_reported_with_line_and_path(contract):
    body = ("<r:ping_Request>\n<r:geslacht>X</r:geslacht>\n<r:periode><r:leerjaar>1</r:leerjaar></r:periode>\n"
            "<r:periode><r:leerjaar>abc</r:leerjaar></r:periode>\n</r:ping_Request>")
    fouten = contract.valideer(_lees(_envelop(body)).body)
    assert [(f.regel, f.element) for f in fouten] == [(4, "geslacht"), (6, "periode[2]/leerjaar")]
    assert "{urn:" not in fouten[0].omschrijving and "{'M', 'V', 'O'}" in fouten[0].omschrijving


def test_paths_are_readable_for_a_default_namespace_body(contract):
    body = f'<ping_Request xmlns="{ROD}"><periode><leerjaar>x</leerjaar></periode><vreemd/></ping_Request>'
    fouten = contract.valideer(_lees(_envelop(body)).body)
    assert [f.element for f in fouten] == ["periode/leerjaar", "vreemd"]


def test_concurrent_validations_keep_their_own_errors(contract):
    # One document per request, as in the server: lxml re-roots a document while it
    # validates a subtree of it, so one element must never be validated by two threads.
    goed = _envelop("<r:ping_Request><r:geslacht>M</r:geslacht></r:ping_Request>")
    fout = _envelop("<r:ping_Request><r:geslacht>Q</r:geslacht><r:x/></r:ping_Request>")

    def controleer(i: int) -> bool:
        return len(contract.valideer(_lees(fout if i % 2 else goed).body)) == 2 * (i % 2)

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(controleer, range(400)))


# --- render ---------------------------------------------------------------------------------

def test_fault_carries_fout_detail():
    root = etree.fromstring(fault("AL01", "kapot", element="x", regel=3))
    assert root.findtext(".//faultcode") == "soap:Client"
    assert root.findtext(".//faultstring") == "AL01: kapot"
    assert [(etree.QName(e).localname, e.text) for e in root.find(".//detail").find(f"{{{ROD}}}fout")] == [
        ("code", "AL01"), ("omschrijving", "kapot"), ("element", "x"), ("regel", "3")]


def test_schema_fault_lists_every_error_and_points_at_the_first(contract):
    body = "<r:ping_Request>\n<r:geslacht>X</r:geslacht>\n<r:onbekend/>\n</r:ping_Request>"
    root = etree.fromstring(schema_fault(contract.valideer(_lees(_envelop(body)).body)))
    omschrijving = root.findtext(f".//{{{ROD}}}omschrijving")
    assert "regel 4: geslacht:" in omschrijving and "regel 5: onbekend:" in omschrijving
    assert root.findtext(f".//{{{ROD}}}regel") == "4" and root.findtext(f".//{{{ROD}}}element") == "geslacht"
    assert omschrijving in root.findtext(".//faultstring")


def test_answer_addressing_swaps_from_and_to():
    verzoek = Addressing(message_id="urn:uuid:1", to="http://rod/rod/vo?oin=111", from_="http://las/ep?oin=222")
    antwoord = antwoord_addressing(verzoek, "urn:actie_Response", rod_oin="111", administratie_oin="222")
    assert antwoord.relates_to == "urn:uuid:1" and antwoord.message_id.startswith("urn:uuid:")
    assert (antwoord.to, antwoord.from_, antwoord.action) == ("http://las/ep?oin=222", "http://rod/rod/vo?oin=111",
                                                              "urn:actie_Response")
    kaal = antwoord_addressing(Addressing(message_id="m"), "a", rod_oin="111", administratie_oin="222")
    assert oin_uit(kaal.to) == "222" and oin_uit(kaal.from_) == "111"


def test_envelope_has_declaration_and_wsa_headers():
    body = etree.Element(f"{{{ROD}}}ping_Response")
    data = envelope(body, addressing_antwoord=Addressing(message_id="urn:uuid:2", relates_to="urn:uuid:1",
                                                           from_="urn:rod?oin=1"))
    assert data.startswith(b"<?xml")
    verzoek = _lees(data)
    assert verzoek.operatie == "ping_Response"
    assert verzoek.addressing == Addressing(message_id="urn:uuid:2", relates_to="urn:uuid:1", from_="urn:rod?oin=1")


_ANTWOORD = (b'<rod:X xmlns:rod="urn:rod-service:vo:v1"><rod:a>1 &amp; 2 &lt; 3 &gt; 4 "q" \xc3\xa9&#13;</rod:a>'
             b'<rod:b/><rod:c>tekst</rod:c></rod:X>')


def test_envelope_om_bytes_schrijft_wat_envelope_schrijft():
    """The answer path wraps the rendered bytes without parsing them again: the same bytes
    as ``envelope`` of the parsed answer, with every header value lxml has to escape."""
    import random
    import string

    from rod_service.soap.render import envelope_om

    rng = random.Random(9)
    tekens = string.ascii_letters + string.digits + "&<>\"'\r\n\t ?=/:.%é€😀]]>"

    def waarde():
        return None if rng.random() < 0.2 else "".join(rng.choice(tekens) for _ in range(rng.randint(0, 25)))

    adressen = [None, Addressing()] + [Addressing(message_id=waarde(), action=waarde(), to=waarde(), from_=waarde(),
                                                  relates_to=waarde()) for _ in range(500)]
    for addressing in adressen:
        assert envelope_om(_ANTWOORD, addressing_antwoord=addressing) == envelope(
            etree.fromstring(_ANTWOORD), addressing_antwoord=addressing), addressing


def test_envelope_om_bytes_laat_de_body_zoals_hij_geschreven_is():
    from rod_service.soap.render import envelope_om

    leeg = b'<rod:X xmlns:rod="urn:rod-service:vo:v1"><rod:inhoud></rod:inhoud></rod:X>'
    nieuw, oud = envelope_om(leeg), envelope(etree.fromstring(leeg))
    assert b"<rod:inhoud></rod:inhoud>" in nieuw and b"<rod:inhoud/>" in oud  # the same XML either way
    assert etree.tostring(etree.fromstring(nieuw), method="c14n") == etree.tostring(etree.fromstring(oud), method="c14n")
    # a body that does not start with its element: the comment is not carried into the Body
    for anders in (b"<!-- uitleg -->" + _ANTWOORD, b"<?xml version='1.0' encoding='UTF-8'?>\n" + _ANTWOORD):
        assert envelope_om(anders) == envelope(etree.fromstring(anders)) and b"uitleg" not in envelope_om(anders)
