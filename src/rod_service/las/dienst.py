"""``LeerlingadministratieVO`` in spyne: the three push operations, bare document/literal.

spyne keys a method by ``{Application.tns}<in message name>``, not by the message's own
namespace, so the application's tns must be the elements' namespace
(``urn:rod-service:vo:v1``); the WSDL's own target namespace is irrelevant here because
spyne's WSDL is never served. ``_body_style="bare"`` with ``_in_message_name`` /
``_out_message_name`` gives exactly our ``<op>_Request``/``<op>_Response`` elements. The
models hold the fields the receiver logs; spyne skips the rest (the XSD gate in front
already checked all of it), and the full body is logged as XML from ``ctx.in_body_doc``.
"""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from lxml import etree
from spyne import ComplexModel, Date, DateTime, ServiceBase, Unicode, rpc

NS = "urn:rod-service:vo:v1"
WSA = "http://www.w3.org/2005/08/addressing"


class _Model(ComplexModel):
    __namespace__ = NS


class Bedrijfsdocument(_Model):
    _type_info = [("identificatiecodeBedrijfsdocument", Unicode), ("verzendendeInstantie", Unicode),
                  ("ontvangendeInstantie", Unicode), ("datumTijdBedrijfsdocument", DateTime)]


class OntvangstBevestiging(Bedrijfsdocument):
    _type_info = [("ontvangstBevestiging", Unicode)]


class InschrijvingBewijs(_Model):
    _type_info = [("brin", Unicode), ("onderwijsaanbieder", Unicode), ("onderwijslocatie", Unicode),
                  ("datumInschrijving", Date), ("datumUitschrijving", Date)]


class BewijsVerzoek(Bedrijfsdocument):
    __type_name__ = "VerstrekkenDigitaalInUitschrijfbewijsVO_Request"
    _type_info = [("burgerservicenummer", Unicode), ("onderwijsnummer", Unicode), ("eigenBrin", Unicode),
                  ("eigenInschrijvingvolgnummer", Unicode), ("soortBewijs", Unicode),
                  ("inschrijving", InschrijvingBewijs)]


class Bekostigingsbericht(_Model):
    _type_info = [("burgerservicenummer", Unicode), ("onderwijsnummer", Unicode), ("brin", Unicode),
                  ("inschrijvingvolgnummer", Unicode)]


class BekostigingVerzoek(Bedrijfsdocument):
    __type_name__ = "VerstrekkenBekostigingsberichtVO_Request"
    _type_info = [("bekostigingsbericht", Bekostigingsbericht)]


class Terugkoppeling(_Model):
    _type_info = [("identificatiecodeAanlevering", Unicode), ("status", Unicode)]


class TerugkoppelingVerzoek(Bedrijfsdocument):
    __type_name__ = "VerstrekkenTerugkoppelingVO_Request"
    _type_info = [("terugkoppeling", Terugkoppeling)]


def _operatie(naam: str, verzoek: type[ComplexModel]):
    """The decorator of one push operation: bare ``<naam>_Request`` → ``<naam>_Response``."""
    return rpc(verzoek, _body_style="bare", _returns=OntvangstBevestiging,
               _in_message_name=f"{{{NS}}}{naam}_Request", _out_message_name=f"{{{NS}}}{naam}_Response")


class LeerlingadministratieVO(ServiceBase):
    @_operatie("verstrekkenDigitaalInUitschrijfbewijsVO", BewijsVerzoek)
    def verstrekkenDigitaalInUitschrijfbewijsVO(ctx, verzoek):
        i = verzoek.inschrijving
        return _ontvang(ctx, "verstrekkenDigitaalInUitschrijfbewijsVO", verzoek, {
            "pgn": verzoek.burgerservicenummer or verzoek.onderwijsnummer, "eigenBrin": verzoek.eigenBrin,
            "eigenInschrijvingvolgnummer": verzoek.eigenInschrijvingvolgnummer, "soortBewijs": verzoek.soortBewijs,
            "brin": i.brin, "datumInschrijving": _iso(i.datumInschrijving),
            "datumUitschrijving": _iso(i.datumUitschrijving)})

    @_operatie("verstrekkenBekostigingsberichtVO", BekostigingVerzoek)
    def verstrekkenBekostigingsberichtVO(ctx, verzoek):
        b = verzoek.bekostigingsbericht
        return _ontvang(ctx, "verstrekkenBekostigingsberichtVO", verzoek, {
            "pgn": b.burgerservicenummer or b.onderwijsnummer, "brin": b.brin,
            "inschrijvingvolgnummer": b.inschrijvingvolgnummer})

    @_operatie("verstrekkenTerugkoppelingVO", TerugkoppelingVerzoek)
    def verstrekkenTerugkoppelingVO(ctx, verzoek):
        t = verzoek.terugkoppeling
        return _ontvang(ctx, "verstrekkenTerugkoppelingVO", verzoek, {
            "identificatiecodeAanlevering": t.identificatiecodeAanlevering, "status": t.status})


def _ontvang(ctx, operatie: str, verzoek: Bedrijfsdocument, velden: dict) -> OntvangstBevestiging:
    """Log the message once (``ctx.udc`` is the receiver's Logboek) and acknowledge it,
    from the receiving OIN back to the sender (OINs swapped)."""
    ctx.udc.bewaar({
        "ontvangen_op": datetime.now(UTC).isoformat(timespec="seconds"),
        "operatie": operatie,
        "identificatiecode": verzoek.identificatiecodeBedrijfsdocument,
        "message_id": ctx.in_document.findtext(f".//{{{WSA}}}MessageID"),
        "verzendendeInstantie": verzoek.verzendendeInstantie,
        "ontvangendeInstantie": verzoek.ontvangendeInstantie,
        "velden": velden,
        "body": etree.tostring(ctx.in_body_doc, encoding="unicode"),
    })
    return OntvangstBevestiging(
        identificatiecodeBedrijfsdocument=str(uuid.uuid4()), verzendendeInstantie=verzoek.ontvangendeInstantie,
        ontvangendeInstantie=verzoek.verzendendeInstantie,
        datumTijdBedrijfsdocument=datetime.now(UTC).replace(microsecond=0), ontvangstBevestiging="J")


def _iso(datum) -> str | None:
    return datum.isoformat() if datum is not None else None
