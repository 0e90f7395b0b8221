import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { SignJWT, jwtVerify } from 'jose';
import Fastify from 'fastify';

@Module({
  imports: [
    // ruleid: no-hardcoded-jwt-secret
    JwtModule.register({ secret: 'nest-secret', signOptions: { expiresIn: '60s' } }),
  ],
})
export class AuthModule {}

@Module({
  // ok: no-hardcoded-jwt-secret
  imports: [JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '60s' } })],
})
export class SafeAuthModule {}

const key = new TextEncoder().encode('jose-secret');

export async function issue(userId: string): Promise<string> {
  // ruleid: no-hardcoded-jwt-secret
  return new SignJWT({ sub: userId }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key);
}

export async function check(token: string) {
  // ruleid: no-hardcoded-jwt-secret
  return jwtVerify(token, key, { algorithms: ['HS256'] });
}

export async function checkSafely(token: string) {
  // ok: no-hardcoded-jwt-secret
  return jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET), { algorithms: ['HS256'] });
}

const fastify = Fastify();
// ruleid: no-hardcoded-jwt-secret
fastify.register(require('@fastify/jwt'), { secret: 'supersecret' });
