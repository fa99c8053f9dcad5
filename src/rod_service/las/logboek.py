"""What the receiver got: one JSON line per message, each identificatiecode once.

A retry of a message already stored (same identificatiecodeBedrijfsdocument: ROD keeps
it on every retry) is acknowledged again but not written twice, as a LAS must
deduplicate. Lines already in the file count on a restart.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path


class Logboek:
    def __init__(self, bestand: Path | None = None) -> None:
        self.bestand = Path(bestand) if bestand is not None else None
        self._lock = threading.Lock()
        self._regels: list[dict] = []
        self._codes: set[str] = set()
        self.verzoeken = 0  # every POST that reached the receiver, duplicates and failures included
        if self.bestand is not None and self.bestand.exists():
            for tekst in self.bestand.read_text(encoding="utf-8").splitlines():
                if tekst.strip():
                    regel = json.loads(tekst)
                    self._regels.append(regel)
                    self._codes.add(regel["identificatiecode"])

    def tel_verzoek(self) -> None:
        with self._lock:
            self.verzoeken += 1

    def bewaar(self, regel: dict) -> bool:
        """Store ``regel`` unless its identificatiecode is known; True when it was new."""
        with self._lock:
            if regel["identificatiecode"] in self._codes:
                return False
            self._codes.add(regel["identificatiecode"])
            self._regels.append(regel)
            if self.bestand is not None:
                with self.bestand.open("a", encoding="utf-8") as uit:
                    uit.write(json.dumps(regel, ensure_ascii=False) + "\n")
            return True

    def ontvangen(self) -> list[dict]:
        with self._lock:
            return list(self._regels)
