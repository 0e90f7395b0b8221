// Library code: helpers a package exports. Their parameters come from whoever calls them.
const mysql = require('mysql');

const pool = mysql.createPool({ host: 'db', user: 'app' });

module.exports = {
  findByEmail(email, callback) {
    // ruleid: no-sql-injection
    pool.query("SELECT * FROM users WHERE email = '" + email + "'", callback);
  },

  countWhere(table, column, value) {
    // ruleid: no-sql-injection
    return pool.query('SELECT COUNT(*) AS n FROM ' + pool.escapeId(table) + ' WHERE ' + column + ' = ' + pool.escape(value));
  },

  findById(id, callback) {
    // ok: no-sql-injection
    pool.query('SELECT * FROM users WHERE id = ?', [id], callback);
  },

  // A thin wrapper that runs the SQL its caller wrote is an API, not an injection.
  run(sql, params) {
    // ok: no-sql-injection
    return pool.query(sql, params);
  },
};

class Repository {
  constructor(db) {
    this.db = db;
  }

  removeOlderThan(days) {
    // ruleid: no-sql-injection
    return this.db.query(`DELETE FROM sessions WHERE created < now() - interval '${days} days'`);
  }
}

module.exports.Repository = Repository;

// An AppSync direct Lambda resolver's helper, handed the event by a handler in another file: nothing
// in this file says `input` is the caller's data (it is not exported, nor a handler, nor named
// `event`), so the table name built into the DDL is not traced. Known gap.
async function createJoinTable(input) {
  const conn = mysql.createPool({ host: 'db', user: 'app' }).promise();
  const [table, column] = input.arguments[0];
  // todoruleid: no-sql-injection
  await conn.query('CREATE TEMPORARY TABLE ' + table + '_join (seq int, ' + column + ' varchar(100))');
}
