import { createHash } from 'node:crypto';
import md5 from 'md5';
import { BeforeInsert, Column, Entity } from 'typeorm';

@Entity()
export class Account {
  @Column() email!: string;
  @Column() password!: string;
  @Column() apiKeyHash!: string;

  @BeforeInsert()
  hashSecrets(): void {
    // ruleid: no-weak-password-hash
    this.password = createHash('sha1').update(this.password).digest('hex');
  }

  storeApiKey(apiKey: string): void {
    // ok: no-weak-password-hash
    this.apiKeyHash = createHash('sha256').update(apiKey).digest('hex');
  }
}

export function checkLogin(account: Account, attempt: { email: string; password: string }): boolean {
  // ruleid: no-weak-password-hash
  return account.password === md5(attempt.password);
}

export function contentId(body: Buffer): string {
  // ok: no-weak-password-hash
  return md5(body);
}
