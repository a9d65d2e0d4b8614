import { genericProblem } from '../../src/core/errors';

/**
 * The shared reading of a network's error answer: each status gets its kind (what code reacts to)
 * and words that say what to do, naming the network and what it said.
 */
describe('genericProblem: every status in words a user can act on', () => {
  const hint = 'Reconnect Acme with a current key.';

  it('400 with a reason: the network is quoted and the user is told to correct that value', () => {
    expect(genericProblem('Acme', 400, { message: 'sub1 is too long' }, hint)).toEqual({
      kind: 'rejected',
      status: 400,
      message:
        'Acme rejected the request (HTTP 400: sub1 is too long). Correct the value Acme names in ' +
        "this step's fields and run the step again.",
    });
  });

  it('422 without a reason: the values to check, and where IDs are safest picked', () => {
    expect(genericProblem('Acme', 422, undefined, hint)).toEqual({
      kind: 'rejected',
      status: 422,
      message:
        'Acme rejected the request (HTTP 422). Check the values in this step (IDs are safest ' +
        "picked from the step's lists) and run it again.",
    });
  });

  it('404: the IDs, and why a typed one may be unknown', () => {
    const problem = genericProblem('Acme', 404, { message: 'Offer 3 not found' }, hint);
    expect(problem.kind).toBe('notFound');
    expect(problem.message).toBe(
      "Acme could not find what was asked for (404: Offer 3 not found). Check the IDs in this step: pick them from the step's lists " +
        'where it has them, since an ID that was removed or belongs to another account is unknown to Acme.',
    );
  });

  it('401 carries the reconnect hint; 403 says access may still be on its way', () => {
    expect(genericProblem('Acme', 401, undefined, hint)).toMatchObject({
      kind: 'auth',
      message: `Acme did not accept your credentials (401). ${hint}`,
    });
    expect(genericProblem('Acme', 403, undefined, hint).message).toMatch(
      /^Acme refused access \(403\)\. Check that your account has permission/,
    );
  });

  it('429 and 5xx: throttled and server, never "check the values"', () => {
    expect(genericProblem('Acme', 429, undefined, hint).kind).toBe('throttled');
    const server = genericProblem('Acme', 503, '<html>down</html>', hint);
    expect(server.kind).toBe('server');
    expect(server.message).toMatch(
      /^Acme had a problem on its side \(HTTP 503.*Try again in a few minutes\.$/,
    );
  });
});
