import { parseArgs } from 'node:util';
import { JwtService } from '@nestjs/jwt';
import { ROLES, Role } from '@ledger/domain';
import { formatDuration, parseDuration, readConfig, resolveAuthSecret } from '@ledger/platform';

/**
 * `npm run token -- --sub <employeeId> --ric <ric> --role <ROLE> [--role <ROLE2>] [--ttl 8h]`
 * prints a bearer token the server started from the same folder accepts: its lifetime defaults to,
 * and may not exceed, AUTH_MAX_TOKEN_TTL (the server refuses longer ones).
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      ric: { type: 'string' },
      role: { type: 'string', multiple: true },
      ttl: { type: 'string' },
    },
  });
  const config = readConfig();
  const max = config.authMaxTokenTtlSeconds;
  const roles = values.role ?? [];
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  const ttl = values.ttl === undefined ? max : parseDuration(values.ttl);
  const ttlProblem =
    ttl === null
      ? `--ttl must be a duration like 8h, 90m or 3600 (seconds) (got "${values.ttl}")`
      : ttl > max
        ? `--ttl ${values.ttl} is longer than AUTH_MAX_TOKEN_TTL (${formatDuration(max)}); the server would refuse the token`
        : null;
  if (!values.sub || !values.ric || roles.length === 0 || bad.length > 0 || ttlProblem) {
    console.error(
      `usage: npm run token -- --sub <employeeId> --ric <ric> --role <${ROLES.join('|')}> [--role ...] [--ttl ${formatDuration(max)}]` +
        (bad.length ? `\nunknown role(s): ${bad.join(', ')}` : '') +
        (ttlProblem ? `\n${ttlProblem}` : ''),
    );
    process.exit(2);
  }
  const jwt = new JwtService({ secret: resolveAuthSecret(config.authSecret, config.dataDir) });
  const token = jwt.sign(
    { sub: values.sub, ric: values.ric, roles: roles as Role[] },
    { algorithm: 'HS256', expiresIn: ttl! },
  );
  process.stdout.write(`${token}\n`);
}

main();
