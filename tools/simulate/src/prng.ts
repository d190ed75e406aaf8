/**
 * A seeded pseudo-random source (sfc32, seeded through a string hash): the same seed and the same
 * name give the same numbers on every machine, so a simulated year is reproducible. Each client and
 * each КПП's day draws from its own source named after it, so the draws of one never shift another's.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string, name = '') {
    const h = hash128(`${seed}/${name}`);
    [this.a, this.b, this.c, this.d] = h;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A key drawn with the given weights. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  /** Exponentially distributed with this mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A version-4-shaped UUID made of this source's numbers (event ids that a seed reproduces). */
  uuid(): string {
    const a = this.word();
    // version 4 and variant 10xx, as randomUUID makes them
    const b = ((this.word() & 0xffff0fff) | 0x4000) >>> 0;
    const c = ((this.word() & 0x3fffffff) | 0x80000000) >>> 0;
    const d = this.word();
    // written into one buffer of character codes and made a string at once: the concatenation of
    // eleven pieces made ten short-lived strings per id (an eighth of a simulated year's garbage)
    putHex(a, 0, 8);
    putHex(b >>> 16, 9, 4);
    putHex(b & 0xffff, 14, 4);
    putHex(c >>> 16, 19, 4);
    putHex(c & 0xffff, 24, 4);
    putHex(d, 28, 8);
    return String.fromCharCode.apply(null, UUID_CODES);
  }

  /**
   * A version-7 UUID (RFC 9562: the Unix milliseconds `unixMs` first, then this source's numbers),
   * as the command path makes event ids: ids that follow time keep the event store's unique index
   * appended at its end instead of written all over (ADR 0106). Draws the same four words as `uuid`,
   * so the draws after it do not shift.
   */
  uuidV7(unixMs: number): string {
    this.word(); // the 32 bits the timestamp takes the place of
    const b = this.word();
    const c = ((this.word() & 0x3fffffff) | 0x80000000) >>> 0;
    const d = this.word();
    putHex(Math.floor(unixMs / 65536), 0, 8);
    putHex(unixMs % 65536, 9, 4);
    putHex(0x7000 | (b & 0x0fff), 14, 4);
    putHex(c >>> 16, 19, 4);
    putHex(c & 0xffff, 24, 4);
    putHex(d, 28, 8);
    return String.fromCharCode.apply(null, UUID_CODES);
  }

  private word(): number {
    return Math.floor(this.next() * 4294967296);
  }
}

const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
/** The character codes of the id being written: '-' where the groups meet. */
const UUID_CODES: number[] = new Array<number>(36).fill(45);

/** Writes `n`'s lowest `digits` hex digits into UUID_CODES from `at` on (most significant first). */
function putHex(n: number, at: number, digits: number): void {
  for (let k = digits - 1; k >= 0; k--) {
    UUID_CODES[at + k] = HEX_CODES[n & 15]!;
    n >>>= 4;
  }
}

/** cyrb128: four 32-bit words from a string. */
function hash128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}
