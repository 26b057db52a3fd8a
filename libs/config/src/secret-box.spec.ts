import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(Buffer.alloc(32, 1));
  it('round-trips a secret and never stores it in clear', () => {
    const sealed = box.encrypt('s3cr3t-value');
    expect(sealed).not.toContain('s3cr3t');
    expect(box.decrypt(sealed)).toBe('s3cr3t-value');
  });
  it('uses a fresh nonce each time', () => expect(box.encrypt('x')).not.toBe(box.encrypt('x')));
  it('rejects a tampered ciphertext', () => {
    const sealed = box.encrypt('value');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.decrypt(tampered)).toThrow();
  });
  it('rejects another key', () => expect(() => new SecretBox(Buffer.alloc(32, 2)).decrypt(box.encrypt('v'))).toThrow());
});
