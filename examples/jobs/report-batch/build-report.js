// Nightly sales report: runs in an isolated batch job with no network exposure.
const { execSync } = require('child_process');

const day = process.argv[2];
execSync(`pg_dump --table=sales_${day} reports > /tmp/report-${day}.sql`);
console.log('report written for', day);
