"""Contract tests for the hand-written WSDL 1.1 + XSD files in wsdl/.

They guard what the rest of rod-service and every LAS integration rely on:
- both entry schemas load in lxml (libxml2) and xmlschema, and xmllint accepts the examples;
- every example in wsdl/voorbeelden/ is valid, and every operation has a request and a
  response example;
- typical mistakes (wrong order, unknown element, missing field, bad OIN, ...) are rejected,
  while values that are business rules (grades, leerjaar, postcode, checksums, dates) are
  *not* rejected by the XSD: they must reach the rules and yield a signal (spec section 2);
- both WSDLs load in zeep unchanged, with the fixed operation names, soapActions and
  wsa:Actions, and zeep builds messages that are valid against the schema.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import xmlschema
import zeep
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
WSDL_DIR = ROOT / "wsdl"
XSD_DIR = WSDL_DIR / "xsd"
VOORBEELDEN = WSDL_DIR / "voorbeelden"

NS = "urn:rod-service:vo:v1"
TYPES_NS = "urn:rod-service:types:v1"
XS = "http://www.w3.org/2001/XMLSchema"
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAP11_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP11_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/"
WSAM = "http://www.w3.org/2007/05/addressing/metadata"
WSAW = "http://www.w3.org/2006/05/addressing/wsdl"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

ROD_OIN = "00000009900000000001"
LAS_OIN = "00000009900000000101"

ROD_OPERATIONS = (
    "aanleverenIdentificerenPersoonVO",
    "aanleverenInschrijvingVO",
    "aanleverenVerwijderingInschrijvingVO",
    "aanleverenExamenresultaatVO",
    "aanleverenVerwijderingExamenresultaatVO",
    "raadplegenLeerlingdossierVO",
    "aanvragenRegistratieoverzichtVO",
    "aanvragenOBOVO",
)
LAS_OPERATIONS = (
    "verstrekkenDigitaalInUitschrijfbewijsVO",
    "verstrekkenBekostigingsberichtVO",
    "verstrekkenTerugkoppelingVO",
)
SERVICES = {
    "RegisterOnderwijsdeelnemersVO": dict(
        wsdl=WSDL_DIR / "RegisterOnderwijsdeelnemersVO.wsdl",
        xsd=XSD_DIR / "rod-vo-register.xsd",
        operations=ROD_OPERATIONS,
        address="http://localhost:8080/rod/vo",
    ),
    "LeerlingadministratieVO": dict(
        wsdl=WSDL_DIR / "LeerlingadministratieVO.wsdl",
        xsd=XSD_DIR / "rod-vo-las.xsd",
        operations=LAS_OPERATIONS,
        address="http://localhost:8090/las",
    ),
}
SERVICE_OF_OPERATION = {op: name for name, s in SERVICES.items() for op in s["operations"]}

EXAMPLES = sorted(VOORBEELDEN.glob("*.xml"))
EXAMPLE_IDS = [p.name for p in EXAMPLES]


# ----------------------------------------------------------------------------- helpers


def q(local: str) -> str:
    return f"{{{NS}}}{local}"


def operation_of(root_local: str) -> str | None:
    m = re.fullmatch(r"(\w+)_(Request|Response)", root_local)
    return m.group(1) if m else None


def services_for_example(path: Path) -> list[str]:
    """Which service's entry schema an example belongs to (fout belongs to both)."""
    root = etree.parse(str(path)).getroot()
    op = operation_of(etree.QName(root).localname)
    return [SERVICE_OF_OPERATION[op]] if op else list(SERVICES)


def example(name: str) -> etree._ElementTree:
    return etree.parse(str(VOORBEELDEN / name))


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def lxml_schemas() -> dict[str, etree.XMLSchema]:
    return {name: etree.XMLSchema(etree.parse(str(s["xsd"]))) for name, s in SERVICES.items()}


@pytest.fixture(scope="session")
def xmlschema_schemas() -> dict[str, xmlschema.XMLSchema]:
    return {name: xmlschema.XMLSchema(str(s["xsd"])) for name, s in SERVICES.items()}


@pytest.fixture(scope="session")
def clients() -> dict[str, zeep.Client]:
    return {name: zeep.Client(str(s["wsdl"])) for name, s in SERVICES.items()}


def assert_invalid(schema: etree.XMLSchema, doc) -> str:
    assert not schema.validate(doc), "document unexpectedly valid"
    return str(schema.error_log.last_error)


# ----------------------------------------------------------------------------- schemas


@pytest.mark.parametrize("service", SERVICES)
def test_entry_schema_loads_in_lxml(service):
    schema = etree.XMLSchema(etree.parse(str(SERVICES[service]["xsd"])))
    assert schema is not None


@pytest.mark.parametrize("service", SERVICES)
def test_entry_schema_loads_in_xmlschema(service, xmlschema_schemas):
    schema = xmlschema_schemas[service]
    elements = {etree.QName(k).localname for k in schema.maps.elements if k.startswith(f"{{{NS}}}")}
    expected = {f"{op}_{kind}" for op in SERVICES[service]["operations"] for kind in ("Request", "Response")}
    assert expected | {"fout"} <= elements
    # The LAS schema does not offer ROD's operations and vice versa.
    other = {f"{op}_Request" for op in SERVICE_OF_OPERATION if SERVICE_OF_OPERATION[op] != service}
    assert not (other & elements)


def test_schema_files_follow_the_fixed_layout():
    """Same-namespace includes (no chameleons), one types namespace imported, no fancy features."""
    files = {p.name: etree.parse(str(p)).getroot() for p in XSD_DIR.glob("*.xsd")}
    assert set(files) == {
        "rod-types.xsd", "rod-vo-basis.xsd", "rod-vo-identificeren.xsd", "rod-vo-inschrijving.xsd",
        "rod-vo-examenresultaat.xsd", "rod-vo-leerlingdossier.xsd", "rod-vo-overzichten.xsd",
        "rod-vo-leerlingadministratie.xsd", "rod-vo-register.xsd", "rod-vo-las.xsd",
    }
    for name, root in files.items():
        expected_ns = TYPES_NS if name == "rod-types.xsd" else NS
        assert root.get("targetNamespace") == expected_ns, name
        assert root.get("elementFormDefault") == "qualified", name
        for forbidden in ("any", "anyAttribute", "redefine"):
            assert not list(root.iter(f"{{{XS}}}{forbidden}")), (name, forbidden)
        assert not root.xpath("//*[@substitutionGroup or @abstract='true']"), name
        for imp in root.iter(f"{{{XS}}}import"):
            assert (imp.get("namespace"), imp.get("schemaLocation")) == (TYPES_NS, "rod-types.xsd"), name
    # rod-types.xsd holds simple types only, so no element can ever be in the types namespace.
    types_root = files["rod-types.xsd"]
    assert not list(types_root.iter(f"{{{XS}}}element")) and not list(types_root.iter(f"{{{XS}}}complexType"))

    def includes(name: str) -> list[str]:
        return [i.get("schemaLocation") for i in files[name].iter(f"{{{XS}}}include")]

    assert includes("rod-vo-register.xsd") == [
        "rod-vo-basis.xsd", "rod-vo-identificeren.xsd", "rod-vo-inschrijving.xsd",
        "rod-vo-examenresultaat.xsd", "rod-vo-leerlingdossier.xsd", "rod-vo-overzichten.xsd",
    ]
    assert includes("rod-vo-las.xsd") == [
        "rod-vo-basis.xsd", "rod-vo-inschrijving.xsd", "rod-vo-leerlingadministratie.xsd",
    ]


# ----------------------------------------------------------------------------- examples


@pytest.mark.parametrize("path", EXAMPLES, ids=EXAMPLE_IDS)
def test_example_is_valid_lxml(path, lxml_schemas):
    doc = etree.parse(str(path))
    for service in services_for_example(path):
        schema = lxml_schemas[service]
        assert schema.validate(doc), f"{path.name} ({service}): {schema.error_log}"


@pytest.mark.parametrize("path", EXAMPLES, ids=EXAMPLE_IDS)
def test_example_is_valid_xmlschema(path, xmlschema_schemas):
    for service in services_for_example(path):
        xmlschema_schemas[service].validate(str(path))


@pytest.mark.parametrize("path", EXAMPLES, ids=EXAMPLE_IDS)
def test_example_elements_are_all_in_the_message_namespace(path):
    root = etree.parse(str(path)).getroot()
    namespaces = {etree.QName(el).namespace for el in root.iter() if isinstance(el.tag, str)}
    assert namespaces == {NS}


def test_examples_are_accepted_by_xmllint():
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        pytest.skip("xmllint not on PATH (Debian/Ubuntu: apt-get install -y libxml2-utils)")
    for service, cfg in SERVICES.items():
        files = [str(p) for p in EXAMPLES if service in services_for_example(p)]
        result = subprocess.run(
            [xmllint, "--noout", "--schema", str(cfg["xsd"]), *files],
            capture_output=True, text=True, timeout=60,
        )
        assert result.returncode == 0, result.stderr
        for f in files:
            assert f"{f} validates" in result.stderr, result.stderr


@pytest.mark.parametrize("operation", SERVICE_OF_OPERATION)
def test_every_operation_has_request_and_response_examples(operation):
    for kind in ("Request", "Response"):
        path = VOORBEELDEN / f"{operation}_{kind}.xml"
        assert path.is_file(), f"missing example {path.name}"
        assert etree.parse(str(path)).getroot().tag == q(f"{operation}_{kind}")
        for variant in VOORBEELDEN.glob(f"{operation}_{kind}.*.xml"):
            assert etree.parse(str(variant)).getroot().tag == q(f"{operation}_{kind}"), variant.name


def test_every_example_belongs_to_an_operation():
    for path in EXAMPLES:
        if path.name.startswith("fout"):
            continue
        stem = path.name.split(".")[0]
        assert operation_of(stem) in SERVICE_OF_OPERATION, path.name


# ----------------------------------------------------------------------------- rejections


def _mutate(name: str, change) -> etree._ElementTree:
    doc = copy.deepcopy(example(name))
    change(doc.getroot())
    return doc


def _first(root, local):
    return next(root.iter(q(local)))


def _swap_geboortedatum_geslacht(root):
    gd, gs = _first(root, "geboorteDatum"), _first(root, "geslacht")
    gd.addprevious(gs)


def _add_unknown(root):
    etree.SubElement(_first(root, "inschrijvingPeriodeVO"), q("klas")).text = "3B"


def _remove(local):
    def change(root):
        el = _first(root, local)
        el.getparent().remove(el)
    return change


def _remove_all(local):
    def change(root):
        for el in list(root.iter(q(local))):
            el.getparent().remove(el)
    return change


def _set(local, value, nth=0):
    def change(root):
        list(root.iter(q(local)))[nth].text = value
    return change


def _both_pgn_sets(root):
    zonder = etree.SubElement(root, q("zonderPGN"))
    etree.SubElement(zonder, q("achternaam")).text = "Vries"


def _hundred_and_one_periods(root):
    periode = _first(root, "inschrijvingPeriodeVO")
    for _ in range(100):
        periode.addnext(copy.deepcopy(periode))


def _four_centraal_examens(root):
    ce = _first(root, "centraalExamen")
    for _ in range(3):
        ce.addnext(copy.deepcopy(ce))


def _no_namespace(root):
    root.append(etree.Element("brin"))


def _eindcijfer_and_eindbeoordeling(root):
    eind = _first(root, "eindcijfer")
    etree.SubElement(eind.getparent(), q("eindbeoordeling")).text = "V"
    eind.addnext(eind.getparent()[-1])


# case: (example to start from, how to break it, what the lxml error must name)
INVALID = {
    "wrong element order": ("aanleverenIdentificerenPersoonVO_Request.xml", _swap_geboortedatum_geslacht, "geslacht"),
    "unknown element": ("aanleverenInschrijvingVO_Request.xml", _add_unknown, "klas"),
    "missing geboorteDatum": ("aanleverenIdentificerenPersoonVO_Request.xml", _remove("geboorteDatum"), "geboorteDatum"),
    "missing datumTijdBedrijfsdocument": ("aanleverenInschrijvingVO_Request.xml", _remove("datumTijdBedrijfsdocument"), "datumTijdBedrijfsdocument"),
    "missing ontvangstBevestiging": ("aanleverenInschrijvingVO_Response.xml", _remove("ontvangstBevestiging"), "ontvangstBevestiging"),
    "OIN of 19 digits": ("aanleverenIdentificerenPersoonVO_Request.xml", _set("verzendendeInstantie", "0000000990000000010"), "verzendendeInstantie"),
    "OIN with a letter": ("aanleverenInschrijvingVO_Request.xml", _set("ontvangendeInstantie", "0000000990000000000A"), "ontvangendeInstantie"),
    "bad UUID": ("aanleverenInschrijvingVO_Request.xml", _set("identificatiecodeBedrijfsdocument", "e43d2980-8a2c-463f-a361"), "identificatiecodeBedrijfsdocument"),
    "ontvangstBevestiging N": ("aanleverenInschrijvingVO_Response.xml", _set("ontvangstBevestiging", "N"), "ontvangstBevestiging"),
    "BSN of 8 digits": ("aanleverenInschrijvingVO_Request.xml", _set("burgerservicenummer", "72576386"), "burgerservicenummer"),
    "lowercase brin": ("aanleverenInschrijvingVO_Request.xml", _set("brin", "25lx"), "brin"),
    "bad vestiging": ("aanleverenInschrijvingVO_Request.xml", _set("vestiging", "25LX1"), "vestiging"),
    "bad onderwijsaanbieder": ("aanleverenInschrijvingVO_Request.xml", _set("onderwijsaanbieder", "100B200"), "onderwijsaanbieder"),
    "leerjaar of 3 digits": ("aanleverenInschrijvingVO_Request.xml", _set("leerjaar", "100"), "leerjaar"),
    "boolean as J": ("aanleverenInschrijvingVO_Request.xml", _set("indicatieBekostigbaar", "J"), "indicatieBekostigbaar"),
    "unknown geslacht": ("aanleverenIdentificerenPersoonVO_Request.xml", _set("geslacht", "X"), "geslacht"),
    "huisnummer not an int": ("aanleverenIdentificerenPersoonVO_Request.zonderPGN.xml", _set("huisnummer", "7bis"), "huisnummer"),
    "examenregime as gYear-ish text": ("aanleverenExamenresultaatVO_Request.xml", _set("examenregime", "2026-01"), "examenregime"),
    "metPGN and zonderPGN": ("aanleverenIdentificerenPersoonVO_Request.xml", _both_pgn_sets, "zonderPGN"),
    "no inschrijvingPeriodeVO": ("aanleverenInschrijvingVO_Request.xml", _remove_all("inschrijvingPeriodeVO"), "inschrijvingPeriodeVO"),
    "101 inschrijvingsperioden": ("aanleverenInschrijvingVO_Request.xml", _hundred_and_one_periods, "inschrijvingPeriodeVO"),
    "4 centraal examens": ("aanleverenExamenresultaatVO_Request.xml", _four_centraal_examens, "centraalExamen"),
    "eindcijfer and eindbeoordeling": ("aanleverenExamenresultaatVO_Request.xml", _eindcijfer_and_eindbeoordeling, "eindbeoordeling"),
    "element without namespace": ("aanvragenOBOVO_Request.xml", _no_namespace, "'brin'"),
    "bad schooljaar": ("aanvragenOBOVO_Request.xml", _set("schooljaar", "2025/2026"), "schooljaar"),
    "unknown signaal soort": ("aanleverenInschrijvingVO_Response.afgekeurd.xml", _set("soort", "FOUT"), "soort"),
    "bad signaal code": ("aanleverenInschrijvingVO_Response.afgekeurd.xml", _set("code", "is04"), "code"),
    "unknown soortBewijs": ("verstrekkenDigitaalInUitschrijfbewijsVO_Request.xml", _set("soortBewijs", "BEWIJS"), "soortBewijs"),
}


@pytest.mark.parametrize("case", INVALID)
def test_invalid_message_is_rejected(case, lxml_schemas, xmlschema_schemas):
    name, change, culprit = INVALID[case]
    doc = _mutate(name, change)
    service = services_for_example(VOORBEELDEN / name)[0]
    error = assert_invalid(lxml_schemas[service], doc)
    assert culprit in error, error
    assert not xmlschema_schemas[service].is_valid(doc)


def test_nil_is_only_allowed_on_the_bewijs_dates(lxml_schemas):
    doc = example("aanleverenInschrijvingVO_Request.xml")
    el = _first(doc.getroot(), "datumInschrijving")
    el.text = None
    el.set(f"{{{XSI}}}nil", "true")
    assert_invalid(lxml_schemas["RegisterOnderwijsdeelnemersVO"], doc)


# Values whose range or format is a business rule with a signal code must pass the XSD,
# so that the LAS gets AFGEKEURD with that signal instead of a SOAP Fault (spec section 2).
BUSINESS_RULE_VALUES = {
    "BSN failing the elfproef (ID01/IS01)": ("aanleverenInschrijvingVO_Request.xml", _set("burgerservicenummer", "123456789")),
    "leerjaar 99 (IS10)": ("aanleverenInschrijvingVO_Request.xml", _set("leerjaar", "99")),
    "datumInschrijving far ahead (IS15)": ("aanleverenInschrijvingVO_Request.xml", _set("datumInschrijving", "2099-08-01")),
    "period begin before inschrijving (IS04)": ("aanleverenInschrijvingVO_Request.xml", _set("datumBegin", "1999-01-01")),
    "cijfer 250 (EX05)": ("aanleverenExamenresultaatVO_Request.xml", _set("cijfer", "250")),
    "eindcijfer 11 (EX05)": ("aanleverenExamenresultaatVO_Request.xml", _set("eindcijfer", "11")),
    "negative cijfer (EX05)": ("aanleverenExamenresultaatVO_Request.xml", _set("cijfer", "-5")),
    "examenregime 1900 (EX09)": ("aanleverenExamenresultaatVO_Request.xml", _set("examenregime", "1900")),
    "postcode not Dutch (ID05)": ("aanleverenIdentificerenPersoonVO_Request.zonderPGN.xml", _set("postcode", "B-1000")),
    "geboorteDatum in the future (ID04)": ("aanleverenIdentificerenPersoonVO_Request.xml", _set("geboorteDatum", "2090-01-01")),
    "uitslag without datumUitslag (EX06)": ("aanleverenExamenresultaatVO_Request.xml", _remove("datumUitslag")),
    "period without onderwijsaanbieder (IS07)": ("aanleverenInschrijvingVO_Request.xml", _remove("onderwijsaanbieder")),
    "leerlingdossier without a number (LD01)": ("raadplegenLeerlingdossierVO_Request.xml", _remove("burgerservicenummer")),
    "registratieoverzicht without period (RO01)": ("aanvragenRegistratieoverzichtVO_Request.xml", _remove("datumBeginPeriode")),
}


@pytest.mark.parametrize("case", BUSINESS_RULE_VALUES)
def test_business_rule_values_pass_the_schema(case, lxml_schemas):
    name, change = BUSINESS_RULE_VALUES[case]
    doc = _mutate(name, change)
    schema = lxml_schemas[services_for_example(VOORBEELDEN / name)[0]]
    assert schema.validate(doc), f"{case}: {schema.error_log}"


# ----------------------------------------------------------------------------- WSDL


@pytest.mark.parametrize("service", SERVICES)
def test_wsdl_structure(service):
    cfg = SERVICES[service]
    root = etree.parse(str(cfg["wsdl"])).getroot()
    ns = {"wsdl": WSDL_NS, "soap": SOAP11_BINDING_NS, "xs": XS}
    assert root.get("targetNamespace") == f"urn:rod-service:vo:v1:wsdl:{service}"
    imports = root.xpath("wsdl:types/xs:schema/xs:import", namespaces=ns)
    assert [(i.get("namespace"), i.get("schemaLocation")) for i in imports] == [
        (NS, f"xsd/{cfg['xsd'].name}")
    ]
    (port_type,) = root.xpath("wsdl:portType", namespaces=ns)
    (binding,) = root.xpath("wsdl:binding", namespaces=ns)
    (svc,) = root.xpath("wsdl:service", namespaces=ns)
    assert port_type.get("name") == f"{service}PortType"
    assert binding.get("name") == f"{service}Binding"
    assert svc.get("name") == service
    (soap_binding,) = binding.xpath("soap:binding", namespaces=ns)
    assert soap_binding.get("style") == "document"
    assert soap_binding.get("transport") == "http://schemas.xmlsoap.org/soap/http"
    (port,) = svc.xpath("wsdl:port", namespaces=ns)
    assert port.get("name") == f"{service}Port"
    assert port.xpath("soap:address/@location", namespaces=ns) == [cfg["address"]]

    ops = port_type.xpath("wsdl:operation", namespaces=ns)
    assert [o.get("name") for o in ops] == list(cfg["operations"])
    for op in ops:
        name = op.get("name")
        action = f"urn:rod-service:vo:v1:{service}:{name}"
        assert op.xpath("string(wsdl:documentation)", namespaces=ns).strip(), name
        (inp,) = op.xpath("wsdl:input", namespaces=ns)
        (out,) = op.xpath("wsdl:output", namespaces=ns)
        assert inp.get(f"{{{WSAM}}}Action") == inp.get(f"{{{WSAW}}}Action") == action
        assert out.get(f"{{{WSAM}}}Action") == out.get(f"{{{WSAW}}}Action") == f"{action}_Response"
        for msg_ref, kind in ((inp.get("message"), "Request"), (out.get("message"), "Response")):
            msg_name = msg_ref.split(":")[-1]
            parts = root.xpath(f"wsdl:message[@name='{msg_name}']/wsdl:part", namespaces=ns)
            assert len(parts) == 1 and parts[0].get("name") == "parameters"
            prefix, local = parts[0].get("element").split(":")
            assert parts[0].nsmap[prefix] == NS and local == f"{name}_{kind}"
        (bop,) = binding.xpath(f"wsdl:operation[@name='{name}']", namespaces=ns)
        assert bop.xpath("soap:operation/@soapAction", namespaces=ns) == [action]
        assert bop.xpath("wsdl:input/soap:body/@use", namespaces=ns) == ["literal"]
        assert bop.xpath("wsdl:output/soap:body/@use", namespaces=ns) == ["literal"]


@pytest.mark.parametrize("service", SERVICES)
def test_wsdl_loads_in_zeep(service):
    client = zeep.Client(str(SERVICES[service]["wsdl"]))
    (svc,) = client.wsdl.services.values()
    assert svc.name == service
    (port,) = svc.ports.values()
    assert port.name == f"{service}Port"
    assert port.binding_options["address"] == SERVICES[service]["address"]
    ops = port.binding._operations
    assert set(ops) == set(SERVICES[service]["operations"])
    for name, op in ops.items():
        assert op.soapaction == f"urn:rod-service:vo:v1:{service}:{name}"
        assert op.input.body.qname == q(f"{name}_Request")
        assert op.output.body.qname == q(f"{name}_Response")


# Minimal valid arguments per operation, for messages built with zeep.
def _bd(**kw):
    return dict(
        identificatiecodeBedrijfsdocument="0f8fad5b-d9cb-469f-a165-70867728950e",
        verzendendeInstantie=LAS_OIN,
        ontvangendeInstantie=ROD_OIN,
        datumTijdBedrijfsdocument=dt.datetime(2025, 10, 6, 8, 0, 0, tzinfo=dt.timezone.utc),
        **kw,
    )


def _push(**kw):
    return _bd(**kw) | dict(verzendendeInstantie=ROD_OIN, ontvangendeInstantie=LAS_OIN)


_TERUGKOPPELING = dict(
    identificatiecodeAanlevering="7c9e6679-7425-40de-944b-e07fc1f90ae7",
    status="GOEDGEKEURD",
    signaal=[dict(code="ID52", soort="ATTENTIE", omschrijving="Onderwijsnummer toegekend.")],
)
_BEKOSTIGINGSBERICHT = dict(
    burgerservicenummer="725763863", brin="25LX", inschrijvingvolgnummer="1",
    indicatieNieuwkomersbekostiging=False,
    teldatum=[dict(datum=dt.date(2025, 10, 1), indicatieBekostigd=True)],
)

MINIMAL = {
    "aanleverenIdentificerenPersoonVO": _bd(
        geboorteDatum=dt.date(2011, 3, 14), geslacht="V",
        metPGN=dict(burgerservicenummer="725763863"),
    ),
    "aanleverenInschrijvingVO": _bd(
        onderwijsnummer="102767604", brin="25LX", inschrijvingvolgnummer="1",
        datumInschrijving=dt.date(2025, 8, 1),
        inschrijvingPeriodeVO=[dict(
            datumBegin=dt.date(2025, 8, 1), opleidingcode="0052", vestiging="25LX00",
            indicatieBekostigbaar=True,
        )],
    ),
    "aanleverenVerwijderingInschrijvingVO": _bd(
        burgerservicenummer="725763863", brin="25LX", inschrijvingvolgnummer="1",
    ),
    "aanleverenExamenresultaatVO": _bd(
        burgerservicenummer="192285142", brin="25LX", examenresultaatvolgnummer="1",
        vestiging="25LX01", examenregime=2026, niveau="VMBO_TL",
        indicatieTeruggetrokken=False, indicatieEerderLeerjaar=False,
        indicatieGespreidExamen=False, indicatieDoorlopendeLeerlijn=False,
    ),
    "aanleverenVerwijderingExamenresultaatVO": _bd(
        onderwijsnummer="102767604", brin="25LX", examenresultaatvolgnummer="1",
    ),
    "raadplegenLeerlingdossierVO": _bd(brin="25LX", onderwijsnummer="102767604"),
    "aanvragenRegistratieoverzichtVO": _bd(
        brin="25LX", datumBeginPeriode=dt.date(2025, 8, 1), datumEindePeriode=dt.date(2026, 7, 31),
    ),
    "aanvragenOBOVO": _bd(brin="25LX", schooljaar="2025-2026"),
    "verstrekkenDigitaalInUitschrijfbewijsVO": _push(
        burgerservicenummer="192285142", eigenBrin="14VQ", eigenInschrijvingvolgnummer="A-1",
        soortBewijs="INSCHRIJFBEWIJS",
        inschrijving=dict(brin="25LX", onderwijsaanbieder="100A200", onderwijslocatie="100X201",
                          datumInschrijving=dt.date(2025, 8, 1)),
    ),
    "verstrekkenBekostigingsberichtVO": _push(bekostigingsbericht=_BEKOSTIGINGSBERICHT),
    "verstrekkenTerugkoppelingVO": _push(
        terugkoppeling=_TERUGKOPPELING, persoon=dict(onderwijsnummer="102767604"),
    ),
}


def _body_child(envelope: etree._Element) -> etree._Element:
    assert envelope.tag == f"{{{SOAP11_ENV_NS}}}Envelope"
    (body,) = envelope.findall(f"{{{SOAP11_ENV_NS}}}Body")
    return body[0]


@pytest.mark.parametrize("operation", SERVICE_OF_OPERATION)
def test_zeep_builds_valid_minimal_request(operation, clients, lxml_schemas):
    service = SERVICE_OF_OPERATION[operation]
    client = clients[service]
    envelope = client.create_message(client.service, operation, **MINIMAL[operation])
    body = _body_child(envelope)
    assert body.tag == q(f"{operation}_Request")
    schema = lxml_schemas[service]
    assert schema.validate(etree.ElementTree(copy.deepcopy(body))), schema.error_log


def _request_examples():
    return [p for p in EXAMPLES if "_Request" in p.name]


@pytest.mark.parametrize("path", _request_examples(), ids=lambda p: p.name)
def test_zeep_rebuilds_every_request_example(path, clients, lxml_schemas):
    """Load the example into zeep objects and let zeep build the request from them again."""
    root = etree.parse(str(path)).getroot()
    operation = operation_of(etree.QName(root).localname)
    service = SERVICE_OF_OPERATION[operation]
    client = clients[service]
    value = client.get_element(root.tag).parse(root, client.wsdl.types)
    kwargs = {k: value[k] for k in value}
    for el in root.iter():
        if el.get(f"{{{XSI}}}nil") == "true":  # zeep reads nil as None; say so explicitly again
            kwargs["inschrijving"][etree.QName(el).localname] = zeep.xsd.Nil
    envelope = client.create_message(client.service, operation, **kwargs)
    body = _body_child(envelope)
    schema = lxml_schemas[service]
    assert schema.validate(etree.ElementTree(copy.deepcopy(body))), f"{path.name}: {schema.error_log}"
    # Same content as the example, element for element.
    assert [etree.QName(e).localname for e in body.iter() if isinstance(e.tag, str)] == [
        etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)
    ]


@pytest.mark.parametrize("path", [p for p in EXAMPLES if "_Response" in p.name], ids=lambda p: p.name)
def test_zeep_reads_and_renders_every_response_example(path, clients, lxml_schemas):
    """A LAS using zeep parses every response; rendering it back gives a valid document."""
    root = etree.parse(str(path)).getroot()
    service = SERVICE_OF_OPERATION[operation_of(etree.QName(root).localname)]
    client = clients[service]
    element = client.get_element(root.tag)
    value = element.parse(root, client.wsdl.types)
    assert value.ontvangstBevestiging == "J"
    holder = etree.Element("holder")
    element.render(holder, value)
    schema = lxml_schemas[service]
    assert schema.validate(etree.ElementTree(holder[0])), f"{path.name}: {schema.error_log}"


def test_fout_detail_element(lxml_schemas):
    fout = etree.fromstring(
        f'<fout xmlns="{NS}"><code>AL02</code>'
        "<omschrijving>Element 'geslacht': 'X' is geen geldige waarde.</omschrijving>"
        "<element>geslacht</element><regel>12</regel></fout>"
    )
    for schema in lxml_schemas.values():
        assert schema.validate(etree.ElementTree(fout)), schema.error_log
    fout.append(etree.Element(q("extra")))
    assert not lxml_schemas["RegisterOnderwijsdeelnemersVO"].validate(etree.ElementTree(fout))
