"""ops/logging.py configureer: waitress's per-request queue warning is kept out of the log
(under load it would be one line per request), its real errors are not."""
from __future__ import annotations

import io
import logging

import structlog

from rod_service.ops.logging import configureer


def test_waitress_wachtrij_waarschuwing_zwijgt_fouten_niet():
    stroom = io.StringIO()
    root, wachtrij = logging.getLogger(), logging.getLogger("waitress.queue")
    oud_niveau, oud_wachtrij = root.level, wachtrij.level
    configureer(formaat="json", niveau="INFO", stroom=stroom)
    try:
        wachtrij.warning("Task queue depth is 3")
        logging.getLogger("waitress").error("Exception while serving /rod/vo")
        logging.getLogger("rod_service.http").info("POST /rod/vo 200")
    finally:
        for handler in [h for h in root.handlers if h.get_name() == "rod-service"]:
            root.removeHandler(handler)
        root.setLevel(oud_niveau)
        wachtrij.setLevel(oud_wachtrij)
        structlog.reset_defaults()
    regels = stroom.getvalue()
    assert "Task queue depth" not in regels
    assert "Exception while serving" in regels and "POST /rod/vo 200" in regels
