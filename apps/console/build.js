// Bundles the console (Preact, TSX) into static files the API serves at /console (dist/console).
// Assets carry a content hash in their names (cached for a year); index.html is never cached.
//   node apps/console/build.js
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..', '..');
const outdir = path.join(root, 'dist', 'console');

async function main() {
  fs.rmSync(outdir, { recursive: true, force: true });
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
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) =>
    path.relative(outdir, path.join(root, file)),
  );
  const script = outputs.find((file) => file.endsWith('.js'));
  const style = outputs.find((file) => file.endsWith('.css'));
  const template = fs.readFileSync(path.join(__dirname, 'src', 'index.html'), 'utf8');
  fs.writeFileSync(
    path.join(outdir, 'index.html'),
    template
      .replace('<!--style-->', style ? `<link rel="stylesheet" href="/console/${style}" />` : '')
      .replace('<!--script-->', `<script type="module" src="/console/${script}"></script>`),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
