// Behaviour of the crypto, session, JWT and CORS rules that annotated cases cannot show: audit-only
// findings (fallback secrets, public CORS), and no message ever repeats a secret.
import { strict as assert } from 'node:assert';
import { findRule } from '../../rules';
import { analyze } from '../../server/src/engine/engine';

function run(ruleId: string, text: string, audit: boolean) {
  const rule = findRule(ruleId)!.rule;
  return analyze({ path: 'app.js', text }, { rules: [rule], audit }).filter((f) => f.ruleId === ruleId);
}

describe('crypto and session rules: audit findings and secrets in messages', () => {
  const sessionFallback = [
    "const session = require('express-session');",
    "app.use(session({ secret: process.env.SESSION_SECRET || 'dev-only-secret' }));",
  ].join('\n');
  const jwtFallback = [
    "const jwt = require('jsonwebtoken');",
    "const token = jwt.sign({ sub: 1 }, process.env.JWT_SECRET || 'dev-secret');",
  ].join('\n');

  it('reports a fallback session secret only when audit findings are asked for', () => {
    assert.equal(run('no-hardcoded-session-secret', sessionFallback, false).length, 0);
    const audit = run('no-hardcoded-session-secret', sessionFallback, true);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.confidence, 'audit');
    assert.equal(audit[0]!.severity, 'medium');
    assert.match(audit[0]!.message, /process\.env\.SESSION_SECRET/);
  });

  it('reports a fallback JWT secret only when audit findings are asked for', () => {
    assert.equal(run('no-hardcoded-jwt-secret', jwtFallback, false).length, 0);
    const audit = run('no-hardcoded-jwt-secret', jwtFallback, true);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.confidence, 'audit');
  });

  it('reports CORS open to every origin without credentials only as an audit finding', () => {
    const text = [
      "const cors = require('cors');",
      'app.use(cors());',
      "app.get('/status', (req, res) => { res.setHeader('Access-Control-Allow-Origin', '*'); res.end(); });",
    ].join('\n');
    assert.equal(run('no-permissive-cors', text, false).length, 0);
    const audit = run('no-permissive-cors', text, true);
    assert.equal(audit.length, 2);
    assert.ok(audit.every((f) => f.confidence === 'audit' && f.severity === 'low'));
  });

  it('never repeats the secret in a message', () => {
    const cases: Array<[string, string, string]> = [
      ['no-hardcoded-jwt-secret', "const jwt = require('jsonwebtoken');\njwt.sign({}, 'tiny-secret-value');", 'tiny-secret-value'],
      ['no-hardcoded-jwt-secret', "const jwt = require('jsonwebtoken');\njwt.verify(t, 'a-much-longer-signing-secret-kept-in-the-code', { algorithms: ['HS256'] });", 'a-much-longer-signing-secret-kept-in-the-code'],
      ['no-hardcoded-session-secret', "const session = require('express-session');\napp.use(session({ secret: 'keyboard cat' }));", 'keyboard cat'],
      ['no-hardcoded-session-secret', "const cookieParser = require('cookie-parser');\napp.use(cookieParser('kekse'));", 'kekse'],
    ];
    for (const [ruleId, text, secret] of cases) {
      const findings = run(ruleId, text, true);
      assert.equal(findings.length, 1, `${ruleId} reports ${text}`);
      assert.ok(!findings[0]!.message.includes(secret), `${ruleId} message hides the secret: ${findings[0]!.message}`);
    }
  });
});

describe('JWT verification with a shared secret', () => {
  const shared = [
    "const jwt = require('jsonwebtoken');",
    'function claimsOf(token) { return jwt.verify(token, process.env.JWT_SECRET); }',
  ].join('\n');

  it('reports a missing algorithms list with a shared secret only as a low audit finding', () => {
    assert.equal(run('no-jwt-verify-without-algorithms', shared, false).length, 0);
    const audit = run('no-jwt-verify-without-algorithms', shared, true);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.confidence, 'audit');
    assert.equal(audit[0]!.severity, 'low');
    assert.match(audit[0]!.message, /accepts only HMAC algorithms/);
  });

  it('confirms it when the key may be public: a key file, a JWKS client, a key callback', () => {
    const cases = [
      "const jwt = require('jsonwebtoken');\nconst key = require('fs').readFileSync('keys/issuer.pem');\njwt.verify(t, key);",
      "const { expressjwt } = require('express-jwt');\nconst jwksRsa = require('jwks-rsa');\napp.use(expressjwt({ secret: jwksRsa.expressJwtSecret({ jwksUri: 'https://id.example.com/jwks.json' }) }));",
      "const jwt = require('jsonwebtoken');\njwt.verify(t, (header, cb) => client.getSigningKey(header.kid, cb), (err, claims) => {});",
    ];
    for (const text of cases) {
      const findings = run('no-jwt-verify-without-algorithms', text, false);
      assert.equal(findings.length, 1, text);
      assert.notEqual(findings[0]!.confidence, 'audit');
    }
  });
});
