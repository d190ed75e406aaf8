import { parseArgs } from 'node:util';
import { JwtService } from '@nestjs/jwt';
import { ROLES, Role } from '@ledger/domain';
import { readConfig, resolveAuthSecret } from '@ledger/platform';

/**
 * `npm run token -- --sub <employeeId> --ric <ric> --role <ROLE> [--role <ROLE2>] [--ttl 12h]`
 * prints a bearer token the server started from the same folder accepts.
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      ric: { type: 'string' },
      role: { type: 'string', multiple: true },
      ttl: { type: 'string', default: '12h' },
    },
  });
  const roles = values.role ?? [];
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (!values.sub || !values.ric || roles.length === 0 || bad.length > 0) {
    console.error(
      `usage: npm run token -- --sub <employeeId> --ric <ric> --role <${ROLES.join('|')}> [--role ...] [--ttl 12h]` +
        (bad.length ? `\nunknown role(s): ${bad.join(', ')}` : ''),
    );
    process.exit(2);
  }
  const config = readConfig();
  const jwt = new JwtService({ secret: resolveAuthSecret(config.authSecret, config.dataDir) });
  const token = jwt.sign(
    { sub: values.sub, ric: values.ric, roles: roles as Role[] },
    { algorithm: 'HS256', expiresIn: values.ttl as never },
  );
  process.stdout.write(`${token}\n`);
}

main();
