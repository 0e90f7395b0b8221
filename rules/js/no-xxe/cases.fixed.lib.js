// A SAML helper library: exported functions parse whatever response callers hand them.
const libxml = require('libxmljs2');

function parseResponse(samlXml) {
  // ruleid: no-xxe
  return libxml.parseXml(samlXml, { noent: false, nonet: true });
}

function parseMetadata(metadataXml) {
  // ok: no-xxe
  return libxml.parseXml(metadataXml, { nonet: true, noblanks: true });
}

module.exports = { parseResponse, parseMetadata };
