// Extracting archives: the names inside a zip or tarball are chosen by whoever made it (zip slip).
const fs = require('fs');
const path = require('path');
const unzipper = require('unzipper');
const AdmZip = require('adm-zip');
const tar = require('tar-stream');

function extractUpload(buffer, destination) {
  const stream = unzipper.Parse();
  stream.on('entry', (entry) => {
    const fileName = entry.path;
    // ruleid: no-path-traversal
    entry.pipe(fs.createWriteStream('uploads/complaints/' + fileName));
  });
  stream.end(buffer);
}

function extractAll(file, destination) {
  const zip = new AdmZip(file);
  zip.getEntries().forEach((entry) => {
    // ruleid: no-path-traversal
    fs.writeFileSync(path.join(destination, entry.entryName), entry.getData());
  });
}

function untar(input, destination) {
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    // ruleid: no-path-traversal
    stream.pipe(fs.createWriteStream(path.join(destination, header.name)));
    stream.on('end', next);
  });
  input.pipe(extract);
}

function extractChecked(buffer, destination) {
  const root = path.resolve(destination);
  unzipper.Open.buffer(buffer).then((directory) => {
    directory.files.forEach((file) => file);
  });
  const stream = unzipper.Parse();
  stream.on('entry', (entry) => {
    const target = path.resolve(root, entry.path);
    if (!target.startsWith(root + path.sep)) return entry.autodrain();
    // ok: no-path-traversal
    entry.pipe(fs.createWriteStream(target));
  });
  stream.end(buffer);
}

function extractFlat(file, destination) {
  const zip = new AdmZip(file);
  for (const entry of zip.getEntries()) {
    // ok: no-path-traversal
    fs.writeFileSync(path.join(destination, path.basename(entry.entryName)), entry.getData());
  }
}

module.exports = { extractUpload, extractAll, untar, extractChecked, extractFlat };
