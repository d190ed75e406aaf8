// Bundles the console (Preact, TSX) into static files the API serves at /console (dist/console).
// Assets carry a content hash in their names (cached for a year); index.html is never cached.
//   node apps/console/build.js
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..', '..');
const outdir = path.join(root, 'dist', 'console');

/** Replaces a file whole (write aside, then rename): a reader never sees it half written. */
function writeAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(aside, contents);
  fs.renameSync(aside, file);
}

// The folder is never emptied first: a service (or a browser test) serving it meanwhile, or another
// build running at the same time, always finds a whole index.html and the assets it names. Only
// assets no longer named are removed, after the new page is in place.
async function main() {
  const result = await esbuild.build({
    entryPoints: { app: path.join(__dirname, 'src', 'main.tsx') },
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    target: ['es2020'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: path.join(outdir, 'assets'),
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const outputs = Object.keys(result.metafile.outputs).map((file) =>
    path.relative(outdir, path.join(root, file)),
  );
  const script = outputs.find((file) => file.endsWith('.js'));
  const style = outputs.find((file) => file.endsWith('.css'));
  const template = fs.readFileSync(path.join(__dirname, 'src', 'index.html'), 'utf8');
  writeAtomically(
    path.join(outdir, 'index.html'),
    template
      .replace('<!--style-->', style ? `<link rel="stylesheet" href="/console/${style}" />` : '')
      .replace('<!--script-->', `<script type="module" src="/console/${script}"></script>`),
  );
  const named = new Set(result.outputFiles.map((file) => path.basename(file.path)));
  for (const name of fs.readdirSync(path.join(outdir, 'assets'))) {
    if (!named.has(name) && !name.endsWith('.tmp')) {
      fs.rmSync(path.join(outdir, 'assets', name), { force: true });
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
