import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Personal fields as stored: AES-256-GCM under the person's own key (crypto-shredding, ADR 0058). */
export interface Sealed {
  /** Format version. */
  v: 1;
  iv: string;
  tag: string;
  ct: string;
}

export const isSealed = (value: unknown): value is Sealed =>
  !!value &&
  typeof value === 'object' &&
  (value as Sealed).v === 1 &&
  typeof (value as Sealed).ct === 'string';

export const newPersonKey = (): Buffer => randomBytes(32);

export function seal(key: Buffer, fields: Record<string, unknown>, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return {
    v: 1,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

export function open(key: Buffer, sealed: Sealed, aad: string): Record<string, unknown> {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
}
