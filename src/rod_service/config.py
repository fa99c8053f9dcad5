"""Settings: command-line options win over environment variables, which win over defaults."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .domain.kalender import weekdag
from .instellingwaarde import InstellingFout, lees_waarde
from .outbox.instellingen import OutboxInstellingen


def standaard_database_url() -> str:
    """The embedded default: a SQLite file in the user's data folder (or ``ROD_HOME``)."""
    thuis = Path(os.environ.get("ROD_HOME") or Path.home() / ".local" / "share" / "rod-service")
    return f"sqlite:///{thuis / 'rod-service.sqlite3'}"


@dataclass
class Instellingen:
    database_url: str = field(default_factory=standaard_database_url)
    referentiedata: Path | None = None
    datum: date | None = None
    host: str = "127.0.0.1"
    port: int = 8080
    admin_token: str | None = None
    max_bericht_bytes: int = 10 * 1024 * 1024
    # ops and security (docs/operations.md)
    tls_cert: Path | None = None  # serve HTTPS with this certificate ...
    tls_key: Path | None = None  # ... and key,
    client_ca: Path | None = None  # requiring client certificates issued by this CA
    push_tls_cert: Path | None = None  # client certificate for outbound pushes
    push_tls_key: Path | None = None
    push_ca: Path | None = None  # CA bundle to verify LAS endpoints
    wss_verplicht: bool = False  # refuse requests without a valid WS-Security signature (AL01)
    wss_ca: Path | None = None  # signing certificates must be issued by this CA
    wss_sleutel: Path | None = None  # sign answers with this key ...
    wss_cert: Path | None = None  # ... and certificate
    log_formaat: str = "json"  # json or tekst
    log_niveau: str = "INFO"
    outbox: OutboxInstellingen = field(default_factory=OutboxInstellingen)  # ROD_OUTBOX_*
    # the weekly KWC inside serve: weekday (maandag..zondag, 0..6) or "uit", and how often the
    # scheduler looks whether a run is due (seconds; the first look after one interval)
    kwc_weekdag: str = "maandag"
    kwc_interval: float = 300.0
    # serve: SOAP requests handled at once per process (more workers for more; bench/RESULTS.md)
    soap_tegelijk: int = 1

    def __post_init__(self) -> None:
        # checked here, whether a value came from an option, the environment or code:
        # a wrong one stops the command at once instead of showing up later (a serve
        # without its KWC, a log format quietly replaced by text)
        if self.soap_tegelijk < 1:
            raise InstellingFout(f"--soap-tegelijk / ROD_SOAP_TEGELIJK must be at least 1, not {self.soap_tegelijk}")
        if self.max_bericht_bytes < 1024:
            raise InstellingFout(f"--max-bericht-bytes / ROD_MAX_BERICHT_BYTES must be at least 1024, "
                                 f"not {self.max_bericht_bytes}")
        if self.kwc_interval <= 0:
            raise InstellingFout(f"ROD_KWC_INTERVAL must be positive, not {self.kwc_interval}")
        try:
            weekdag(self.kwc_weekdag)
        except ValueError as fout:
            raise InstellingFout(f"--kwc-weekdag / ROD_KWC_WEEKDAG: {fout}") from None
        if self.log_formaat not in ("json", "tekst"):
            raise InstellingFout(f"--log-formaat / ROD_LOG_FORMAAT must be json or tekst, not {self.log_formaat!r}")
        if not isinstance(logging.getLevelName(str(self.log_niveau).upper()), int):
            raise InstellingFout(f"ROD_LOG_NIVEAU must be DEBUG, INFO, WARNING, ERROR or CRITICAL, "
                                 f"not {self.log_niveau!r}")

    @classmethod
    def uit_omgeving(cls, **opties) -> "Instellingen":
        """Options given explicitly (not None) override ``ROD_*`` environment variables."""
        env = os.environ
        waarden = {
            "database_url": env.get("ROD_DATABASE_URL") or standaard_database_url(),
            "referentiedata": lees_waarde(env, "ROD_REFERENTIEDATA", Path, "path"),
            "datum": lees_waarde(env, "ROD_DATUM", date.fromisoformat, "date of the form YYYY-MM-DD"),
            "admin_token": env.get("ROD_ADMIN_TOKEN") or None,
            **_ops_uit_omgeving(env),
            "outbox": OutboxInstellingen.uit_omgeving(env),
            "kwc_weekdag": env.get("ROD_KWC_WEEKDAG") or None,
            "kwc_interval": lees_waarde(env, "ROD_KWC_INTERVAL", float, "number (seconds)"),
            "soap_tegelijk": lees_waarde(env, "ROD_SOAP_TEGELIJK", int, "whole number"),
        }
        waarden.update({k: v for k, v in opties.items() if v is not None})
        return cls(**{k: v for k, v in waarden.items() if v is not None})


_PADEN = {"tls_cert": "ROD_TLS_CERT", "tls_key": "ROD_TLS_KEY", "client_ca": "ROD_CLIENT_CA",
          "push_tls_cert": "ROD_PUSH_TLS_CERT", "push_tls_key": "ROD_PUSH_TLS_KEY", "push_ca": "ROD_PUSH_CA",
          "wss_ca": "ROD_WSS_CA", "wss_sleutel": "ROD_WSS_SLEUTEL", "wss_cert": "ROD_WSS_CERT"}


def _ops_uit_omgeving(env) -> dict:
    """The ops/security settings that are set in the environment (unset ones keep their default)."""
    waarden: dict = {naam: Path(env[var]) for naam, var in _PADEN.items() if env.get(var)}
    waarden["max_bericht_bytes"] = lees_waarde(env, "ROD_MAX_BERICHT_BYTES", int, "whole number (bytes)")
    if env.get("ROD_WSS_VERPLICHT"):
        waarden["wss_verplicht"] = env["ROD_WSS_VERPLICHT"].strip().lower() in ("1", "true", "ja", "yes", "on")
    for naam, var in (("log_formaat", "ROD_LOG_FORMAAT"), ("log_niveau", "ROD_LOG_NIVEAU")):
        if env.get(var):
            waarden[naam] = env[var]
    return waarden
