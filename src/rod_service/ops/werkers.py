"""Metrics across ``serve --workers`` processes, set up before prometheus_client is imported
(it picks where counters live at import time), so this module does not import it."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile

MULTIPROC = "PROMETHEUS_MULTIPROC_DIR"


def deel_metrics_tussen_processen() -> str:
    """The per-process counters and histograms go to files in one folder that every
    worker's ``/metrics`` sums (prometheus_client's multiprocess mode), so a scrape answered
    by any worker counts all of them. A folder already set in ``PROMETHEUS_MULTIPROC_DIR``
    is used as it is; otherwise a temporary one, removed when the parent process ends."""
    if not os.environ.get(MULTIPROC):
        map_ = tempfile.mkdtemp(prefix="rod-metrics-")
        os.environ[MULTIPROC] = map_
        eigenaar = os.getpid()
        atexit.register(lambda: os.getpid() == eigenaar and shutil.rmtree(map_, ignore_errors=True))
    return os.environ[MULTIPROC]
