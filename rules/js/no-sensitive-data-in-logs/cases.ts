import { Injectable, Logger } from '@nestjs/common';
import Koa from 'koa';

interface Credentials {
  username: string;
  password: string;
  otp?: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  async signIn(credentials: Credentials): Promise<string> {
    // ruleid: no-sensitive-data-in-logs
    this.logger.debug(`sign-in ${credentials.username}/${credentials.password}`);
    // ruleid: no-sensitive-data-in-logs
    this.logger.log({ user: credentials.username, otp: credentials.otp });
    // ok: no-sensitive-data-in-logs
    this.logger.log({ user: credentials.username, otp: credentials.otp ? '[redacted]' : undefined });
    const accessToken = await this.issue(credentials.username);
    // ok: no-sensitive-data-in-logs
    this.logger.verbose(`issued a token of ${accessToken.length} characters`);
    return accessToken;
  }

  private async issue(username: string): Promise<string> {
    return `token-for-${username}`;
  }
}

const app = new Koa();
app.use(async (ctx, next) => {
  // ruleid: no-sensitive-data-in-logs
  console.debug('incoming', ctx.request.body);
  // ruleid: no-sensitive-data-in-logs
  console.debug('cookie', ctx.get('Cookie'));
  // Lexer tokens and CSRF-protection flags are not credentials.
  const tokens: string[] = String(ctx.query.q ?? '').split(/\s+/);
  // ok: no-sensitive-data-in-logs
  console.debug('search tokens', tokens, 'csrf checked', ctx.state.csrfChecked);
  await next();
});

export default app;
