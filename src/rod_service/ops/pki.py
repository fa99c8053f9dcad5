"""A throwaway PKI for test benches (Digikoppeling style): a CA, a server certificate with
SAN localhost/127.0.0.1 and client certificates carrying an OIN in the subject's
serialNumber (OID 2.5.4.5), as PKIoverheid certificates do. Used by the tests and shown
in docs/operations.md; never for production keys."""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class Sleutelpaar:
    """A certificate and its private key, both PEM, and where they were written."""

    cert_pem: bytes
    key_pem: bytes
    cert_pad: Path | None = None
    key_pad: Path | None = None

    @property
    def certificaat(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_pem)

    @property
    def sleutel(self):
        return serialization.load_pem_private_key(self.key_pem, password=None)


def _sleutel():
    return ec.generate_private_key(ec.SECP256R1())


def _pem(sleutel) -> bytes:
    return sleutel.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())


def _schrijf(map_: Path | None, naam: str, cert: x509.Certificate, sleutel) -> Sleutelpaar:
    cert_pem, key_pem = cert.public_bytes(serialization.Encoding.PEM), _pem(sleutel)
    if map_ is None:
        return Sleutelpaar(cert_pem, key_pem)
    map_.mkdir(parents=True, exist_ok=True)
    cert_pad, key_pad = map_ / f"{naam}.crt", map_ / f"{naam}.key"
    cert_pad.write_bytes(cert_pem)
    key_pad.write_bytes(key_pem)
    key_pad.chmod(0o600)
    return Sleutelpaar(cert_pem, key_pem, cert_pad, key_pad)


def maak_ca(map_: Path | None = None, naam: str = "rod-service test CA", *, dagen: int = 30) -> Sleutelpaar:
    sleutel = _sleutel()
    onderwerp = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, naam)])
    nu = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(onderwerp).issuer_name(onderwerp)
            .public_key(sleutel.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(nu - timedelta(minutes=5)).not_valid_after(nu + timedelta(days=dagen))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(sleutel, hashes.SHA256()))
    return _schrijf(map_, "ca", cert, sleutel)


def _onder_ca(ca: Sleutelpaar, onderwerp: x509.Name, *, dagen: int, extensies: list,
              geldig_vanaf: datetime | None = None):
    sleutel = _sleutel()
    vanaf = geldig_vanaf or datetime.now(UTC) - timedelta(minutes=5)
    builder = (x509.CertificateBuilder().subject_name(onderwerp).issuer_name(ca.certificaat.subject)
               .public_key(sleutel.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(vanaf).not_valid_after(vanaf + timedelta(days=dagen))
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True))
    for extensie, kritiek in extensies:
        builder = builder.add_extension(extensie, critical=kritiek)
    return builder.sign(ca.sleutel, hashes.SHA256()), sleutel


def maak_servercertificaat(ca: Sleutelpaar, map_: Path | None = None, *, namen=("localhost",),
                           adressen=("127.0.0.1", "::1"), dagen: int = 30) -> Sleutelpaar:
    san = [x509.DNSName(n) for n in namen] + [x509.IPAddress(ipaddress.ip_address(a)) for a in adressen]
    cert, sleutel = _onder_ca(ca, x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, namen[0])]), dagen=dagen,
                              extensies=[(x509.SubjectAlternativeName(san), False),
                                         (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)])
    return _schrijf(map_, "server", cert, sleutel)


def maak_clientcertificaat(ca: Sleutelpaar, oin: str, map_: Path | None = None, *,
                           organisatie: str = "Testschool", dagen: int = 30,
                           geldig_vanaf: datetime | None = None) -> Sleutelpaar:
    """A client certificate whose subject serialNumber is ``oin`` (PKIoverheid style)."""
    onderwerp = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisatie),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, oin),
        x509.NameAttribute(NameOID.COMMON_NAME, f"{organisatie} {oin}"),
    ])
    cert, sleutel = _onder_ca(ca, onderwerp, dagen=dagen, geldig_vanaf=geldig_vanaf, extensies=[
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False),
        (x509.KeyUsage(digital_signature=True, key_cert_sign=False, crl_sign=False, content_commitment=True,
                       key_encipherment=False, data_encipherment=False, key_agreement=True,
                       encipher_only=False, decipher_only=False), True),
    ])
    return _schrijf(map_, f"client-{oin}", cert, sleutel)
