// Session and API settings for the web app.
module.exports = {
  session: {
    // ruleid: no-hardcoded-secrets
    secret: process.env.SECRET,
    // ok: no-hardcoded-secrets
    cookieName: 'sid',
  },
  partner: {
    // ruleid: no-hardcoded-secrets
    apiKey: process.env.API_KEY,
    // ok: no-hardcoded-secrets
    apiKeyHeader: 'X-Api-Key',
  },
  // ok: no-hardcoded-secrets
  jwtSecret: process.env.JWT_SECRET || '',
  // ok: no-hardcoded-secrets
  tokenType: 'Bearer',
  // ok: no-hardcoded-secrets
  requestId: '{{fake:uuid}}',
};

function login(user) {
  // ok: no-hardcoded-secrets
  return api.post('/login', { username: user.name, password: user.password });
}

// ok: no-hardcoded-secrets
const refreshToken = 'refreshToken';
