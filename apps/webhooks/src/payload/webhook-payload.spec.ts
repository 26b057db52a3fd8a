import { MAX_JSON_DEPTH, parseWebhookPayload } from './webhook-payload';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const JSON_TYPE = 'application/json';

describe('parseWebhookPayload', () => {
  it('fills absent fields: {} is no parameters, no override, no metadata', () => {
    expect(parseWebhookPayload(bytes('{}'), JSON_TYPE)).toEqual({ ok: true, payload: { parameters: {}, config_override: null, metadata: {} } });
  });
  it('treats an empty body as an empty payload, whatever the content type', () => {
    expect(parseWebhookPayload(Buffer.alloc(0), 'text/plain')).toMatchObject({ ok: true, payload: { parameters: {} } });
  });
  it('keeps parameters, config_override and metadata, and ignores unknown fields', () => {
    const result = parseWebhookPayload(bytes('{"parameters":{"a":1},"config_override":{"timeout":5},"metadata":{"by":"ci"},"extra":true}'), JSON_TYPE);
    expect(result).toEqual({ ok: true, payload: { parameters: { a: 1 }, config_override: { timeout: 5 }, metadata: { by: 'ci' } } });
  });
  it.each([['application/json; charset=utf-8'], ['application/vnd.github+json'], ['APPLICATION/JSON']])('accepts content type %s', (type) => {
    expect(parseWebhookPayload(bytes('{}'), type).ok).toBe(true);
  });
  it('reads a body without content type as JSON, as FastAPI does', () => {
    expect(parseWebhookPayload(bytes('{"parameters":{"x":"y"}}'), null)).toMatchObject({ ok: true, payload: { parameters: { x: 'y' } } });
  });
  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['application/jsonp']])('refuses content type %s with 415', (type) => {
    const result = parseWebhookPayload(bytes('{}'), type);
    expect(result).toMatchObject({ ok: false, status: 415, reason: 'unsupported_media_type' });
    if (!result.ok) expect(result.detail).toContain('application/json');
  });
  it.each([['{'], ['not json'], ['{"a":1}{'], ['{"a":1,}']])('refuses invalid JSON %j with 422 json_invalid', (text) => {
    const result = parseWebhookPayload(bytes(text), JSON_TYPE);
    expect(result).toMatchObject({ ok: false, status: 422, detail: [expect.objectContaining({ loc: ['body'], type: 'json_invalid' })] });
  });
  it('refuses bytes that are not UTF-8 with 422', () => {
    expect(parseWebhookPayload(Buffer.from([0x7b, 0xff, 0x7d]), JSON_TYPE)).toMatchObject({ ok: false, status: 422 });
  });
  it.each([['[]'], ['"text"'], ['42'], ['null']])('refuses a body %s that is not an object with 422', (text) => {
    expect(parseWebhookPayload(bytes(text), JSON_TYPE)).toMatchObject({ ok: false, status: 422, detail: [{ type: 'model_attributes_type', loc: ['body'] }] });
  });
  it('names every field of the wrong type', () => {
    const result = parseWebhookPayload(bytes('{"parameters":[1],"config_override":"x","metadata":5}'), JSON_TYPE);
    expect(result).toEqual({
      ok: false, status: 422, reason: 'invalid_payload',
      detail: ['parameters', 'config_override', 'metadata'].map((field) => ({ loc: ['body', field], msg: 'Input should be a valid dictionary', type: 'dict_type' })),
    });
  });
  it('treats null fields as absent', () => {
    expect(parseWebhookPayload(bytes('{"parameters":null,"metadata":null}'), JSON_TYPE)).toMatchObject({ ok: true, payload: { parameters: {}, metadata: {} } });
  });
  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels`, () => {
    const deep = `{"parameters":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    expect(parseWebhookPayload(bytes(deep), JSON_TYPE)).toMatchObject({ ok: false, status: 422 });
    const fine = `{"parameters":{"a":${'['.repeat(MAX_JSON_DEPTH - 2)}${']'.repeat(MAX_JSON_DEPTH - 2)}}}`;
    expect(parseWebhookPayload(bytes(fine), JSON_TYPE).ok).toBe(true);
  });
});
