"""TLS with client certificates, Digikoppeling 2W-be style (spec section 13).

``rod-service serve --tls-cert --tls-key --client-ca`` serves HTTPS through cheroot
(plain HTTP is served by granian; cheroot is kept here because its environ carries the
verified client certificate AL03 reads): TLS 1.2 or newer, a client certificate REQUIRED
and verified against ``--client-ca``. cheroot's builtin adapter puts the verified peer certificate in
the WSGI environ as ``SSL_CLIENT_CERT`` (PEM); :func:`certificaat_oin` reads the OIN from
its subject serialNumber (OID 2.5.4.5), as in PKIoverheid certificates, and the edge passes
it on as ``Context.client_cert_oin``, so AL03 requires it to be the sender's administratie
or one of its ``leveranciersOins``.

The outbound side (pushes to a LAS over HTTPS with our own client certificate) is
:func:`requests_sessie`, used by the outbox's deliverer.
"""
from __future__ import annotations

import logging
import ssl
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID

log = logging.getLogger(__name__)

SSL_CLIENT_CERT = "SSL_CLIENT_CERT"


def oin_uit_certificaat(certificaat: x509.Certificate | bytes | str) -> str | None:
    """The subject serialNumber (2.5.4.5) of a certificate, PEM or parsed; None if absent."""
    if isinstance(certificaat, (bytes, str)):
        pem = certificaat.encode() if isinstance(certificaat, str) else certificaat
        certificaat = x509.load_pem_x509_certificate(pem)
    waarden = certificaat.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    if not waarden:
        return None
    waarde = str(waarden[0].value).strip()
    return waarde[:20] or None  # an OIN is 20 digits; the audit column is too


def certificaat_oin(environ: dict) -> str | None:
    """The OIN of the verified TLS client certificate in a WSGI environ (cheroot), if any.
    The certificate is only there when the TLS layer verified it (CERT_REQUIRED)."""
    pem = environ.get(SSL_CLIENT_CERT)
    if not pem or environ.get("SSL_CLIENT_VERIFY", "SUCCESS") != "SUCCESS":
        return None
    try:
        oin = oin_uit_certificaat(pem)
    except ValueError:
        log.warning("client certificate in the environ could not be read")
        return ONLEESBAAR
    return oin or GEEN_OIN


#: Stand-ins for a verified certificate without a usable OIN: never an administratie's or
#: vendor's OIN, so AL03 refuses (None would mean "no certificate" and skip the check).
GEEN_OIN = "GEEN-OIN"
ONLEESBAAR = "ONLEESBAAR"


def server_context(cert: Path, key: Path, client_ca: Path) -> ssl.SSLContext:
    """TLS ≥ 1.2, client certificate required and verified against ``client_ca``."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(str(cert), str(key))
    context.load_verify_locations(cafile=str(client_ca))
    context.verify_mode = ssl.CERT_REQUIRED
    context.options |= ssl.OP_NO_COMPRESSION | ssl.OP_CIPHER_SERVER_PREFERENCE
    return context


def maak_tls_server(app, *, host: str, port: int, cert: Path, key: Path, client_ca: Path, threads: int = 8):
    """A cheroot WSGI server with TLS and required client certificates; ``prepare()`` is
    done, so ``bind_addr`` holds the real port; run it with ``serve()``, stop with ``stop()``."""
    from cheroot import wsgi
    from cheroot.ssl.builtin import BuiltinSSLAdapter

    server = wsgi.Server((host, port), app, numthreads=threads, server_name="rod-service")

    def error_log(msg: str = "", level: int = logging.INFO, traceback: bool = False) -> None:
        # through logging (masked, JSON) instead of cheroot's bare stderr; a refused
        # handshake (no or an untrusted client certificate) is routine, not an error
        log.log(level, "tls: %s", msg, exc_info=traceback)

    server.error_log = error_log
    adapter = BuiltinSSLAdapter(str(cert), str(key), str(client_ca))
    adapter.context = server_context(cert, key, client_ca)
    server.ssl_adapter = adapter
    server.prepare()
    return server


def requests_sessie(*, cert: Path | None = None, key: Path | None = None, ca: Path | None = None):
    """A requests Session for outbound pushes: our client certificate when configured
    (``ROD_PUSH_TLS_CERT``/``ROD_PUSH_TLS_KEY``) and the CA bundle to trust (``ROD_PUSH_CA``)."""
    import requests

    sessie = requests.Session()
    if cert is not None:
        sessie.cert = (str(cert), str(key)) if key is not None else str(cert)
    if ca is not None:
        sessie.verify = str(ca)
        # requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override session.verify when it
        # trusts the environment; a configured CA must win (this also ignores env proxies)
        sessie.trust_env = False
    return sessie
