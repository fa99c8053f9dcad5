"""Optional WS-Security (Digikoppeling 2W-be-S) over real HTTP: with --wss-verplicht an
unsigned request is AL01; a tampered body, an expired Timestamp, an untrusted certificate
or a signature that leaves a wsa header out is AL01 with a clear message; a valid
signature passes and its certificate's OIN counts for AL03; answers are signed.
Requests are signed with our signxml-based signer and, independently, with zeep's
xmlsec-based BinarySignature."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests
from lxml import etree

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.ops.pki import maak_clientcertificaat
from rod_service.ops.wss import WSSE, WSU, WsSecurity, onderteken_envelop
from rod_service.soap.xml import XmlFout, parse_xml
from rod_service.store.models import Audit

from ..conftest import ADMINISTRATIE_A, ROD_OIN, VANDAAG
from ..e2e.test_foutafhandeling import envelop, fout, identificatie_body, niets_opgeslagen
from .conftest import VREEMD
from .test_tls import status_en_codes

pytestmark = pytest.mark.e2e
WSA = "http://www.w3.org/2005/08/addressing"


def wsa_kop() -> str:
    return (f'<wsa:MessageID xmlns:wsa="{WSA}">urn:uuid:{uuid.uuid4()}</wsa:MessageID>'
            f'<wsa:Action xmlns:wsa="{WSA}">urn:rod-service:vo:v1:RegisterOnderwijsdeelnemersVO:'
            f'aanleverenIdentificerenPersoonVO</wsa:Action>'
            f'<wsa:To xmlns:wsa="{WSA}">https://rod.example/rod/vo?oin={ROD_OIN}</wsa:To>')


def ondertekend(pki, oin=ADMINISTRATIE_A, *, verzender=ADMINISTRATIE_A, kop=None, **kw) -> bytes:
    paar = pki.clients[oin]
    bericht = envelop(identificatie_body(verzender=verzender), wsa_kop() if kop is None else kop)
    return onderteken_envelop(bericht, paar.sleutel, paar.certificaat, **kw)


@pytest.fixture(scope="module")
def rod_sleutel(pki):
    return maak_clientcertificaat(pki.ca, ROD_OIN, pki.map / "rod", organisatie="ROD")


@pytest.fixture
def wss_server(tmp_path, pki, rod_sleutel, _http):
    """A register with --wss-verplicht, the test CA trusted, answers signed with ROD's key."""
    from rod_service.http import maak_wsgi_app

    register = bootstrap(Instellingen(
        database_url=f"sqlite:///{tmp_path / 'rod.sqlite3'}", datum=VANDAAG, wss_verplicht=True,
        wss_ca=pki.ca.cert_pad, wss_sleutel=rod_sleutel.key_pad, wss_cert=rod_sleutel.cert_pad))
    wissel, url = _http
    wissel.app = maak_wsgi_app(register)
    yield url, register
    wissel.app = None


def post(url: str, data: bytes) -> requests.Response:
    return requests.post(f"{url}/rod/vo", data=data, headers={"Content-Type": "text/xml; charset=utf-8"}, timeout=10)


def test_ongetekend_is_al01_als_wss_verplicht_is(wss_server):
    url, register = wss_server
    f = fout(post(url, envelop(identificatie_body())))
    assert f["code"] == "AL01" and "vereist een ondertekend bericht" in f["omschrijving"]
    niets_opgeslagen(register)


def test_geldig_getekend_wordt_verwerkt_en_het_antwoord_is_getekend(wss_server, pki, rod_sleutel):
    url, register = wss_server
    antwoord = post(url, ondertekend(pki))
    assert status_en_codes(antwoord) == ("GOEDGEKEURD", [])
    # the answer carries our own signature over Body, Timestamp and the wsa headers
    controle = WsSecurity(verplicht=True, ca=pki.ca.certificaat)
    assert controle.controleer(parse_xml(antwoord.content)) == ROD_OIN
    with register.sessies() as sessie:
        assert sessie.query(Audit).one().certificaat_oin == ADMINISTRATIE_A


def test_gewijzigd_bericht_is_al01(wss_server, pki):
    url, register = wss_server
    data = ondertekend(pki).replace(b"<rod:geslacht>M</rod:geslacht>", b"<rod:geslacht>V</rod:geslacht>")
    f = fout(post(url, data))
    assert f["code"] == "AL01" and "gewijzigd" in f["omschrijving"] and "Digest mismatch" in f["omschrijving"]
    niets_opgeslagen(register)


def test_verlopen_timestamp_is_al01(wss_server, pki):
    url, _ = wss_server
    oud = datetime.now(UTC) - timedelta(hours=1)
    f = fout(post(url, ondertekend(pki, gemaakt=oud)))
    assert f["code"] == "AL01" and "Timestamp is verlopen" in f["omschrijving"]


def test_certificaat_van_andere_ca_is_al01(wss_server, pki):
    url, _ = wss_server
    vreemd = pki.vreemde_client
    data = onderteken_envelop(envelop(identificatie_body(), wsa_kop()), vreemd.sleutel, vreemd.certificaat)
    f = fout(post(url, data))
    assert f["code"] == "AL01" and "niet uitgegeven door de vertrouwde CA" in f["omschrijving"]


def test_ondertekenaar_telt_voor_al03(wss_server, pki):
    """Without TLS the signing certificate says who sent it: a stranger may not send as A."""
    url, _ = wss_server
    assert status_en_codes(post(url, ondertekend(pki, VREEMD))) == ("AFGEKEURD", ["AL03"])


def test_dubbel_id_signature_wrapping_is_al01(wss_server, pki):
    url, _ = wss_server
    data = ondertekend(pki)
    root = etree.fromstring(data)
    body = root.find("{http://schemas.xmlsoap.org/soap/envelope/}Body")
    nep = etree.SubElement(root.find("{http://schemas.xmlsoap.org/soap/envelope/}Header"), "Verstopt")
    nep.set(f"{{{WSU}}}Id", body.get(f"{{{WSU}}}Id"))
    f = fout(post(url, etree.tostring(root)))
    assert f["code"] == "AL01" and "meer dan eens" in f["omschrijving"]


def _zeep_ondertekend(pki, kop: str = "") -> bytes:
    """Signed by zeep's BinarySignature (xmlsec), with a Timestamp as WSS 2W-be-S wants."""
    xmlsec = pytest.importorskip("xmlsec", reason="python-xmlsec (zeep's signer) is not installed")
    from zeep.wsse.signature import BinarySignature

    root = etree.fromstring(envelop(identificatie_body(), kop))
    kopregel = root.find("{http://schemas.xmlsoap.org/soap/envelope/}Header")
    security = etree.SubElement(kopregel, f"{{{WSSE}}}Security", nsmap={"wsse": WSSE, "wsu": WSU})
    stempel = etree.SubElement(security, f"{{{WSU}}}Timestamp", {f"{{{WSU}}}Id": "TS-1"})
    nu = datetime.now(UTC)
    etree.SubElement(stempel, f"{{{WSU}}}Created").text = nu.strftime("%Y-%m-%dT%H:%M:%SZ")
    etree.SubElement(stempel, f"{{{WSU}}}Expires").text = (nu + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    cert, key = pki.client(ADMINISTRATIE_A)
    handtekening = BinarySignature(key, cert, signature_method=xmlsec.Transform.ECDSA_SHA256,
                                   digest_method=xmlsec.Transform.SHA256)
    root, _ = handtekening.apply(root, {})
    return etree.tostring(root)


def test_getekend_door_zeep_xmlsec_wordt_geaccepteerd(wss_server, pki):
    url, _ = wss_server
    assert status_en_codes(post(url, _zeep_ondertekend(pki))) == ("GOEDGEKEURD", [])


def test_ongetekende_wsa_header_is_al01(wss_server, pki):
    """zeep signs Body and Timestamp only; 2W-be-S also wants the WS-Addressing headers."""
    url, _ = wss_server
    f = fout(post(url, _zeep_ondertekend(pki, wsa_kop())))
    assert f["code"] == "AL01" and "dekt niet: wsa:MessageID, wsa:Action, wsa:To" in f["omschrijving"]


def test_zonder_verplichting_gaat_ongetekend_door(server):
    assert status_en_codes(post(server, envelop(identificatie_body()))) == ("GOEDGEKEURD", [])


def test_timestamp_in_de_toekomst_is_al01(wss_server, pki):
    url, _ = wss_server
    f = fout(post(url, ondertekend(pki, gemaakt=datetime.now(UTC) + timedelta(hours=1))))
    assert f["code"] == "AL01" and "Timestamp ligt in de toekomst" in f["omschrijving"]


def test_security_header_zonder_handtekening_is_al01():
    controle = WsSecurity(verplicht=True)
    kop = f'<wsse:Security xmlns:wsse="{WSSE}"/>'
    with pytest.raises(XmlFout, match="wsse:Security moet precies één ds:Signature"):
        controle.controleer(parse_xml(envelop(identificatie_body(), kop)))
