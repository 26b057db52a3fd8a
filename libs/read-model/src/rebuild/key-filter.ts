/**
 * Which primary keys a rebuild has written, in about 10 bits per key (a scalable Bloom filter: layers of doubling
 * size, 1% false positives each), so memory does not grow by a string per row. "Absent" is certain; "present" may be
 * wrong, which only costs one needless lookup.
 */
export class KeyFilter {
  private readonly layers: BloomLayer[] = [];

  constructor(private readonly firstCapacity = 1 << 20) {}

  add(key: string): void {
    let layer = this.layers[this.layers.length - 1];
    if (!layer || layer.count >= layer.capacity) {
      layer = new BloomLayer(this.firstCapacity * 2 ** this.layers.length);
      this.layers.push(layer);
    }
    layer.add(key);
  }

  mightContain(key: string): boolean {
    return this.layers.some((layer) => layer.mightContain(key));
  }
}

const HASHES = 7;
const BITS_PER_KEY = 10;

class BloomLayer {
  count = 0;
  private readonly bits: Uint32Array;
  private readonly size: number;

  constructor(readonly capacity: number) {
    this.size = capacity * BITS_PER_KEY;
    this.bits = new Uint32Array(Math.ceil(this.size / 32));
  }

  add(key: string): void {
    this.positions(key, (bit) => (this.bits[bit >>> 5] |= 1 << (bit & 31)));
    this.count += 1;
  }

  mightContain(key: string): boolean {
    let all = true;
    this.positions(key, (bit) => (all = all && (this.bits[bit >>> 5] & (1 << (bit & 31))) !== 0));
    return all;
  }

  /** Double hashing over two 32-bit FNV-1a variants: h1 + i * h2. */
  private positions(key: string, visit: (bit: number) => void): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
    }
    for (let i = 0; i < HASHES; i++) visit(((h1 + Math.imul(i, h2 | 1)) >>> 0) % this.size);
  }
}
