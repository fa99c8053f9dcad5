"""The conformance suite (spec section 1, "Conformance runs"): scenarios per rule, a runner
against any endpoint implementing the WSDL, reports, and judging a LAS's traffic.

The catalogue lives in the checkout's top-level ``conformance/`` (scenarios, request
templates, reference-data overlays, ``regels.txt``); this package reads and runs it:

    catalogus.py   load and validate the YAML scenarios (and the rule coverage)
    sjablonen.py   request templates: ``${variabele}`` substitution, fragments, merges
    antwoord.py    what an answer or push says: status, signals, fields by path
    doelen.py      where scenarios run: our own server in-process, or a remote endpoint
    uitvoering.py  run a scenario step by step and compare expected with actual
    rapport.py     console summary, JUnit XML and a self-contained HTML report
    verkeer.py     ``conformance rapport``: judge an administratie's recorded traffic
    cli.py         ``rod-service conformance run|rapport|lijst``

How to write a scenario and what the reports mean: docs/conformance.md.
"""
