"""Digikoppeling-style TLS over real HTTPS on loopback (spec section 13): no client
certificate, no connection; the certificate's OIN (subject serialNumber) must be the
administratie's or one of its leveranciersOins (AL03 otherwise); TLS 1.1 is refused."""
from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import requests
import zeep

from rod_service.ops.tls import oin_uit_certificaat, requests_sessie
from rod_service.store.models import Audit

from ..conftest import ADMINISTRATIE_A, ADMINISTRATIE_B, bedrijfsdocument
from ..e2e.test_foutafhandeling import envelop, fout, identificatie_body
from .conftest import LEVERANCIER_A, VREEMD

pytestmark = pytest.mark.e2e
ROD = "urn:rod-service:vo:v1"


def identificeer(url: str, pki, oin: str | None, verzender: str = ADMINISTRATIE_A) -> requests.Response:
    return requests.post(f"{url}/rod/vo", data=envelop(identificatie_body(verzender=verzender)),
                         headers={"Content-Type": "text/xml; charset=utf-8"},
                         cert=pki.client(oin) if oin else None, verify=str(pki.ca.cert_pad), timeout=10)


def status_en_codes(antwoord: requests.Response) -> tuple[str, list[str]]:
    from lxml import etree

    assert antwoord.status_code == 200, antwoord.content[:500]
    root = etree.fromstring(antwoord.content)
    terugkoppeling = root.find(f".//{{{ROD}}}terugkoppeling")
    return (terugkoppeling.findtext(f"{{{ROD}}}status"),
            [s.findtext(f"{{{ROD}}}code") for s in terugkoppeling.iterfind(f"{{{ROD}}}signaal")])


def test_oin_uit_serialnumber(pki):
    assert oin_uit_certificaat(pki.clients[LEVERANCIER_A].cert_pem) == LEVERANCIER_A
    assert oin_uit_certificaat(pki.server.cert_pem) is None


def test_zonder_clientcertificaat_geen_verbinding(https_server, pki):
    with pytest.raises((requests.exceptions.SSLError, requests.exceptions.ConnectionError)):
        identificeer(https_server, pki, None)


def test_certificaat_van_een_andere_ca_geen_verbinding(https_server, pki):
    with pytest.raises((requests.exceptions.SSLError, requests.exceptions.ConnectionError)):
        requests.post(f"{https_server}/rod/vo", data=envelop(identificatie_body()),
                      cert=(str(pki.vreemde_client.cert_pad), str(pki.vreemde_client.key_pad)),
                      verify=str(pki.ca.cert_pad), timeout=10)


def test_oin_van_de_administratie_is_goedgekeurd(https_server, pki, register):
    assert status_en_codes(identificeer(https_server, pki, ADMINISTRATIE_A)) == ("GOEDGEKEURD", [])
    with register.sessies() as sessie:
        audit = sessie.query(Audit).one()
    assert (audit.oin, audit.certificaat_oin, audit.uitkomst) == (ADMINISTRATIE_A, ADMINISTRATIE_A, "GOEDGEKEURD")


def test_oin_van_een_geregistreerde_leverancier_is_goedgekeurd(https_server, pki):
    assert status_en_codes(identificeer(https_server, pki, LEVERANCIER_A)) == ("GOEDGEKEURD", [])


@pytest.mark.parametrize("oin", [VREEMD, ADMINISTRATIE_B])
def test_andere_oin_is_al03(https_server, pki, register, oin):
    """Another registered administratie's certificate may not send as A, nor may an unknown OIN."""
    assert status_en_codes(identificeer(https_server, pki, oin)) == ("AFGEKEURD", ["AL03"])
    with register.sessies() as sessie:
        audit = sessie.query(Audit).one()
    assert (audit.certificaat_oin, audit.uitkomst, audit.signaalcodes) == (oin, "AFGEKEURD", "AL03")


def test_fault_over_https_legt_certificaat_oin_vast(https_server, pki, register):
    antwoord = requests.post(f"{https_server}/rod/vo", data=b"<geen-soap/>", cert=pki.client(ADMINISTRATIE_A),
                             verify=str(pki.ca.cert_pad), timeout=10)
    assert fout(antwoord)["code"] == "AL01"
    with register.sessies() as sessie:
        assert sessie.query(Audit).one().certificaat_oin == ADMINISTRATIE_A


def _handdruk(url: str, pki, versie: ssl.TLSVersion) -> str:
    """A raw TLS handshake pinned to ``versie``; returns the negotiated version or raises."""
    poort = int(url.rsplit(":", 1)[1])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    with warnings.catch_warnings():  # TLSv1_1 is deprecated in ssl: exactly what we test
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = context.maximum_version = versie
    context.set_ciphers("DEFAULT:@SECLEVEL=0")  # let the client offer old versions at all
    context.load_verify_locations(str(pki.ca.cert_pad))
    context.load_cert_chain(*pki.client(ADMINISTRATIE_A))
    with socket.create_connection(("127.0.0.1", poort), timeout=10) as ruw:
        with context.wrap_socket(ruw, server_hostname="127.0.0.1") as tls:
            return tls.version()


def test_tls_1_1_wordt_geweigerd_en_1_2_niet(https_server, pki):
    assert _handdruk(https_server, pki, ssl.TLSVersion.TLSv1_2) == "TLSv1.2"
    with pytest.raises(ssl.SSLError) as fout_:
        _handdruk(https_server, pki, ssl.TLSVersion.TLSv1_1)
    # the server's refusal, not a client that could not even offer TLS 1.1
    assert "PROTOCOL_VERSION" in str(fout_.value).upper() or "UNSUPPORTED_PROTOCOL" in str(fout_.value).upper()


def test_zeep_als_las_met_clientcertificaat(https_server, pki):
    """How a LAS vendor talks to it: zeep over a requests session with its certificate."""
    cert, key = pki.client(LEVERANCIER_A)
    sessie = requests_sessie(cert=Path(cert), key=Path(key), ca=pki.ca.cert_pad)
    rod = zeep.Client(f"{https_server}/rod/vo?wsdl", transport=zeep.Transport(session=sessie))
    antwoord = rod.service.aanleverenIdentificerenPersoonVO(
        **bedrijfsdocument(), geboorteDatum="2012-03-14", geslacht="M", metPGN={"burgerservicenummer": "999990007"})
    assert antwoord.terugkoppeling.status == "GOEDGEKEURD"


def test_serve_met_tls(tmp_path, pki):
    """``rod-service serve --tls-cert --tls-key --client-ca``: HTTPS with client certificates."""
    env = {**os.environ, "ROD_HOME": str(tmp_path)}
    env.pop("ROD_DATABASE_URL", None)
    proces = subprocess.Popen(
        [str(Path(sys.executable).parent / "rod-service"), "serve", "--port", "0", "--datum", "2026-11-23",
         "--tls-cert", str(pki.server.cert_pad), "--tls-key", str(pki.server.key_pad),
         "--client-ca", str(pki.ca.cert_pad)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        wsdl = proces.stdout.readline().strip()
        assert wsdl.startswith("https://127.0.0.1:") and wsdl.endswith("/rod/vo?wsdl")
        basis = wsdl.removesuffix("/rod/vo?wsdl")
        assert status_en_codes(identificeer(basis, pki, LEVERANCIER_A)) == ("GOEDGEKEURD", [])
        assert status_en_codes(identificeer(basis, pki, VREEMD)) == ("AFGEKEURD", ["AL03"])
        with pytest.raises((requests.exceptions.SSLError, requests.exceptions.ConnectionError)):
            identificeer(basis, pki, None)
    finally:
        proces.terminate()
        proces.wait(timeout=10)
