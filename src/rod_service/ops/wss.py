"""WS-Security for Digikoppeling WUS 2W-be-S (optional; spec section 13 and docs/operations.md).

Verification (every request when configured): a ``wsse:Security`` header with a
``wsu:Timestamp`` (Created not in the future, Expires not passed, a few minutes of clock
skew allowed), an X.509 ``wsse:BinarySecurityToken`` and one ``ds:Signature`` (exclusive
c14n, RSA or ECDSA with SHA-256 or stronger, no SHA-1) whose references cover the
``soap:Body``, the Timestamp and every WS-Addressing header present. The signature is
checked with signxml against the certificate in the token; the certificate must be valid
now and, when a CA is configured (``--wss-ca``, else ``--client-ca``), issued by it; only
then does its subject serialNumber count as the sender's OIN for AL03 (when no TLS client
certificate already gave one). Every failure is an AL01 Fault that says what is wrong.
With ``--wss-verplicht`` an unsigned request is AL01 too; without it an unsigned request
passes and a signed one must verify.

Signing (answers, when ``--wss-sleutel``/``--wss-cert`` are set): the same structure on
our answers and Faults: Timestamp, token, a signature over Body, Timestamp and the wsa
headers. :func:`onderteken_envelop` is also what tests and LAS-side tools use to sign a
request.
"""
from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from lxml import etree

from ..soap.envelope import SOAP11, WSA
from ..soap.wsgi import Berichtbeveiliging
from ..soap.xml import XmlFout
from .tls import oin_uit_certificaat

if TYPE_CHECKING:
    from ..config import Instellingen

WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
DS = "http://www.w3.org/2000/09/xmldsig#"
X509V3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
BASE64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
WSU_ID = f"{{{WSU}}}Id"
SCHEEFHEID = timedelta(minutes=5)  # allowed clock skew for the Timestamp
GELDIGHEID = timedelta(minutes=5)  # Expires of our own Timestamps


def _al01(omschrijving: str, element: etree._Element | None = None) -> XmlFout:
    return XmlFout("AL01", f"WS-Security: {omschrijving}",
                   regel=element.sourceline if element is not None else None)


def _tijd(tekst: str | None) -> datetime | None:
    if not tekst:
        return None
    try:
        moment = datetime.fromisoformat(tekst.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass
class WsSecurity(Berichtbeveiliging):
    verplicht: bool = False
    ca: x509.Certificate | None = None  # issuer of acceptable signing certificates
    sleutel: object | None = None  # our private key for signing answers
    certificaat: x509.Certificate | None = None

    # verification ------------------------------------------------------------------------
    def controleer(self, envelop: etree._Element) -> str | None:
        header = envelop.find(f"{{{SOAP11}}}Header")
        security = header.find(f"{{{WSSE}}}Security") if header is not None else None
        if security is None:
            if self.verplicht:
                raise _al01("dit endpoint vereist een ondertekend bericht (wsse:Security met wsu:Timestamp, "
                            "BinarySecurityToken en ds:Signature); het bericht heeft geen wsse:Security-header.",
                            envelop)
            return None
        handtekeningen = security.findall(f"{{{DS}}}Signature")
        if not handtekeningen and not self.verplicht:
            return None  # e.g. only a Timestamp: unsigned, and unsigned is allowed here
        if len(handtekeningen) != 1:
            raise _al01(f"wsse:Security moet precies één ds:Signature bevatten, niet {len(handtekeningen)}.", security)
        handtekening = handtekeningen[0]
        self._controleer_timestamp(security)
        certificaat = self._certificaat(security, handtekening)
        ids = self._unieke_ids(envelop)
        self._verifieer(envelop, certificaat)
        self._controleer_dekking(envelop, handtekening, ids)
        return oin_uit_certificaat(certificaat) if self.ca is not None else None

    def _controleer_timestamp(self, security: etree._Element) -> None:
        stempel = security.find(f"{{{WSU}}}Timestamp")
        if stempel is None:
            raise _al01("wsu:Timestamp ontbreekt in wsse:Security.", security)
        gemaakt = _tijd(stempel.findtext(f"{{{WSU}}}Created"))
        verloopt = _tijd(stempel.findtext(f"{{{WSU}}}Expires"))
        if gemaakt is None or verloopt is None:
            raise _al01("wsu:Timestamp moet een geldige wsu:Created en wsu:Expires hebben.", stempel)
        nu = datetime.now(UTC)
        if verloopt <= nu - SCHEEFHEID:
            raise _al01(f"de wsu:Timestamp is verlopen (Expires {verloopt.isoformat()}, nu {nu.isoformat()}).",
                        stempel)
        if gemaakt > nu + SCHEEFHEID:
            raise _al01(f"de wsu:Timestamp ligt in de toekomst (Created {gemaakt.isoformat()}).", stempel)
        if verloopt <= gemaakt:
            raise _al01("wsu:Expires ligt niet na wsu:Created.", stempel)

    def _certificaat(self, security: etree._Element, handtekening: etree._Element) -> x509.Certificate:
        verwijzing = handtekening.find(f"{{{DS}}}KeyInfo/{{{WSSE}}}SecurityTokenReference/{{{WSSE}}}Reference")
        tokens = security.findall(f"{{{WSSE}}}BinarySecurityToken")
        if verwijzing is not None:
            uri = (verwijzing.get("URI") or "").removeprefix("#")
            tokens = [t for t in tokens if t.get(WSU_ID) == uri]
        if len(tokens) != 1:
            raise _al01("geen (eenduidig) X.509 wsse:BinarySecurityToken waar de ds:Signature naar verwijst.",
                        handtekening)
        token = tokens[0]
        if token.get("ValueType") not in (None, X509V3):
            raise _al01(f"BinarySecurityToken ValueType {token.get('ValueType')} wordt niet ondersteund "
                        "(alleen X509v3).", token)
        try:
            certificaat = x509.load_der_x509_certificate(base64.b64decode("".join((token.text or "").split())))
        except ValueError:
            raise _al01("het BinarySecurityToken bevat geen leesbaar X.509-certificaat.", token) from None
        nu = datetime.now(UTC)
        if not certificaat.not_valid_before_utc <= nu <= certificaat.not_valid_after_utc:
            raise _al01(f"het ondertekeningscertificaat is niet geldig op dit moment (geldig van "
                        f"{certificaat.not_valid_before_utc.isoformat()} tot "
                        f"{certificaat.not_valid_after_utc.isoformat()}).", token)
        if self.ca is not None:
            try:
                certificaat.verify_directly_issued_by(self.ca)
            except (ValueError, TypeError, Exception) as fout:  # InvalidSignature has no message
                raise _al01("het ondertekeningscertificaat is niet uitgegeven door de vertrouwde CA "
                            f"({self.ca.subject.rfc4514_string()}).", token) from fout
        return certificaat

    def _unieke_ids(self, envelop: etree._Element) -> dict[str, etree._Element]:
        """Every Id-like attribute once: a duplicate is how signature wrapping hides a body."""
        gezien: dict[str, etree._Element] = {}
        for element in envelop.iter():
            if not isinstance(element.tag, str):
                continue
            for naam, waarde in element.attrib.items():
                if etree.QName(naam).localname in ("Id", "ID", "id"):
                    if waarde in gezien:
                        raise _al01(f"het Id {waarde!r} komt meer dan eens voor in het bericht.", element)
                    gezien[waarde] = element
        return gezien

    def _verifieer(self, envelop: etree._Element, certificaat: x509.Certificate) -> None:
        from signxml import InvalidInput, InvalidSignature, SignatureConfiguration, XMLVerifier
        from signxml.exceptions import InvalidCertificate, InvalidDigest

        try:
            XMLVerifier().verify(envelop, x509_cert=certificaat, id_attribute="Id",
                                 expect_config=SignatureConfiguration(expect_references=True))
        except InvalidDigest as fout:
            raise _al01(f"de handtekening klopt niet: een ondertekend deel is gewijzigd ({fout}).") from None
        except (InvalidSignature, InvalidCertificate) as fout:
            raise _al01(f"de handtekening is ongeldig ({fout}).") from None
        except (InvalidInput, etree.DocumentInvalid, ValueError, KeyError) as fout:
            raise _al01(f"de ds:Signature is niet te verwerken ({fout}).") from None

    def _controleer_dekking(self, envelop: etree._Element, handtekening: etree._Element,
                            ids: dict[str, etree._Element]) -> None:
        """The signature must cover the Body, the Timestamp and every wsa header present."""
        ondertekend = {(r.get("URI") or "").removeprefix("#")
                       for r in handtekening.iterfind(f"{{{DS}}}SignedInfo/{{{DS}}}Reference")}
        elementen = {id(ids[i]) for i in ondertekend if i in ids}
        body = envelop.find(f"{{{SOAP11}}}Body")
        header = envelop.find(f"{{{SOAP11}}}Header")
        nodig = [("soap:Body", body),
                 ("wsu:Timestamp", header.find(f"{{{WSSE}}}Security/{{{WSU}}}Timestamp"))]
        nodig += [(f"wsa:{etree.QName(k).localname}", k) for k in header
                  if isinstance(k.tag, str) and etree.QName(k).namespace == WSA]
        ontbrekend = [naam for naam, element in nodig if element is None or id(element) not in elementen]
        if ontbrekend:
            raise _al01(f"de handtekening dekt niet: {', '.join(ontbrekend)} (ondertekend moeten zijn: "
                        "soap:Body, wsu:Timestamp en alle WS-Addressing-headers).", handtekening)

    # signing -----------------------------------------------------------------------------
    def onderteken(self, antwoord: bytes) -> bytes:
        if self.sleutel is None or self.certificaat is None:
            return antwoord
        return onderteken_envelop(antwoord, self.sleutel, self.certificaat)


def onderteken_envelop(envelop: bytes, sleutel, certificaat: x509.Certificate, *,
                       gemaakt: datetime | None = None, geldig: timedelta = GELDIGHEID) -> bytes:
    """``envelop`` (a SOAP 1.1 envelope) signed WSS-style: a wsse:Security header with a
    BinarySecurityToken, a Timestamp and a ds:Signature over Body, Timestamp and wsa headers."""
    from signxml import SignatureReference, XMLSigner
    from signxml.algorithms import SignatureConstructionMethod

    root = etree.fromstring(envelop, etree.XMLParser(resolve_entities=False, no_network=True))
    header = root.find(f"{{{SOAP11}}}Header")
    if header is None:
        header = etree.Element(f"{{{SOAP11}}}Header")
        root.insert(0, header)
    security = etree.Element(f"{{{WSSE}}}Security", nsmap={"wsse": WSSE, "wsu": WSU})
    security.set(f"{{{SOAP11}}}mustUnderstand", "1")
    header.insert(0, security)
    token_id = f"X509-{uuid.uuid4()}"
    token = etree.SubElement(security, f"{{{WSSE}}}BinarySecurityToken",
                             {"EncodingType": BASE64, "ValueType": X509V3, WSU_ID: token_id})
    token.text = base64.b64encode(certificaat.public_bytes(serialization.Encoding.DER)).decode()
    gemaakt = gemaakt or datetime.now(UTC)
    stempel = etree.SubElement(security, f"{{{WSU}}}Timestamp", {WSU_ID: f"TS-{uuid.uuid4()}"})
    etree.SubElement(stempel, f"{{{WSU}}}Created").text = gemaakt.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    etree.SubElement(stempel, f"{{{WSU}}}Expires").text = \
        (gemaakt + geldig).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    te_ondertekenen = [stempel, root.find(f"{{{SOAP11}}}Body")]
    te_ondertekenen += [k for k in header if isinstance(k.tag, str) and etree.QName(k).namespace == WSA]
    for element in te_ondertekenen:
        if element.get(WSU_ID) is None:
            element.set(WSU_ID, f"id-{uuid.uuid4()}")
    # serialise once so namespace declarations sit where a receiver will see them
    root = etree.fromstring(etree.tostring(root))
    ids = [e.get(WSU_ID) for e in root.iter() if isinstance(e.tag, str) and e.get(WSU_ID) and e.get(WSU_ID) != token_id]
    security = root.find(f"{{{SOAP11}}}Header/{{{WSSE}}}Security")

    key_info = etree.Element(f"{{{DS}}}KeyInfo", nsmap={"ds": DS})
    str_ = etree.SubElement(key_info, f"{{{WSSE}}}SecurityTokenReference", nsmap={"wsse": WSSE})
    etree.SubElement(str_, f"{{{WSSE}}}Reference", {"URI": f"#{token_id}", "ValueType": X509V3})
    algoritme = "ecdsa-sha256" if isinstance(sleutel, ec.EllipticCurvePrivateKey) else "rsa-sha256"
    ondertekenaar = XMLSigner(method=SignatureConstructionMethod.detached, signature_algorithm=algoritme,
                              digest_algorithm="sha256", c14n_algorithm=EXC_C14N)
    handtekening = ondertekenaar.sign(root, key=sleutel, reference_uri=[SignatureReference(URI=f"#{i}") for i in ids],
                                      key_info=key_info, id_attribute="Id")
    security.append(handtekening)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def laad_sleutel(pad: Path):
    sleutel = serialization.load_pem_private_key(Path(pad).read_bytes(), password=None)
    if not isinstance(sleutel, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise ValueError(f"{pad}: only RSA and EC keys can sign")
    return sleutel


def laad_certificaat(pad: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(Path(pad).read_bytes())


def uit_instellingen(instellingen: "Instellingen") -> WsSecurity | None:
    """The edge's message security, or None when nothing of WS-Security is configured."""
    ca_pad = instellingen.wss_ca or instellingen.client_ca
    tekenen = instellingen.wss_sleutel is not None and instellingen.wss_cert is not None
    if not (instellingen.wss_verplicht or instellingen.wss_ca or tekenen):
        return None
    return WsSecurity(
        verplicht=instellingen.wss_verplicht,
        ca=laad_certificaat(ca_pad) if ca_pad else None,
        sleutel=laad_sleutel(instellingen.wss_sleutel) if tekenen else None,
        certificaat=laad_certificaat(instellingen.wss_cert) if tekenen else None,
    )
