import assert from 'node:assert/strict';
import { MAX_RESTARTS, RestartPolicy, WINDOW_MS } from '../../client/src/restartPolicy.js';

describe('server restart policy (client)', () => {
  it('restarts a crashed server and tells the user once, not on every crash', () => {
    const policy = new RestartPolicy();
    assert.deepEqual(policy.closed(0), { restart: true, notify: 'restarted' });
    assert.deepEqual(policy.closed(60_000), { restart: true, notify: undefined });
  });

  it(`stops restarting after ${MAX_RESTARTS} crashes within the window, and says so once`, () => {
    const policy = new RestartPolicy();
    for (let i = 0; i < MAX_RESTARTS; i++) assert.equal(policy.closed(i * 1000).restart, true);
    assert.deepEqual(policy.closed(MAX_RESTARTS * 1000), { restart: false, notify: 'gaveUp' });
    assert.deepEqual(policy.closed(MAX_RESTARTS * 1000 + 1), { restart: false, notify: undefined });
  });

  it('forgets crashes older than the window, so a rare crash is always restarted', () => {
    const policy = new RestartPolicy();
    for (let i = 0; i < 20; i++) assert.equal(policy.closed(i * (WINDOW_MS / 2)).restart, true);
  });
});
