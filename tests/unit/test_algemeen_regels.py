"""AL03, AL04, AL06 and their order (spec section 5, AL)."""
from datetime import UTC, datetime

import pytest

from rod_service.domain.bedrijfsdocument import Bedrijfsdocument
from rod_service.referentiedata import loader
from rod_service.rules import algemeen

ROD, A, LEVERANCIER_A = "00000009900000000001", "00000009900000000101", "00000009900000000901"


@pytest.fixture(scope="module")
def referentiedata():
    return loader.laad()


def doc(verzender=A, ontvanger=ROD):
    return Bedrijfsdocument("0b7c1b8e-1c1f-4d7e-9d2e-2f1d3c4b5a69", verzender, ontvanger, datetime(2026, 1, 1, tzinfo=UTC))


def codes(signalen):
    return [s.code for s in signalen]


def test_alles_goed(referentiedata):
    assert algemeen.algemene_controles(doc(), "12AB", referentiedata) == []


def test_al06_andere_ontvanger(referentiedata):
    (s,) = algemeen.controleer_ontvanger(doc(ontvanger=A), referentiedata.rod_oin)
    assert (s.code, s.element) == ("AL06", "ontvangendeInstantie")


def test_al04_onbekende_brin(referentiedata):
    assert codes(algemeen.controleer_brin("99ZZ", referentiedata)) == ["AL04"]
    assert algemeen.controleer_brin(None, referentiedata) == []


def test_al03_onbekende_administratie(referentiedata):
    assert codes(algemeen.controleer_autorisatie(doc(verzender="0" * 20), None, referentiedata)) == ["AL03"]


def test_al03_brin_van_een_andere_administratie(referentiedata):
    assert codes(algemeen.controleer_autorisatie(doc(), "45GH", referentiedata)) == ["AL03"]


def test_al03_certificaat_van_leverancier_mag(referentiedata):
    assert algemeen.controleer_autorisatie(doc(), "12AB", referentiedata, certificaat_oin=LEVERANCIER_A) == []
    assert codes(algemeen.controleer_autorisatie(doc(), "12AB", referentiedata, certificaat_oin="1" * 20)) == ["AL03"]


def test_volgorde_al06_dan_al04_dan_al03(referentiedata):
    # all three wrong: AL06 decides; then AL04 before AL03 (spec: AL03 is checked after AL04)
    assert codes(algemeen.algemene_controles(doc(verzender="0" * 20, ontvanger=A), "99ZZ", referentiedata)) == ["AL06"]
    assert codes(algemeen.algemene_controles(doc(verzender="0" * 20), "99ZZ", referentiedata)) == ["AL04"]
