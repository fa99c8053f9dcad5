"""Use cases: one handler per operation, run inside one unit of work per request."""
