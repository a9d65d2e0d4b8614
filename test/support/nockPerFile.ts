import nock from 'nock';

/**
 * Jest loads a fresh copy of nock for every test file, and loading it patches Node's http, which
 * every file of a jest worker shares. A file that never set nock up (an end-to-end test) used to
 * leave its copy's patch under the next file's, and that file's unmatched requests then escaped
 * its error handling. Every file takes its own copy's patch off when it ends, whether it used nock
 * or not (this is the same copy the file's helpers load).
 */
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});
