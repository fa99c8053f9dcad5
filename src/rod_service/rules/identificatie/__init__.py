"""ID — identificatie rules (spec section 5, ID; handbook: 003 Stappenplan stap 2,
004 Vraag en antwoord onderwijsnummer, 000 ch. 06–07)."""
