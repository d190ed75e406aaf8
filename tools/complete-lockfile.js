// The npm registry reachable here serves no macOS/Windows/other-libc builds of packages' native
// optional dependencies, so `npm install` leaves them out of package-lock.json and `npm ci` then
// refuses the lock ("Missing: … from lock file"). This adds a platform-tagged entry for each such
// package: npm skips them on Linux, and fetches them on the platforms they are for.
//   node tools/complete-lockfile.js && npm ci
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
const platformOf = (name) => {
  const base = name.split('/').pop();
  const os = ['darwin', 'win32', 'linux', 'freebsd', 'android', 'openharmony'].find((o) => base.includes(o));
  const cpu = ['arm64', 'x64', 'ia32', 'ppc64', 's390x', 'loong64', 'riscv64', 'arm'].find((c) =>
    new RegExp(`(^|-)${c}($|-)`).test(base),
  );
  const libc = base.includes('musl') ? 'musl' : os === 'linux' && base.includes('gnu') ? 'glibc' : undefined;
  return { os, cpu, libc };
};

let added = 0;
for (const [where, meta] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os) continue; // not a platform build: leave it to npm
    packages[key] = {
      version: range.replace(/^[\^~]/, ''),
      ...(meta.dev ? { dev: true } : {}),
      optional: true,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc ? { libc: [libc] } : {}),
      os: [os],
    };
    added++;
    console.log(`added ${name}@${packages[key].version} (${where || 'root'})`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} platform entries added`);
