"""Plain domain objects: no XML, no SQL. The edge maps the contract onto these."""
