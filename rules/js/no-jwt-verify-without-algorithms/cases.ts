// An API that only checks tokens issued elsewhere: the algorithm is suggested, not applied.
import express from 'express';
import jwt from 'jsonwebtoken';
import { expressjwt } from 'express-jwt';
import passport from 'passport';
import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';
import jwksRsa from 'jwks-rsa';
import fs from 'node:fs';

const app = express();
const publicKey = fs.readFileSync('/etc/keys/issuer.pub.pem');

// A shared secret: only HMAC algorithms are accepted (an audit finding, not a confirmed one).
// ok: no-jwt-verify-without-algorithms
app.use('/api', expressjwt({ secret: process.env.JWT_SECRET as string }));

// ruleid: no-jwt-verify-without-algorithms
app.use('/partner', expressjwt({
  secret: jwksRsa.expressJwtSecret({ jwksUri: 'https://login.acme-corp.com/.well-known/jwks.json' }) as never,
}));

passport.use(
  // ruleid: no-jwt-verify-without-algorithms
  new JwtStrategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: publicKey }, (payload, done) => done(null, payload)),
);

export function claimsOf(token: string): jwt.JwtPayload {
  // ruleid: no-jwt-verify-without-algorithms
  return jwt.verify(token, publicKey) as jwt.JwtPayload;
}

// ok: no-jwt-verify-without-algorithms
app.use('/v2', expressjwt({ secret: process.env.JWT_SECRET as string, algorithms: ['HS256'] }));

passport.use(
  'pinned',
  // ok: no-jwt-verify-without-algorithms
  new JwtStrategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: publicKey, algorithms: ['RS256'] }, (payload, done) => done(null, payload)),
);
