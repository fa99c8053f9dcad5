"""rod-service: a WSDL-first mimic of DUO's Register Onderwijsdeelnemers VO exchange."""

__version__ = "0.1.0"
