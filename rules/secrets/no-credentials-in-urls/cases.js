// Database and queue connections for the orders service.
const { Pool } = require('pg');

// ruleid: no-credentials-in-urls
const pool = new Pool({ connectionString: 'postgres://orders:{{fake:db-password}}@db.internal:5432/orders' });

// ruleid: no-credentials-in-urls
const MONGO_URL = 'mongodb+srv://reporting:{{fake:db-password.2}}@cluster0.abcde.mongodb.net/reports?retryWrites=true';

// ok: no-credentials-in-urls
const local = 'postgres://postgres:postgres@localhost:5432/orders_test';

// ok: no-credentials-in-urls
const templated = `amqp://orders:${process.env.RABBIT_PASSWORD}@rabbit:5672`;

// ok: no-credentials-in-urls
const placeholder = 'redis://default:<password>@cache.internal:6379';

// ok: no-credentials-in-urls
const docs = 'https://user:password@example.com/path';

// ok: no-credentials-in-urls
const noPassword = 'https://deploy@git.internal/acme/api.git';
