import jwt from 'jsonwebtoken';
import { DEVELOPMENT_DEFAULTS } from '@cp/config';
import { devToken } from './dev-token';

describe('devToken', () => {
  it('signs the gateway claims with HS256 and the development secret', () => {
    const token = devToken({ organizationId: 'org_1', userId: 'user_1', email: 'a@example.com' });

    const decoded = jwt.verify(token, DEVELOPMENT_DEFAULTS.jwtSecret, { algorithms: ['HS256'] });

    expect(decoded).toMatchObject({ sub: 'user_1', org_id: 'org_1', email: 'a@example.com' });
  });

  it('uses the given secret instead', () => {
    const token = devToken({ organizationId: 'org_2', userId: 'user_2' }, 'another-secret');

    expect(() => jwt.verify(token, DEVELOPMENT_DEFAULTS.jwtSecret)).toThrow('invalid signature');
    expect(jwt.verify(token, 'another-secret')).toMatchObject({ sub: 'user_2', org_id: 'org_2' });
  });
});
