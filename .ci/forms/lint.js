#!/usr/bin/env node
// Lints the process owner's forms and decision tables (README "Forms and decision tables lint"):
// - forms/*.form against form-js-schema-16.json (the properties form-js reads at schemaVersion 16, the version the
//   Camunda 7.24 Tasklist renders: `suffixAdorner`, not `suffixAdornment`), plus: the form id is the file name,
//   component ids and keys are unique;
// - dmn/*.dmn with dmnlint (recommended rules; it parses with dmn-moddle, so malformed DMN fails too), plus: every
//   decision has camunda:historyTimeToLive and camunda:versionTag, every expression is FEEL.
// Arguments: directories. Zero files in total is a failure, never a silent pass.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const Ajv = require('ajv');

const dirs = process.argv.slice(2);
const list = (ext) => dirs.flatMap((d) => fs.existsSync(d) ? fs.readdirSync(d)
  .filter((f) => f.endsWith(ext)).map((f) => path.join(d, f)) : []).sort();
const forms = list('.form');
const dmns = list('.dmn');
if (forms.length === 0 || dmns.length === 0) {
  console.error(`lint: expected forms and decision tables in ${dirs.join(' ')} (found ${forms.length} forms, ${dmns.length} DMN)`);
  process.exit(2);
}

const problems = [];
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, 'form-js-schema-16.json'), 'utf8')));

function walk(components, seen, keys, file) {
  for (const c of components || []) {
    if (seen.has(c.id)) problems.push(`${file}: component id ${c.id} used twice`);
    seen.add(c.id);
    if (c.key) {
      if (keys.has(c.key)) problems.push(`${file}: key ${c.key} used twice`);
      keys.add(c.key);
    }
    walk(c.components, seen, keys, file);
  }
}

for (const file of forms) {
  let form;
  try {
    form = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`${file}: not JSON: ${e.message}`);
    continue;
  }
  if (!validate(form)) {
    // The most specific messages: the component-level failures, not the "must match then schema" wrappers.
    for (const err of validate.errors.filter((e) => e.keyword !== 'if')) {
      const extra = err.params && err.params.additionalProperty ? ` (${err.params.additionalProperty})` : '';
      problems.push(`${file}: ${err.instancePath || '/'} ${err.message}${extra}`);
    }
  }
  if (form.id !== path.basename(file, '.form')) problems.push(`${file}: id ${form.id} is not the file name`);
  walk(form.components, new Set(), new Set(), file);
}
console.log(`form lint: ${forms.length} form(s) against form-js schemaVersion 16`);

for (const file of dmns) {
  const xml = fs.readFileSync(file, 'utf8');
  const decisions = xml.match(/<(?:\w+:)?decision\b[^>]*>/g) || [];
  if (decisions.length === 0) problems.push(`${file}: no decision`);
  for (const d of decisions) {
    const id = (d.match(/\bid="([^"]+)"/) || [])[1];
    if (!/camunda:historyTimeToLive="[^"]+"/.test(d)) problems.push(`${file}: decision ${id} has no camunda:historyTimeToLive`);
    if (!/camunda:versionTag="[^"]+"/.test(d)) problems.push(`${file}: decision ${id} has no camunda:versionTag`);
  }
  for (const m of xml.matchAll(/expressionLanguage=["']([^"']+)["']/g)) {
    if (!/feel/i.test(m[1])) problems.push(`${file}: expression language ${m[1]} (only FEEL)`);
  }
}
const bin = path.join(__dirname, 'node_modules', 'dmnlint', 'bin', 'dmnlint.js');
const result = spawnSync(process.execPath, [bin, ...dmns.map((f) => path.resolve(f))], { cwd: __dirname, stdio: 'inherit' });
if (result.status !== 0) problems.push(`dmnlint exit ${result.status === null ? result.signal : result.status}`);
console.log(`dmn lint: ${dmns.length} decision file(s)`);

if (problems.length) {
  for (const p of problems) console.error(`  - ${p}`);
  console.error(`lint: FAILED (${problems.length} problem(s))`);
  process.exit(1);
}
console.log('lint: OK');
