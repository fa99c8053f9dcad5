"""Outbound pushes over HTTPS with our own client certificate (ROD_PUSH_TLS_CERT/KEY,
ROD_PUSH_CA): the reference LAS receiver behind TLS that requires client certificates gets
the push and sees ROD's OIN; without our certificate the delivery fails and is retried."""
from __future__ import annotations

import threading
from dataclasses import replace

import pytest
import requests

from rod_service.las.logboek import Logboek
from rod_service.las.ontvanger import Beheer, maak_ontvanger_app
from rod_service.ops.pki import maak_clientcertificaat
from rod_service.ops.tls import certificaat_oin, maak_tls_server
from rod_service.outbox.toestanden import Status
from rod_service.referentiedata import loader
from rod_service.store.models import OutboxBericht
from rod_service.store.outbox import OutboxRepository

from ..conftest import ADMINISTRATIE_A, ROD_OIN
from ..e2e.test_foutafhandeling import envelop, identificatie_body

pytestmark = pytest.mark.e2e


@pytest.fixture
def las_over_tls(pki):
    """The reference receiver behind cheroot with required client certificates; it notes
    the OIN of every client certificate it saw."""
    logboek, gezien = Logboek(), []
    app = maak_ontvanger_app(logboek, Beheer())

    def noteer(environ, start_response):
        gezien.append(certificaat_oin(environ))
        return app(environ, start_response)

    server = maak_tls_server(noteer, host="127.0.0.1", port=0, cert=pki.server.cert_pad, key=pki.server.key_pad,
                             client_ca=pki.ca.cert_pad, threads=2)
    draad = threading.Thread(target=server.serve, daemon=True)
    draad.start()
    try:
        yield f"https://127.0.0.1:{server.bind_addr[1]}/las", logboek, gezien
    finally:
        server.stop()
        draad.join(timeout=10)


def _push_naar(register, server, endpoint: str) -> None:
    """Administratie A answers asynchronously, so an identificatie becomes a push to ``endpoint``."""
    document = register.huidig_document()
    (a,) = [x for x in document["administraties"] if x["oin"] == ADMINISTRATIE_A]
    register.laad_referentiedata(loader.samenvoegen(document, {"administraties": [{**a, "modus": "asynchroon"}]}))
    with register.sessies() as sessie, sessie.begin():
        OutboxRepository(sessie).zet_endpoint(ADMINISTRATIE_A, endpoint, nu=register.klok.nu())
    antwoord = requests.post(f"{server}/rod/vo", data=envelop(identificatie_body()),
                             headers={"Content-Type": "text/xml"}, timeout=10)
    assert antwoord.status_code == 200


def _status(register) -> tuple[str, str | None]:
    with register.sessies() as sessie:
        bericht = sessie.query(OutboxBericht).one()
        return bericht.status, bericht.laatste_fout


def test_push_met_clientcertificaat(server, register, pki, las_over_tls, tmp_path):
    endpoint, logboek, gezien = las_over_tls
    rod = maak_clientcertificaat(pki.ca, ROD_OIN, tmp_path, organisatie="ROD")
    register.instellingen = replace(register.instellingen, push_tls_cert=rod.cert_pad, push_tls_key=rod.key_pad,
                                    push_ca=pki.ca.cert_pad)
    _push_naar(register, server, endpoint)
    assert register.dispatcher().run_once() == 1
    assert _status(register) == (Status.BEZORGD, None)
    assert [r["operatie"] for r in logboek.ontvangen()] == ["verstrekkenTerugkoppelingVO"]
    assert ROD_OIN in gezien


def test_push_zonder_clientcertificaat_mislukt_en_wacht(server, register, pki, las_over_tls):
    endpoint, logboek, _ = las_over_tls
    register.instellingen = replace(register.instellingen, push_ca=pki.ca.cert_pad)  # trusts the LAS, no own cert
    _push_naar(register, server, endpoint)
    assert register.dispatcher().run_once() == 1
    status, fout = _status(register)
    assert status == Status.OPNIEUW and "[tijdelijk]" in fout and logboek.ontvangen() == []
