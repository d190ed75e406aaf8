import { tokenLifetimeProblem } from './token-lifetime';

const now = 1_800_000_000;
const day = 8 * 3600;

describe('token lifetime', () => {
  it('refuses a token without exp', () => {
    expect(tokenLifetimeProblem({ iat: now }, now, day)).toBe(
      'the bearer token has no expiry (exp); tokens must expire within 8h',
    );
    expect(tokenLifetimeProblem({ exp: '2099-01-01' }, now, day)).toMatch(/no expiry/);
  });

  it('accepts up to the maximum counted from iat', () => {
    expect(tokenLifetimeProblem({ iat: now, exp: now + day }, now, day)).toBeNull();
    expect(tokenLifetimeProblem({ iat: now - 3600, exp: now + day - 3600 }, now, day)).toBeNull();
  });

  it('refuses more than the maximum, saying how long it lives', () => {
    expect(tokenLifetimeProblem({ iat: now, exp: now + day + 60 }, now, day)).toBe(
      'the bearer token lives 481m, longer than the allowed 8h (AUTH_MAX_TOKEN_TTL)',
    );
  });

  it('counts from now when iat is missing or lies in the future', () => {
    expect(tokenLifetimeProblem({ exp: now + day + 1 }, now, day)).toMatch(/longer than the allowed/);
    expect(tokenLifetimeProblem({ iat: now + 3600, exp: now + day + 1800 }, now, day)).toMatch(
      /longer than the allowed/,
    );
    expect(tokenLifetimeProblem({ exp: now + 60 }, now, day)).toBeNull();
  });
});
