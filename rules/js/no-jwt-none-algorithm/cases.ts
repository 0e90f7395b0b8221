import * as jose from 'jose';
import { UnsecuredJWT, jwtVerify } from 'jose';
import koaJwt from 'koa-jwt';

export function previewToken(claims: jose.JWTPayload): string {
  // ruleid: no-jwt-none-algorithm
  return new jose.UnsecuredJWT(claims).setIssuedAt().setExpirationTime('2h').encode();
}

export function readUnsigned(token: string): jose.JWTPayload {
  // ruleid: no-jwt-none-algorithm
  return UnsecuredJWT.decode(token).payload;
}

// ruleid: no-jwt-none-algorithm
export const auth = koaJwt({ secret: process.env.JWT_SECRET as string, algorithms: ['none'] });

export async function verify(token: string, key: Uint8Array): Promise<jose.JWTPayload> {
  // ok: no-jwt-none-algorithm
  const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
  return payload;
}

// jose 2.x: JWK.None stands for "no key", i.e. unsigned tokens.
export function legacyVerify(token: string): unknown {
  // ruleid: no-jwt-none-algorithm
  return jose.JWT.verify(token, jose.JWK.None);
}
