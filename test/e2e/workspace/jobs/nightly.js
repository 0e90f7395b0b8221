// A job that no test opens: its finding appears through the workspace scan.
const { execSync } = require('child_process');

function archive(name) {
  return execSync('tar czf /backups/' + name + '.tgz /srv/data');
}

archive(process.argv[2]);
