// A peer for bench/peers.py: node-soap (npm `soap`) serving OUR WSDL
// (wsdl/RegisterOnderwijsdeelnemersVO.wsdl, its XSDs included relative to it) at /rod/vo,
// whose aanleverenInschrijvingVO handler returns a canned answer: the real service's answer
// element for the bench's request, handed in as JSON (bench/peers.py writes it). node-soap
// parses the request envelope into an object and serialises the answer object per request;
// it does not validate against the XSD. Only identificatiecodeAanlevering is echoed from the
// request, like the real answer does.
//
//   node bench/peers/node_soap_server.js PORT ANSWER.json [WSDL]
//
// Prints "listening <port>" once it accepts connections; SIGTERM/SIGINT stop it.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const soap = require('soap');

const poort = Number(process.argv[2] || 8089);
const antwoord = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const wsdlPad = path.resolve(process.argv[4] || path.join(__dirname, '..', '..', 'wsdl', 'RegisterOnderwijsdeelnemersVO.wsdl'));

function aanleverenInschrijvingVO(args) {
  // a shallow copy with the delivered document's code echoed; the rest is canned
  const terugkoppeling = { ...antwoord.terugkoppeling, identificatiecodeAanlevering: args.identificatiecodeBedrijfsdocument };
  return { ...antwoord, terugkoppeling };
}

const services = {
  RegisterOnderwijsdeelnemersVO: {
    RegisterOnderwijsdeelnemersVOPort: { aanleverenInschrijvingVO },
  },
};

const server = http.createServer((req, res) => {
  // node-soap answers its own path; anything else is a 404
  res.statusCode = 404;
  res.end('niet gevonden\n');
});
server.keepAliveTimeout = 65000;

// `uri` is the base against which node-soap resolves the WSDL's xs:import/xs:include
// (relative file paths: xsd/rod-vo-register.xsd and the files it includes). The WSDL and
// its XSDs load asynchronously; node-soap takes over the server's requests only then
// (`callback`), so the port is opened after that: before it, /rod/vo would be a 404.
const soapServer = soap.listen(server, {
  path: '/rod/vo',
  services,
  xml: fs.readFileSync(wsdlPad, 'utf8'),
  uri: wsdlPad,
  callback: (fout) => {
    if (fout) {
      console.error(fout && fout.stack ? fout.stack : String(fout));
      process.exit(1);
    }
    server.listen(poort, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
  },
});
soapServer.log = () => {};

for (const sein of ['SIGTERM', 'SIGINT']) {
  process.on(sein, () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 500).unref());
}
