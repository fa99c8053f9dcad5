"""A throwaway PKI (CA, server certificate for 127.0.0.1/localhost, client certificates
with OINs in the subject serialNumber) and an HTTPS server with required client
certificates around a fresh register."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from rod_service.ops.pki import Sleutelpaar, maak_ca, maak_clientcertificaat, maak_servercertificaat

from ..conftest import ADMINISTRATIE_A, ADMINISTRATIE_B

LEVERANCIER_A = "00000009900000000901"  # leveranciersOins of ADMINISTRATIE_A in the default data
VREEMD = "00000009900000007777"  # no administratie, no vendor


@dataclass(frozen=True)
class Pki:
    map: Path
    ca: Sleutelpaar
    server: Sleutelpaar
    clients: dict[str, Sleutelpaar]
    vreemde_ca: Sleutelpaar
    vreemde_client: Sleutelpaar  # OIN of A, but issued by another CA

    def client(self, oin: str) -> tuple[str, str]:
        paar = self.clients[oin]
        return str(paar.cert_pad), str(paar.key_pad)


@pytest.fixture(scope="session")
def pki(tmp_path_factory) -> Pki:
    map_ = tmp_path_factory.mktemp("pki")
    ca = maak_ca(map_)
    clients = {oin: maak_clientcertificaat(ca, oin, map_) for oin in (ADMINISTRATIE_A, ADMINISTRATIE_B,
                                                                      LEVERANCIER_A, VREEMD)}
    vreemde_ca = maak_ca(map_ / "vreemd", "een andere CA")
    return Pki(map_, ca, maak_servercertificaat(ca, map_), clients, vreemde_ca,
               maak_clientcertificaat(vreemde_ca, ADMINISTRATIE_A, map_ / "vreemd"))


@pytest.fixture
def https_server(register, pki):
    """The real WSGI app behind cheroot with TLS ≥ 1.2 and required client certificates,
    on an ephemeral loopback port; yields the base URL."""
    from rod_service.http import maak_wsgi_app
    from rod_service.ops.tls import maak_tls_server

    server = maak_tls_server(maak_wsgi_app(register), host="127.0.0.1", port=0, cert=pki.server.cert_pad,
                             key=pki.server.key_pad, client_ca=pki.ca.cert_pad, threads=4)
    draad = threading.Thread(target=server.serve, daemon=True)
    draad.start()
    try:
        yield f"https://127.0.0.1:{server.bind_addr[1]}"
    finally:
        server.stop()
        draad.join(timeout=10)
