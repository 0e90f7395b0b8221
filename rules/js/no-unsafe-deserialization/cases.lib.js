// A session-store library: whatever string callers pass in is rebuilt with node-serialize.
const serialize = require('node-serialize');

function decode(payload) {
  // ruleid: no-unsafe-deserialization
  return serialize.unserialize(payload);
}

function encode(session) {
  // ok: no-unsafe-deserialization
  return serialize.serialize(session);
}

module.exports = { decode, encode };
