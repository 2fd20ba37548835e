#!/usr/bin/env node
// Lints BPMN files with bpmnlint (+ camunda-compat, Camunda 7.24) using .bpmnlintrc next to this script.
// Arguments: files and/or directories (directories are searched recursively for *.bpmn).
// An unexpanded glob, a missing path or zero BPMN files in total is a failure, never a silent pass.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

function findBpmn(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...findBpmn(full));
    } else if (entry.isFile() && entry.name.endsWith('.bpmn')) {
      found.push(full);
    }
  }
  return found;
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('lint: no file or directory given');
  process.exit(2);
}

const files = [];
let bad = false;
for (const arg of args) {
  const p = path.resolve(arg);
  let stat;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    console.error(`lint: ${arg}: no such file or directory (unmatched glob?)`);
    bad = true;
    continue;
  }
  if (stat.isDirectory()) {
    files.push(...findBpmn(p));
  } else {
    files.push(p);
  }
}
if (bad) {
  process.exit(2);
}

const unique = [...new Set(files)].sort();
if (unique.length === 0) {
  console.error(`lint: no .bpmn files found in: ${args.join(' ')}`);
  process.exit(2);
}

console.log(`bpmnlint: checking ${unique.length} file(s):`);
for (const f of unique) {
  const rel = path.relative(process.cwd(), f);
  console.log(`  ${rel.startsWith('..') ? f : rel}`);
}

const bin = path.join(__dirname, 'node_modules', 'bpmnlint', 'bin', 'bpmnlint.js');
const result = spawnSync(process.execPath,
  [bin, '--config', path.join(__dirname, '.bpmnlintrc'), ...unique],
  { cwd: __dirname, stdio: 'inherit' });

if (result.error) {
  console.error(`lint: could not run bpmnlint: ${result.error.message}`);
  process.exit(2);
}
if (result.status !== 0) {
  console.error(`lint: FAILED (bpmnlint exit ${result.status === null ? result.signal : result.status})`);
  process.exit(result.status || 1);
}
console.log('lint: OK');
