import { pythonJsonDumps } from '../testing/python-json';
import { readDeliveryHeaders } from './delivery-headers';
import { signHex, signStandard, verifyWebhookSignature, type VerificationResult, type WebhookSecrets } from './signature';

const SECRET = 'Zr8d0vM3Q1nYc2K7pW4sXe9aLf6hT5uJ0bGiN8oR1yE';
const PAYLOAD = {
  parameters: { branch_name: 'feature-x', environment: 'staging', owner: 'José Müller', emoji: '🚀' },
  metadata: { source: 'github', commit: 'abc123' },
};
/** Produced by CPython 3: `json.dumps(PAYLOAD).encode()` and `hmac.new(SECRET.encode(), body, sha256).hexdigest()`. */
const SDK_BODY =
  '{"parameters": {"branch_name": "feature-x", "environment": "staging", "owner": "Jos\\u00e9 M\\u00fcller", "emoji": "\\ud83d\\ude80"}, "metadata": {"source": "github", "commit": "abc123"}}';
const SDK_SIGNATURE = '6bfae838f33f704025c150df67362da8624686f9563f88c73b16861d25a78238';
/** `json.dumps(PAYLOAD, separators=(',', ':'), ensure_ascii=False).encode()` and its HMAC. */
const COMPACT_BODY = '{"parameters":{"branch_name":"feature-x","environment":"staging","owner":"José Müller","emoji":"🚀"},"metadata":{"source":"github","commit":"abc123"}}';
const COMPACT_SIGNATURE = '7ae980e690b0ff6b93326549138d2acdc125969765f6ca581c027e16fad56bcd';
/** base64(HMAC(SECRET, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W.1700000000." + SDK_BODY)), by CPython. */
const STANDARD_ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const STANDARD_TS = 1_700_000_000;
const STANDARD_SIGNATURE = 'v1,yo/2S5ix8hbz9WFqSBosQOMxUzt6ManUPK9lm77UrGs=';

const NOW = new Date(STANDARD_TS * 1000);
const only = (current: string): WebhookSecrets => ({ current, previous: null, previousValidUntil: null });

function verify(body: string | Buffer, headers: Record<string, string>, secrets: WebhookSecrets = only(SECRET), now = NOW): VerificationResult {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return verifyWebhookSignature({ body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), headers: readDeliveryHeaders(lower), secrets, now, toleranceSeconds: 300 });
}

describe('verifyWebhookSignature — reference scheme (X-Webhook-Signature, hex HMAC-SHA256 of the raw body)', () => {
  it('reproduces the bytes the Python SDK sends (json.dumps defaults, non-ASCII escaped)', () => {
    expect(pythonJsonDumps(PAYLOAD)).toBe(SDK_BODY);
  });
  it('accepts the signature Python computes over the SDK bytes', () => {
    expect(signHex(SECRET, SDK_BODY)).toBe(SDK_SIGNATURE);
    expect(verify(SDK_BODY, { 'X-Webhook-Signature': SDK_SIGNATURE })).toEqual({ ok: true, scheme: 'hex', secret: 'current' });
  });
  it('accepts compact JSON signed over its own bytes', () => {
    expect(verify(COMPACT_BODY, { 'X-Webhook-Signature': COMPACT_SIGNATURE })).toMatchObject({ ok: true });
  });
  it('verifies the exact bytes, never a re-serialisation: the same payload in other bytes fails', () => {
    expect(verify(COMPACT_BODY, { 'X-Webhook-Signature': SDK_SIGNATURE })).toEqual({ ok: false, reason: 'invalid_signature', detail: 'Invalid webhook signature' });
    expect(verify(`${SDK_BODY} `, { 'X-Webhook-Signature': SDK_SIGNATURE })).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });
  it('tolerates upper-case hex and a sha256= prefix', () => {
    expect(verify(SDK_BODY, { 'X-Webhook-Signature': SDK_SIGNATURE.toUpperCase() })).toMatchObject({ ok: true });
    expect(verify(SDK_BODY, { 'X-Webhook-Signature': `sha256=${SDK_SIGNATURE}` })).toMatchObject({ ok: true });
  });
  it('refuses a missing header with the reference message', () => {
    expect(verify(SDK_BODY, {})).toEqual({ ok: false, reason: 'missing_signature', detail: 'Missing X-Webhook-Signature header' });
    expect(verify(SDK_BODY, { 'X-Webhook-Signature': '   ' })).toMatchObject({ reason: 'missing_signature' });
  });
  it.each([
    ['another secret', signHex('not-the-secret', SDK_BODY)],
    ['a truncated signature', SDK_SIGNATURE.slice(0, 63)],
    ['non-hex characters', `${SDK_SIGNATURE.slice(0, 63)}g`],
    ['the base64 of the right MAC', Buffer.from(SDK_SIGNATURE, 'hex').toString('base64')],
  ])('refuses %s', (_what, signature) => {
    expect(verify(SDK_BODY, { 'X-Webhook-Signature': signature })).toEqual({ ok: false, reason: 'invalid_signature', detail: 'Invalid webhook signature' });
  });
  it('refuses a stale webhook-timestamp even with a valid hex signature', () => {
    const headers = { 'X-Webhook-Signature': SDK_SIGNATURE, 'webhook-timestamp': String(STANDARD_TS - 301) };
    expect(verify(SDK_BODY, headers)).toMatchObject({ ok: false, reason: 'stale_timestamp' });
  });
});

describe('verifyWebhookSignature — Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)', () => {
  const headers = (overrides: Record<string, string> = {}) => ({ 'webhook-id': STANDARD_ID, 'webhook-timestamp': String(STANDARD_TS), 'webhook-signature': STANDARD_SIGNATURE, ...overrides });

  it('accepts the signature Python computes over id.timestamp.body', () => {
    expect(signStandard(SECRET, STANDARD_ID, STANDARD_TS, SDK_BODY)).toBe(STANDARD_SIGNATURE);
    expect(verify(SDK_BODY, headers())).toEqual({ ok: true, scheme: 'standard', secret: 'current' });
  });
  it('accepts when any of several space-separated signatures matches, ignoring other versions', () => {
    expect(verify(SDK_BODY, headers({ 'webhook-signature': `v1a,abc v1,${Buffer.alloc(32).toString('base64')} ${STANDARD_SIGNATURE}` }))).toMatchObject({ ok: true });
  });
  it.each([[-299], [299], [300], [-300]])('accepts a timestamp %i s away from now', (offset) => {
    expect(verify(SDK_BODY, headers(), only(SECRET), new Date((STANDARD_TS + offset) * 1000))).toMatchObject({ ok: true });
  });
  it.each([[301], [-301], [86_400]])('refuses a timestamp %i s away from now with 401 stale_timestamp', (offset) => {
    const result = verify(SDK_BODY, headers(), only(SECRET), new Date((STANDARD_TS + offset) * 1000));
    expect(result).toEqual({ ok: false, reason: 'stale_timestamp', detail: 'Webhook timestamp is outside the allowed window of 300 seconds' });
  });
  it('refuses a timestamp that is not Unix seconds', () => {
    expect(verify(SDK_BODY, headers({ 'webhook-timestamp': '2023-11-14T22:13:20Z' }))).toMatchObject({ ok: false, reason: 'invalid_timestamp' });
  });
  it('binds the id and timestamp: changing either breaks the signature', () => {
    expect(verify(SDK_BODY, headers({ 'webhook-id': 'msg_other' }))).toMatchObject({ ok: false, reason: 'invalid_signature' });
    expect(verify(SDK_BODY, headers({ 'webhook-timestamp': String(STANDARD_TS + 1) }))).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });
  it('needs webhook-id and webhook-timestamp with webhook-signature', () => {
    const { 'webhook-id': _id, ...withoutId } = headers();
    expect(verify(SDK_BODY, withoutId)).toEqual({ ok: false, reason: 'missing_signature', detail: 'Missing webhook-id or webhook-timestamp header' });
  });
  it('judges by the standard signature when both schemes are present', () => {
    expect(verify(SDK_BODY, headers({ 'X-Webhook-Signature': SDK_SIGNATURE, 'webhook-signature': 'v1,AAAA' }))).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });
});

describe('verifyWebhookSignature — rotation grace period (injected clock)', () => {
  const OLD = 'old-secret-old-secret-old-secret-old-secret';
  const NEW = 'new-secret-new-secret-new-secret-new-secret';
  const validUntil = new Date('2030-01-02T00:00:00Z');
  const rotated: WebhookSecrets = { current: NEW, previous: OLD, previousValidUntil: validUntil };
  const signedWith = (secret: string) => ({ 'X-Webhook-Signature': signHex(secret, SDK_BODY) });

  it('accepts the new secret at any time', () => {
    expect(verify(SDK_BODY, signedWith(NEW), rotated, new Date('2031-01-01T00:00:00Z'))).toEqual({ ok: true, scheme: 'hex', secret: 'current' });
  });
  it('accepts the old secret until the end of the grace period', () => {
    expect(verify(SDK_BODY, signedWith(OLD), rotated, new Date(validUntil.getTime() - 1))).toEqual({ ok: true, scheme: 'hex', secret: 'previous' });
  });
  it('refuses the old secret from the end of the grace period on', () => {
    expect(verify(SDK_BODY, signedWith(OLD), rotated, validUntil)).toMatchObject({ ok: false, reason: 'invalid_signature' });
    expect(verify(SDK_BODY, signedWith(OLD), rotated, new Date(validUntil.getTime() + 60_000))).toMatchObject({ ok: false });
  });
  it('applies the grace period to Standard Webhooks signatures too', () => {
    const ts = Math.floor(validUntil.getTime() / 1000) - 10;
    const std = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(ts), 'webhook-signature': signStandard(OLD, 'msg_1', ts, SDK_BODY) };
    expect(verify(SDK_BODY, std, rotated, new Date(ts * 1000))).toEqual({ ok: true, scheme: 'standard', secret: 'previous' });
    expect(verify(SDK_BODY, std, rotated, new Date(validUntil.getTime() + 1000))).toMatchObject({ ok: false, reason: 'invalid_signature' });
  });
});
