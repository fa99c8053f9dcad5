"""Operations and security (docs/operations.md): Prometheus metrics, the ops page, JSON
logs with BSN masking and request ids, TLS with client certificates, WS-Security, the
audit CLI and a throwaway test PKI. Nothing here is wired at import: http.py and cli.py
compose it."""
