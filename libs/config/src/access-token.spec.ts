import jwt from 'jsonwebtoken';
import { extractToken, signAccessToken, verifyAccessToken } from './access-token';

describe('access tokens', () => {
  const principal = { organizationId: 'org-a', userId: 'u-1', email: 'a@example.com' };
  it('verifies what it signs', () => expect(verifyAccessToken(signAccessToken(principal, 'k'), 'k')).toEqual(principal));
  it('rejects another secret', () => expect(() => verifyAccessToken(signAccessToken(principal, 'k'), 'other')).toThrow());
  it('rejects a token without an organization', () => {
    expect(() => verifyAccessToken(jwt.sign({ sub: 'u' }, 'k'), 'k')).toThrow(/org_id/);
  });
  it.each([
    ['Bearer abc', 'abc'],
    ['UserKey abc', 'abc'],
    ['userkey abc', 'abc'],
    ['Baerer abc', 'abc'],
    ['abc', 'abc'],
    ['Basic a b', null],
  ])('reads %s', (header, expected) => expect(extractToken(header)).toBe(expected));
  it('reads a separate UserKey header', () => expect(extractToken(undefined, 'xyz')).toBe('xyz'));
  it('finds nothing in no header', () => expect(extractToken(undefined)).toBeNull());
});
