"""/admin is behind a bearer token when ROD_ADMIN_TOKEN is set, loopback-only otherwise."""
import io
import json
import tracemalloc

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.http import maak_wsgi_app
from rod_service.referentiedata import genereer, loader

from ..conftest import wsgi_roep


def roep(app, methode, pad, inhoud=None, **environ):
    status, _, body = wsgi_roep(app, methode, pad, inhoud, **environ)
    return status, json.loads(body)


def test_token_vereist_als_het_gezet_is(tmp_path):
    register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", admin_token="geheim"))
    app = maak_wsgi_app(register)
    assert roep(app, "PUT", "/admin/datum", {"datum": "2026-10-01"})[0] == "401"
    assert roep(app, "PUT", "/admin/datum", {"datum": "2026-10-01"}, HTTP_AUTHORIZATION="Bearer fout")[0] == "401"
    status, antwoord = roep(app, "PUT", "/admin/datum", {"datum": "2026-10-01"}, HTTP_AUTHORIZATION="Bearer geheim")
    assert status == "200" and antwoord == {"datum": "2026-10-01", "vast": True}
    assert register.klok.vandaag().isoformat() == "2026-10-01"


def test_zonder_token_alleen_loopback(tmp_path):
    app = maak_wsgi_app(bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}")))
    assert roep(app, "GET", "/admin/datum", REMOTE_ADDR="10.1.2.3")[0] == "403"
    assert roep(app, "GET", "/admin/datum")[0] == "200"


def test_referentiedata_samenvoegen_via_admin(tmp_path):
    register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}"))
    app = maak_wsgi_app(register)
    b = "00000009900000000202"
    extra = {"administraties": [{"oin": b, "brins": ["45GH", "56JK"], "endpoint": "http://127.0.0.1:9999/las"}]}
    status, antwoord = roep(app, "POST", "/admin/referentiedata", extra, QUERY_STRING="modus=samenvoegen")
    assert status == "200", antwoord
    assert register.referentiedata.administratie(b).endpoint == "http://127.0.0.1:9999/las"
    assert register.referentiedata.administratie("00000009900000000101") is not None  # merged, not replaced
    status, antwoord = roep(app, "POST", "/admin/referentiedata", {"rodOin": "kapot"})
    assert status == "422" and "rodOin" in antwoord["fout"]


def _post_bestand(app, pad, query: str = "") -> tuple[str, dict, int]:
    """POST a file's bytes to /admin/referentiedata: (status, answer, heap peak in bytes
    during the call, the body itself excluded: it is allocated before)."""
    body = pad.read_bytes() if hasattr(pad, "read_bytes") else pad
    env = {"REQUEST_METHOD": "POST", "PATH_INFO": "/admin/referentiedata", "QUERY_STRING": query,
           "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body), "REMOTE_ADDR": "127.0.0.1",
           "wsgi.url_scheme": "http", "SERVER_NAME": "t", "SERVER_PORT": "80"}
    status = []
    tracemalloc.start()
    try:
        antwoord = b"".join(app(env, lambda s, h: status.append(s)))
        piek = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return status[0][:3], json.loads(antwoord), piek


def test_vervangen_via_admin_leest_het_bestand_als_stroom(register, tmp_path, monkeypatch):
    """A replacing document is read as ``referentiedata load FILE`` reads it: four times the
    persons costs no more memory (a national BRP is 409 MB of JSON; parsed whole, it took
    GBs inside a serve process). The old route's peak grew 19 MB from 5 000 to 20 000."""
    monkeypatch.setattr(loader._Json, "BLOK", 2**16)
    app = maak_wsgi_app(register)
    pieken = {}
    for personen in (5000, 20000):
        pad = genereer.schrijf_groot(tmp_path / f"rd{personen}.json", personen, 4, seed=5)
        status, antwoord, pieken[personen] = _post_bestand(app, pad)
        assert status == "200", antwoord
        assert antwoord == {"modus": "vervangen", "instellingen": len(loader.lees(pad)["instellingen"]),
                            "personen": personen}
        assert register.aantal_brp_personen() == personen
    assert pieken[20000] - pieken[5000] < 2_000_000, pieken


def test_kapotte_json_via_admin_zegt_waar_en_slaat_niets_op(register):
    app = maak_wsgi_app(register)
    voor = register.huidig_document()
    for query in ("", "modus=samenvoegen"):
        status, antwoord, _ = _post_bestand(app, b'{"rodOin": "00000001234567890000",\n  "administraties": [}', query)
        assert status == "422", antwoord
        assert "geen geldige JSON" in antwoord["fout"] and "(regel 2, kolom" in antwoord["fout"], antwoord
        assert "rod-referentiedata-" not in antwoord["fout"]  # the body is named as such, not its temporary file
    assert register.huidig_document() == voor
