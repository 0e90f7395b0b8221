// A small object-utilities package, in the style of the npm packages with prototype-pollution
// advisories: every exported function receives its arguments from unknown callers.
const splitPath = require('./split-path');

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Recursive merge without a key check: merge({}, JSON.parse('{"__proto__": {"admin": true}}'))
// walks into Object.prototype.
function merge(target, source) {
  for (const key in source) {
    if (isObject(source[key])) {
      if (!isObject(target[key])) target[key] = {};
      merge(target[key], source[key]);
    } else {
      // ruleid: no-prototype-pollution
      target[key] = source[key];
    }
  }
  return target;
}

// set(obj, 'constructor.prototype.admin', true)
function set(obj, path, value) {
  const keys = Array.isArray(path) ? path : path.split('.');
  let current = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    if (current[key] === undefined) current[key] = {};
    current = current[key];
  }
  // ruleid: no-prototype-pollution
  current[keys[keys.length - 1]] = value;
  return obj;
}

function setIn(obj, path, value) {
  const parts = path.split('.');
  const last = parts.pop();
  // ruleid: no-prototype-pollution
  parts.reduce((node, part) => (node[part] = node[part] || {}), obj)[last] = value;
  return obj;
}

function extend(deep, target, ...sources) {
  sources.forEach((source) => {
    Object.keys(source).forEach((key) => {
      if (deep && isObject(source[key]) && isObject(target[key])) {
        extend(deep, target[key], source[key]);
      } else {
        // ruleid: no-prototype-pollution
        target[key] = source[key];
      }
    });
  });
  return target;
}

// The path is split by another module: the segments still come from the caller.
function setDeep(obj, path, value) {
  const segments = splitPath(path, '.');
  let node = obj;
  for (let i = 0; i < segments.length - 1; i++) {
    node = node[segments[i]] = node[segments[i]] || {};
  }
  // ruleid: no-prototype-pollution
  node[segments[segments.length - 1]] = value;
  return obj;
}

// The fixed versions: dangerous keys are skipped, or only own properties are walked into.
function safeMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (isObject(source[key])) {
      if (!isObject(target[key])) target[key] = {};
      safeMerge(target[key], source[key]);
    } else {
      // ok: no-prototype-pollution
      target[key] = source[key];
    }
  }
  return target;
}

function safeSet(obj, path, value) {
  const keys = path.split('.');
  let current = obj;
  for (const key of keys.slice(0, -1)) {
    if (!Object.prototype.hasOwnProperty.call(current, key)) current[key] = {};
    current = current[key];
  }
  // ok: no-prototype-pollution
  current[keys[keys.length - 1]] = value;
  return obj;
}

const FORBIDDEN = /^(?:__proto__|constructor|prototype)$/;
function safeSetIn(obj, path, value) {
  const parts = path.split('.');
  if (parts.some((part) => FORBIDDEN.test(part))) throw new Error('invalid path');
  let node = obj;
  for (const part of parts.slice(0, -1)) node = node[part] = node[part] || {};
  // ok: no-prototype-pollution
  node[parts[parts.length - 1]] = value;
  return obj;
}

// A deep clone writes only into objects it creates: __proto__ there changes the copy, not Object.prototype.
function deepClone(value) {
  if (!isObject(value)) return value;
  const copy = {};
  for (const key in value) {
    // ok: no-prototype-pollution
    copy[key] = deepClone(value[key]);
  }
  return copy;
}

// A grid setter: its keys are indexes picked by the caller, not a path walked through objects.
function setCell(grid, row, column, value) {
  // ok: no-prototype-pollution
  grid[row][column] = value;
  return grid;
}

// Known gaps: the write happens in a helper called with the walked object and key, or on `this`.
function assignKey(object, key, value) {
  // todoruleid: no-prototype-pollution
  object[key] = value;
  return object;
}

function setInRecursively(object, path, value, index = 0) {
  if (index === path.length) return value;
  const key = path[index];
  const next = setInRecursively(object[key] || {}, path, value, index + 1);
  return assignKey(object, key, next);
}

function Mixin() {}
Mixin.prototype.copy = function copy(value, key) {
  if (isObject(value) && isObject(this[key])) mixinInto(this[key], value);
  // todoruleid: no-prototype-pollution
  else this[key] = value;
};
function mixinInto(target, source) {
  Object.keys(source).forEach((key) => Mixin.prototype.copy.call(target, source[key], key));
}

module.exports = { merge, set, setIn, extend, setDeep, setInRecursively, Mixin, mixinInto, safeMerge, safeSet, safeSetIn, deepClone, setCell };
