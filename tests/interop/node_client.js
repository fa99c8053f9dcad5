// A LAS written in Node: node-soap builds its client from our served WSDL (nothing of this
// project's code), identifies a fixed test person with the beperkte set and delivers an
// inschrijving with two periods. Prints one JSON object for tests/interop/test_node_soap.py.
//
//   NODE_PATH=<prefix>/node_modules node node_client.js http://127.0.0.1:8080/rod/vo?wsdl
'use strict';
const crypto = require('crypto');
const soap = require('soap');

const ADMINISTRATIE = '00000009900000000101';
const ROD = '00000009900000000001';

function document() {
  return {
    identificatiecodeBedrijfsdocument: crypto.randomUUID(),
    verzendendeInstantie: ADMINISTRATIE,
    ontvangendeInstantie: ROD,
    datumTijdBedrijfsdocument: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

const lijst = (waarde) => (waarde === undefined || waarde === null ? [] : [].concat(waarde));

function terugkoppeling(antwoord) {
  const t = antwoord.terugkoppeling || {};
  return {
    status: t.status,
    identificatiecodeAanlevering: t.identificatiecodeAanlevering,
    signalen: lijst(t.signaal).map((s) => ({ code: s.code, soort: s.soort, element: s.element })),
  };
}

const dag = (waarde) => (waarde instanceof Date ? waarde.toISOString().slice(0, 10) : waarde);

function periode(datumBegin, leerjaar, onderwijslocatie = '101X001') {
  return {
    datumBegin, onderwijsaanbieder: '101A001', onderwijslocatie, opleidingcode: '3121',
    vestiging: '12AB00', leerjaar, indicatieBekostigbaar: true,
  };
}

async function main() {
  const wsdl = process.argv[2];
  const client = await soap.createClientAsync(wsdl);

  const idDocument = document();
  const [identificatie] = await client.aanleverenIdentificerenPersoonVOAsync({
    ...idDocument, geboorteDatum: '2012-03-14', geslacht: 'M', metPGN: { burgerservicenummer: '999990007' },
  });

  const insDocument = document();
  const [inschrijving] = await client.aanleverenInschrijvingVOAsync({
    ...insDocument, burgerservicenummer: identificatie.persoon.burgerservicenummer, brin: '12AB',
    inschrijvingvolgnummer: 'NODE-0001', datumInschrijving: '2024-08-01',
    // the second period at 101X009, a location linked to no vestiging: attentie IS53
    inschrijvingPeriodeVO: [periode('2024-08-01', 1), periode('2025-08-01', 2, '101X009')],
  });

  const bericht = inschrijving.bekostigingsbericht || {};
  console.log(JSON.stringify({
    services: Object.keys(client.describe()),
    identificatie: {
      verzonden: idDocument.identificatiecodeBedrijfsdocument,
      ontvangstBevestiging: identificatie.ontvangstBevestiging,
      ...terugkoppeling(identificatie),
      bsn: identificatie.persoon && identificatie.persoon.burgerservicenummer,
      achternaam: identificatie.persoon && identificatie.persoon.achternaam,
    },
    inschrijving: {
      verzonden: insDocument.identificatiecodeBedrijfsdocument,
      ontvangstBevestiging: inschrijving.ontvangstBevestiging,
      ...terugkoppeling(inschrijving),
      teldata: lijst(bericht.teldatum).map((t) => ({ datum: dag(t.datum), indicatieBekostigd: t.indicatieBekostigd })),
    },
  }));
}

main().catch((fout) => {
  console.error(fout && fout.stack ? fout.stack : String(fout));
  if (fout && fout.body) console.error(fout.body);
  process.exit(1);
});
