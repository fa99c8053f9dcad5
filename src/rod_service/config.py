"""Settings: command-line options win over environment variables, which win over defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .outbox.instellingen import OutboxInstellingen


def standaard_database_url() -> str:
    """The embedded default: a SQLite file in the user's data folder (or ``ROD_HOME``)."""
    thuis = Path(os.environ.get("ROD_HOME") or Path.home() / ".local" / "share" / "rod-service")
    return f"sqlite:///{thuis / 'rod-service.sqlite3'}"


def _datum(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


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

    @classmethod
    def uit_omgeving(cls, **opties) -> "Instellingen":
        """Options given explicitly (not None) override ``ROD_*`` environment variables."""
        env = os.environ
        waarden = {
            "database_url": env.get("ROD_DATABASE_URL") or standaard_database_url(),
            "referentiedata": Path(env["ROD_REFERENTIEDATA"]) if env.get("ROD_REFERENTIEDATA") else None,
            "datum": _datum(env.get("ROD_DATUM")),
            "admin_token": env.get("ROD_ADMIN_TOKEN") or None,
            **_ops_uit_omgeving(env),
            "outbox": OutboxInstellingen.uit_omgeving(env),
            **({"kwc_weekdag": env["ROD_KWC_WEEKDAG"]} if env.get("ROD_KWC_WEEKDAG") else {}),
            **({"kwc_interval": float(env["ROD_KWC_INTERVAL"])} if env.get("ROD_KWC_INTERVAL") else {}),
            **({"soap_tegelijk": int(env["ROD_SOAP_TEGELIJK"])} if env.get("ROD_SOAP_TEGELIJK") else {}),
        }
        waarden.update({k: v for k, v in opties.items() if v is not None})
        return cls(**waarden)


_PADEN = {"tls_cert": "ROD_TLS_CERT", "tls_key": "ROD_TLS_KEY", "client_ca": "ROD_CLIENT_CA",
          "push_tls_cert": "ROD_PUSH_TLS_CERT", "push_tls_key": "ROD_PUSH_TLS_KEY", "push_ca": "ROD_PUSH_CA",
          "wss_ca": "ROD_WSS_CA", "wss_sleutel": "ROD_WSS_SLEUTEL", "wss_cert": "ROD_WSS_CERT"}


def _ops_uit_omgeving(env) -> dict:
    """The ops/security settings that are set in the environment (unset ones keep their default)."""
    waarden: dict = {naam: Path(env[var]) for naam, var in _PADEN.items() if env.get(var)}
    if env.get("ROD_MAX_BERICHT_BYTES"):
        waarden["max_bericht_bytes"] = int(env["ROD_MAX_BERICHT_BYTES"])
    if env.get("ROD_WSS_VERPLICHT"):
        waarden["wss_verplicht"] = env["ROD_WSS_VERPLICHT"].strip().lower() in ("1", "true", "ja", "yes", "on")
    for naam, var in (("log_formaat", "ROD_LOG_FORMAAT"), ("log_niveau", "ROD_LOG_NIVEAU")):
        if env.get(var):
            waarden[naam] = env[var]
    return waarden
