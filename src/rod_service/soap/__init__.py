"""The SOAP edge: hardened XML parsing, envelope, XSD contract, rendering and the WSGI app."""
