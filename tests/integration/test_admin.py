"""/admin is behind a bearer token when ROD_ADMIN_TOKEN is set, loopback-only otherwise."""
import json

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.http import maak_wsgi_app

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
