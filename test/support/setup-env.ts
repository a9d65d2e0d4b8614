// Unit tests talk to the networks' real base URLs, answered by nock; end-to-end tests set the
// sandbox's URLs themselves. Nothing in a test may reach the internet.
delete process.env.AWIN_API_URL;
delete process.env.EVERFLOW_API_URL;
delete process.env.OFFERSLOOK_API_URL;
delete process.env.IMPACT_API_URL;
delete process.env.ZAPIER_BASE_ENDPOINT;
process.env.DISABLE_ZAPIER_ANALYTICS = '1';
