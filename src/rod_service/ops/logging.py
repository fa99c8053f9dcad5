"""Structured logs (spec section 13: BSNs are masked in logs).

:func:`configureer` is called once by the commands that run a service (``serve``,
``dispatch``), never at import: it sends every log line, from structlog and from the
standard library alike (granian, waitress, cheroot, zeep, urllib3, our own ``logging`` loggers),
through one handler on the root logger that renders JSON (or plain text) and masks
personal numbers twice over: a stdlib :class:`MaskeerFilter` on the handler and a
structlog processor at the end of the chain, so neither a library's message nor an
exception text nor a structured field can carry a BSN or onderwijsnummer out.

Masked is any 9-digit number that starts at a word boundary (a letter or digit may not
precede it, an underscore or punctuation may), is not followed by another digit, and
passes the BSN elfproef or the onderwijsnummer check: ``999990007`` becomes
``******007``. OINs (20 digits) and hex request ids are left alone.

The request id: :func:`met_request_id` wraps the WSGI app, makes one id per request,
hands it to the edge (``environ["rod.request_id"]``, so it becomes ``Context.request_id``,
the audit record's and any outbox row's ``request_id``), binds it to every log line of
the request (structlog contextvars) and returns it as ``X-Request-Id``.
"""
from __future__ import annotations

import logging
import re
import sys
import time
import traceback
import uuid
from collections.abc import Callable
from typing import Any, TextIO

import structlog

from ..domain.pgn import is_geldig_bsn, is_geldig_onderwijsnummer
from ..soap.wsgi import REQUEST_ID  # where the edge looks for the request id

_NUMMER = re.compile(r"(?<![0-9A-Za-z])\d{9}(?!\d)")
_HANDLER_NAAM = "rod-service"
_STIL = ("/metrics", "/health", "/ops/status.json")  # polled: logged at debug only


def maskeer(tekst: str) -> str:
    """``tekst`` with every BSN/onderwijsnummer replaced by ``******`` + its last three digits."""
    if not tekst or _NUMMER.search(tekst) is None:  # the common case, decided in C (one per log value)
        return tekst

    def vervang(m: re.Match) -> str:
        n = m.group(0)
        return "******" + n[-3:] if is_geldig_bsn(n) or is_geldig_onderwijsnummer(n) else n

    return _NUMMER.sub(vervang, tekst)


def _maskeer_waarde(waarde: Any) -> Any:
    if isinstance(waarde, str):
        return maskeer(waarde)
    if waarde is None or isinstance(waarde, (bool, float)):
        return waarde
    if isinstance(waarde, dict):
        return {k: _maskeer_waarde(v) for k, v in waarde.items()}
    if isinstance(waarde, (list, tuple, set, frozenset)):
        return [_maskeer_waarde(v) for v in waarde]
    tekst = str(waarde)  # ints and other objects: masked text only where a number was found
    gemaskeerd = maskeer(tekst)
    return waarde if gemaskeerd == tekst else gemaskeerd


def maskeer_processor(logger: Any, methode: str, event_dict: dict) -> dict:
    """structlog processor: masks every value (nested too); the last step before rendering."""
    return {sleutel: (waarde if sleutel.startswith("_") else _maskeer_waarde(waarde))
            for sleutel, waarde in event_dict.items()}


class MaskeerFilter(logging.Filter):
    """stdlib filter for a handler: renders the message (args merged in), the exception
    and the stack text, masked, into the record before any formatter sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, dict):  # a structlog event on its way to ProcessorFormatter
            record.msg = {k: (v if k.startswith("_") else _maskeer_waarde(v)) for k, v in record.msg.items()}
            return True  # its exception is rendered (and masked) by the processor chain
        try:
            bericht = record.getMessage()
        except Exception:  # a broken %-format must not lose the line
            bericht = f"{record.msg} {record.args}"
        record.msg, record.args = maskeer(str(bericht)), None
        if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = maskeer(record.exc_text)
        if record.stack_info:
            record.stack_info = maskeer(record.stack_info)
        return True


def _exc_tekst(logger: Any, methode: str, event_dict: dict) -> dict:
    """A stdlib record's exception as text: the (masked) exc_text the filter prepared."""
    record = event_dict.get("_record")
    if record is not None and record.exc_text and "exception" not in event_dict:
        event_dict["exception"] = record.exc_text
        event_dict.pop("exc_info", None)
    return event_dict


_geconfigureerd = False


def configureer(*, formaat: str = "json", niveau: str | int = "INFO", stroom: TextIO | None = None) -> None:
    """Route all logging through one masked handler on the root logger. Idempotent:
    calling it again replaces the handler (other handlers, e.g. pytest's, are left)."""
    global _geconfigureerd
    gedeeld: list = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer = (structlog.processors.JSONRenderer(ensure_ascii=False) if formaat == "json"
                else structlog.dev.ConsoleRenderer(colors=False))
    structlog.configure(
        processors=[*gedeeld, structlog.processors.StackInfoRenderer(),
                    structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*gedeeld, structlog.stdlib.ExtraAdder(), _exc_tekst],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info, maskeer_processor, renderer],
    )
    handler = logging.StreamHandler(stroom or sys.stderr)
    handler.set_name(_HANDLER_NAAM)
    handler.setFormatter(formatter)
    handler.addFilter(MaskeerFilter())
    root = logging.getLogger()
    for oud in [h for h in root.handlers if h.get_name() == _HANDLER_NAAM]:
        root.removeHandler(oud)
    root.addHandler(handler)
    root.setLevel(niveau if isinstance(niveau, int) else niveau.upper())
    # No line renders the caller, thread or process of a record: not collecting them saves
    # ~10 µs of the access line every request pays (the logging HOWTO's "Optimization";
    # bench/RESULTS.md, ninth pass).
    logging._srcfile = None
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    # waitress warns "Task queue depth is N" whenever a request waits for a thread: under
    # load that is every request (a log line each, costing CPU) and says nothing /metrics
    # does not (rod_verzoek_duur_seconden); real waitress errors still come through
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    _geconfigureerd = True


def is_geconfigureerd() -> bool:
    return _geconfigureerd


def met_request_id(app: Callable) -> Callable:
    """WSGI middleware: one request id per request, in environ, in every log line of the
    request and in the ``X-Request-Id`` answer header; one access line per request."""
    toegang = logging.getLogger("rod_service.http")

    def middleware(environ: dict, start_response: Callable):
        request_id = uuid.uuid4().hex
        environ[REQUEST_ID] = request_id
        start, status_regel = time.perf_counter(), ["?"]

        def start_met_id(status: str, headers: list, exc_info=None):
            status_regel[0] = status
            headers = [*headers, ("X-Request-Id", request_id)]
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                return app(environ, start_met_id)
            finally:
                pad = environ.get("PATH_INFO") or "/"
                velden = {"methode": environ.get("REQUEST_METHOD"), "pad": pad,
                          "status": status_regel[0].split(" ", 1)[0], "remote": environ.get("REMOTE_ADDR"),
                          "duur_ms": round((time.perf_counter() - start) * 1000, 2)}
                toegang.log(logging.DEBUG if pad in _STIL else logging.INFO, "%(methode)s %(pad)s %(status)s "
                            "%(duur_ms).1f ms", velden, extra=velden)

    return middleware
