import * as crypto from 'node:crypto';
import { createCipheriv, randomBytes, type CipherKey } from 'crypto';
import CryptoJS from 'crypto-js';

type Algorithm = 'aes-256-gcm' | 'des-ede3-cbc';

export class LegacyVault {
  private readonly algorithm = 'des-ede3-cbc';

  constructor(private readonly key: CipherKey) {}

  seal(data: Buffer): Buffer {
    const iv = randomBytes(8);
    // ruleid: no-weak-cipher
    const cipher = createCipheriv('des-ede3-cbc' as Algorithm, this.key, iv);
    return Buffer.concat([iv, cipher.update(data), cipher.final()]);
  }

  sealEcb(data: Buffer): Buffer {
    // ruleid: no-weak-cipher
    const cipher = crypto.createCipheriv(`aes-256-ecb`, this.key, null);
    return Buffer.concat([cipher.update(data), cipher.final()]);
  }
}

export function rc4(message: string, key: string): string {
  // ruleid: no-weak-cipher
  return CryptoJS.RC4.encrypt(message, key).toString();
}

export function seal(data: Buffer, key: CipherKey): Buffer {
  const iv = randomBytes(12);
  // ok: no-weak-cipher
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(data), cipher.final(), cipher.getAuthTag()]);
}

export function cbc(message: string, key: string): string {
  // ok: no-weak-cipher
  return CryptoJS.AES.encrypt(message, key).toString();
}
