"""Mapping between the contract's body elements and the domain, one module per message
group (as the XSD files in wsdl/xsd/). Nothing outside soap/ sees XML."""
