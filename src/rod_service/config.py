"""Settings: command-line options win over environment variables, which win over defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


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

    @classmethod
    def uit_omgeving(cls, **opties) -> "Instellingen":
        """Options given explicitly (not None) override ``ROD_*`` environment variables."""
        env = os.environ
        waarden = {
            "database_url": env.get("ROD_DATABASE_URL") or standaard_database_url(),
            "referentiedata": Path(env["ROD_REFERENTIEDATA"]) if env.get("ROD_REFERENTIEDATA") else None,
            "datum": _datum(env.get("ROD_DATUM")),
            "admin_token": env.get("ROD_ADMIN_TOKEN") or None,
        }
        waarden.update({k: v for k, v in opties.items() if v is not None})
        return cls(**waarden)
